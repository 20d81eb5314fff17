public import Foundation

/// Any JSON value: for layers whose shape a stage does not declare in Swift (rule files,
/// external programs) and for reading annotated JSON back.
///
/// Objects encode with their keys sorted, so output stays deterministic.
public indirect enum JSONValue: Sendable, Hashable, Codable, CustomStringConvertible {
    case null
    case bool(Bool)
    case number(Double)
    case string(String)
    case array([JSONValue])
    case object([String: JSONValue])

    /// Converts what `JSONSerialization` returns.
    public init(foundationObject any: Any) {
        switch any {
        case let value as String: self = .string(value)
        case let value as NSNumber:
            // JSONSerialization gives booleans as NSNumbers of type "c".
            if String(cString: value.objCType) == "c" { self = .bool(value.boolValue) } else { self = .number(value.doubleValue) }
        case let value as [Any]: self = .array(value.map(JSONValue.init(foundationObject:)))
        case let value as [String: Any]: self = .object(value.mapValues(JSONValue.init(foundationObject:)))
        default: self = .null
        }
    }

    /// Parses JSON text.
    ///
    /// The text is parsed with `JSONDecoder`, not `JSONSerialization`: on Linux the latter
    /// drops a U+FEFF that follows an escape sequence in a string (`"\n\u{FEFF}"`), which
    /// would move every code point offset after it. When the text is not valid JSON, the
    /// error thrown is `JSONSerialization`'s, whose message says where the problem is.
    public init(parsing data: Data) throws {
        do {
            self = try JSONDecoder().decode(JSONValue.self, from: data)
        } catch {
            _ = try JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed])
            throw error
        }
    }

    public init(from decoder: any Decoder) throws {
        // The most frequent kinds first: strings and numbers make up most of a document.
        // A number never decodes as a Bool, nor a Bool as a number.
        let container = try decoder.singleValueContainer()
        if container.decodeNil() { self = .null }
        else if let value = try? container.decode(String.self) { self = .string(value) }
        else if let value = try? container.decode(Double.self) { self = .number(value) }
        else if let value = try? container.decode(Bool.self) { self = .bool(value) }
        else if let value = try? container.decode([String: JSONValue].self) { self = .object(value) }
        else { self = .array(try container.decode([JSONValue].self)) }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .null: try container.encodeNil()
        case .bool(let value): try container.encode(value)
        case .number(let value):
            if value == value.rounded(), abs(value) < 1e15 { try container.encode(Int64(value)) } else { try container.encode(value) }
        case .string(let value): try container.encode(value)
        case .array(let items): try container.encode(items)
        case .object(let members): try container.encode(members)
        }
    }

    public var description: String {
        switch self {
        case .null: "null"
        case .bool(let value): String(value)
        case .number(let value): value == value.rounded() && abs(value) < 1e15 ? String(Int64(value)) : String(value)
        case .string(let value): "\"\(value)\""
        case .array(let items): "[" + items.map(\.description).joined(separator: ", ") + "]"
        case .object(let members): "{" + members.keys.sorted().map { "\($0): \(members[$0]?.description ?? "null")" }.joined(separator: ", ") + "}"
        }
    }

    /// The string, when this is one.
    public var stringValue: String? { if case .string(let value) = self { value } else { nil } }
    /// The number as an integer, when this is a number.
    public var intValue: Int? { if case .number(let value) = self { Int(exactly: value) } else { nil } }
    /// The members, when this is an object.
    public var objectValue: [String: JSONValue]? { if case .object(let value) = self { value } else { nil } }
    /// The items, when this is an array.
    public var arrayValue: [JSONValue]? { if case .array(let value) = self { value } else { nil } }
}
