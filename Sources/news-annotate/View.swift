import ArgumentParser
import Foundation
import NewsAnnotation
import NewsBatch
import NewsReading

struct View: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Write one self-contained HTML page per document, and index.html for the batch.",
        discussion: """
        Inputs are articles (text or HTML, annotated now with the pipeline) or annotated JSON files, recognised by their \
        content ("format": "news-annotation/1"; JSON Lines too). Exits 0 when every document was written, 1 when any failed, \
        2 when annotated JSON could not be read (as check and eval do); the others are still written.
        """
    )

    @OptionGroup var inputs: ConversionInputs

    @Option(name: [.short, .customLong("output-dir"), .customLong("output")], help: ArgumentHelp("The folder for the pages (created if missing).", valueName: "dir"))
    var outputDir: String

    func run() throws {
        let directory = outputDir
        let summary = try inputs.run(to: directory) { (document, outputName) throws(ExportError) in
            let depth = outputName.split(separator: "/").count - 1
            let page = HTMLView.page(for: document, indexPath: String(repeating: "../", count: depth) + "index.html")
            return ([OutputFile(path: ".html", bytes: Array(page.utf8))], [:])
        }
        try Terminal.orExit {
            try BatchRunner.writeAtomically(Array(HTMLView.index(summary.converted, failures: summary.failures).utf8), to: directory + "/index.html")
        }
        try inputs.finish(summary) { $0 == 1 ? "1 page written" : "\($0) pages written" }
    }
}
