import Foundation
import NewsAnnotation
import NewsAnnotationTesting
import NewsAnnotators
import NewsIngest

/// The package root, found from this file's path (resources cannot live outside a target).
let packageRoot: String = {
    var url = URL(fileURLWithPath: #filePath)
    for _ in 0..<3 { url.deleteLastPathComponent() }
    return url.path
}()

let fixturesDirectory = packageRoot + "/Tests/NewsAnnotatorsTests/Fixtures"

/// The sample inputs, by file name.
func sampleInputs() throws -> [String] {
    try FileManager.default.contentsOfDirectory(atPath: packageRoot + "/Samples")
        .filter { $0.hasSuffix(".txt") || $0.hasSuffix(".html") }
        .sorted()
}

/// Ingests a sample as the CLI does when run from the package root.
func ingestSample(_ name: String) throws -> Document {
    let bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: packageRoot + "/Samples/" + name)))
    return try Ingestor().ingest(bytes: bytes, id: Ingestor.documentID(forPath: name), path: "Samples/" + name)
}

/// A plain-text document for marked-text examples: ingested as text in `language`.
func exampleDocument(_ text: String, language: String) throws -> Document {
    try Ingestor(options: IngestOptions(mediaType: .text, language: language, overridesLanguage: true))
        .ingest(bytes: Array(text.utf8), id: "example", path: nil)
}

/// Runs the built-in stages before `stage` over an ingested example.
func prepare(_ text: String, language: String, before stage: String) throws -> Document {
    let ids = Array(StandardPipeline.stageIDs.prefix { $0 != stage })
    return try StandardPipeline.make(ids).annotate(try exampleDocument(text, language: language))
}

/// The spans of a built-in layer as marks (labels from a `kind`/`type` where it means one).
func marks(of document: Document, layer: LayerID) -> [MarkedText.Mark]? {
    switch layer {
    case Layers.tokens.id: document[Layers.tokens]?.map { .init(label: nil, span: $0.span) }
    case Layers.sentences.id: document[Layers.sentences]?.map { .init(label: nil, span: $0.span) }
    case Layers.blocks.id: document[Layers.blocks]?.map { .init(label: $0.kind.rawValue.uppercased(), span: $0.span) }
    case Layers.dates.id: document[Layers.dates]?.map { .init(label: $0.type.rawValue, span: $0.span) }
    case Layers.entities.id: document[Layers.entities]?.map { .init(label: $0.type, span: $0.span) }
    case Layers.quotes.id: document[Layers.quotes]?.flatMap { quote in quote.parts.map { .init(label: quote.kind.rawValue.uppercased(), span: $0) } }
    case Layers.sources.id: document[Layers.sources]?.compactMap { source in
        source.start.flatMap { start in source.end.map { .init(label: source.kind.rawValue.uppercased(), span: TextSpan(start: start, end: $0)) } }
    }
    default: nil
    }
}
