import ArgumentParser
import NewsReading

struct Report: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Summarise a corpus of annotated JSON: who is named, who is quoted and who is heard.",
        discussion: """
        Reads annotated JSON files, JSON Lines files or directories of them one document at a time, and writes \
        report.html (self-contained, no network), report.json, report.csv and report-sources.csv into --output-dir. \
        Quotes with no resolved speaker are shown as their own share. No gender is shown unless --gender-names or \
        --gender-from-text asks for an estimate. Exits 0 when every document was read, 2 when any could not be (each \
        named on standard error; the others still count), 1 when the inputs held no document.
        """
    )

    @Argument(help: ArgumentHelp("Annotated JSON or JSON Lines files, or directories of them.", valueName: "input"))
    var inputs: [String]

    @Option(name: [.short, .customLong("output-dir")], help: ArgumentHelp("The folder for the report files (created if missing).", valueName: "dir"))
    var outputDir: String

    @Option(help: ArgumentHelp("Link each document to <dir>/<name>.html, the pages 'view' writes; relative to --output-dir.", valueName: "dir"))
    var views: String?

    @Option(help: ArgumentHelp("A gender estimate from this list of 'name<TAB>label' lines (Docs/Report.md).", valueName: "file"))
    var genderNames: String?

    @Flag(help: "A gender estimate from the text's own titles (Mrs, signora) and pronouns resolved to the source.")
    var genderFromText = false

    @Option(help: ArgumentHelp("The sources shown in the page's table; the JSON and CSV have all of them.", valueName: "n"))
    var top = 50

    @Flag(name: .shortAndLong, help: "Print no summary on standard error.")
    var quiet = false

    func validate() throws {
        if inputs.isEmpty { throw ValidationError("give annotated JSON files, JSON Lines files or directories") }
        if top < 1 { throw ValidationError("--top takes a number of 1 or more, got \(top)") }
    }

    func run() throws {
        let names = try Terminal.orExit { try genderNames.map { path throws(ReportError) in try GenderNameList(contentsOf: path) } }
        var report = CorpusReport(options: .init(genderNames: names, gendersFromText: genderFromText, viewsPath: views, topSources: top))
        for input in inputs { report.add(contentsOf: input) { Terminal.error($0.message) } }
        guard report.documents > 0 || report.failureCount > 0 else {
            Terminal.error("no annotated JSON documents in \(inputs.map { "'\($0)'" }.joined(separator: ", "))")
            throw ExitCode.failure
        }
        try Terminal.orExit { try report.write(to: outputDir) }
        let count = report.documents == 1 ? "1 document" : "\(report.documents) documents"
        if !quiet { Terminal.note("report of \(count) written to \(outputDir)/report.html, \(report.failureCount) failed") }
        if report.failureCount > 0 { throw ExitCode(2) }
    }
}
