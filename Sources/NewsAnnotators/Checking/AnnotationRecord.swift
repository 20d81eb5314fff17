import Foundation

/// A JSON scalar or structure read back from annotated JSON, comparable and printable.
public indirect enum JSONValue: Sendable, Hashable, CustomStringConvertible {
    case null
    case bool(Bool)
    case number(Double)
    case string(String)
    case array([JSONValue])
    case object([String: JSONValue])

    init(_ any: Any) {
        switch any {
        case let value as String: self = .string(value)
        case let value as NSNumber:
            // JSONSerialization gives booleans as NSNumbers of type "c".
            if String(cString: value.objCType) == "c" { self = .bool(value.boolValue) } else { self = .number(value.doubleValue) }
        case let value as [Any]: self = .array(value.map(JSONValue.init))
        case let value as [String: Any]: self = .object(value.mapValues(JSONValue.init))
        default: self = .null
        }
    }

    public var description: String {
        switch self {
        case .null: "null"
        case .bool(let value): String(value)
        case .number(let value): value == value.rounded() && abs(value) < 1e15 ? String(Int64(value)) : String(value)
        case .string(let value): "\"\(value)\""
        case .array(let items): "[" + items.map(\.description).joined(separator: ", ") + "]"
        case .object(let members): "{" + members.keys.sorted().map { "\($0): \(members[$0]!.description)" }.joined(separator: ", ") + "}"
        }
    }

    var stringValue: String? { if case .string(let value) = self { value } else { nil } }
    var intValue: Int? { if case .number(let value) = self { Int(value) } else { nil } }
}

/// One annotation of a layer, read back for checking and evaluation: its span and its other
/// fields flattened to dotted paths (`speaker.text`, `cue.start`).
public struct SpanRecord: Sendable, Hashable {
    /// Start offset, in Unicode scalars.
    public var start: Int
    /// End offset (exclusive), in Unicode scalars.
    public var end: Int
    /// Every other field, flattened.
    public var fields: [String: JSONValue]

    /// The label evaluation groups by: `type`, else `kind`, else empty.
    public var label: String { fields["type"]?.stringValue ?? fields["kind"]?.stringValue ?? "" }

    init(start: Int, end: Int, fields: [String: JSONValue]) {
        self.start = start
        self.end = end
        self.fields = fields
    }

    init?(_ object: [String: JSONValue]) {
        guard let start = object["start"]?.intValue, let end = object["end"]?.intValue, start <= end else { return nil }
        self.start = start
        self.end = end
        var fields: [String: JSONValue] = [:]
        func flatten(_ prefix: String, _ value: JSONValue) {
            if case .object(let members) = value {
                for (key, member) in members { flatten(prefix.isEmpty ? key : prefix + "." + key, member) }
            } else {
                fields[prefix] = value
            }
        }
        for (key, value) in object where key != "start" && key != "end" { flatten(key, value) }
        self.fields = fields
    }
}

/// An annotated document read back from a file: its id, text, metadata and layers.
public struct AnnotationRecord: Sendable {
    /// The document id.
    public var id: String
    /// The text the offsets count in.
    public var text: String
    /// Top-level metadata, flattened to dotted paths.
    public var metadata: [String: JSONValue]
    /// Layers of spans; layers that are not arrays of spans are left out.
    public var layers: [String: [SpanRecord]]
    /// Where it was read from.
    public var path: String

    /// The text of a span (scalar offsets), clamped to the text.
    public func slice(_ start: Int, _ end: Int) -> String {
        let scalars = text.unicodeScalars
        let count = scalars.count
        let lower = scalars.index(scalars.startIndex, offsetBy: min(max(start, 0), count))
        let upper = scalars.index(scalars.startIndex, offsetBy: min(max(end, start), count))
        return String(scalars[lower..<upper])
    }
}

/// Why annotation files could not be read.
public struct CheckInputError: Error, Sendable, CustomStringConvertible {
    /// What is wrong, naming the file.
    public var message: String
    public var description: String { message }
}
