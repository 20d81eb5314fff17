import Foundation
public import NewsAnnotation
public import NewsIngest

/// Annotates many inputs, one at a time, so that one bad input never stops or corrupts the
/// others: each document either yields complete output or a failure with a message.
public struct BatchRunner: Sendable {
    /// Where annotated JSON goes.
    public enum Destination: Sendable {
        /// One JSON document after another (pretty), or one line per document (compact).
        case standardOutput
        /// One file per document under this directory, written atomically.
        case directory(String)
    }

    /// A document that could not be annotated.
    public struct Failure: Error, Sendable, CustomStringConvertible {
        /// The input's path, or `nil` for standard input.
        public var path: String?
        /// What went wrong, as one line.
        public var message: String
        public var description: String { message }
    }

    /// What a run did.
    public struct Summary: Sendable {
        /// Documents annotated and written.
        public var succeeded = 0
        /// Inputs skipped because their output was up to date (`resume`).
        public var skipped = 0
        /// Whether the run stopped early on request.
        public var interrupted = false
        /// Inputs that failed, with their messages.
        public var failures: [Failure] = []
        /// Bytes read from the inputs that succeeded.
        public var bytes = 0
    }

    /// Reads inputs.
    public let ingestor: Ingestor
    /// Annotates documents.
    public let pipeline: Pipeline
    /// How documents are laid out.
    public let style: AnnotatedJSON.Style
    /// Seconds each document may take, ingest included; `nil` for no limit.
    public var timeBudget: Double?
    /// Diagnostic ids that turn a document into a failure (`--strict`: recovered input).
    public var failingDiagnostics: Set<String> = []

    /// The ingest diagnostics that mean the input was damaged and recovered.
    public static let recoveryDiagnostics: Set<String> = [
        "decoded_as_windows_1252", "invalid_utf8_replaced", "html_flattened", "html_recovered", "html_truncated", "undecodable_bytes", "unknown_declared_encoding",
    ]

    /// Creates a runner.
    public init(ingestor: Ingestor, pipeline: Pipeline, style: AnnotatedJSON.Style) {
        self.ingestor = ingestor
        self.pipeline = pipeline
        self.style = style
    }

    /// Reads, annotates and encodes one input.
    ///
    /// - Returns: The annotated document and its JSON bytes.
    /// - Throws: ``Failure`` with a one-line message naming the input.
    public func annotate(_ input: BatchInput, standardInput: @escaping @Sendable () -> [UInt8] = { [] }) throws(Failure) -> (Document, [UInt8]) {
        guard let timeBudget else { return try annotateNow(input, standardInput: standardInput) }
        let runner = self
        let outcome = TimeBudget.run(seconds: TimeBudget.safetyNet(for: timeBudget)) { () -> Result<(Document, [UInt8]), Failure> in
            do throws(Failure) {
                return .success(try runner.annotateNow(input, standardInput: standardInput))
            } catch {
                return .failure(error)
            }
        }
        guard let outcome else {
            let name = input.path.map { "'\($0)'" } ?? "standard input"
            throw Failure(path: input.path, message: "\(name): took longer than its time budget of \(Self.seconds(timeBudget)); abandoned")
        }
        return try outcome.get()
    }

    /// The stage failure reason of an ingest stopped by its budget, the time counted from
    /// `began`, when the budget began (before the file was read).
    static func interruption(_ error: IngestError, since began: ContinuousClock.Instant) -> StageFailure.Reason? {
        guard case .timeBudgetExceeded? = error.interruption else { return error.interruption }
        let elapsed = ContinuousClock.now - began
        return .timeBudgetExceeded(seconds: Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18)
    }

    static func seconds(_ value: Double) -> String {
        value == value.rounded() ? "\(Int(value)) s" : "\(value) s"
    }

    private func annotateNow(_ input: BatchInput, standardInput: @Sendable () -> [UInt8]) throws(Failure) -> (Document, [UInt8]) {
        let name = input.path.map { "'\($0)'" } ?? "standard input"
        let began = ContinuousClock.now
        do {
            let deadline = timeBudget.map { began + .milliseconds(Int($0 * 1000)) }
            // Ingest is under the budget too: its long loops check it (``WorkBudget``).
            let document = try WorkBudget.$deadline.withValue(deadline) { () throws -> Document in
                if let path = input.path { return try ingestor.ingest(contentsOf: path) }
                return try ingestor.ingest(bytes: standardInput(), id: "stdin", path: nil)
            }
            if let damage = document.diagnostics.first(where: { failingDiagnostics.contains($0.id) }) {
                throw Failure(path: input.path, message: "\(name): \(damage.message) (\(damage.id); --strict)")
            }
            var timings = StageTimings()
            let annotated = try pipeline.annotate(document, timings: &timings, deadline: deadline)
            return (annotated, try AnnotatedJSON.encode(annotated, style: style))
        } catch let error as IngestError {
            if let reason = Self.interruption(error, since: began) {
                // Reported as the stages report theirs: "stage 'ingest' failed on document …".
                let id = input.path.map(Ingestor.documentID(forPath:)) ?? "stdin"
                throw Failure(path: input.path, message: "\(name): \(StageFailure(stage: Ingestor.stageID, document: id, reason: reason).description)")
            }
            throw Failure(path: input.path, message: error.description)
        } catch let failure as Failure {
            throw failure
        } catch let error as StageFailure {
            throw Failure(path: input.path, message: "\(name): \(error.description)")
        } catch {
            throw Failure(path: input.path, message: "\(name): \(error)")
        }
    }

