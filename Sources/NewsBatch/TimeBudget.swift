import Foundation

/// Runs work with a wall-clock budget. Stages are synchronous code that cannot be stopped from
/// outside, so the work runs on its own thread: when the budget runs out the caller gets
/// `nil` at once and goes on, and the abandoned thread finishes (or not) on its own, its result
/// thrown away. Pipelines also check the budget between stages, so well-behaved stages stop
/// soon after it.
enum TimeBudget {
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
