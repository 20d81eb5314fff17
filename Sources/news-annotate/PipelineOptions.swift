import ArgumentParser
import Foundation
import NewsAnnotation
import NewsAnnotators
import NewsIngest

/// Options shared by the commands that build a pipeline.
struct PipelineOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("The stages to run, comma-separated, in order (default: all).", valueName: "ids"))
    var stages: String?

    @Option(name: .long, help: ArgumentHelp("The language of the inputs (it, en…); wins over what the inputs declare.", valueName: "code"))
    var language: String?

    @Option(name: .long, help: ArgumentHelp("A pipeline configuration file (JSON): stages in order, rule files, external programs.", valueName: "file"))
    var config: String?

    func validate() throws {
        if config != nil && stages != nil { throw ValidationError("give either --config or --stages, not both") }
    }

    /// The pipeline the options describe: the configuration file's, or built-in stages.
    func makePipeline() throws -> Pipeline {
        if let config { return try PipelineConfiguration.load(path: config).pipeline() }
        return try StandardPipeline.make(stageIDs)
    }

    /// The report `describe` prints for these options.
    func report() throws -> PipelineReport {
        if let config {
            let configuration = try PipelineConfiguration.load(path: config)
            return PipelineReport(descriptors: configuration.stages.map(\.descriptor), problems: configuration.problems,
                                  language: normalizedLanguage ?? configuration.language)
        }
        return try PipelineReport(stageIDs: stageIDs, language: normalizedLanguage)
    }

    /// The language, normalised (`it-IT` → `it`).
    var normalizedLanguage: String? { language.flatMap(Ingestor.normalizedLanguage) ?? language }

    var stageIDs: [String]? {
        stages.map { $0.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty } }
    }
}
