import ArgumentParser
import NewsAnnotation
import NewsAnnotators
import NewsIngest

struct Describe: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Print the resolved pipeline: each stage with what it requires and produces, and every problem found.",
        discussion: "Exits 1 when the pipeline has problems."
    )

    @OptionGroup var pipelineOptions: PipelineOptions

    @Flag(help: "Print JSON instead of text.")
    var json = false

    func validate() throws {
        if let language = pipelineOptions.language, Ingestor.normalizedLanguage(language) == nil {
            throw ValidationError("--language takes a language code such as it or en, got '\(language)'")
        }
    }

    func run() throws {
        let report = try Terminal.orExit { try pipelineOptions.report() }
        if json {
            Terminal.writeOut(try AnnotatedJSON.encode(value: report))
        } else {
            Terminal.writeOut(Array(report.text.utf8))
        }
        if !report.problems.isEmpty { throw ExitCode.failure }
    }
}
