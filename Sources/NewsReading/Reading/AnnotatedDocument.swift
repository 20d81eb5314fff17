public import Foundation
public import NewsAnnotation

/// An annotated document read back: the one reader of `news-annotation/1` JSON, which
/// `check`, `eval`, the HTML view and the exports all use.
///
/// The document is read generically, through ``JSONValue`` rather than the Swift layer types,
/// so any layer set works: documents from older runs, from other pipelines, and layers no
/// built-in stage produces. Unknown keys are ignored and missing layers are simply absent.
///
/// Every object in a layer or a diagnostic that has integer `start` and `end` keys (at any
/// depth: quote parts, speakers, mentions) is checked once, when the document is read, to lie
/// inside the text; a document that fails is refused with a ``ReadError`` naming the input and
/// the span. Everything built on this type can then slice without further checks. Offsets
/// count Unicode scalars (code points), end exclusive.
///
/// CoNLL BIO and brat standoff files are read into the same type
/// (``init(conll:path:layer:)``, ``init(brat:path:layer:)``), through the same checks, so gold
/// data in those formats is compared and scored exactly as annotated JSON is. Whole files and
/// directories are read with ``read(_:layer:)``.
public struct AnnotatedDocument: Sendable {
    /// The document id; the file's stem when the JSON gives none.
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
    /// Where the document was read from (a file, or the input it was annotated from), as
    /// messages name it.
    public let path: String
    /// The JSON text of the document as read (one line of a JSON Lines file), so that it can
    /// be copied as it is (`check --update`); `nil` for CoNLL and brat files.
    public let json: Data?

    /// The `format` value of documents this type reads.
    public static let formatID = AnnotatedJSON.formatID

    /// Reads one annotated JSON document.
    ///
    /// - Parameters:
    ///   - data: The JSON text of one document.
    ///   - path: The file it comes from, to name it in messages; its stem is the id of a
    ///     document that gives none.
    ///   - line: The line of a JSON Lines file, when the document is one.
    /// - Throws: ``ReadError`` when the data is not JSON, not an annotated document, or a
    ///   span lies outside the text.
    public init(json data: Data, path: String, line: Int? = nil) throws(ReadError) {
        let value: JSONValue
        do {
            value = try JSONValue(parsing: data)
        } catch {
            throw ReadError("\(Self.place(path, line)): not valid JSON")
        }
        try self.init(value: value, json: data, path: path, line: line)
    }

    /// Reads a document the pipeline has just annotated, through its JSON, so that fresh and
    /// stored documents take the same path.
    ///
    /// - Parameters:
    ///   - document: The annotated document.
    ///   - style: The layout of the JSON kept in ``json``.
    /// - Throws: ``ReadError`` when the document cannot be encoded, or when a stage wrote a
    ///   span outside the text.
    public init(_ document: Document, style: AnnotatedJSON.Style = .compact) throws(ReadError) {
        let path = document.source?.path ?? document.id
        let bytes: [UInt8]
        do {
            bytes = try AnnotatedJSON.encode(document, style: style)
        } catch {
            throw ReadError("'\(path)': cannot encode the document: \(error)")
        }
        try self.init(json: Data(bytes), path: path)
    }

