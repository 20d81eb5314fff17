import Foundation
import NewsAnnotation

/// A layer-aware comparison of expected and actual annotated documents: per document and
/// layer, the spans added, removed or changed, each with its text and some context.
public struct AnnotationDiff: Sendable {
    /// What to leave out of the comparison.
    public struct Options: Sendable {
        /// Fields never compared, in any layer (`id`, `confidence`, `rule`, or dotted `speaker.start`).
        public var ignoredFields: Set<String>
        /// Layers never compared.
        public var ignoredLayers: Set<String>
        /// Whether metadata is compared.
        public var comparesMetadata: Bool
        /// Scalars of context shown on each side of a span.
        public var context: Int

        /// Creates options; by default everything is compared and 30 scalars of context shown.
        public init(ignoredFields: Set<String> = [], ignoredLayers: Set<String> = [], comparesMetadata: Bool = true, context: Int = 30) {
            self.ignoredFields = ignoredFields
            self.ignoredLayers = ignoredLayers
            self.comparesMetadata = comparesMetadata
            self.context = context
        }
    }

    /// One difference.
    public struct Entry: Sendable, Hashable {
        /// What changed.
        public enum Kind: String, Sendable {
            case added = "+", removed = "-", changed = "~", missingDocument = "missing", extraDocument = "extra", text = "text", metadata = "metadata"
        }

        public var document: String
        public var layer: String
        public var kind: Kind
        public var start: Int?
        public var end: Int?
        /// The span's text, when there is a span.
        public var text: String?
        /// The span in its context: `…left ⟦span⟧ right…`.
        public var context: String?
        /// Field changes: name, expected, actual.
        public var changes: [Change]

        public struct Change: Sendable, Hashable {
            public var field: String
            public var expected: String
            public var actual: String
        }

        /// One or more lines for a terminal.
        public var rendered: String {
            switch kind {
            case .missingDocument: return "\(document): expected document has no actual counterpart"
            case .extraDocument: return "\(document): actual document has no expected counterpart"
            case .text: return "\(document): the text differs, so its offsets cannot be compared (\(changes.first.map { "\($0.expected) → \($0.actual)" } ?? ""))"
            case .metadata: return changes.map { "\(document) metadata ~ \($0.field): \($0.expected) → \($0.actual)" }.joined(separator: "\n")
            case .added, .removed, .changed:
                guard start != nil else { return "\(document) \(layer) \(kind.rawValue) the whole layer" }
                var line = "\(document) \(layer) \(kind.rawValue) \(start ?? 0)..<\(end ?? 0) “\(text ?? "")”"
                if kind != .changed, let label = changes.first(where: { $0.field == "label" }) {
                    line += " \(kind == .added ? label.actual : label.expected)"
                }
                if let context { line += "\n    in: \(context)" }
                if kind == .changed {
                    for change in changes { line += "\n    \(change.field): \(change.expected) → \(change.actual)" }
                }
                return line
            }
        }
    }

    /// The differences, by document, layer and offset.
    public var entries: [Entry]

    /// Whether expected and actual agree.
    public var isEmpty: Bool { entries.isEmpty }

