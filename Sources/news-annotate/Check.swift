import ArgumentParser
import Foundation
import NewsAnnotation
import NewsAnnotators
import NewsIngest
import NewsReading

struct Check: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Compare expected annotations with actual ones, layer by layer.",
        discussion: """
        EXPECTED and ACTUAL are annotated JSON files, JSON Lines files or directories of them; documents are matched by id. \
        With --run, ACTUAL is a fresh annotation of the given inputs. Exits 0 when they agree, 1 when they differ, 2 on input errors, 64 on usage errors.
        """
    )

    @Argument(help: "Expected annotations: a file or a directory.")
    var expected: String

    @Argument(help: "Actual annotations: a file or a directory (leave out with --run).")
    var actual: String?

    @Option(name: .customLong("run"), parsing: .upToNextOption, help: ArgumentHelp("Annotate these inputs now and compare the result.", valueName: "inputs"))
    var runInputs: [String] = []

    @Option(name: .customLong("ignore-fields"), help: ArgumentHelp("Fields never compared, comma-separated (id,rule,confidence).", valueName: "fields"))
    var ignoreFields: String?

    @Option(name: .customLong("ignore-layers"), help: ArgumentHelp("Layers never compared, comma-separated.", valueName: "layers"))
    var ignoreLayers: String?

    @Flag(name: .customLong("ignore-metadata"), help: "Do not compare metadata.")
    var ignoreMetadata = false

    @Flag(help: "Rewrite the expected files with the actual annotations (on purpose).")
    var update = false

    @OptionGroup var pipelineOptions: PipelineOptions

    func validate() throws {
        if actual == nil && runInputs.isEmpty { throw ValidationError("give ACTUAL annotations or --run INPUTS") }
        if actual != nil && !runInputs.isEmpty { throw ValidationError("give either ACTUAL or --run, not both") }
    }

    func run() throws {
        let expectedDocuments = try Terminal.orExit { try AnnotatedDocument.read(expected) }
        let actualDocuments = try Terminal.orExit {
            if let actual { return try AnnotatedDocument.read(actual) }
            return try CheckRun.annotate(runInputs, ingestor: try Ingestor(), pipeline: try pipelineOptions.makePipeline())
        }
        if update {
            let written = try Terminal.orExit { try ExpectationUpdate.write(actual: actualDocuments, expected: expectedDocuments, expectedPath: expected) }
            Terminal.note("updated \(written) expected file\(written == 1 ? "" : "s")")
            return
        }
        let options = AnnotationDiff.Options(ignoredFields: Self.list(ignoreFields), ignoredLayers: Self.list(ignoreLayers), comparesMetadata: !ignoreMetadata)
        let diff = AnnotationDiff(expected: expectedDocuments, actual: actualDocuments, options: options)
        Terminal.writeOut(Array(diff.report.utf8))
        if !diff.isEmpty { throw ExitCode.failure }
    }

    static func list(_ text: String?) -> Set<String> {
        Set((text ?? "").split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty })
    }
}
