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
    public init(expected: [AnnotatedDocument], actual: [AnnotatedDocument], options: Options = Options()) {
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

    private static func compare(_ expected: AnnotatedDocument, _ actual: AnnotatedDocument, options: Options) -> [Entry] {
        guard expected.text == actual.text else {
            return [Entry(document: expected.id, layer: "", kind: .text, changes: [
                .init(field: "text", expected: "\(expected.text.count) code points", actual: "\(actual.text.count) code points"),
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
        let expectedLayers = expected.itemLayers, actualLayers = actual.itemLayers
        let layers = Set(expectedLayers.keys).union(actualLayers.keys).subtracting(options.ignoredLayers).sorted()
        for layer in layers {
            guard let left = expectedLayers[layer] else {
                entries.append(Entry(document: expected.id, layer: layer, kind: .added, changes: []))
                continue
            }
            guard let right = actualLayers[layer] else {
                entries.append(Entry(document: expected.id, layer: layer, kind: .removed, changes: []))
                continue
            }
            entries += compareLayer(layer, left, right, in: expected, options: options)
        }
        return entries
    }

    private static func compareLayer(_ layer: String, _ expected: [LayerItem], _ actual: [LayerItem], in document: AnnotatedDocument, options: Options) -> [Entry] {
        // Fields are compared by dotted name (`speaker.start`), so that one can be ignored.
        func comparable(_ item: LayerItem) -> [String: JSONValue] { item.flattenedFields.filter { !options.ignoredFields.contains($0.key) } }
        var remaining: [TextSpan: [(item: LayerItem, fields: [String: JSONValue])]] = [:]
        for item in actual { remaining[item.span, default: []].append((item, comparable(item))) }
        var entries: [Entry] = []
        func entry(_ kind: Entry.Kind, _ item: LayerItem, changes: [Entry.Change]) -> Entry {
            Entry(document: document.id, layer: layer, kind: kind, start: item.span.start, end: item.span.end, text: document.slice(item.span),
                  context: context(of: item.span, in: document, width: options.context), changes: changes)
        }
        for item in expected {
            var candidates = remaining[item.span] ?? []
            if candidates.isEmpty {
                entries.append(entry(.removed, item, changes: [.init(field: "label", expected: item.label, actual: "")]))
                continue
            }
            // Prefer an identical item at the same span, else the first one there.
            let left = comparable(item)
            let index = candidates.firstIndex { $0.fields == left } ?? 0
            let right = candidates.remove(at: index).fields
            remaining[item.span] = candidates
            let changes = Set(left.keys).union(right.keys).sorted().compactMap { field -> Entry.Change? in
                guard left[field] != right[field] else { return nil }
                return .init(field: field, expected: left[field]?.description ?? "absent", actual: right[field]?.description ?? "absent")
            }
            if !changes.isEmpty { entries.append(entry(.changed, item, changes: changes)) }
        }
        for candidates in remaining.values {
            for (item, _) in candidates { entries.append(entry(.added, item, changes: [.init(field: "label", expected: "", actual: item.label)])) }
        }
        return entries.sorted { ($0.start ?? 0, $0.end ?? 0, $0.kind.rawValue) < ($1.start ?? 0, $1.end ?? 0, $1.kind.rawValue) }
    }

    private static func context(of span: TextSpan, in document: AnnotatedDocument, width: Int) -> String {
        let left = document.slice(TextSpan(start: max(0, span.start - width), end: span.start))
        let right = document.slice(TextSpan(start: span.end, end: min(span.end + width, document.text.count)))
        func flat(_ text: String) -> String { text.replacingNewlines() }
        return "…\(flat(left))⟦\(flat(document.slice(span)))⟧\(flat(right))…"
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
