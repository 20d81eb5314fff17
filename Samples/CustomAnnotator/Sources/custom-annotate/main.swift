import Foundation
import MoneyAnnotator
import NewsAnnotation
import NewsAnnotators
import NewsIngest

// custom-annotate CONFIG FILE…: the standard command's job, with the `money` stage
// registered so that a configuration file can name it next to the built-in stages.
let arguments = Array(CommandLine.arguments.dropFirst())
guard arguments.count >= 2 else {
    FileHandle.standardError.write(Data("usage: custom-annotate CONFIG FILE…\n".utf8))
    exit(2)
}
do {
    let configuration = try PipelineConfiguration.load(path: arguments[0], registered: [MoneyAnnotator.id: { MoneyAnnotator() }])
    let pipeline = try configuration.pipeline()
    let ingestor = try Ingestor()
    for path in arguments.dropFirst() {
        let document = try pipeline.annotate(try ingestor.ingest(contentsOf: path))
        FileHandle.standardOutput.write(Data(try AnnotatedJSON.encode(document)))
    }
} catch {
    FileHandle.standardError.write(Data("custom-annotate: error: \(error)\n".utf8))
    exit(1)
}
