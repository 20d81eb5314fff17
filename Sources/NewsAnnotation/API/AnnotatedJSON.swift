/// The annotated JSON format: one object per document with its text, metadata and layers.
///
/// The output is deterministic: the same document always gives the same bytes. Keys keep a
/// fixed order, layers appear in the order they were produced, a layer no stage produced is
/// absent, and one that was produced but found nothing is `[]`. Every `start`/`end` is a
/// Unicode scalar (code point) offset into `text`, end exclusive.
public enum AnnotatedJSON {
    /// The format identifier written as the `format` field; its number changes when the
    /// format changes incompatibly.
    public static let formatID = "news-annotation/1"

    /// How the JSON is laid out.
    public enum Style: Sendable {
        /// Indented, one annotation per line: for files and goldens.
        case pretty
        /// One line with no spaces: for JSON Lines streams.
        case compact
    }

    /// Encodes a document as annotated JSON, UTF-8, ending with a newline.
    ///
    /// - Throws: `EncodingError` when a custom layer holds a value JSON cannot represent
    ///   (a NaN, for example).
    public static func encode(_ document: Document, style: Style = .pretty) throws -> [UInt8] {
        try encode(value: DocumentEnvelope(document: document), style: style)
    }

    /// Encodes any `Encodable` value with the same deterministic writer.
    public static func encode(value: some Encodable, style: Style = .pretty) throws -> [UInt8] {
        let node = try OrderedJSONEncoder(pretty: style == .pretty).encode(value)
        var writer = JSONWriter(pretty: style == .pretty)
        writer.write(node)
        return writer.bytes + [UInt8(ascii: "\n")]
    }
}

/// The top-level object, with its fields in the documented order.
private struct DocumentEnvelope: Encodable {
    let document: Document

    enum CodingKeys: String, CodingKey {
        case format, id, source, metadata, text, layers, pipeline, diagnostics
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(AnnotatedJSON.formatID, forKey: .format)
        try container.encode(document.id, forKey: .id)
        try container.encodeIfPresent(document.source, forKey: .source)
        try container.encode(document.metadata, forKey: .metadata)
        try container.encode(document.text, forKey: .text)
        var layers = container.nestedContainer(keyedBy: DynamicCodingKey.self, forKey: .layers)
        for id in document.layers.layerIDs {
            try document.layers.box(for: id)?.encode(to: &layers, key: DynamicCodingKey(id.rawValue))
        }
        try container.encode(document.provenance, forKey: .pipeline)
        try container.encode(document.diagnostics, forKey: .diagnostics)
    }
}