    /// Reads a parsed JSON value that should be an annotated document.
    ///
    /// A `format` other than ``formatID`` is refused. A document with a `text` but no
    /// `format` is read as one: gold data written by other tools often leaves it out.
    init(value: JSONValue, json: Data?, path: String, line: Int?) throws(ReadError) {
        let place = Self.place(path, line)
        guard let object = value.objectValue else { throw ReadError("\(place): not a JSON object") }
        let format = object["format"]
        guard format == nil || format?.stringValue == Self.formatID, format != nil || object["text"] != nil else {
            let found = format.map { $0.stringValue.map { "'\($0)'" } ?? $0.description } ?? "no \"format\""
            throw ReadError("\(place): not annotated JSON (\(found); expected '\(Self.formatID)')")
        }
        guard let text = object["text"]?.stringValue else { throw ReadError("\(place): annotated JSON without a \"text\" string") }
        let stem = Self.stem(of: path)
        try self.init(
            id: object["id"]?.stringValue ?? line.map { "\(stem):\($0)" } ?? stem, text: DocumentText(text),
            metadata: object["metadata"]?.objectValue ?? [:], layers: object["layers"]?.objectValue ?? [:],
            diagnostics: object["diagnostics"]?.arrayValue ?? [], pipeline: object["pipeline"]?.arrayValue ?? [],
            sourcePath: object["source"]?.objectValue?["path"]?.stringValue, path: path, json: json, place: place)
    }

    /// Assembles a document from its parts and checks every span against the text: the one
    /// place where documents of every format are checked.
    init(id: String, text: DocumentText, metadata: [String: JSONValue], layers: [String: JSONValue], diagnostics: [JSONValue],
         pipeline: [JSONValue], sourcePath: String?, path: String, json: Data?, place: String) throws(ReadError) {
        for name in layers.keys.sorted() {
            try Self.checkSpans(layers[name] ?? .null, within: text.count, place: "\(place): layers/\(name)")
        }
        for (index, diagnostic) in diagnostics.enumerated() {
            try Self.checkSpans(diagnostic, within: text.count, place: "\(place): diagnostics/\(index)")
        }
        self.id = id
        self.text = text
        self.metadata = metadata
        self.layers = layers
        self.diagnostics = diagnostics
        self.pipeline = pipeline
        self.sourcePath = sourcePath
        self.path = path
        self.json = json
    }

    /// The items of a layer that are objects, or `nil` when the layer is absent.
    public func items(_ layer: String) -> [[String: JSONValue]]? {
        guard let value = layers[layer] else { return nil }
        return (value.arrayValue ?? []).compactMap(\.objectValue)
    }

    /// The items of a layer that have a span, with every field they carry; `nil` when the
    /// layer is absent or is not an array.
    public func layerItems(_ layer: String) -> [LayerItem]? {
        layers[layer]?.arrayValue.map { $0.compactMap { $0.objectValue.flatMap(LayerItem.init) } }
    }

    /// Every layer that is an array, as ``layerItems(_:)``: what `check` compares and `eval`
    /// scores.
    public var itemLayers: [String: [LayerItem]] {
        layers.compactMapValues { $0.arrayValue?.compactMap { $0.objectValue.flatMap(LayerItem.init) } }
    }

    /// The text of a span (Unicode scalar offsets, end exclusive).
    public func slice(_ span: TextSpan) -> String { text[span] }

    /// How messages name an input: `'path'` or `'path' line 3`.
    static func place(_ path: String, _ line: Int?) -> String {
        line.map { "'\(path)' line \($0)" } ?? "'\(path)'"
    }

    /// A file's name without its last extension: `story.it` for `out/story.it.json`.
    static func stem(of path: String) -> String {
        URL(fileURLWithPath: path).deletingPathExtension().lastPathComponent
    }

    private static func checkSpans(_ value: JSONValue, within length: Int, place: String) throws(ReadError) {
        switch value {
        case .array(let items):
            for (index, item) in items.enumerated() { try checkSpans(item, within: length, place: "\(place)/\(index)") }
        case .object(let members):
            if let start = members["start"]?.intValue, let end = members["end"]?.intValue, !(0 <= start && start <= end && end <= length) {
                throw ReadError("\(place): span \(start)..<\(end) lies outside the text (\(length) code points); is the JSON from another text?")
            }
            for key in members.keys.sorted() where members[key]?.arrayValue != nil || members[key]?.objectValue != nil {
                try checkSpans(members[key] ?? .null, within: length, place: "\(place)/\(key)")
            }
        default:
            break
        }
    }
}
