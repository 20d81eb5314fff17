import Foundation

/// A safety net under the document's time budget. The pipeline passes the deadline to the
/// stages (``WorkBudget``), whose long loops stop within a few thousand tokens of it, and
/// external programs are killed at it, so a document normally fails on time with
/// "time budget exceeded after N s" from the stage it was in. Code that checks nothing (a
/// third-party stage in Swift) cannot be stopped from outside, so the work runs on its own
/// thread: when the budget and a grace period have run out, the caller gets `nil` and goes on,
/// and the abandoned thread finishes (or not) on its own, its result thrown away.
enum TimeBudget {
    /// The wall-clock limit of the safety net for a document budget of `seconds`: the budget
    /// plus a grace period of the budget itself, at least 2 s and at most 30 s.
    static func safetyNet(for seconds: Double) -> Double { seconds + min(30, max(2, seconds)) }

    static func run<Value: Sendable>(seconds: Double, _ body: @escaping @Sendable () -> Value) -> Value? {
        let box = ResultBox<Value>()
        let done = DispatchSemaphore(value: 0)
        Thread.detachNewThread {
            box.set(body())
            done.signal()
        }
        guard done.wait(timeout: .now() + seconds) == .success else { return nil }
        return box.get()
    }
}

private final class ResultBox<Value: Sendable>: @unchecked Sendable {
    private let lock = NSLock()
    private var value: Value?
    func set(_ newValue: Value) {
        lock.lock()
        value = newValue
        lock.unlock()
    }
    func get() -> Value? {
        lock.lock()
        defer { lock.unlock() }
        return value
    }
}
