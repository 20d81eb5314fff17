import Foundation

/// Runs work items on several threads and hands their results back in input order, with at
/// most `window` items taken but not yet handed back, so memory stays bounded however long
/// the input is.
package final class OrderedParallel<Input, Output>: @unchecked Sendable {
    // Everything below is guarded by `condition`.
    private let condition = NSCondition()
    private var nextIndex = 0
    private var emitIndex = 0
    private var finished: [Int: Output] = [:]
    private var exhausted = false
    private var runningWorkers = 0

    /// - Parameters:
    ///   - workers: Threads doing `work` (1 or more).
    ///   - window: Items in flight at most (at least `workers`).
    ///   - next: The next input, or `nil` when there is none (called under a lock, one at a time).
    ///   - work: Turns an input into a result, on a worker thread.
    ///   - emit: Receives the results in input order, on the calling thread.
    package static func run(workers: Int, window: Int, chunk: Int = 8, next: @escaping @Sendable () -> Input?, work: @escaping @Sendable (Input) -> Output, emit: (Output) -> Void) {
        let runner = OrderedParallel<Input, Output>()
        let workers = max(1, workers)
        // Workers take a few inputs at a time: with small documents, one lock round-trip per
        // document would cost more than the document.
        let chunk = max(1, chunk)
        let window = max(window, workers * chunk * 2)
        runner.runningWorkers = workers
        for _ in 0..<workers {
            Thread.detachNewThread {
                while true {
                    runner.condition.lock()
                    while !runner.exhausted && runner.nextIndex - runner.emitIndex + chunk > window { runner.condition.wait() }
                    var taken: [(Int, Input)] = []
                    while !runner.exhausted && taken.count < chunk {
                        guard let input = next() else {
                            runner.exhausted = true
                            break
                        }
                        taken.append((runner.nextIndex, input))
                        runner.nextIndex += 1
                    }
                    if taken.isEmpty {
                        runner.runningWorkers -= 1
                        runner.condition.broadcast()
                        runner.condition.unlock()
                        return
                    }
                    runner.condition.unlock()
                    let outputs = taken.map { ($0.0, work($0.1)) }
                    runner.condition.lock()
                    for (index, output) in outputs { runner.finished[index] = output }
                    runner.condition.broadcast()
                    runner.condition.unlock()
                }
            }
        }
        while true {
            runner.condition.lock()
            while runner.finished[runner.emitIndex] == nil && !(runner.exhausted && runner.runningWorkers == 0 && runner.emitIndex >= runner.nextIndex) {
                runner.condition.wait()
            }
            guard let output = runner.finished.removeValue(forKey: runner.emitIndex) else {
                runner.condition.unlock()
                return
            }
            runner.emitIndex += 1
            runner.condition.broadcast()
            runner.condition.unlock()
            emit(output)
        }
    }
}
