import NewsAnnotation

/// A JSON value whose object members keep the order they were written in, for exports whose
/// readers expect a conventional key order (`@context`, `id`, `type` first in JSON-LD).
///
/// Encoded with ``AnnotatedJSON/encode(value:style:)``, so exports get the same
/// deterministic writer as annotated JSON.
enum OrderedJSON: Encodable {
    case string(String)
    case int(Int)
    case double(Double)
    case bool(Bool)
    case array([OrderedJSON])
    case object([(String, OrderedJSON)])

    private struct Key: CodingKey {
        var stringValue: String
        var intValue: Int? { nil }
        init(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }

    func encode(to encoder: any Encoder) throws {
        switch self {
        case .string(let value):
            var container = encoder.singleValueContainer()
            try container.encode(value)
        case .int(let value):
            var container = encoder.singleValueContainer()
            try container.encode(value)
        case .double(let value):
            var container = encoder.singleValueContainer()
            try container.encode(value)
        case .bool(let value):
            var container = encoder.singleValueContainer()
            try container.encode(value)
        case .array(let items):
            var container = encoder.unkeyedContainer()
            for item in items { try container.encode(item) }
        case .object(let members):
            var container = encoder.container(keyedBy: Key.self)
            for (key, value) in members { try container.encode(value, forKey: Key(stringValue: key)) }
        }
    }

    /// Encodes with the deterministic writer: indented, or one line.
    func bytes(pretty: Bool) throws(ExportError) -> [UInt8] {
        do {
            return try AnnotatedJSON.encode(value: self, style: pretty ? .pretty : .compact)
        } catch {
            throw ExportError("cannot encode the export: \(error)")
        }
    }
}
