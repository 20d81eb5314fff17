/// A set of annotation layers, each stored under its ``LayerKey``, in the order they were added.
///
/// Stages return a bundle holding exactly the layers they declare in
/// ``AnnotatorDescriptor/produces``; the ``Pipeline`` checks it and merges it into the document.
/// A bundle may also carry diagnostics about the document.
public struct LayerBundle: Sendable {
    private(set) var order: [LayerID] = []
    private var storage: [LayerID: any LayerBoxProtocol] = [:]
    /// Diagnostics the stage reports along with its layers.
    public var diagnostics: [Diagnostic] = []

    /// Creates an empty bundle.
    public init() {}

    /// The ids of the layers in the bundle, in the order they were added.
    public var layerIDs: [LayerID] { order }

    /// Whether the bundle holds no layer.
    public var isEmpty: Bool { order.isEmpty }

    /// Reads or writes the layer stored under `key`; `nil` when the bundle has no such layer.
    ///
    /// Reading a layer with a key of another value type than the one it was stored with
    /// returns `nil`.
    public subscript<Value>(key: LayerKey<Value>) -> Value? {
        get { (storage[key.id] as? LayerBox<Value>)?.value }
        set {
            if let newValue {
                if storage[key.id] == nil { order.append(key.id) }
                storage[key.id] = LayerBox(value: newValue)
            } else if storage.removeValue(forKey: key.id) != nil {
                order.removeAll { $0 == key.id }
            }
        }
    }

    /// Stores `value` as the layer for `key`, replacing any layer with that id.
    public mutating func set<Value>(_ key: LayerKey<Value>, _ value: Value) {
        self[key] = value
    }

    /// Adds a diagnostic about the document.
    public mutating func report(_ diagnostic: Diagnostic) {
        diagnostics.append(diagnostic)
    }

    func box(for id: LayerID) -> (any LayerBoxProtocol)? { storage[id] }

    mutating func setBox(_ box: any LayerBoxProtocol, for id: LayerID) {
        if storage[id] == nil { order.append(id) }
        storage[id] = box
    }

    /// Whether the bundle holds a layer with this id, whatever its type.
    public func contains(_ id: LayerID) -> Bool { storage[id] != nil }

    /// The first layer (in order) in which two annotations share an id, and that id.
    func firstDuplicateID() -> (layer: String, id: String)? {
        for id in order {
            if let duplicate = storage[id]?.firstDuplicateID() { return (id.rawValue, duplicate) }
        }
        return nil
    }

    /// The first layer (in order) with a span that does not lie inside a text of `length`
    /// scalars, and that span's offsets; a diagnostic's span counts as the layer
    /// `diagnostics`.
    func firstSpanOutside(length: Int) -> (layer: String, start: Int, end: Int)? {
        for id in order {
            if let span = storage[id]?.firstSpanOutside(length: length) { return (id.rawValue, span.start, span.end) }
        }
        for diagnostic in diagnostics {
            if let start = diagnostic.start, let end = diagnostic.end, !(0 <= start && start <= end && end <= length) { return ("diagnostics", start, end) }
        }
        return nil
    }
}

/// Type erasure for one layer value, so that a bundle can hold layers of any `Codable` type
/// and still encode them in a fixed order.
protocol LayerBoxProtocol: Sendable {
    /// The name of the value's Swift type, as ``LayerDeclaration/valueType`` writes it.
    var valueTypeName: String { get }
    func encode(to container: inout KeyedEncodingContainer<DynamicCodingKey>, key: DynamicCodingKey) throws
    /// The number of annotations in the layer when it is a collection.
    var itemCount: Int? { get }
    /// The first span of the layer that does not lie inside a text of `length` scalars, as
    /// `start..<end` offsets (which may be negative or backwards), or `nil`.
    func firstSpanOutside(length: Int) -> (start: Int, end: Int)?
    /// The first id that two annotations of the layer share, or `nil`.
    func firstDuplicateID() -> String?
}

struct LayerBox<Value: Sendable & Codable>: LayerBoxProtocol {
    let value: Value

    func encode(to container: inout KeyedEncodingContainer<DynamicCodingKey>, key: DynamicCodingKey) throws {
        try container.encode(value, forKey: key)
    }

    var itemCount: Int? { (value as? any Collection)?.count }

    var valueTypeName: String { LayerDeclaration.typeName(Value.self) }

    func firstSpanOutside(length: Int) -> (start: Int, end: Int)? {
        // A JSON layer (an external stage's, a rule file's): every object with integer
        // "start" and "end", however deep.
        if let json = value as? JSONValue { return JSONValue.firstSpanOutside(json, length: length) }
        // One cast per layer, then a loop specialised for the element type.
        return (value as? any SpanChecked)?.firstSpanOutside(length: length)
    }
}

extension LayerBox {
    func firstDuplicateID() -> String? {
        if let json = value as? JSONValue {
            guard let items = json.arrayValue else { return nil }
            var seen: Set<String> = []
            for item in items {
                if let id = item.objectValue?["id"]?.stringValue, !seen.insert(id).inserted { return id }
            }
            return nil
        }
        return (value as? any IDChecked)?.firstDuplicateID()
    }
}

/// A layer value whose annotations' ids can be checked for uniqueness.
protocol IDChecked {
    func firstDuplicateID() -> String?
}

extension Array: IDChecked where Element: Identified {
    func firstDuplicateID() -> String? {
        var seen: Set<String> = []
        seen.reserveCapacity(count)
        for item in self where !seen.insert(item.id).inserted { return item.id }
        return nil
    }
}

/// A layer value whose spans can be checked against the text's length.
protocol SpanChecked {
    func firstSpanOutside(length: Int) -> (start: Int, end: Int)?
}

extension Array: SpanChecked where Element: Spanned {
    func firstSpanOutside(length: Int) -> (start: Int, end: Int)? {
        for item in self {
            let span = item.span
            if !span.isValid(in: length) { return (span.start, span.end) }
        }
        return nil
    }
}

extension JSONValue {
    /// The first object in `value` whose integer `start` and `end` are not `0 <= start <= end <= length`.
    static func firstSpanOutside(_ value: JSONValue, length: Int) -> (start: Int, end: Int)? {
        var stack = [value]
        while let next = stack.popLast() {
            switch next {
            case .array(let items): stack.append(contentsOf: items.reversed())
            case .object(let fields):
                if let start = fields["start"]?.intValue, let end = fields["end"]?.intValue, !(0 <= start && start <= end && end <= length) {
                    return (start, end)
                }
                for key in fields.keys.sorted().reversed() { if let field = fields[key] { stack.append(field) } }
            default: continue
            }
        }
        return nil
    }
}

/// A coding key made from any string, for objects whose keys are data (layer ids).
struct DynamicCodingKey: CodingKey {
    var stringValue: String
    var intValue: Int? { nil }
    init(_ string: String) { stringValue = string }
    init?(stringValue: String) { self.stringValue = stringValue }
    init?(intValue: Int) { nil }
}