    /// How a run is carried out.
    public struct RunOptions: Sendable {
        /// Threads annotating at once; the output is the same for any number.
        public var jobs: Int
        /// Skip inputs whose output file exists and was made from the same bytes by the same
        /// pipeline (directory destinations only).
        public var resume: Bool
        /// Called when no new input should be started (an interrupt); inputs already started finish.
        public var shouldStop: @Sendable () -> Bool

        /// Creates options: one job per core, no resume.
        public init(jobs: Int? = nil, resume: Bool = false, shouldStop: @escaping @Sendable () -> Bool = { false }) {
            self.jobs = jobs ?? ProcessInfo.processInfo.activeProcessorCount
            self.resume = resume
            self.shouldStop = shouldStop
        }
    }

    /// What happened to one input.
    public enum Outcome: Sendable {
        case annotated(bytes: Int)
        case skipped
        case failed(Failure)
    }

    /// Annotates the inputs on `options.jobs` threads and writes each result as soon as it
    /// and every input before it are done, so output order is input order.
    ///
    /// - Parameters:
    ///   - inputs: The inputs, in order.
    ///   - destination: Standard output or a directory (files written atomically).
    ///   - write: Writes bytes to standard output (the CLI passes its own writer).
    ///   - report: Called with each input's outcome, in input order.
    public func run(
        _ inputs: [BatchInput], to destination: Destination, options: RunOptions = RunOptions(),
        standardInput: @escaping @Sendable () -> [UInt8] = { [] },
        write: ([UInt8]) -> Void, report: (BatchInput, Outcome) -> Void
    ) -> Summary {
        // Two inputs with the same output name would overwrite each other: the later ones fail.
        var owner: [String: String] = [:]
        var collisions: [Int: Failure] = [:]
        if case .directory = destination {
            for (index, input) in inputs.enumerated() {
                if let other = owner[input.outputName] {
                    collisions[index] = Failure(path: input.path, message: "'\(input.path ?? "-")': its output \(input.outputName).json would overwrite the output of '\(other)'")
                } else {
                    owner[input.outputName] = input.path ?? "-"
                }
            }
        }
        if case .directory(let directory) = destination { Self.removePartialFiles(under: directory) }
        let state = InputCursor(inputs)
        let versions = pipelineVersions
        let collided = collisions
        var summary = Summary()
        OrderedParallel<(Int, BatchInput), (BatchInput, Outcome, [UInt8]?)>.run(
            workers: options.jobs, window: max(4, options.jobs * 4),
            next: { options.shouldStop() ? nil : state.next() },
            work: { index, input in
                if let collision = collided[index] { return (input, .failed(collision), nil) }
                if case .directory(let directory) = destination, options.resume, let path = input.path,
                   Self.isUpToDate(output: directory + "/" + input.outputName + ".json", input: path, versions: versions) {
                    return (input, .skipped, nil)
                }
                do {
                    let (document, bytes) = try annotate(input, standardInput: standardInput)
                    if case .directory(let directory) = destination {
                        try Self.writeAtomically(bytes, to: directory + "/" + input.outputName + ".json")
                        return (input, .annotated(bytes: document.source?.bytes ?? 0), nil)
                    }
                    return (input, .annotated(bytes: document.source?.bytes ?? 0), bytes)
                } catch let failure as Failure {
                    return (input, .failed(failure), nil)
                } catch {
                    return (input, .failed(Failure(path: input.path, message: "\(input.path ?? "-"): \(error)")), nil)
                }
            },
            emit: { input, outcome, bytes in
                if let bytes { write(bytes) }
                switch outcome {
                case .annotated(let size):
                    summary.succeeded += 1
                    summary.bytes += size
                case .skipped:
                    summary.skipped += 1
                case .failed(let failure):
                    summary.failures.append(failure)
                }
                report(input, outcome)
            })
        summary.interrupted = options.shouldStop()
        return summary
    }

