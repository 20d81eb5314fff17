/// An `Encoder` that builds a ``JSONNode`` tree keeping keys in encoding order.
///
/// Foundation's `JSONEncoder` either sorts keys or writes them in hash order, which changes
/// from run to run; annotated JSON must be byte-identical across runs and readable, so keys
/// stay in declaration order. Dictionaries with string keys are written with sorted keys.
struct OrderedJSONEncoder {
    /// Whether inline-rendered values use the pretty style.
    var pretty: Bool

    func encode(_ value: some Encodable) throws -> JSONNode {
        let node = JSONNode()
        try OrderedJSONEncoder.$isPretty.withValue(pretty) {
            try encodeValue(value, into: node, codingPath: [])
        }
        return node
    }

    /// The style of the encoding under way, for values that render themselves inline.
    @TaskLocal static var isPretty = true
}

/// Dictionaries whose keys are strings, so that the encoder can sort their keys.
protocol StringKeyedDictionaryEncodable {
    func sortedEncodableEntries() -> [(String, any Encodable)]
}

extension Dictionary: StringKeyedDictionaryEncodable where Key == String, Value: Encodable {
    func sortedEncodableEntries() -> [(String, any Encodable)] {
        keys.sorted().map { ($0, self[$0]! as any Encodable) }
    }
}

func encodeValue(_ value: some Encodable, into node: JSONNode, codingPath: [any CodingKey]) throws {
    if let array = value as? any InlineJSONArray {
        let (bytes, ends) = array.renderInline(pretty: OrderedJSONEncoder.isPretty)
        node.setInlineArray(bytes: bytes, ends: ends)
        return
    }
    if let dictionary = value as? any StringKeyedDictionaryEncodable {
        node.makeObject()
        for (key, entry) in dictionary.sortedEncodableEntries() {
            try encodeValue(entry, into: node.child(forKey: key), codingPath: codingPath + [DynamicCodingKey(key)])
        }
        return
    }
    try value.encode(to: NodeEncoder(node: node, codingPath: codingPath))
    if node.kind == .unset { node.makeObject() }
}

private func number(_ value: Double, codingPath: [any CodingKey]) throws -> String {
    guard value.isFinite else {
        throw EncodingError.invalidValue(value, .init(codingPath: codingPath, debugDescription: "JSON has no representation for \(value)"))
    }
    if value == value.rounded(), abs(value) < 1e15 { return String(Int64(value)) }
    return String(describing: value)
}

private struct NodeEncoder: Encoder {
    let node: JSONNode
    let codingPath: [any CodingKey]
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
        node.makeObject()
        return KeyedEncodingContainer(KeyedContainer<Key>(node: node, codingPath: codingPath))
    }

    func unkeyedContainer() -> any UnkeyedEncodingContainer {
        node.makeArray()
        return UnkeyedContainer(node: node, codingPath: codingPath)
    }

    func singleValueContainer() -> any SingleValueEncodingContainer {
        SingleContainer(node: node, codingPath: codingPath)
    }
}

private struct KeyedContainer<Key: CodingKey>: KeyedEncodingContainerProtocol {
    let node: JSONNode
    let codingPath: [any CodingKey]

    mutating func encodeNil(forKey key: Key) throws { node.child(forKey: key.stringValue).setNull() }
    mutating func encode(_ value: Bool, forKey key: Key) throws { node.child(forKey: key.stringValue).setBool(value) }
    mutating func encode(_ value: String, forKey key: Key) throws { node.child(forKey: key.stringValue).setString(value) }
    mutating func encode(_ value: Double, forKey key: Key) throws {
        node.child(forKey: key.stringValue).setNumber(try number(value, codingPath: codingPath + [key]))
    }
    mutating func encode(_ value: Float, forKey key: Key) throws { try encode(Double(value), forKey: key) }
    mutating func encode(_ value: Int, forKey key: Key) throws { node.child(forKey: key.stringValue).setNumber(String(value)) }
    mutating func encode(_ value: Int8, forKey key: Key) throws { try encode(Int(value), forKey: key) }
    mutating func encode(_ value: Int16, forKey key: Key) throws { try encode(Int(value), forKey: key) }
    mutating func encode(_ value: Int32, forKey key: Key) throws { try encode(Int(value), forKey: key) }
    mutating func encode(_ value: Int64, forKey key: Key) throws { node.child(forKey: key.stringValue).setNumber(String(value)) }
    mutating func encode(_ value: UInt, forKey key: Key) throws { node.child(forKey: key.stringValue).setNumber(String(value)) }
    mutating func encode(_ value: UInt8, forKey key: Key) throws { try encode(Int(value), forKey: key) }
    mutating func encode(_ value: UInt16, forKey key: Key) throws { try encode(Int(value), forKey: key) }
    mutating func encode(_ value: UInt32, forKey key: Key) throws { try encode(Int(value), forKey: key) }
    mutating func encode(_ value: UInt64, forKey key: Key) throws { node.child(forKey: key.stringValue).setNumber(String(value)) }
    mutating func encode<T: Encodable>(_ value: T, forKey key: Key) throws {
        try encodeValue(value, into: node.child(forKey: key.stringValue), codingPath: codingPath + [key])
    }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type, forKey key: Key) -> KeyedEncodingContainer<NestedKey> {
        let child = node.child(forKey: key.stringValue)
        child.makeObject()
        return KeyedEncodingContainer(KeyedContainer<NestedKey>(node: child, codingPath: codingPath + [key]))
    }

    mutating func nestedUnkeyedContainer(forKey key: Key) -> any UnkeyedEncodingContainer {
        let child = node.child(forKey: key.stringValue)
        child.makeArray()
        return UnkeyedContainer(node: child, codingPath: codingPath + [key])
    }

    mutating func superEncoder() -> any Encoder { NodeEncoder(node: node.child(forKey: "super"), codingPath: codingPath) }
    mutating func superEncoder(forKey key: Key) -> any Encoder { NodeEncoder(node: node.child(forKey: key.stringValue), codingPath: codingPath + [key]) }
}

