import Foundation
import MoneyAnnotator
import NewsAnnotation
import NewsAnnotationTesting
import NewsAnnotators
import NewsIngest
import Testing

private let sampleDirectory: String = {
    var url = URL(fileURLWithPath: #filePath)
    for _ in 0..<3 { url.deleteLastPathComponent() }
    return url.path
}()

@Suite("A stage of our own")
struct MoneyAnnotatorTests {
    @Test("the descriptor examples pass", arguments: MoneyAnnotator().descriptor.examples)
    func examples(example: AnnotatorExample) throws {
        let outcome = StageExampleRunner.run(example, of: MoneyAnnotator(), preparing: { text, language in
            let ingestor = try Ingestor(options: IngestOptions(mediaType: .text, language: language, overridesLanguage: true))
            return try StandardPipeline.make(["segmentation"]).annotate(try ingestor.ingest(bytes: Array(text.utf8), id: "example"))
        }, spans: { document, _ in document[Layers.money]?.map { MarkedText.Mark(label: nil, span: $0.span) } })
        if let failure = outcome.failure { Issue.record(Comment(rawValue: failure)) }
    }

    @Test("inserted after a named stage, its layer is written into the same JSON")
    func insertedIntoThePipeline() throws {
        let pipeline = try StandardPipeline.make().inserting(MoneyAnnotator(), after: "entities")
        #expect(pipeline.stageIDs == ["segmentation", "entities", "money", "dates", "quotes", "sources"])
        let seed = sampleDirectory + "/../bbc-newsbeat-russia-syria.it.txt"
        let document = try pipeline.annotate(try Ingestor().ingest(contentsOf: seed))
        #expect(document[Layers.money]?.map(\.text) == ["diversi miliardi di dollari"])
        let json = String(decoding: try AnnotatedJSON.encode(document), as: UTF8.self)
        #expect(json.contains("\"money\": [\n      {\"start\":"))
        #expect(json.contains("\"text\": \"diversi miliardi di dollari\", \"currency\": \"USD\"}"))
    }

    @Test("a configuration file runs the Swift stage, a rule file and the Python stage on the seed")
    func configuration() throws {
        let configuration = try PipelineConfiguration.load(path: sampleDirectory + "/pipeline.json", registered: [MoneyAnnotator.id: { MoneyAnnotator() }])
        let pipeline = try configuration.pipeline()
        #expect(pipeline.stageIDs == ["segmentation", "dates", "money", "house_organisations", "acronyms"])
        let document = try pipeline.annotate(try Ingestor().ingest(contentsOf: sampleDirectory + "/../bbc-newsbeat-russia-syria.it.txt"))
        #expect(document[Layers.money]?.count == 1)
        #expect(document[Layers.entities]?.contains { $0.text == "Oxford Research Group" && $0.type == "ORG" && $0.origin == .gazetteer } == true)
        let acronyms = try #require(document[LayerKey<JSONValue>("acronyms")]?.arrayValue)
        #expect(acronyms.compactMap { $0.objectValue?["text"]?.stringValue } == ["IS", "IS", "LSE", "IS"])
    }
}