    /// Annotates every input in order (compatibility form of ``run(_:to:options:standardInput:write:report:)``
    /// that reports failures only).
    public func run(
        _ inputs: [BatchInput], to destination: Destination, standardInput: @escaping @Sendable () -> [UInt8] = { [] },
        write: ([UInt8]) -> Void, report: (Failure) -> Void
    ) -> Summary {
        run(inputs, to: destination, options: RunOptions(jobs: 1), standardInput: standardInput, write: write) { _, outcome in
            if case .failed(let failure) = outcome { report(failure) }
        }
    }

    /// The stage ids and versions a document made by this runner lists under `pipeline`.
    public var pipelineVersions: [String] {
        ["\(Ingestor.stageID)@\(Ingestor.version)"] + pipeline.stages.map { "\($0.descriptor.id)@\($0.descriptor.version)" }
    }

    /// Whether `output` is a complete annotation of the bytes now at `input`, by this pipeline.
    static func isUpToDate(output: String, input: String, versions: [String]) -> Bool {
        guard let data = FileManager.default.contents(atPath: output),
              let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
              let source = object["source"] as? [String: Any], let hash = source["sha256"] as? String,
              let stages = object["pipeline"] as? [[String: Any]],
              let bytes = FileManager.default.contents(atPath: input) else { return false }
        let recorded = stages.map { "\($0["stage"] as? String ?? "")@\($0["version"] as? String ?? "")" }
        return recorded == versions && hash == Ingestor.sha256(of: [UInt8](bytes))
    }

    /// The suffix of the temporary files outputs are written through.
    static let partialSuffix = ".news-annotate-partial"

    /// Writes through a temporary file in the same directory (`.<name>.news-annotate-partial`)
    /// and renames it into place, so a reader never sees half a file. A run killed while
    /// writing leaves only such a hidden file, which the next run removes.
    public static func writeAtomically(_ bytes: [UInt8], to path: String) throws(Failure) {
        // Plain system calls: one mkdir, open, write, close and rename per file. Foundation's
        // Data.write adds a dozen stats, an fsync and xattr copies per file (issue #22). The
        // rename keeps readers from ever seeing a partial file; it is not an fsync.
        let slash = path.lastIndex(of: "/")
        let directory = slash.map { String(path[..<$0]) } ?? ""
        let name = slash.map { String(path[path.index(after: $0)...]) } ?? path
        let temporary = (directory.isEmpty ? "" : directory + "/") + "." + name + partialSuffix
        if !directory.isEmpty, mkdir(directory, 0o755) != 0, errno != EEXIST {
            do {
                try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
            } catch {
                throw Failure(path: path, message: "cannot write '\(path)': \(Self.reason(error))")
            }
        }
        let descriptor = open(temporary, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { throw Failure(path: path, message: "cannot write '\(path)': \(String(cString: strerror(errno)))") }
        var failure: Int32 = 0
        bytes.withUnsafeBytes { buffer in
            var written = 0
            while written < buffer.count, let base = buffer.baseAddress {
                let count = write(descriptor, base + written, buffer.count - written)
                if count < 0 {
                    if errno == EINTR { continue }
                    failure = errno
                    return
                }
                written += count
            }
        }
        if close(descriptor) != 0, failure == 0 { failure = errno }
        guard failure == 0 else {
            unlink(temporary)
            throw Failure(path: path, message: "cannot write '\(path)': \(String(cString: strerror(failure)))")
        }
        guard rename(temporary, path) == 0 else {
            let reason = String(cString: strerror(errno))
            unlink(temporary)
            throw Failure(path: path, message: "cannot write '\(path)': \(reason)")
        }
    }

    /// Removes temporary files a killed run left under `directory`.
    public static func removePartialFiles(under directory: String) {
        guard let enumerator = FileManager.default.enumerator(atPath: directory) else { return }
        while let relative = enumerator.nextObject() as? String {
            if relative.hasSuffix(partialSuffix) { try? FileManager.default.removeItem(atPath: directory + "/" + relative) }
        }
    }

    private static func reason(_ error: any Error) -> String {
        let error = error as NSError
        if let underlying = error.userInfo[NSUnderlyingErrorKey] as? NSError, underlying.domain == NSPOSIXErrorDomain {
            return String(cString: strerror(Int32(underlying.code)))
        }
        return error.localizedDescription
    }
}

/// Hands out inputs one at a time with their index (under the parallel runner's lock).
private final class InputCursor: @unchecked Sendable {
    private let inputs: [BatchInput]
    private var index = 0
    init(_ inputs: [BatchInput]) { self.inputs = inputs }
    func next() -> (Int, BatchInput)? {
        guard index < inputs.count else { return nil }
        defer { index += 1 }
        return (index, inputs[index])
    }
}
