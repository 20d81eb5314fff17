import Foundation
public import NewsAnnotation

/// An annotation found by a rule file: a gazetteer entry or a regular expression.
public struct RuleMatch: Sendable, Hashable, Codable, Spanned, Identified {
    /// `r1`, `r2`… in text order (the rule file's id prefix for entities: `e1`…).
    public var id: String
    public var start: Int
    public var end: Int
    /// The text matched.
    public var text: String
    /// The type the rule gives (`ORG`, `PRODUCT`…).
    public var type: String
    /// The canonical name, for gazetteer entries that give one.
    public var canonical: String?
    /// Which rule matched: `gazetteer:<n>` or `pattern:<n>` (1-based, in file order).
    public var rule: String

    public var span: TextSpan { TextSpan(start: start, end: end) }
}

/// A stage defined by a rule file, no compiling: gazetteer entries and regular-expression
/// patterns that produce `entities` or a layer of the file's choosing.
///
/// ```json
/// {
///   "id": "house_organisations",
///   "layer": "entities",
///   "languages": ["it", "en"],
///   "gazetteer": [
///     {"text": "Oxford Research Group", "type": "ORG", "aliases": ["ORG"], "caseSensitive": true},
///     {"text": "think-tank", "type": "MISC", "language": "it"}
///   ],
///   "patterns": [
///     {"regex": "\\b[A-Z]{2,5}\\b", "type": "ACRONYM"}
///   ]
/// }
/// ```
///
/// - Requires: `tokens` when the file has gazetteer entries (they match whole tokens).
/// - Produces: the file's `layer`.
/// - Errors in the file name the file and the line.
public struct RuleFileAnnotator: Annotator {
    public let descriptor: AnnotatorDescriptor
    private let layer: LayerKey<[RuleMatch]>
    private let entries: [Entry]
    private let exactTrie: Trie
    private let foldedTrie: Trie
    private let patterns: [Pattern]

    struct Entry: Sendable {
        var type: String
        var canonical: String
        var language: String?
        var index: Int
    }

    struct Pattern: @unchecked Sendable {
        // Regex is immutable once compiled; it is shared read-only across documents.
        var regex: Regex<AnyRegexOutput>
        var type: String
        var index: Int
        var group: Int
    }

    /// A token trie: each path of token texts ends at the entries it spells.
    struct Trie: Sendable {
        var children: [[String: Int]] = [[:]]
        var entries: [[Int]] = [[]]

        mutating func insert(_ words: [String], entry: Int) {
            var node = 0
            for word in words {
                if let next = children[node][word] {
                    node = next
                } else {
                    children.append([:])
                    entries.append([])
                    children[node][word] = children.count - 1
                    node = children.count - 1
                }
            }
            entries[node].append(entry)
        }
    }

    private struct File: Decodable {
        struct GazetteerEntry: Decodable {
            var text: String?
            var type: String?
            var canonical: String?
            var aliases: [String]?
            var caseSensitive: Bool?
            var language: String?
        }
        struct PatternEntry: Decodable {
            var regex: String?
            var type: String?
            var group: Int?
            var caseInsensitive: Bool?
        }
        var id: String?
        var summary: String?
        var layer: String?
        var languages: [String]?
        var gazetteer: [GazetteerEntry]?
        var patterns: [PatternEntry]?
    }

