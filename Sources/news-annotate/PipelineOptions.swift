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

    /// The language, normalised (`it-IT` → `it`).
    var normalizedLanguage: String? { language.flatMap(Ingestor.normalizedLanguage) ?? language }

    var stageIDs: [String]? {
        stages.map { $0.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty } }
    }
}
