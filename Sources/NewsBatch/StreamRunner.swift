import Foundation
public import NewsAnnotation
public import NewsIngest

/// Annotates a JSON Lines stream: one request per line in, one line out per request, in the
/// same order, carrying the request's `id` — the form that Spark's `RDD.pipe`, Hadoop
/// Streaming or a shell pipeline drives.
///
/// A request is `{"id": …, "text": …}` or `{"id": …, "html": …}`, with optional `published`,
/// `url` and `language`. The reply is the annotated document on one line, or
/// `{"id": …, "error": "…"}` when that request cannot be annotated; a bad request never
/// stops the stream.
public struct StreamRunner: Sendable {
    /// Reads the text or HTML of requests.
    public let ingestor: Ingestor
    /// Annotates documents.
    public let pipeline: Pipeline
    /// Seconds each request may take; `nil` for no limit.
    public var timeBudget: Double?
    /// Diagnostic ids that turn a request into an error reply (`--strict`).
    public var failingDiagnostics: Set<String> = []

    /// Creates a runner.
    public init(ingestor: Ingestor, pipeline: Pipeline) {
        self.ingestor = ingestor
        self.pipeline = pipeline
    }

    /// What a stream run did.
    public struct Summary: Sendable {
        public var succeeded = 0
        public var failed = 0
        public var bytes = 0
    }

    /// Annotates every line that `next` returns, on `jobs` threads, writing replies in order.
    ///
    /// - Parameters:
    ///   - next: The next request line, or `nil` at the end of the stream.
    ///   - write: Writes one reply line (with its newline).
    ///   - report: Called with each request's id and error, in order, for failures.
    public func run(jobs: Int, next: @escaping @Sendable () -> [UInt8]?, shouldStop: @escaping @Sendable () -> Bool = { false },
                    write: ([UInt8]) -> Void, report: (String, String) -> Void) -> Summary {
        var summary = Summary()
        let counter = LineCounter()
        OrderedParallel<(Int, [UInt8]), (reply: [UInt8], id: String, error: String?, bytes: Int)>.run(
            workers: jobs, window: max(4, jobs * 4),
            next: {
                if shouldStop() { return nil }
                // Blank lines carry no request, but count: `line-N` is the N-th line of the stream.
                while let line = next() {
                    let number = counter.next()
                    if line.contains(where: { $0 != 0x20 && $0 != 0x09 && $0 != 0x0D }) { return (number, line) }
                }
                return nil
            },
            work: { number, line in annotate(line: line, number: number) },
            emit: { reply in
                write(reply.reply)
                if let error = reply.error {
                    summary.failed += 1
                    report(reply.id, error)
                } else {
                    summary.succeeded += 1
                    summary.bytes += reply.bytes
                }
            })
        return summary
    }

    /// Annotates one request line; never throws: a failure becomes an error reply.
    public func annotate(line: [UInt8], number: Int) -> (reply: [UInt8], id: String, error: String?, bytes: Int) {
        guard let timeBudget else { return annotateNow(line: line, number: number) }
        let runner = self
        if let result = TimeBudget.run(seconds: TimeBudget.safetyNet(for: timeBudget), { runner.annotateNow(line: line, number: number) }) { return result }
        let id = (try? JSONValue(parsing: Data(line)))?.objectValue?["id"]?.stringValue ?? "line-\(number)"
        let message = "took longer than its time budget of \(BatchRunner.seconds(timeBudget)); abandoned"
        let reply = (try? AnnotatedJSON.encode(value: ErrorReply(id: id, error: message), style: .compact)) ?? []
        return (reply, id, message, 0)
    }

    private func annotateNow(line: [UInt8], number: Int) -> (reply: [UInt8], id: String, error: String?, bytes: Int) {
        var id = "line-\(number)"
        func failure(_ message: String) -> (reply: [UInt8], id: String, error: String?, bytes: Int) {
            let reply = (try? AnnotatedJSON.encode(value: ErrorReply(id: id, error: message), style: .compact)) ?? Array("{\"error\": \"internal\"}\n".utf8)
            return (reply, id, message, 0)
        }
        guard let request = (try? JSONValue(parsing: Data(line)))?.objectValue else {
            return failure("line \(number): not a JSON object")
        }
        // An id may be a string or a number; a number is written as JSON writes it (7, 7.5, 1e+20).
        if let given = request["id"] {
            switch given {
            case .string(let text): id = text
            case .number: id = given.description
            default: break
            }
        }
        var options = ingestor.options
        let body: String
        if let text = request["text"]?.stringValue {
            body = text
            options.mediaType = .text
        } else if let html = request["html"]?.stringValue {
            body = html
            options.mediaType = .html
        } else {
            return failure("line \(number): the request has neither \"text\" nor \"html\"")
        }
        if let language = request["language"]?.stringValue {
            options.language = language
            options.overridesLanguage = true
        }
        if let published = request["published"]?.stringValue {
            guard let normalized = Ingestor.normalizedDate(published) else { return failure("line \(number): \"published\" is not an ISO 8601 date: '\(published)'") }
            options.published = normalized
        }
        do {
            let deadline = timeBudget.map { ContinuousClock.now + .milliseconds(Int($0 * 1000)) }
            var document = try ingestor.with(options: options).ingest(bytes: Array(body.utf8), id: id, path: nil)
            if let url = request["url"]?.stringValue, document.metadata.url == nil { document.metadata.url = url }
            if let damage = document.diagnostics.first(where: { failingDiagnostics.contains($0.id) }) {
                return failure("\(damage.message) (\(damage.id); --strict)")
            }
            var timings = StageTimings()
            let annotated = try pipeline.annotate(document, timings: &timings, deadline: deadline)
            return (try AnnotatedJSON.encode(annotated, style: .compact), id, nil, body.utf8.count)
        } catch let error as IngestError {
            return failure(error.description)
        } catch let error as StageFailure {
            return failure(error.description)
        } catch {
            return failure("\(error)")
        }
    }

    private struct ErrorReply: Encodable {
        var id: String
        var error: String
    }
}

/// Numbers stream lines (under the parallel runner's lock).
private final class LineCounter: @unchecked Sendable {
    private var count = 0
    func next() -> Int {
        count += 1
        return count
    }
}

/// Reads lines from a file handle as they arrive, without reading the whole stream first.
public final class LineReader: @unchecked Sendable {
    private let handle: FileHandle
    private var buffer: [UInt8] = []
    private var reachedEnd = false
    private let lock = NSLock()

    /// Reads from standard input.
    public init() { self.handle = .standardInput }

    /// Reads from a file (for tests and replays).
    public init(path: String) throws {
        self.handle = try FileHandle(forReadingFrom: URL(fileURLWithPath: path))
    }

    /// The next line without its newline, or `nil` at the end.
    public func next() -> [UInt8]? {
        lock.lock()
        defer { lock.unlock() }
        while true {
            if let newline = buffer.firstIndex(of: UInt8(ascii: "\n")) {
                let line = Array(buffer[..<newline])
                buffer.removeSubrange(...newline)
                return line
            }
            if reachedEnd {
                guard !buffer.isEmpty else { return nil }
                defer { buffer = [] }
                return buffer
            }
            let data = handle.availableData
            if data.isEmpty { reachedEnd = true } else { buffer.append(contentsOf: data) }
        }
    }
}
