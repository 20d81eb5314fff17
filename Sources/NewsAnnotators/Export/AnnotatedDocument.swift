public import Foundation
public import NewsAnnotation

/// An annotated document read back generically from `news-annotation/1` JSON, for views and
/// exports: its text, metadata, every layer as ``JSONValue`` and its diagnostics.
///
/// Reading through ``JSONValue`` instead of the Swift layer types means any layer set works:
/// documents from older runs, from other pipelines, and layers no built-in stage produces.
/// Unknown keys are ignored and missing layers are simply absent. Every object in a layer
/// that has integer `start` and `end` keys (at any depth: quote parts, speakers, mentions) is
/// checked once, when the document is read, to lie inside the text, so the views and exports
/// can slice without further checks. Offsets count Unicode scalars (code points), end
/// exclusive.
public struct AnnotatedDocument: Sendable {
    /// The document id.
    public let id: String
    /// The text every offset points into, indexed by Unicode scalar.
    public let text: DocumentText
    /// The `metadata` object's members.
    public let metadata: [String: JSONValue]
    /// The layers, keyed by layer id; a layer no stage produced is absent.
    public let layers: [String: JSONValue]
    /// The `diagnostics` array's items.
    public let diagnostics: [JSONValue]
    /// The `pipeline` array's items (`{"stage", "version"}`).
    public let pipeline: [JSONValue]
    /// `source.path`, when the input was a file.
    public let sourcePath: String?

    /// The `format` value of documents this type reads.
    public static let formatID = AnnotatedJSON.formatID

    /// Reads one annotated JSON document.
    ///
    /// - Parameters:
    ///   - data: The JSON text of one document.
    ///   - origin: How to name the input in messages (a path, or a path and line).
    /// - Throws: ``ExportError`` when the data is not JSON, not an annotated document, or a
    ///   span lies outside the text.
    public init(json data: Data, origin: String) throws(ExportError) {
        let value: JSONValue
        do {
            value = try JSONValue(parsing: data)
        } catch {
            throw ExportError("'\(origin)': not valid JSON")
        }
        guard let object = value.objectValue else { throw ExportError("'\(origin)': not a JSON object") }
        try self.init(object: object, origin: origin)
    }

    /// Reads a document the pipeline has just annotated, through its JSON, so that fresh and
    /// stored documents take the same path.
    ///
    /// - Throws: ``ExportError`` when the document cannot be encoded.
    public init(_ document: Document) throws(ExportError) {
        let bytes: [UInt8]
        do {
            bytes = try AnnotatedJSON.encode(document, style: .compact)
        } catch {
            throw ExportError("'\(document.id)': cannot encode the document: \(error)")
        }
        try self.init(json: Data(bytes), origin: document.id)
    }

    init(object: [String: JSONValue], origin: String) throws(ExportError) {
        guard object["format"]?.stringValue == Self.formatID else {
            let found = object["format"]?.stringValue.map { "'\($0)'" } ?? "no \"format\""
            throw ExportError("'\(origin)': not annotated JSON (\(found); expected '\(Self.formatID)')")
        }
        guard let text = object["text"]?.stringValue else { throw ExportError("'\(origin)': annotated JSON without a \"text\" string") }
        self.text = DocumentText(text)
        self.id = object["id"]?.stringValue ?? origin
        self.metadata = object["metadata"]?.objectValue ?? [:]
        self.layers = object["layers"]?.objectValue ?? [:]
        self.diagnostics = object["diagnostics"]?.arrayValue ?? []
        self.pipeline = object["pipeline"]?.arrayValue ?? []
        self.sourcePath = object["source"]?.objectValue?["path"]?.stringValue
        for name in layers.keys.sorted() {
            try Self.checkSpans(layers[name] ?? .null, within: self.text.count, place: "'\(origin)': layers/\(name)")
        }
        for (index, diagnostic) in diagnostics.enumerated() {
            try Self.checkSpans(diagnostic, within: self.text.count, place: "'\(origin)': diagnostics/\(index)")
        }
    }

    /// Whether `data` is annotated JSON (a JSON object whose `format` is `news-annotation/1`),
    /// judged by content, not by file name.
    public static func isAnnotatedJSON(_ data: Data) -> Bool {
        guard data.first(where: { !" \n\r\t".utf8.contains($0) }) == UInt8(ascii: "{"),
              let value = try? JSONValue(parsing: data) else { return false }
        return value.objectValue?["format"]?.stringValue == formatID
    }

    /// The items of a layer that are objects, or `nil` when the layer is absent.
    public func items(_ layer: String) -> [[String: JSONValue]]? {
        guard let value = layers[layer] else { return nil }
        return (value.arrayValue ?? []).compactMap(\.objectValue)
    }

    /// The text of a span (Unicode scalar offsets, end exclusive).
    public func slice(_ span: TextSpan) -> String { text[span] }

    private static func checkSpans(_ value: JSONValue, within length: Int, place: String) throws(ExportError) {
        switch value {
        case .array(let items):
            for (index, item) in items.enumerated() { try checkSpans(item, within: length, place: "\(place)/\(index)") }
        case .object(let members):
            if let start = members["start"]?.intValue, let end = members["end"]?.intValue, !(0 <= start && start <= end && end <= length) {
                throw ExportError("\(place): span \(start)..<\(end) lies outside the text (\(length) code points); is the JSON from another text?")
            }
            for key in members.keys.sorted() where members[key]?.arrayValue != nil || members[key]?.objectValue != nil {
                try checkSpans(members[key] ?? .null, within: length, place: "\(place)/\(key)")
            }
        default:
            break
        }
    }
}