    /// Loads a rule file.
    ///
    /// - Throws: ``ConfigurationError`` naming the file and, where it can, the line.
    public init(path: String) throws(ConfigurationError) {
        guard let data = FileManager.default.contents(atPath: path) else { throw ConfigurationError(file: path, message: "cannot read the rule file") }
        let text = String(decoding: data, as: UTF8.self)
        let file: File
        do {
            _ = try JSONSerialization.jsonObject(with: data)
            file = try JSONDecoder().decode(File.self, from: data)
        } catch {
            throw ConfigurationError(file: path, line: SourceLines.line(ofError: error, in: text), message: "not a valid rule file: \(Self.describe(error))")
        }
        let name = URL(fileURLWithPath: path).deletingPathExtension().lastPathComponent
        let id = file.id ?? name.replacingOccurrences(of: "-", with: "_")
        guard !id.isEmpty, id.allSatisfy({ $0.isLowercase || $0.isNumber || $0 == "_" }) else {
            throw ConfigurationError(file: path, line: SourceLines.line(of: "\"id\"", in: text), message: "the id '\(id)' must be snake_case (lowercase letters, digits, _)")
        }
        let layerName = file.layer ?? "entities"
        guard !layerName.isEmpty, layerName.allSatisfy({ $0.isLowercase || $0.isNumber || $0 == "_" }) else {
            throw ConfigurationError(file: path, line: SourceLines.line(of: "\"layer\"", in: text), message: "the layer '\(layerName)' must be snake_case")
        }
        var entries: [Entry] = []
        var exact = Trie()
        var folded = Trie()
        let tokenizer = Tokenizer(rules: .generic)
        for (offset, item) in (file.gazetteer ?? []).enumerated() {
            let number = offset + 1
            guard let entryText = item.text, !entryText.isEmpty else {
                throw ConfigurationError(file: path, line: SourceLines.line(of: item.canonical ?? item.type ?? "\"gazetteer\"", in: text), message: "gazetteer entry \(number) has no \"text\"")
            }
            guard let type = item.type, !type.isEmpty else {
                throw ConfigurationError(file: path, line: SourceLines.line(of: "\"\(entryText)\"", in: text), message: "gazetteer entry '\(entryText)' has no \"type\"")
            }
            let entry = Entry(type: type, canonical: item.canonical ?? entryText, language: item.language, index: number)
            entries.append(entry)
            for form in [entryText] + (item.aliases ?? []) {
                let scalars = Array(form.unicodeScalars)
                let words = tokenizer.tokens(in: scalars, span: TextSpan(start: 0, end: scalars.count)).map { String(String.UnicodeScalarView(scalars[$0.start..<$0.end])) }
                guard !words.isEmpty else { continue }
                if item.caseSensitive ?? false {
                    exact.insert(words, entry: entries.count - 1)
                } else {
                    folded.insert(words.map { $0.lowercased() }, entry: entries.count - 1)
                }
            }
        }
        var patterns: [Pattern] = []
        for (offset, item) in (file.patterns ?? []).enumerated() {
            let number = offset + 1
            guard let source = item.regex, !source.isEmpty else {
                throw ConfigurationError(file: path, line: SourceLines.line(of: "\"patterns\"", in: text), message: "pattern \(number) has no \"regex\"")
            }
            guard let type = item.type, !type.isEmpty else {
                throw ConfigurationError(file: path, line: SourceLines.line(of: Self.jsonEscaped(source), in: text), message: "pattern \(number) has no \"type\"")
            }
            do {
                var regex = try Regex(source)
                if item.caseInsensitive ?? false { regex = regex.ignoresCase() }
                patterns.append(Pattern(regex: regex, type: type, index: number, group: item.group ?? 0))
            } catch {
                throw ConfigurationError(file: path, line: SourceLines.line(of: Self.jsonEscaped(source), in: text), message: "pattern \(number) is not a valid regular expression: \(error)")
            }
        }
        guard !entries.isEmpty || !patterns.isEmpty else {
            throw ConfigurationError(file: path, message: "the rule file has neither \"gazetteer\" entries nor \"patterns\"")
        }
        self.layer = LayerKey<[RuleMatch]>(LayerID(layerName))
        self.entries = entries
        self.exactTrie = exact
        self.foldedTrie = folded
        self.patterns = patterns
        self.descriptor = AnnotatorDescriptor(
            id: id, summary: file.summary ?? "Rule file \(URL(fileURLWithPath: path).lastPathComponent): \(entries.count) gazetteer entries, \(patterns.count) patterns.",
            // The version follows the file's content, so an edited rule file shows in every
            // document's pipeline record and `--resume` redoes the documents it touched.
            version: "1+" + String(SHA256.hexDigest([UInt8](data)).prefix(12)),
            requires: entries.isEmpty ? [] : [Layers.tokens],
            // In the `entities` layer the matches are entities (see `annotate`).
            produces: [LayerID(layerName) == Layers.entities.id ? Layers.entities.declaration : layer.declaration],
            languages: file.languages.map(Set.init))
    }

