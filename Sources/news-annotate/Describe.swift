import ArgumentParser
import NewsAnnotation
import NewsAnnotators

struct Describe: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Print the resolved pipeline: each stage with what it requires and produces, and every problem found.",
        discussion: "Exits 1 when the pipeline has problems."
    )

    @OptionGroup var pipelineOptions: PipelineOptions

    @Flag(help: "Print JSON instead of text.")
    var json = false

    func run() throws {
        let report = try Terminal.orExit { try PipelineReport(stageIDs: pipelineOptions.stageIDs, language: pipelineOptions.normalizedLanguage) }
        if json {
            Terminal.writeOut(try AnnotatedJSON.encode(value: report))
        } else {
            Terminal.writeOut(Array(report.text.utf8))
        }
        if !report.problems.isEmpty { throw ExitCode.failure }
    }
}
