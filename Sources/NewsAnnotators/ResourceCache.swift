import Foundation

/// The bundled resources, each read and decoded once per process: the entity, quote and
/// source stages all read a language's gazetteer, and a batch may build several pipelines.
/// Values are immutable once loaded (Swift values, shared copy-on-write).
enum ResourceCache {
    private static let lock = NSLock()
    nonisolated(unsafe) private static var storage: [String: any Sendable] = [:]

    /// The value cached under `key`, loading it with `load` the first time. Two threads that
    /// miss at once may both load; either result is kept, and both are equal.
    static func value<Value: Sendable>(_ key: String, _ load: () throws(ResourceError) -> Value) throws(ResourceError) -> Value {
        lock.lock()
        let hit = storage[key] as? Value
        lock.unlock()
        if let hit { return hit }
        let loaded = try load()
        lock.lock()
        storage[key] = loaded
        lock.unlock()
        return loaded
    }
}