    private static func describe(_ error: any Error) -> String {
        if let decoding = error as? DecodingError {
            switch decoding {
            case .typeMismatch(_, let context), .valueNotFound(_, let context), .keyNotFound(_, let context), .dataCorrupted(let context):
                let path = context.codingPath.map { $0.intValue.map { "[\($0)]" } ?? $0.stringValue }.joined(separator: ".")
                return "\(context.debugDescription)\(path.isEmpty ? "" : " at \(path)")"
            @unknown default: return "\(error)"
            }
        }
        return (error as NSError).localizedDescription
    }

    private static func jsonEscaped(_ text: String) -> String {
        text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
    }

    public func annotate(_ document: Document) throws -> LayerBundle {
        var found: [RuleMatch] = []
        let scalars = document.content.scalars
        let language = document.metadata.language
        if !entries.isEmpty {
            let tokens = document[Layers.tokens] ?? []
            let exactWords = tokens.map { String(String.UnicodeScalarView(scalars[$0.start..<$0.end])) }
            let foldedWords = exactWords.map { $0.lowercased() }
            var index = 0
            while index < tokens.count {
                // Past the time budget, stop: the pipeline fails the document (``WorkBudget``).
                if index % 4096 == 0, WorkBudget.isExhausted { break }
                var best: (end: Int, entry: Int)?
                for (trie, words) in [(exactTrie, exactWords), (foldedTrie, foldedWords)] {
                    var node = 0
                    var position = index
                    while position < tokens.count, let next = trie.children[node][words[position]] {
                        node = next
                        position += 1
                        // Only whole tokens that sit next to each other as in the entry.
                        if let entry = trie.entries[node].first(where: { entries[$0].language == nil || entries[$0].language == language }),
                           position > (best?.end ?? -1) {
                            best = (position, entry)
                        }
                    }
                }
                if let best {
                    let entry = entries[best.entry]
                    let span = TextSpan(start: tokens[index].start, end: tokens[best.end - 1].end)
                    found.append(RuleMatch(id: "", start: span.start, end: span.end, text: document.text(of: span), type: entry.type,
                                           canonical: entry.canonical, rule: "gazetteer:\(entry.index)"))
                    index = best.end
                } else {
                    index += 1
                }
            }
        }
        for pattern in patterns {
            for match in document.text.matches(of: pattern.regex) {
                guard pattern.group < match.output.count, let range = match.output[pattern.group].range, !range.isEmpty else { continue }
                let span = document.content.span(of: range)
                // A gazetteer match wins over a pattern on the same text.
                guard !found.contains(where: { $0.span.overlaps(span) && $0.rule.hasPrefix("gazetteer") }) else { continue }
                found.append(RuleMatch(id: "", start: span.start, end: span.end, text: document.text(of: span), type: pattern.type,
                                       canonical: nil, rule: "pattern:\(pattern.index)"))
            }
        }
        found.sort { ($0.start, $0.end, $0.type) < ($1.start, $1.end, $1.type) }
        let prefix = layer.id == Layers.entities.id ? "e" : "r"
        for index in found.indices { found[index].id = "\(prefix)\(index + 1)" }
        var bundle = LayerBundle()
        if layer.id == Layers.entities.id {
            // In the `entities` layer the matches are entities, so the stages that read entities
            // (quotes, sources) take a newsroom's own names as they take the tagger's.
            bundle[Layers.entities] = Self.entities(found)
        } else {
            bundle[layer] = found
        }
        return bundle
    }

    /// The matches as entity mentions: one cluster per type and canonical name (case folded),
    /// numbered in order of first mention.
    static func entities(_ matches: [RuleMatch]) -> [Entity] {
        var clusters: [String: String] = [:]
        return matches.map { match in
            let canonical = match.canonical ?? match.text
            let key = match.type + "\u{0}" + canonical.lowercased()
            let cluster = clusters[key] ?? "c\(clusters.count + 1)"
            clusters[key] = cluster
            return Entity(id: match.id, span: match.span, text: match.text, type: match.type, canonical: canonical, cluster: cluster,
                          origin: match.rule.hasPrefix("gazetteer") ? .gazetteer : .pattern, rule: match.rule)
        }
    }
}
