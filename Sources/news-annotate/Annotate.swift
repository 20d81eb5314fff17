import ArgumentParser
import Foundation
import NewsAnnotation
import NewsBatch
import NewsIngest

struct Annotate: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Annotate files, directories (recursively) or standard input ('-').",
        discussion: "Writes one annotated JSON document per input to standard output, or one file per input with --output-dir. Exits 0 when every input succeeded and 1 when any failed; the others are still written."
    )

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case json, jsonl
    }

    @Argument(help: ArgumentHelp("Files, directories or '-' for standard input.", valueName: "input"))
    var inputs: [String] = []

    @Flag(help: "Read JSON Lines requests ({\"id\", \"text\" or \"html\", \"published\", \"url\", \"language\"}) on standard input and write one JSON line per request, in order.")
    var stream = false

    @Option(name: [.short, .long], help: "Documents annotated at once (default: one per core); the output is the same for any number.")
    var jobs: Int?

    @Flag(help: "With --output-dir, skip inputs whose output is complete and was made from the same bytes by the same pipeline.")
    var resume = false

    @Option(help: ArgumentHelp("Write one JSON line per failed input here (path or id, message).", valueName: "file"))
    var errors: String?

    @Option(help: ArgumentHelp("Under directories, read only files matching this glob (repeatable): '*.html', 'news/**'.", valueName: "glob"))
    var include: [String] = []

    @Option(help: ArgumentHelp("Under directories, skip files matching this glob (repeatable).", valueName: "glob"))
    var exclude: [String] = []

    @Option(name: .customLong("paths-from"), help: ArgumentHelp("Read input paths, one per line, from this file ('-' for standard input).", valueName: "file"))
    var pathsFrom: String?

    @Option(help: ArgumentHelp("Seconds each document may take; a slower one fails within moments, naming the stage it was in.", valueName: "seconds"))
    var timeout: Double?

    @Flag(help: "Fail documents whose input was damaged and recovered (bad encoding, broken or over-deep HTML).")
    var strict = false

    @Option(name: [.short, .long], help: ArgumentHelp("Write one <name>.json per input into this directory.", valueName: "dir"))
    var outputDir: String?

    @Option(help: "json: indented, one annotation per line; jsonl: one document per line.")
    var format: Format = .json

    @OptionGroup var pipelineOptions: PipelineOptions

    @Option(help: ArgumentHelp("Publication date (ISO 8601) for inputs that give none; relative dates are anchored on it.", valueName: "date"))
    var published: String?

    @Option(help: ArgumentHelp("Decode inputs with this encoding instead of detecting it.", valueName: "name"))
    var encoding: String?

    @Option(name: .customLong("media-type"), help: "auto (from extension and content), text or html.")
    var mediaType: String = "auto"

    @Option(help: "Refuse inputs larger than this many bytes (with --stream, request lines longer than three times this).")
    var maxBytes: Int = 32 << 20

    @Flag(name: .shortAndLong, help: "Print no summary on standard error.")
    var quiet = false

    func validate() throws {
        if stream && !inputs.isEmpty { throw ValidationError("--stream reads standard input; give no inputs with it") }
        if !stream && inputs.isEmpty && pathsFrom == nil { throw ValidationError("give files, directories or '-', --paths-from FILE, or --stream") }
        if let timeout, timeout <= 0 { throw ValidationError("--timeout takes a number of seconds above 0, got \(timeout)") }
        if resume && outputDir == nil { throw ValidationError("--resume needs --output-dir") }
        if let jobs, jobs < 1 { throw ValidationError("--jobs takes a number of 1 or more, got \(jobs)") }
        if let published, Ingestor.normalizedDate(published) == nil {
            throw ValidationError("--published takes an ISO 8601 date such as 2017-04-12, got '\(published)'")
        }
        if let language = pipelineOptions.language, Ingestor.normalizedLanguage(language) == nil {
            throw ValidationError("--language takes a language code such as it or en, got '\(language)'")
        }
        if let encoding, !Ingestor.canDecode(encoding: encoding) {
            throw ValidationError("unknown character encoding '\(encoding)'; try utf-8, windows-1252, iso-8859-1, iso-8859-15 or another name iconv knows")
        }
        if IngestOptions.MediaType(rawValue: mediaType) == nil {
            throw ValidationError("--media-type takes auto, text or html, got '\(mediaType)'")
        }
    }

    func run() throws {
        let options = IngestOptions(
            mediaType: IngestOptions.MediaType(rawValue: mediaType) ?? .automatic, language: pipelineOptions.language,
            overridesLanguage: pipelineOptions.language != nil, published: published.flatMap(Ingestor.normalizedDate),
            encoding: encoding, maxBytes: maxBytes)
        // Not checked for one language: a stage without resources for a document's language
        // still runs on its generic rules and says so in a diagnostic (`describe --language`
        // shows the gaps).
        // Before the models load: a signal from then on is never lost.
        let interrupt = Terminal.installInterruptHandler()
        var runner = try Terminal.orExit {
            BatchRunner(ingestor: try Ingestor(options: options), pipeline: try pipelineOptions.makePipeline(),
                        style: format == .json ? .pretty : .compact)
        }
        runner.timeBudget = timeout
        if strict { runner.failingDiagnostics = BatchRunner.recoveryDiagnostics }
        let errorLog = try Terminal.orExit { try errors.map(ErrorLog.init(path:)) }
        if stream {
            // A request line holds the document JSON-escaped, which may triple its size.
            let reader = LineReader(maxLineBytes: maxBytes.multipliedReportingOverflow(by: 3).overflow ? Int.max : maxBytes * 3 + 4096)
            var streamer = StreamRunner(ingestor: runner.ingestor, pipeline: runner.pipeline)
            streamer.timeBudget = runner.timeBudget
            streamer.failingDiagnostics = runner.failingDiagnostics
            let summary = streamer.run(jobs: jobs ?? ProcessInfo.processInfo.activeProcessorCount, nextLine: { reader.nextLine() },
                                       shouldStop: { interrupt.isSet }, write: Terminal.writeOut) { id, message in
                errorLog?.record(path: nil, id: id, message: message)
            }
            if !quiet { Terminal.note("\(summary.succeeded) annotated, \(summary.failed) failed\(interrupt.isSet ? ", interrupted" : "")") }
            if interrupt.isSet { throw ExitCode(130) }
            if summary.failed > 0 { throw ExitCode.failure }
            return
        }
        let destination: BatchRunner.Destination = outputDir.map { .directory($0) } ?? .standardOutput
        var arguments = inputs
        if let pathsFrom {
            let data = pathsFrom == "-" ? Data(Terminal.readStandardInput()) : try Terminal.orExit { try Data(contentsOf: URL(fileURLWithPath: pathsFrom)) }
            arguments += String(decoding: data, as: UTF8.self).split(whereSeparator: \.isNewline).map(String.init).filter { !$0.isEmpty }
        }
        let expanded = BatchInput.expand(arguments, include: include, exclude: exclude)
        guard !expanded.isEmpty else {
            Terminal.error("no article files (.txt, .html…) in \(inputs.map { "'\($0)'" }.joined(separator: ", "))")
            throw ExitCode.failure
        }
        let progress = Progress(total: expanded.count, isEnabled: !quiet && Terminal.isInteractive)
        let runOptions = BatchRunner.RunOptions(jobs: jobs, resume: resume, shouldStop: { interrupt.isSet })
        let summary = runner.run(expanded, to: destination, options: runOptions, standardInput: Terminal.readStandardInput, write: Terminal.writeOut) { input, outcome in
            if case .failed(let failure) = outcome {
                progress.clear()
                Terminal.error(failure.message)
                errorLog?.record(path: input.path, id: nil, message: failure.message)
            }
            progress.advance(outcome)
        }
        progress.clear()
        if !quiet && (outputDir != nil || !summary.failures.isEmpty || summary.interrupted) {
            var parts = ["\(summary.succeeded) annotated", "\(summary.failures.count) failed"]
            if summary.skipped > 0 { parts.append("\(summary.skipped) up to date") }
            if summary.interrupted { parts.append(outputDir != nil ? "interrupted; rerun with --resume to finish" : "interrupted") }
            Terminal.note(parts.joined(separator: ", "))
        }
        if summary.interrupted { throw ExitCode(130) }
        if !summary.failures.isEmpty { throw ExitCode.failure }
    }
}
