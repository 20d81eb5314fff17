import ArgumentParser
import Foundation
import NewsAnnotation
import NewsBatch
import NewsIngest
import NewsReading

struct Export: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Write annotations in other tools' formats: brat, CoNLL BIO, W3C Web Annotation or spaCy JSON.",
        discussion: """
        Inputs are annotated JSON files, recognised by their content ("format": "news-annotation/1"; JSON Lines too), or \
        articles, annotated now with the pipeline. Offsets stay code points, as in annotated JSON. Without --output-dir, \
        conll goes to standard output as it is and w3c and spacy as JSON Lines; brat needs --output-dir. Exits 0 when every \
        document was written, 1 when any failed, 2 when annotated JSON could not be read (as check and eval do); the others \
        are still written.
        """
    )

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case brat, conll, w3c, spacy
        var exportFormat: ExportFormat { ExportFormat(rawValue: rawValue) ?? .conll }
    }

    @Option(help: "brat (.txt + .ann), conll (.conll), w3c (.jsonld) or spacy (.spacy.json).")
    var format: Format

    @OptionGroup var inputs: ConversionInputs

    @Option(name: [.short, .customLong("output-dir")], help: ArgumentHelp("Write <name>.<extension> files into this folder (created if missing).", valueName: "dir"))
    var outputDir: String?

    func validate() throws {
        if !format.exportFormat.isSingleFile && outputDir == nil { throw ValidationError("--format \(format.rawValue) writes two files per document; give --output-dir") }
    }

    func run() throws {
        let format = format.exportFormat
        let compact = outputDir == nil
        let summary = try inputs.run(to: outputDir) { (document, _) throws(ExportError) in
            (try format.files(for: document, compact: compact), format.collectionLabels(of: document))
        }
        if let outputDir {
            var labels: [String: Set<String>] = [:]
            for document in summary.converted { labels.merge(document.labels) { $0.union($1) } }
            for file in format.collectionFiles(labels: labels) {
                try Terminal.orExit { try BatchRunner.writeAtomically(file.bytes, to: outputDir + "/" + file.path) }
            }
        }
        try inputs.finish(summary) { "\($0) exported" }
    }
}

/// The inputs of `view` and `export` and how articles among them are annotated.
struct ConversionInputs: ParsableArguments {
    @Argument(help: ArgumentHelp("Annotated JSON or JSON Lines files, article files, directories, or '-' for an article on standard input.", valueName: "input"))
    var inputs: [String]

    @Option(name: [.short, .long], help: "Documents converted at once (default: one per core); the output is the same for any number.")
    var jobs: Int?

    @OptionGroup var pipelineOptions: PipelineOptions

    @Option(help: ArgumentHelp("Publication date (ISO 8601) for articles that give none; relative dates are anchored on it.", valueName: "date"))
    var published: String?

    @Flag(name: .shortAndLong, help: "Print no summary on standard error.")
    var quiet = false

    func validate() throws {
        if inputs.isEmpty { throw ValidationError("give annotated JSON files, article files, directories or '-'") }
        if let jobs, jobs < 1 { throw ValidationError("--jobs takes a number of 1 or more, got \(jobs)") }
        if let published, Ingestor.normalizedDate(published) == nil {
            throw ValidationError("--published takes an ISO 8601 date such as 2017-04-12, got '\(published)'")
        }
        if let language = pipelineOptions.language, Ingestor.normalizedLanguage(language) == nil {
            throw ValidationError("--language takes a language code such as it or en, got '\(language)'")
        }
    }

    /// Converts every input; failures are reported on standard error as they happen.
    func run(to directory: String?, convert: @escaping ConversionRunner.Convert) throws -> ConversionRunner.Summary {
        let options = IngestOptions(language: pipelineOptions.language, overridesLanguage: pipelineOptions.language != nil,
                                    published: published.flatMap(Ingestor.normalizedDate))
        let annotator = try Terminal.orExit {
            BatchRunner(ingestor: try Ingestor(options: options), pipeline: try pipelineOptions.makePipeline(), style: .compact)
        }
        let sources = ConversionRunner.expand(inputs)
        guard !sources.isEmpty else {
            Terminal.error("no annotated JSON or article files in \(inputs.map { "'\($0)'" }.joined(separator: ", "))")
            throw ExitCode.failure
        }
        let interrupt = Terminal.installInterruptHandler()
        return ConversionRunner(annotator: annotator).run(
            sources, to: directory, jobs: jobs ?? ProcessInfo.processInfo.activeProcessorCount, shouldStop: { interrupt.isSet },
            standardInput: Terminal.readStandardInput, convert: convert, write: Terminal.writeOut) { outcome in
            if case .failed(let message) = outcome { Terminal.error(message) }
        }
    }

    /// Prints the summary line and exits 130 when interrupted, 2 when annotated JSON could not
    /// be read (an input error, as in `check` and `eval`), 1 when another document failed.
    func finish(_ summary: ConversionRunner.Summary, done: (Int) -> String) throws {
        if !quiet { Terminal.note("\(done(summary.converted.count)), \(summary.failures.count) failed\(summary.interrupted ? ", interrupted" : "")") }
        if summary.interrupted { throw ExitCode(130) }
        if summary.readFailures > 0 { throw ExitCode(2) }
        if !summary.failures.isEmpty { throw ExitCode.failure }
    }
}
