import Foundation
public import NewsAnnotation

/// A stage written in any language: an external program that speaks JSON Lines.
///
/// The protocol (see `Docs/WritingAStage.md`):
/// 1. The program starts and writes one handshake line:
///    `{"id": "acronyms", "version": "1", "summary": "…", "requires": ["tokens"], "produces": ["acronyms"], "languages": ["it", "en"]}`.
/// 2. For each document it reads one line, the document as annotated JSON (compact), and
///    writes one line: `{"id": "<document id>", "layers": {"acronyms": [...]}, "diagnostics": [...]}`,
///    or `{"id": …, "error": "message"}` to fail that document.
///
/// Each program serves documents one at a time, and the stage keeps a pool of them: one per
/// worker that annotates at once (`--jobs`), started when a worker first needs one and kept
/// for the next document; the output order is the batch's, whatever program served a
/// document. A crash, a malformed reply, a reply for another document or a reply past the
/// timeout (or past the document's time budget) fails that document with a clear message;
/// the program is killed and a fresh one serves the next document. Layers it returns are
/// checked against its handshake by the pipeline like any other stage's, and a JSON layer a
/// built-in stage reads (`entities`, say) is decoded into its type when that stage runs.
public final class ExternalAnnotator: Annotator, @unchecked Sendable {
    public let descriptor: AnnotatorDescriptor
    private let command: [String]
    private let directory: String?
    private let timeout: Double
    // The lock guards `idle`, the programs not serving a document; a program taken from it
    // belongs to one worker until it is put back or stopped.
    private let lock = NSLock()
    private var idle: [RunningProgram] = []

    /// Starts the program and reads its handshake.
    ///
    /// - Parameters:
    ///   - command: The program and its arguments, found on `PATH` when not a path.
    ///   - directory: Its working directory.
    ///   - timeout: Seconds allowed for the handshake and for each document.
    /// - Throws: ``ConfigurationError`` when it cannot start or its handshake is wrong.
    public init(command: [String], directory: String? = nil, timeout: Double = 30, origin: String = "configuration") throws(ConfigurationError) {
        guard !command.isEmpty else { throw ConfigurationError(file: origin, message: "an external stage needs a command") }
        self.command = command
        self.directory = directory
        self.timeout = timeout
        let program: RunningProgram
        do {
            program = try RunningProgram(command: command, directory: directory)
        } catch {
            throw ConfigurationError(file: origin, message: "cannot start external stage '\(command.joined(separator: " "))': \(error)")
        }
        guard let line = program.readLine(timeout: timeout) else {
            let ended = program.endedOutput
            let detail = program.failureDetail()
            program.stop()
            let what = ended ? "exited before sending its handshake line" : "sent no handshake line within \(Int(timeout)) s"
            throw ConfigurationError(file: origin, message: "external stage '\(command.joined(separator: " "))' \(what)\(detail)")
        }
        do {
            descriptor = try Self.parseHandshake(line)
        } catch {
            program.stop()
            throw ConfigurationError(file: origin, message: "external stage '\(command.joined(separator: " "))': \(error.message)")
        }
        idle = [program]
    }

    deinit { for program in idle { program.stop() } }

    /// The number of programs started and waiting for a document (for tests).
    var idleCount: Int {
        lock.lock()
        defer { lock.unlock() }
        return idle.count
    }

    static func parseHandshake(_ line: [UInt8]) throws(ConfigurationError) -> AnnotatorDescriptor {
        guard let value = try? JSONValue(parsing: Data(line)), let object = value.objectValue else {
            throw ConfigurationError(file: "handshake", message: "the handshake is not a JSON object: \(String(decoding: line.prefix(200), as: UTF8.self))")
        }
        guard let id = object["id"]?.stringValue, !id.isEmpty else { throw ConfigurationError(file: "handshake", message: "the handshake has no \"id\"") }
        let strings: (String) -> [String] = { key in object[key]?.arrayValue?.compactMap(\.stringValue) ?? [] }
        let produces = strings("produces")
        guard !produces.isEmpty else { throw ConfigurationError(file: "handshake", message: "the handshake of '\(id)' declares no \"produces\"") }
        let requires: Set<LayerID> = Set(strings("requires").map { LayerID($0) })
        let produced: Set<LayerID> = Set(produces.map { LayerID($0) })
        let languages: Set<String>? = object["languages"]?.arrayValue.map { items in Set(items.compactMap { $0.stringValue }) }
        let summary = object["summary"]?.stringValue ?? "External program stage."
        let version = object["version"]?.stringValue ?? "1"
        return AnnotatorDescriptor(id: id, summary: summary, version: version, requires: requires, produces: produced, languages: languages)
    }

