import ArgumentParser
import Foundation
import NewsAnnotation
import NewsAnnotators
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
    var inputs: [String]

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

    @Option(help: "Refuse inputs larger than this many bytes.")
    var maxBytes: Int = 256 << 20

    @Flag(name: .shortAndLong, help: "Print no summary on standard error.")
    var quiet = false

    func validate() throws {
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
        let runner = try Terminal.orExit {
            BatchRunner(ingestor: try Ingestor(options: options), pipeline: try pipelineOptions.makePipeline(),
                        style: format == .json ? .pretty : .compact)
        }
        let destination: BatchRunner.Destination = outputDir.map { .directory($0) } ?? .standardOutput
        let expanded = BatchInput.expand(inputs)
        guard !expanded.isEmpty else {
            Terminal.error("no article files (.txt, .html…) in \(inputs.map { "'\($0)'" }.joined(separator: ", "))")
            throw ExitCode.failure
        }
        let summary = runner.run(expanded, to: destination, standardInput: Terminal.readStandardInput,
                                 write: Terminal.writeOut, report: { Terminal.error($0.message) })
        if !quiet && (outputDir != nil || !summary.failures.isEmpty) {
            Terminal.note("\(summary.succeeded) annotated, \(summary.failures.count) failed")
        }
        if !summary.failures.isEmpty { throw ExitCode.failure }
    }
}
