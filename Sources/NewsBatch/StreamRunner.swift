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
        run(jobs: jobs, nextLine: { next().map(LineReader.Line.bytes) }, shouldStop: shouldStop, write: write, report: report)
    }

    /// Annotates every line that `nextLine` returns (``LineReader/nextLine()``); a line over
    /// the reader's cap gets an error reply of its own.
    public func run(jobs: Int, nextLine: @escaping @Sendable () -> LineReader.Line?, shouldStop: @escaping @Sendable () -> Bool = { false },
                    write: ([UInt8]) -> Void, report: (String, String) -> Void) -> Summary {
        var summary = Summary()
        let counter = LineCounter()
        OrderedParallel<(Int, LineReader.Line), (reply: [UInt8], id: String, error: String?, bytes: Int)>.run(
            workers: jobs, window: max(4, jobs * 4),
            next: {
                if shouldStop() { return nil }
                // Blank lines carry no request, but count: `line-N` is the N-th line of the stream.
                while let line = nextLine() {
                    let number = counter.next()
                    switch line {
                    case .bytes(let bytes) where !bytes.contains(where: { $0 != 0x20 && $0 != 0x09 && $0 != 0x0D }): continue
                    default: return (number, line)
                    }
                }
                return nil
            },
            work: { number, line in
                switch line {
                case .bytes(let bytes): return annotate(line: bytes, number: number)
                case .tooLong(let bytes): return Self.errorReply(id: "line-\(number)", message: "line \(number): \(bytes) bytes, longer than the limit of a request line; skipped")
                }
            },
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
        let began = ContinuousClock.now
        do {
            let deadline = timeBudget.map { began + .milliseconds(Int($0 * 1000)) }
            // Ingest is under the budget too: its long loops check it (``WorkBudget``).
            let reader = ingestor.with(options: options)
            var document = try WorkBudget.$deadline.withValue(deadline) { try reader.ingest(bytes: Array(body.utf8), id: id, path: nil) }
            if let url = request["url"]?.stringValue, document.metadata.url == nil { document.metadata.url = url }
            if let damage = document.diagnostics.first(where: { failingDiagnostics.contains($0.id) }) {
                return failure("\(damage.message) (\(damage.id); --strict)")
            }
            var timings = StageTimings()
            let annotated = try pipeline.annotate(document, timings: &timings, deadline: deadline)
            return (try AnnotatedJSON.encode(annotated, style: .compact), id, nil, body.utf8.count)
        } catch let error as IngestError {
            if let reason = BatchRunner.interruption(error, since: began) { return failure(StageFailure(stage: Ingestor.stageID, document: id, reason: reason).description) }
            return failure(error.description)
        } catch let error as StageFailure {
            return failure(error.description)
        } catch {
            return failure("\(error)")
        }
    }

    private static func errorReply(id: String, message: String) -> (reply: [UInt8], id: String, error: String?, bytes: Int) {
        let reply = (try? AnnotatedJSON.encode(value: ErrorReply(id: id, error: message), style: .compact)) ?? Array("{\"error\": \"internal\"}\n".utf8)
        return (reply, id, message, 0)
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
///
/// Linear in the stream's length whatever its lines: a search for the next newline resumes
/// where the last one stopped, consumed lines are dropped by moving a start offset (the
/// buffer is compacted only once most of it is consumed), and a line longer than
/// ``maxLineBytes`` is skipped to its newline without being kept, reported as
/// ``Line/tooLong(bytes:)``.
public final class LineReader: @unchecked Sendable {
    /// One line of the stream.
    public enum Line: Sendable, Equatable {
        /// The line's bytes, without the newline.
        case bytes([UInt8])
        /// A line over the cap, skipped; its length in bytes.
        case tooLong(bytes: Int)
    }

    private let read: () -> [UInt8]
    private var buffer: [UInt8] = []
    /// The first byte of the buffer not yet returned.
    private var start = 0
    /// Bytes before this offset hold no newline (from `start` on).
    private var scanned = 0
    /// The length so far of a line over the cap being skipped, if one is.
    private var skipping: Int?
    private var reachedEnd = false
    private let lock = NSLock()
    /// The longest line kept, in bytes; longer ones are skipped.
    public let maxLineBytes: Int

    /// Reads from standard input. The default cap, 96 MiB, holds a request with the largest
    /// document ingest accepts (32 MiB) even when JSON escaping triples it.
    public convenience init(maxLineBytes: Int = 96 << 20) {
        self.init(handle: .standardInput, maxLineBytes: maxLineBytes)
    }

    /// Reads from a file (for tests and replays).
    public convenience init(path: String, maxLineBytes: Int = 96 << 20) throws {
        self.init(handle: try FileHandle(forReadingFrom: URL(fileURLWithPath: path)), maxLineBytes: maxLineBytes)
    }

    private convenience init(handle: FileHandle, maxLineBytes: Int) {
        self.init(maxLineBytes: maxLineBytes) { [UInt8](handle.availableData) }
    }

    /// Reads the chunks `read` returns, until it returns none (for tests).
    init(maxLineBytes: Int, read: @escaping () -> [UInt8]) {
        self.maxLineBytes = max(1, maxLineBytes)
        self.read = read
    }

    /// The next line without its newline, or `nil` at the end; a line over the cap comes back
    /// empty (use ``nextLine()`` to tell it apart).
    public func next() -> [UInt8]? {
        switch nextLine() {
        case .bytes(let line): line
        case .tooLong: []
        case nil: nil
        }
    }

    /// The next line, or `nil` at the end of the stream.
    public func nextLine() -> Line? {
        lock.lock()
        defer { lock.unlock() }
        while true {
            if let newline = buffer[scanned...].firstIndex(of: UInt8(ascii: "\n")) {
                let line: Line
                if let skipped = skipping {
                    line = .tooLong(bytes: skipped + newline - start)
                    skipping = nil
                } else if newline - start > maxLineBytes {
                    line = .tooLong(bytes: newline - start)
                } else {
                    line = .bytes(Array(buffer[start..<newline]))
                }
                start = newline + 1
                scanned = start
                compactIfMostlyConsumed()
                return line
            }
            scanned = buffer.count
            if buffer.count - start > maxLineBytes || skipping != nil {
                // Over the cap: count what is held and let it go.
                skipping = (skipping ?? 0) + buffer.count - start
                buffer.removeAll(keepingCapacity: true)
                start = 0
                scanned = 0
            }
            if reachedEnd {
                if let skipped = skipping {
                    skipping = nil
                    return .tooLong(bytes: skipped + buffer.count - start)
                }
                guard start < buffer.count else { return nil }
                defer { buffer = []; start = 0; scanned = 0 }
                return buffer.count - start > maxLineBytes ? .tooLong(bytes: buffer.count - start) : .bytes(Array(buffer[start...]))
            }
            let chunk = read()
            if chunk.isEmpty { reachedEnd = true } else { buffer.append(contentsOf: chunk) }
        }
    }

    private func compactIfMostlyConsumed() {
        guard start > 0 else { return }
        if start == buffer.count {
            buffer.removeAll(keepingCapacity: true)
        } else if start >= 1 << 16, start * 2 >= buffer.count {
            buffer.removeSubrange(..<start)
        } else {
            return
        }
        scanned -= start
        start = 0
    }
}
