import Foundation
import NewsAnnotation
import NewsBatch
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Set once Ctrl-C arrives: no new document starts, the ones in flight finish.
final class InterruptFlag: @unchecked Sendable {
    private let flag = OnceFlag()
    /// The signal sources that set the flag; they live as long as it does (set once, before
    /// any signal can arrive).
    fileprivate var sources: [any DispatchSourceSignal] = []
    var isSet: Bool { flag.isSet }
    func set() { flag.set() }
}

extension Terminal {
    /// Ctrl-C (SIGINT) stops new documents from starting and lets the ones in flight finish;
    /// SIGTERM (`timeout`, `kill`, a scheduler) also stops the documents in flight at their
    /// stages' next budget check (``WorkBudget``), so the run ends within moments, every
    /// written output whole and the stopped documents reported as failed. A second signal
    /// exits at once.
    static func installInterruptHandler() -> InterruptFlag {
        let flag = InterruptFlag()
        for number in [SIGINT, SIGTERM] {
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            source.setEventHandler {
                if flag.isSet { exit(130) }
                flag.set()
                if number == SIGTERM {
                    WorkBudget.requestStop()
                    FileHandle.standardError.write(Data("\nnews-annotate: terminated; stopping the documents in flight\n".utf8))
                } else {
                    FileHandle.standardError.write(Data("\nnews-annotate: interrupted; finishing the documents in flight (interrupt again to stop now)\n".utf8))
                }
            }
            source.resume()
            flag.sources.append(source)
        }
        return flag
    }

    static var isInteractive: Bool { isatty(STDERR_FILENO) != 0 }
}

/// One JSON line per failed input, appended as failures happen.
final class ErrorLog: @unchecked Sendable {
    private let handle: FileHandle

    struct CreationError: Error, CustomStringConvertible {
        var description: String
    }

    init(path: String) throws {
        guard FileManager.default.createFile(atPath: path, contents: nil) else {
            throw CreationError(description: "cannot create the error report '\(path)'")
        }
        handle = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
    }

    func record(path: String?, id: String?, message: String) {
        var object: [String: String] = ["message": message]
        if let path { object["path"] = path }
        if let id { object["id"] = id }
        guard let data = try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes]) else { return }
        handle.write(data + Data("\n".utf8))
    }
}

/// A live progress line on standard error when it is a terminal.
final class Progress: @unchecked Sendable {
    private let total: Int
    private let isEnabled: Bool
    private let started = Date()
    private var done = 0
    private var failed = 0
    private var bytes = 0
    private var lastDrawn = Date.distantPast

    init(total: Int, isEnabled: Bool) {
        self.total = total
        self.isEnabled = isEnabled
    }

    func advance(_ outcome: BatchRunner.Outcome) {
        done += 1
        switch outcome {
        case .annotated(let size): bytes += size
        case .failed: failed += 1
        case .skipped: break
        }
        guard isEnabled, Date().timeIntervalSince(lastDrawn) > 0.2 || done == total else { return }
        lastDrawn = Date()
        let elapsed = max(Date().timeIntervalSince(started), 0.001)
        let rate = Double(done) / elapsed
        let eta = rate > 0 ? Double(total - done) / rate : 0
        let line = String(format: "\r%d/%d documents, %.1f docs/s, %.2f MB/s, %d failed, ETA %.0f s ", done, total, rate, Double(bytes) / 1_000_000 / elapsed, failed, eta)
        FileHandle.standardError.write(Data(line.utf8))
    }

    func clear() {
        guard isEnabled, done > 0 else { return }
        FileHandle.standardError.write(Data("\r\u{1B}[K".utf8))
    }
}
