import Foundation

/// The budget of the work in progress, which stages' long loops check so that a document past
/// its time budget, or a run asked to stop, ends promptly.
///
/// The pipeline sets the document's deadline around each stage. A stage with a loop over
/// tokens, sentences or matches checks ``isExhausted`` every few thousand steps (cheap: a
/// task-local read and a clock read) and, when it is true, returns what it has; the pipeline
/// then discards the stage's output and fails the document with
/// ``StageFailure/Reason/timeBudgetExceeded(seconds:)``.
///
/// ```swift
/// for (index, token) in tokens.enumerated() {
///     if index % 4096 == 0, WorkBudget.isExhausted { break }
///     …
/// }
/// ```
public enum WorkBudget {
    /// The deadline of the document being annotated on this task or thread, if any.
    @TaskLocal public static var deadline: ContinuousClock.Instant?

    private static let stopRequested = OnceFlag()

    /// Whether the current document's time budget has run out, or the whole run was asked to
    /// stop (``requestStop()``).
    public static var isExhausted: Bool {
        if stopRequested.isSet { return true }
        guard let deadline else { return false }
        return ContinuousClock.now > deadline
    }

    /// Whether ``requestStop()`` was called.
    public static var isStopRequested: Bool { stopRequested.isSet }

    /// Asks every document in flight to stop at its next check (a termination signal); their
    /// stages fail with ``StageFailure/Reason/stopped``.
    public static func requestStop() { stopRequested.set() }
}

/// A flag that is set once and read from any thread: the stop request of ``WorkBudget``, and
/// the command line's interrupt flag. (A lock rather than `Atomic`, which needs macOS 15.)
public final class OnceFlag: @unchecked Sendable {
    private let lock = NSLock()
    private var value = false

    /// Creates an unset flag.
    public init() {}

    /// Whether the flag was set.
    public var isSet: Bool {
        lock.lock()
        defer { lock.unlock() }
        return value
    }

    /// Sets the flag; it stays set.
    public func set() {
        lock.lock()
        value = true
        lock.unlock()
    }
}
