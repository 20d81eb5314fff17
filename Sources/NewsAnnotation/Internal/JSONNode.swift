/// A JSON value that keeps object keys in the order they were written, so that encoding the
/// same value always gives the same bytes.
final class JSONNode {
    enum Storage {
        case unset
        case null
        case bool(Bool)
        case number(String)
        case string(String)
        case array([JSONNode])
        case object(keys: [String], values: [String: JSONNode])
    }

    var storage: Storage = .unset

    init() {}

    init(_ storage: Storage) { self.storage = storage }

    func makeObject() {
        if case .object = storage { return }
        storage = .object(keys: [], values: [:])
    }

    func makeArray() {
        if case .array = storage { return }
        storage = .array([])
    }

    /// Returns the child stored under `key`, creating it (as unset) when missing.
    func child(forKey key: String) -> JSONNode {
        makeObject()
        guard case .object(var keys, var values) = storage else { return JSONNode() }
        if let existing = values[key] { return existing }
        let node = JSONNode()
        keys.append(key)
        values[key] = node
        storage = .object(keys: keys, values: values)
        return node
    }

    func appendChild() -> JSONNode {
        makeArray()
        guard case .array(var items) = storage else { return JSONNode() }
        let node = JSONNode()
        items.append(node)
        storage = .array(items)
        return node
    }

    var isScalar: Bool {
        switch storage {
        case .array(let items): items.isEmpty
        case .object(let keys, _): keys.isEmpty
        default: true
        }
    }
}
