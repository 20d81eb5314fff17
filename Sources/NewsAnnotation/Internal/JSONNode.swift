/// A JSON value that keeps object keys in the order they were written, so that encoding the
/// same value always gives the same bytes.
///
/// Arrays and objects keep their members in stored properties rather than in enum payloads,
/// so that appending a member never copies the ones before it.
final class JSONNode {
    enum Kind {
        case unset, null, bool, number, string, array, object
        /// An array of flat objects already rendered: ``inlineBytes`` split at ``inlineEnds``.
        case inlineArray
    }

    private(set) var kind: Kind = .unset
    /// The literal of a number, or the value of a string.
    private(set) var scalarText = ""
    private(set) var boolValue = false
    private(set) var items: [JSONNode] = []
    private(set) var keys: [String] = []
    /// The members of an object, in the order of ``keys``.
    private(set) var members: [JSONNode] = []
    /// Where each key is in ``keys``, built only for objects of more than `indexedAbove` keys:
    /// most objects (a span, a source) have a handful, found faster by a scan than by hashing.
    private var positions: [String: Int]?
    private static let indexedAbove = 12
    private(set) var inlineBytes: [UInt8] = []
    private(set) var inlineEnds: [Int] = []

    init() {}

    func setNull() { reset(.null) }

    func setBool(_ value: Bool) {
        reset(.bool)
        boolValue = value
    }

    func setNumber(_ literal: String) {
        reset(.number)
        scalarText = literal
    }

    func setString(_ value: String) {
        reset(.string)
        scalarText = value
    }

    func setInlineArray(bytes: [UInt8], ends: [Int]) {
        reset(.inlineArray)
        inlineBytes = bytes
        inlineEnds = ends
    }

    private func reset(_ newKind: Kind) {
        kind = newKind
        items = []
        keys = []
        members = []
        positions = nil
    }

    func makeObject() {
        if kind != .object { reset(.object) }
    }

    func makeArray() {
        if kind != .array { reset(.array) }
    }

    /// Returns the child stored under `key`, creating it (as unset) when missing.
    func child(forKey key: String) -> JSONNode {
        makeObject()
        let found = positions != nil ? positions?[key] : keys.firstIndex(of: key)
        if let found { return members[found] }
        let node = JSONNode()
        keys.append(key)
        members.append(node)
        if positions != nil {
            positions?[key] = keys.count - 1
        } else if keys.count > Self.indexedAbove {
            positions = Dictionary(uniqueKeysWithValues: zip(keys, keys.indices))
        }
        return node
    }

    func appendChild() -> JSONNode {
        makeArray()
        let node = JSONNode()
        items.append(node)
        return node
    }

    /// Scalars, empty arrays and empty objects print on one line.
    var isScalar: Bool {
        switch kind {
        case .array: items.isEmpty
        case .inlineArray: inlineEnds.isEmpty
        case .object: keys.isEmpty
        default: true
        }
    }
}
