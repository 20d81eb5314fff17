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
    var isSet: Bool { flag.isSet }
    func set() { flag.set() }
}

/// The pipe a signal handler writes the signal's number to: writing is all a handler may safely
/// do; a thread reads the pipe and acts. Made before any handler is installed.
private let signalPipe: (read: Int32, write: Int32) = {
    var ends: [Int32] = [-1, -1]
    _ = ends.withUnsafeMutableBufferPointer { pipe($0.baseAddress!) }
    return (ends[0], ends[1])
}()

/// The C handler of SIGINT and SIGTERM: one byte, the signal's number, into `signalPipe`.
private func forwardSignal(_ number: Int32) {
    var byte = UInt8(truncatingIfNeeded: number)
    _ = write(signalPipe.write, &byte, 1)
}

extension Terminal {
    /// Ctrl-C (SIGINT) stops new documents from starting and lets the ones in flight finish;
    /// SIGTERM (`timeout`, `kill`, a scheduler) also stops the documents in flight at their
    /// stages' next budget check (``WorkBudget``), so the run ends within moments, every
    /// written output whole and the stopped documents reported as failed. A second signal
    /// exits at once.
    ///
    /// The handlers are plain C handlers that write to a pipe, installed at once: no signal that
    /// arrives after this call returns is lost (a dispatch signal source registers later, on
    /// its own queue, and a signal in between would be ignored).
    static func installInterruptHandler() -> InterruptFlag {
        let flag = InterruptFlag()
        let ends = signalPipe
        Thread.detachNewThread {
            var byte: UInt8 = 0
            while read(ends.read, &byte, 1) == 1 {
                if flag.isSet { exit(130) }
                flag.set()
                if Int32(byte) == SIGTERM {
                    WorkBudget.requestStop()
                    FileHandle.standardError.write(Data("\nnews-annotate: terminated; stopping the documents in flight\n".utf8))
                } else {
                    FileHandle.standardError.write(Data("\nnews-annotate: interrupted; finishing the documents in flight (interrupt again to stop now)\n".utf8))
                }
            }
        }
        // A parent may start us with these signals blocked (the mask survives exec): unblock
        // them on this thread, which every later thread inherits.
        var signals = sigset_t()
        sigemptyset(&signals)
        for number in [SIGINT, SIGTERM] {
            sigaddset(&signals, number)
            signal(number, forwardSignal)
        }
        pthread_sigmask(SIG_UNBLOCK, &signals, nil)
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