    struct ExternalStageError: Error, CustomStringConvertible {
        var description: String
    }

    /// A live program for one document: an idle one from the pool, or a new one.
    private func takeProgram() throws -> RunningProgram {
        lock.lock()
        var found: RunningProgram?
        while let candidate = idle.popLast() {
            if candidate.isAlive { found = candidate; break }
            candidate.stop()
        }
        lock.unlock()
        if let found { return found }
        let program: RunningProgram
        do {
            program = try RunningProgram(command: command, directory: directory)
        } catch {
            throw ExternalStageError(description: "cannot start the external program: \(error)")
        }
        guard let handshake = program.readLine(timeout: timeout), (try? Self.parseHandshake(handshake))?.id == descriptor.id else {
            program.stop()
            throw ExternalStageError(description: "the started external program sent no valid handshake\(program.failureDetail())")
        }
        return program
    }

    /// Puts a program whose conversation went well back in the pool.
    private func putBack(_ program: RunningProgram) {
        lock.lock()
        idle.append(program)
        lock.unlock()
    }

    public func annotate(_ document: Document) throws -> LayerBundle {
        let program = try takeProgram()
        // Stopped unless the conversation ends well: a program that misbehaved never serves again.
        var keep = false
        defer { if keep { putBack(program) } else { program.stop() } }
        let request = try AnnotatedJSON.encode(document, style: .compact)
        guard program.write(request) else {
            throw ExternalStageError(description: "the external program stopped reading its input\(program.failureDetail())")
        }
        // The reply must come within the stage's timeout and the document's time budget.
        var wait = timeout
        if let deadline = WorkBudget.deadline {
            let left = deadline - ContinuousClock.now
            wait = min(wait, max(0, Double(left.components.seconds) + Double(left.components.attoseconds) / 1e18))
        }
        guard let line = program.readLine(timeout: wait) else {
            let alive = !program.endedOutput && program.isAlive
            if alive, wait < timeout {
                // The document's budget ran out; the pipeline reports it as such. No grace: killed now.
                program.killNow()
                throw ExternalStageError(description: "no reply within the document's time budget; the program was stopped")
            }
            throw ExternalStageError(description: alive ? "no reply within \(Int(timeout)) s; the program was stopped and will be restarted" : "the external program exited while annotating this document\(program.failureDetail())")
        }
        guard let reply = (try? JSONValue(parsing: Data(line)))?.objectValue else {
            throw ExternalStageError(description: "malformed reply (not a JSON object): \(String(decoding: line.prefix(200), as: UTF8.self))")
        }
        if let message = reply["error"]?.stringValue {
            // A refusal is a well-formed answer: the program serves the next document.
            keep = true
            throw ExternalStageError(description: message)
        }
        if let id = reply["id"]?.stringValue, id != document.id {
            throw ExternalStageError(description: "the reply is for document '\(id)', not '\(document.id)'")
        }
        // A JSON reply for this document: the conversation is in step, whatever the reply holds.
        keep = true
        guard let layers = reply["layers"]?.objectValue else { throw ExternalStageError(description: "the reply has no \"layers\" object") }
        var bundle = LayerBundle()
        for (name, value) in layers { bundle[LayerKey<JSONValue>(LayerID(name))] = value }
        for item in reply["diagnostics"]?.arrayValue ?? [] {
            guard let object = item.objectValue, let message = object["message"]?.stringValue else { continue }
            var span: TextSpan?
            if let start = object["start"]?.intValue, let end = object["end"]?.intValue {
                // Checked before a span is made: a bad reply fails its document, never the run.
                guard 0 <= start, start <= end, end <= document.content.count else {
                    throw ExternalStageError(description: "diagnostic '\(object["id"]?.stringValue ?? "external")' has a span \(start)..<\(end) outside the text (0..<\(document.content.count))")
                }
                span = TextSpan(start: start, end: end)
            }
            bundle.report(Diagnostic(id: object["id"]?.stringValue ?? "external", stage: descriptor.id,
                                     severity: object["severity"]?.stringValue == "info" ? .info : .warning, message: message, span: span))
        }
        return bundle
    }
}

