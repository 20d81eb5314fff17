import Foundation
import NewsAnnotation
@testable import NewsIngest

/// The repository's Samples/ folder, found from this file's path.
let samplesDirectory: String = {
    var url = URL(fileURLWithPath: #filePath)
    for _ in 0..<3 { url.deleteLastPathComponent() }
    return url.appendingPathComponent("Samples").path
}()

func sample(_ name: String) -> String { samplesDirectory + "/" + name }

func ingest(_ bytes: [UInt8], path: String? = nil, options: IngestOptions = IngestOptions()) throws -> Document {
    try Ingestor(options: options).ingest(bytes: bytes, id: "test", path: path)
}

func ingestHTML(_ html: String, options: IngestOptions = IngestOptions()) throws -> Document {
    try ingest(Array(html.utf8), path: "page.html", options: options)
}

extension Document {
    func blockTexts(_ kind: Block.Kind? = nil) -> [String] {
        (self[Layers.blocks] ?? []).filter { kind == nil || $0.kind == kind }.map { text(of: $0.span) }
    }
}

/// A temporary directory removed when the value is dropped.
final class TemporaryDirectory {
    let path: String
    init() throws {
        path = FileManager.default.temporaryDirectory.appendingPathComponent("news-ingest-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }
    func write(_ name: String, _ bytes: [UInt8]) throws -> String {
        let file = path + "/" + name
        try Data(bytes).write(to: URL(fileURLWithPath: file))
        return file
    }
    deinit { try? FileManager.default.removeItem(atPath: path) }
}
