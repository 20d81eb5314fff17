public import NewsAnnotation

/// One item of a layer read back: its span and every other field it carries, as written.
///
/// Nothing is flattened or dropped: a date keeps its `type`, `value`, `mod` and `anchor`, a
/// quote its `kind`, `parts`, `cue`, `speaker` and `source`, a social-media source its
/// `platform`, `handle` and `relation`. Nested fields are reached by dotted path
/// (`item["speaker.text"]`), and nested spans with ``span(at:)`` and ``spans(at:)``. Offsets
/// count Unicode scalars (code points), end exclusive, and were checked against the text when
/// the document was read.
///
/// An item needs a span of its own: what `check` compares and `eval` scores are spans. Items
/// without one (a source known only by its mentions or from metadata) are read with
/// ``AnnotatedDocument/items(_:)``.
public struct LayerItem: Sendable, Hashable {
    /// The item's own span (its `start` and `end`).
    public var span: TextSpan
    /// Every other member of the item's JSON object, nested objects and arrays included.
    public var fields: [String: JSONValue]

    /// Creates an item.
    public init(span: TextSpan, fields: [String: JSONValue]) {
        self.span = span
        self.fields = fields
    }

    /// Reads a layer item: `nil` when the object has no integer `start` and `end` with
    /// `0 <= start <= end` (a source known only from metadata, for example).
    public init?(_ object: [String: JSONValue]) {
        guard let span = TextSpan(object) else { return nil }
        self.span = span
        self.fields = object.filter { $0.key != "start" && $0.key != "end" }
    }

    /// The value at a dotted path of member names (`type`, `speaker.text`, `cue.start`);
    /// `nil` when a member on the way is missing or is not an object.
    public subscript(path: String) -> JSONValue? {
        if let value = fields[path] { return value }
        var names = path.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
        guard names.count > 1, var value = fields[names.removeFirst()] else { return nil }
        for name in names {
            guard let next = value.objectValue?[name] else { return nil }
            value = next
        }
        return value
    }

    /// The string at a dotted path, when there is one.
    public func string(_ path: String) -> String? { self[path]?.stringValue }

    /// The span of the object at a dotted path (`speaker`, `cue`, `role`), when it has one.
    public func span(at path: String) -> TextSpan? {
        self[path]?.objectValue.flatMap(TextSpan.init)
    }

    /// The spans of the objects in the array at a dotted path (a quote's `parts`, a source's
    /// `mentions`); objects without a span are left out.
    public func spans(at path: String) -> [TextSpan] {
        (self[path]?.arrayValue ?? []).compactMap { $0.objectValue.flatMap(TextSpan.init) }
    }

    /// The label items are grouped by: `type`, else `kind`, else empty.
    public var label: String { string("type") ?? string("kind") ?? "" }

    /// The fields with nested objects flattened to dotted names (`speaker.text`,
    /// `speaker.start`); arrays stay whole. This is how `check` compares and names fields.
    public var flattenedFields: [String: JSONValue] {
        var flat: [String: JSONValue] = [:]
        func flatten(_ prefix: String, _ value: JSONValue) {
            if case .object(let members) = value {
                for (key, member) in members { flatten(prefix + "." + key, member) }
            } else {
                flat[prefix] = value
            }
        }
        for (key, value) in fields { flatten(key, value) }
        return flat
    }
}

extension TextSpan {
    /// The span of a JSON object with integer `start` and `end`, when `0 <= start <= end`.
    init?(_ object: [String: JSONValue]) {
        guard let start = object["start"]?.intValue, let end = object["end"]?.intValue, start >= 0, start <= end else { return nil }
        self.init(start: start, end: end)
    }
}