/// A running child process with line-oriented stdout, captured stderr and a timeout on reads.
final class RunningProgram: @unchecked Sendable {
    private let process = Process()
    private let input = Pipe()
    private let output = Pipe()
    private let errors = Pipe()
    private let condition = NSCondition()
    private var buffer: [UInt8] = []
    private var reachedEnd = false
    private var stderrTail: [UInt8] = []

    init(command: [String], directory: String?) throws {
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = command
        if let directory { process.currentDirectoryURL = URL(fileURLWithPath: directory) }
        process.standardInput = input
        process.standardOutput = output
        process.standardError = errors
        try process.run()
        // The child holds its ends now; closing ours lets its exit show as end of output.
        try? output.fileHandleForWriting.close()
        try? errors.fileHandleForWriting.close()
        try? input.fileHandleForReading.close()
        let stdout = output.fileHandleForReading
        Thread.detachNewThread { [self] in
            while true {
                let data = stdout.availableData
                condition.lock()
                if data.isEmpty { reachedEnd = true } else { buffer.append(contentsOf: data) }
                condition.broadcast()
                condition.unlock()
                if data.isEmpty { break }
            }
        }
        let stderr = errors.fileHandleForReading
        Thread.detachNewThread { [self] in
            while true {
                let data = stderr.availableData
                if data.isEmpty { break }
                condition.lock()
                stderrTail.append(contentsOf: data)
                if stderrTail.count > 2000 { stderrTail.removeFirst(stderrTail.count - 2000) }
                condition.unlock()
            }
        }
    }

    var isAlive: Bool { process.isRunning }

    /// Whether the program closed its output (it exited or is about to).
    var endedOutput: Bool {
        condition.lock()
        defer { condition.unlock() }
        return reachedEnd
    }

    /// Writes one line; false when the program no longer reads.
    func write(_ bytes: [UInt8]) -> Bool {
        guard process.isRunning else { return false }
        var line = bytes
        if line.last != UInt8(ascii: "\n") { line.append(UInt8(ascii: "\n")) }
        do {
            try input.fileHandleForWriting.write(contentsOf: Data(line))
            return true
        } catch {
            return false
        }
    }

    /// The next line, without its newline; nil at end of output or after `timeout` seconds.
    func readLine(timeout: Double) -> [UInt8]? {
        let deadline = Date(timeIntervalSinceNow: timeout)
        condition.lock()
        defer { condition.unlock() }
        while true {
            if let newline = buffer.firstIndex(of: UInt8(ascii: "\n")) {
                let line = Array(buffer[..<newline])
                buffer.removeSubrange(...newline)
                return line
            }
            if reachedEnd { return nil }
            if !condition.wait(until: deadline) { return nil }
        }
    }

    /// ", exit status N; stderr: …" for error messages.
    func failureDetail() -> String {
        // Give an exiting program a moment to be reaped, so its status can be told.
        let deadline = Date(timeIntervalSinceNow: 1)
        while endedOutput && process.isRunning && Date() < deadline { Thread.sleep(forTimeInterval: 0.01) }
        Thread.sleep(forTimeInterval: 0.02)
        condition.lock()
        let tail = String(decoding: stderrTail, as: UTF8.self).split(separator: "\n").suffix(3).joined(separator: " | ")
        condition.unlock()
        var parts: [String] = []
        if !process.isRunning { parts.append("exit status \(process.terminationStatus)") }
        if !tail.isEmpty { parts.append("stderr: \(tail)") }
        return parts.isEmpty ? "" : " (" + parts.joined(separator: "; ") + ")"
    }

    /// Kills the program at once (SIGKILL), without waiting for it to exit.
    func killNow() {
        try? input.fileHandleForWriting.close()
        if process.isRunning { _ = kill(process.processIdentifier, SIGKILL) }
    }

    func stop() {
        try? input.fileHandleForWriting.close()
        if process.isRunning {
            process.terminate()
            let deadline = Date(timeIntervalSinceNow: 2)
            while process.isRunning && Date() < deadline { Thread.sleep(forTimeInterval: 0.01) }
            if process.isRunning { kill(process.processIdentifier, SIGKILL) }
        }
    }
}
