import Foundation

/// The stable identifier of an annotation layer, such as `"sentences"` or `"entities"`.
///
/// Layer ids are snake_case strings shared by pipeline declarations, the command line and the
/// annotated JSON.
public struct LayerID: Sendable, Hashable, Comparable, Codable, ExpressibleByStringLiteral, CustomStringConvertible {
    /// The snake_case name of the layer.
    public let rawValue: String

    /// Creates a layer id from its snake_case name.
    public init(_ rawValue: String) { self.rawValue = rawValue }

    public init(stringLiteral value: String) { self.rawValue = value }

    public init(from decoder: any Decoder) throws {
        rawValue = try decoder.singleValueContainer().decode(String.self)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }

    public static func < (lhs: LayerID, rhs: LayerID) -> Bool { lhs.rawValue < rhs.rawValue }

    public var description: String { rawValue }
}

/// A typed key for one annotation layer: the id it has in JSON and the Swift type of its value.
///
/// Declare keys as static constants, as ``Layers`` does for the built-in layers, so that a layer
/// is always read and written with the same type:
///
/// ```swift
/// extension Layers {
///     static let money = LayerKey<[MoneyMention]>("money")
/// }
/// ```
public struct LayerKey<Value: Sendable & Codable>: Sendable, Hashable {
    /// The layer's stable id.
    public let id: LayerID

    /// Creates a key for the layer called `id`.
    public init(_ id: LayerID) { self.id = id }

    /// Creates a key for the layer called `id`.
    public init(id: LayerID) { self.id = id }
}

extension LayerKey {
    /// The key as a stage declares it in ``AnnotatorDescriptor/requires`` or
    /// ``AnnotatorDescriptor/produces``: the layer's id with its value type.
    public var declaration: LayerDeclaration { LayerDeclaration(self) }
}

/// A layer as a stage declares it: its id and, when the stage reads or writes it with a
/// ``LayerKey``, the Swift type of its value.
///
/// The pipeline uses the types twice. Before the first document, it reports a stage that
/// produces a layer under an id with another type than a later stage reads
/// (``PipelineProblem/layerTypeMismatch(layer:producer:producedType:consumer:requiredType:)``).
/// While it runs, it hands each stage the layers it requires in the type it reads: a JSON layer
/// (from an external program or an untyped declaration) is decoded into that type, and a layer
/// that does not decode fails the document with the reason, instead of reading as empty.
///
/// An untyped declaration (made from a ``LayerID``, as external programs declare their layers)
/// accepts a layer of any type.
public struct LayerDeclaration: Sendable, Hashable, Comparable, CustomStringConvertible, ExpressibleByStringLiteral {
    /// The layer's id.
    public let id: LayerID
    /// The name of the layer's Swift value type, such as `[Entity]`; `nil` when untyped.
    public let valueType: String?
    /// Turns a stored layer into this declaration's type: the same box when it already has
    /// it, a decoded box when it is JSON; `nil` when it has another Swift type.
    let adopt: (@Sendable (any LayerBoxProtocol) throws -> (any LayerBoxProtocol)?)?

    /// Declares the layer of `key`, typed with the key's value type.
    public init<Value>(_ key: LayerKey<Value>) {
        id = key.id
        valueType = LayerDeclaration.typeName(Value.self)
        adopt = { box in
            if box is LayerBox<Value> { return box }
            guard let json = box as? LayerBox<JSONValue> else { return nil }
            return LayerBox(value: try JSONValue.decode(Value.self, from: json.value))
        }
    }

    /// Declares a layer by id alone, accepting any value type.
    public init(_ id: LayerID) {
        self.id = id
        valueType = nil
        adopt = nil
    }

    public init(stringLiteral value: String) { self.init(LayerID(value)) }

    /// The name the declarations use for a value type.
    static func typeName(_ type: Any.Type) -> String {
        let name = String(describing: type)
        // `[Entity]` rather than `Array<Entity>`, as Swift code writes it.
        if name.hasPrefix("Array<"), name.hasSuffix(">") { return "[" + name.dropFirst(6).dropLast() + "]" }
        return name
    }

    /// Whether a layer of this declaration can be read by `consumer` without a type check at
    /// run time: either side untyped, a JSON side (decoded when read), or the same type.
    func isCompatible(with consumer: LayerDeclaration) -> Bool {
        guard let produced = valueType, let required = consumer.valueType else { return true }
        let json = LayerDeclaration.typeName(JSONValue.self)
        return produced == required || produced == json || required == json
    }

    public static func == (lhs: LayerDeclaration, rhs: LayerDeclaration) -> Bool { lhs.id == rhs.id && lhs.valueType == rhs.valueType }
    public func hash(into hasher: inout Hasher) {
        hasher.combine(id)
        hasher.combine(valueType)
    }
    public static func < (lhs: LayerDeclaration, rhs: LayerDeclaration) -> Bool { (lhs.id, lhs.valueType ?? "") < (rhs.id, rhs.valueType ?? "") }

    public var description: String { valueType.map { "\(id) (\($0))" } ?? id.rawValue }
}

/// A JSON layer that does not decode into the type a stage reads.
struct LayerDecodingError: Error, CustomStringConvertible {
    var description: String
}

extension JSONValue {
    /// Decodes `value` as `type`, with an error that says where and what did not fit.
    static func decode<Value: Decodable>(_ type: Value.Type, from value: JSONValue) throws -> Value {
        do {
            return try JSONDecoder().decode(Value.self, from: JSONEncoder().encode(value))
        } catch let error as DecodingError {
            let context: DecodingError.Context
            switch error {
            case .typeMismatch(_, let found), .valueNotFound(_, let found), .keyNotFound(_, let found), .dataCorrupted(let found): context = found
            @unknown default: throw LayerDecodingError(description: "\(error)")
            }
            let path = context.codingPath.map { $0.intValue.map { "[\($0)]" } ?? ".\($0.stringValue)" }.joined()
            throw LayerDecodingError(description: "\(context.debugDescription)\(path.isEmpty ? "" : " at \(path)")")
        }
    }
}