private struct IndexKey: CodingKey {
    var stringValue: String { String(intValue ?? 0) }
    var intValue: Int?
    init(_ index: Int) { intValue = index }
    init?(stringValue: String) { nil }
    init?(intValue: Int) { self.intValue = intValue }
}

private struct UnkeyedContainer: UnkeyedEncodingContainer {
    let node: JSONNode
    let codingPath: [any CodingKey]
    var count: Int {
        node.items.count
    }

    private func next() -> JSONNode { node.appendChild() }

    mutating func encodeNil() throws { next().setNull() }
    mutating func encode(_ value: Bool) throws { next().setBool(value) }
    mutating func encode(_ value: String) throws { next().setString(value) }
    mutating func encode(_ value: Double) throws { next().setNumber(try number(value, codingPath: codingPath)) }
    mutating func encode(_ value: Float) throws { try encode(Double(value)) }
    mutating func encode(_ value: Int) throws { next().setNumber(String(value)) }
    mutating func encode(_ value: Int8) throws { try encode(Int(value)) }
    mutating func encode(_ value: Int16) throws { try encode(Int(value)) }
    mutating func encode(_ value: Int32) throws { try encode(Int(value)) }
    mutating func encode(_ value: Int64) throws { next().setNumber(String(value)) }
    mutating func encode(_ value: UInt) throws { next().setNumber(String(value)) }
    mutating func encode(_ value: UInt8) throws { try encode(Int(value)) }
    mutating func encode(_ value: UInt16) throws { try encode(Int(value)) }
    mutating func encode(_ value: UInt32) throws { try encode(Int(value)) }
    mutating func encode(_ value: UInt64) throws { next().setNumber(String(value)) }
    mutating func encode<T: Encodable>(_ value: T) throws {
        let index = count
        try encodeValue(value, into: next(), codingPath: codingPath + [IndexKey(index)])
    }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type) -> KeyedEncodingContainer<NestedKey> {
        let child = next()
        child.makeObject()
        return KeyedEncodingContainer(KeyedContainer<NestedKey>(node: child, codingPath: codingPath))
    }

    mutating func nestedUnkeyedContainer() -> any UnkeyedEncodingContainer {
        let child = next()
        child.makeArray()
        return UnkeyedContainer(node: child, codingPath: codingPath)
    }

    mutating func superEncoder() -> any Encoder { NodeEncoder(node: next(), codingPath: codingPath) }
}

private struct SingleContainer: SingleValueEncodingContainer {
    let node: JSONNode
    let codingPath: [any CodingKey]

    mutating func encodeNil() throws { node.setNull() }
    mutating func encode(_ value: Bool) throws { node.setBool(value) }
    mutating func encode(_ value: String) throws { node.setString(value) }
    mutating func encode(_ value: Double) throws { node.setNumber(try number(value, codingPath: codingPath)) }
    mutating func encode(_ value: Float) throws { try encode(Double(value)) }
    mutating func encode(_ value: Int) throws { node.setNumber(String(value)) }
    mutating func encode(_ value: Int8) throws { try encode(Int(value)) }
    mutating func encode(_ value: Int16) throws { try encode(Int(value)) }
    mutating func encode(_ value: Int32) throws { try encode(Int(value)) }
    mutating func encode(_ value: Int64) throws { node.setNumber(String(value)) }
    mutating func encode(_ value: UInt) throws { node.setNumber(String(value)) }
    mutating func encode(_ value: UInt8) throws { try encode(Int(value)) }
    mutating func encode(_ value: UInt16) throws { try encode(Int(value)) }
    mutating func encode(_ value: UInt32) throws { try encode(Int(value)) }
    mutating func encode(_ value: UInt64) throws { node.setNumber(String(value)) }
    mutating func encode<T: Encodable>(_ value: T) throws { try encodeValue(value, into: node, codingPath: codingPath) }
}