    /// Compares documents matched by id.
    public init(expected: [AnnotationRecord], actual: [AnnotationRecord], options: Options = Options()) {
        var entries: [Entry] = []
        let actualByID = Dictionary(actual.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        let expectedIDs = Set(expected.map(\.id))
        for document in expected.sorted(by: { $0.id < $1.id }) {
            guard let other = actualByID[document.id] else {
                entries.append(Entry(document: document.id, layer: "", kind: .missingDocument, changes: []))
                continue
            }
            entries += Self.compare(document, other, options: options)
        }
        for document in actual.sorted(by: { $0.id < $1.id }) where !expectedIDs.contains(document.id) {
            entries.append(Entry(document: document.id, layer: "", kind: .extraDocument, changes: []))
        }
        self.entries = entries
    }

    private static func compare(_ expected: AnnotationRecord, _ actual: AnnotationRecord, options: Options) -> [Entry] {
        guard expected.text == actual.text else {
            return [Entry(document: expected.id, layer: "", kind: .text, changes: [
                .init(field: "text", expected: "\(expected.text.unicodeScalars.count) code points", actual: "\(actual.text.unicodeScalars.count) code points"),
            ])]
        }
        var entries: [Entry] = []
        if options.comparesMetadata {
            let keys = Set(expected.metadata.keys).union(actual.metadata.keys).subtracting(options.ignoredFields).sorted()
            let changes = keys.compactMap { key -> Entry.Change? in
                let left = expected.metadata[key], right = actual.metadata[key]
                guard left != right else { return nil }
                return .init(field: key, expected: left?.description ?? "absent", actual: right?.description ?? "absent")
            }
            if !changes.isEmpty { entries.append(Entry(document: expected.id, layer: "metadata", kind: .metadata, changes: changes)) }
        }
        let layers = Set(expected.layers.keys).union(actual.layers.keys).subtracting(options.ignoredLayers).sorted()
        for layer in layers {
            guard let left = expected.layers[layer] else {
                entries.append(Entry(document: expected.id, layer: layer, kind: .added, changes: []))
                continue
            }
            guard let right = actual.layers[layer] else {
                entries.append(Entry(document: expected.id, layer: layer, kind: .removed, changes: []))
                continue
            }
            entries += compareLayer(layer, left, right, in: expected, options: options)
        }
        return entries
    }

    private struct SpanKey: Hashable { var start: Int; var end: Int }

    private static func compareLayer(_ layer: String, _ expected: [SpanRecord], _ actual: [SpanRecord], in document: AnnotationRecord, options: Options) -> [Entry] {
        var remaining: [SpanKey: [SpanRecord]] = [:]
        for item in actual { remaining[SpanKey(start: item.start, end: item.end), default: []].append(item) }
        var entries: [Entry] = []
        func entry(_ kind: Entry.Kind, _ item: SpanRecord, changes: [Entry.Change]) -> Entry {
            Entry(document: document.id, layer: layer, kind: kind, start: item.start, end: item.end, text: document.slice(item.start, item.end),
                  context: context(of: item, in: document, width: options.context), changes: changes)
        }
        func comparable(_ item: SpanRecord) -> [String: JSONValue] { item.fields.filter { !options.ignoredFields.contains($0.key) } }
        for item in expected {
            let key = SpanKey(start: item.start, end: item.end)
            var candidates = remaining[key] ?? []
            if candidates.isEmpty {
                entries.append(entry(.removed, item, changes: [.init(field: "label", expected: item.label, actual: "")]))
                continue
            }
            // Prefer an identical item at the same span, else the first one there.
            let index = candidates.firstIndex { comparable($0) == comparable(item) } ?? 0
            let other = candidates.remove(at: index)
            remaining[key] = candidates
            let left = comparable(item), right = comparable(other)
            let changes = Set(left.keys).union(right.keys).sorted().compactMap { field -> Entry.Change? in
                guard left[field] != right[field] else { return nil }
                return .init(field: field, expected: left[field]?.description ?? "absent", actual: right[field]?.description ?? "absent")
            }
            if !changes.isEmpty { entries.append(entry(.changed, item, changes: changes)) }
        }
        for items in remaining.values {
            for item in items { entries.append(entry(.added, item, changes: [.init(field: "label", expected: "", actual: item.label)])) }
        }
        return entries.sorted { ($0.start ?? 0, $0.end ?? 0, $0.kind.rawValue) < ($1.start ?? 0, $1.end ?? 0, $1.kind.rawValue) }
    }

    private static func context(of item: SpanRecord, in document: AnnotationRecord, width: Int) -> String {
        let left = document.slice(max(0, item.start - width), item.start)
        let right = document.slice(item.end, item.end + width)
        func flat(_ text: String) -> String { text.replacingNewlines() }
        return "…\(flat(left))⟦\(flat(document.slice(item.start, item.end)))⟧\(flat(right))…"
    }

    /// The report for a terminal: one entry after another, then a count.
    public var report: String {
        guard !entries.isEmpty else { return "no differences\n" }
        let documents = Set(entries.map(\.document)).count
        return entries.map(\.rendered).joined(separator: "\n") + "\n\(entries.count) difference\(entries.count == 1 ? "" : "s") in \(documents) document\(documents == 1 ? "" : "s")\n"
    }
}

extension String {
    func replacingNewlines() -> String {
        String(String.UnicodeScalarView(unicodeScalars.map { $0 == "\n" || $0 == "\r" || $0 == "\t" ? " " : $0 }))
    }
}
