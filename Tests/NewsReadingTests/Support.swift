import Foundation
import NewsAnnotation
import NewsIngest

/// The package root, found from this file's path (resources cannot live outside a target).
let packageRoot: String = {
    var url = URL(fileURLWithPath: #filePath)
    for _ in 0..<3 { url.deleteLastPathComponent() }
    return url.path
}()

let fixturesDirectory = packageRoot + "/Tests/NewsReadingTests/Fixtures"

/// Ingests a sample as the CLI does when run from the package root.
func ingestSample(_ name: String) throws -> Document {
    let bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: packageRoot + "/Samples/" + name)))
    return try Ingestor().ingest(bytes: bytes, id: Ingestor.documentID(forPath: name), path: "Samples/" + name)
}
