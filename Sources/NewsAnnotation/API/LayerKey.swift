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
