import NewsAnnotation

/// Who is named, who is quoted and who is heard across a corpus of annotated documents,
/// gathered one document at a time.
///
/// Add documents with ``add(_:viewName:)`` as they are read (with
/// ``AnnotatedDocument/forEachDocument(in:_:)``, which holds one at a time) and inputs that
/// failed with ``addFailure(_:)``; then render the report with ``html()``, ``json()``,
/// ``csv()`` and ``sourcesCSV()``. Memory grows with the number of distinct sources, named
/// people and organisations, months and publishers, never with the number of documents: each
/// source keeps at most ``Options/documentsPerSource`` document links and
/// ``Options/formsPerSource`` distinct names, roles and affiliations.
///
/// What is counted (Docs/Report.md says more):
/// - totals: documents, words (runs between whitespace holding a letter or digit), entity mentions by type, quotes
///   by kind, sources by kind, and per publisher and per month of publication;
/// - who is named: people and organisations (`PER`, `ORG`) by mentions, merged by name;
/// - quoted sources, merged across documents by normalised name (case and accents folded);
///   anonymous sources are never merged across documents, since two "officials" are not one;
/// - the share of quotes by the kind of their source and by role family (``RoleFamily``),
///   over every quote but scare quotes (`kind: scare`, a term in quotation marks, no speech):
///   quotes with no resolved speaker are counted as `unresolved`, a share of their own;
/// - a gender estimate per source only when ``Options/genderNames`` or
///   ``Options/gendersFromText`` asks for it, with its method.
///
/// The output is deterministic: the same documents in the same order give the same bytes;
/// ties are sorted by name.
public struct CorpusReport: Sendable {
    /// What the report counts and shows beyond the totals.
    public struct Options: Sendable {
        /// A user-supplied list of names and genders; `nil` for none. No gender is ever
        /// estimated from a name without it.
        public var genderNames: GenderNameList?
        /// Whether the text's own titles ("Mrs", "signora") and pronouns resolved to a source
        /// ("she said") give a gender estimate.
        public var gendersFromText: Bool
        /// The folder of the documents' `view` pages, relative to the report page, to link
        /// each document to; `nil` shows document ids without links.
        public var viewsPath: String?
        /// The sources shown in the page's table (all of them are in the JSON and CSV).
        public var topSources: Int
        /// The documents each source links to (the count covers all of them).
        public var documentsPerSource: Int
        /// The distinct names, roles and affiliations kept per source.
        public var formsPerSource: Int

        /// Creates options: no gender column, no links, the top 50 sources.
        public init(genderNames: GenderNameList? = nil, gendersFromText: Bool = false, viewsPath: String? = nil,
                    topSources: Int = 50, documentsPerSource: Int = 20, formsPerSource: Int = 12) {
            self.genderNames = genderNames
            self.gendersFromText = gendersFromText
            self.viewsPath = viewsPath
            self.topSources = topSources
            self.documentsPerSource = documentsPerSource
            self.formsPerSource = formsPerSource
        }

        /// Whether the report has a gender column: only when a list or the text is asked for.
        public var hasGenderColumn: Bool { genderNames != nil || gendersFromText }
    }

    /// Totals of a group of documents: a publisher or a month.
    public struct GroupTotals: Sendable, Hashable {
        /// Documents in the group.
        public var documents = 0
        /// Their words.
        public var words = 0
        /// Their quotes, scare quotes left out.
        public var quotes = 0
        /// Those of the quotes with no resolved speaker.
        public var unresolvedQuotes = 0
        /// Their entity mentions.
        public var entities = 0
        /// Their sources, every relation included.
        public var sources = 0
    }

    /// A document a source is quoted in.
    public struct DocumentLink: Sendable, Hashable {
        /// The document id.
        public var id: String
        /// The document's title.
        public var title: String
        /// The link to its view page, relative to the report; `nil` without ``Options/viewsPath``.
        public var href: String?
    }

    /// One quoted source, merged across documents.
    public struct SourceTally: Sendable {
        /// The merge key: the normalised name, or the document and description of an
        /// anonymous source.
        public var key: String
        /// The names as found, with how many documents gave each.
        public var names: [String: Int] = [:]
        /// The kinds as found (`person`, `organisation`…), counted per document.
        public var kinds: [String: Int] = [:]
        /// The roles as found, counted per document.
        public var roles: [String: Int] = [:]
        /// The affiliations as found, counted per document.
        public var affiliations: [String: Int] = [:]
        /// Quotes attributed to the source.
        public var quotes = 0
        /// Words in those quotes.
        public var wordsQuoted = 0
        /// Documents that quote the source.
        public var documents = 0
        /// The first of those documents, in input order.
        public var links: [DocumentLink] = []
        /// Labels the text's own titles and pronouns give, with how often.
        public var textGenders: [String: Int] = [:]
        /// Which cues gave them (`title`, `pronoun`).
        public var textGenderCues: Set<String> = []

        /// The name shown: the form most documents give, ties by name.
        public var name: String { CorpusReport.ranked(names).first?.key ?? key }
        /// The kind shown: the one most documents give, ties by name.
        public var kind: String { CorpusReport.ranked(kinds).first?.key ?? "unknown" }
        /// Whether the source is a person (or an anonymous one), who may have a gender.
        public var isPerson: Bool { kind == "person" || kind == "anonymous" }
    }

    /// One named person or organisation, merged across documents like sources are: who is
    /// named, to set beside who is quoted.
    public struct NamedTally: Sendable {
        /// The merge key: the entity type and the normalised name.
        public var key: String
        /// `PER` or `ORG`.
        public var type: String
        /// The names as found (the entity's `canonical`, else its text), counted per document.
        public var names: [String: Int] = [:]
        /// Mentions in all documents.
        public var mentions = 0
        /// Documents that mention it.
        public var documents = 0

        /// The name shown: the form most documents give, ties by name.
        public var name: String { CorpusReport.ranked(names).first?.key ?? key }
        /// The key of the quoted source of the same name, to count its quotes.
        public var sourceKey: String { String(key.drop { $0 != ":" }.dropFirst()) }
    }

    /// A gender estimate and how it was made.
    public struct GenderEstimate: Sendable, Hashable {
        /// The label: a list's label, `female` or `male` from the text, or `unknown`.
        public var label: String
        /// How: `text: pronoun`, `text: title`, `name list`, `conflicting text cues`, `no cue`.
        public var method: String
    }

    /// The label of quotes with no resolved speaker, in ``quotesBySourceKind``.
    public static let unresolved = "unresolved"
    /// The label of quotes whose speaker is named but has no entry in the `sources` layer.
    public static let noSourceEntry = "named, no source entry"

    /// The options the report was made with.
    public let options: Options
    /// Documents read.
    public internal(set) var documents = 0
    /// Their words.
    public internal(set) var words = 0
    /// Entity mentions by type.
    public internal(set) var entitiesByType: [String: Int] = [:]
    /// Quotes by kind, scare quotes included.
    public internal(set) var quotesByKind: [String: Int] = [:]
    /// Sources by kind, every relation included (bylines, publishers, accounts).
    public internal(set) var sourcesByKind: [String: Int] = [:]
    /// Quotes (scare quotes left out) by the kind of their source, with ``unresolved``.
    public internal(set) var quotesBySourceKind: [String: Int] = [:]
    /// Quotes of people and anonymous sources by ``RoleFamily``.
    public internal(set) var quotesByRoleFamily: [String: Int] = [:]
    /// Totals per publisher (`metadata.publisher`, else `siteName`, else the publisher source).
    public internal(set) var publishers: [String: GroupTotals] = [:]
    /// Totals per month of publication (`YYYY-MM`, or `no date`).
    public internal(set) var months: [String: GroupTotals] = [:]
    /// Named people and organisations (entity types `PER` and `ORG`) by merge key.
    public internal(set) var named: [String: NamedTally] = [:]
    /// Quoted sources by merge key.
    public internal(set) var sources: [String: SourceTally] = [:]
    /// How many documents lack each layer the report reads: a layer not run is not zero.
    public internal(set) var documentsWithoutLayer: [String: Int] = [:]
    /// Inputs that could not be read, with their messages (the first 1,000).
    public internal(set) var failures: [String] = []
    /// How many inputs could not be read.
    public internal(set) var failureCount = 0

    /// The layers the report reads.
    public static let layersRead = ["entities", "quotes", "sources"]

    /// Creates an empty report.
    public init(options: Options = Options()) {
        self.options = options
    }

    /// Counts an input that could not be read.
    public mutating func addFailure(_ message: String) {
        failureCount += 1
        if failures.count < 1000 { failures.append(message) }
    }

    /// Quotes with no resolved speaker.
    public var unresolvedQuotes: Int { quotesBySourceKind[Self.unresolved] ?? 0 }
    /// ``quotesBySourceKind`` with ``unresolved`` always present, at 0 when every quote was
    /// attributed: what the page, the JSON and the CSV share out, so the share is never hidden.
    public var sourceKindShares: [String: Int] { quotesBySourceKind.merging([Self.unresolved: 0]) { current, _ in current } }
    /// Quotes counted in the shares: every quote but scare quotes.
    public var attributableQuotes: Int { quotesBySourceKind.values.reduce(0, +) }

    /// A gender estimate for a source, or `nil` when the report has no gender column or
    /// the source is not a person.
    public func genderEstimate(of source: SourceTally) -> GenderEstimate? {
        guard options.hasGenderColumn, source.isPerson else { return nil }
        if options.gendersFromText, !source.textGenders.isEmpty {
            guard source.textGenders.count == 1, let label = source.textGenders.keys.first else {
                return GenderEstimate(label: "unknown", method: "conflicting text cues")
            }
            return GenderEstimate(label: label, method: "text: " + source.textGenderCues.sorted().joined(separator: ", "))
        }
        if let list = options.genderNames, source.kind == "person" {
            for name in Self.ranked(source.names).map(\.key) {
                if let label = list.label(for: name) { return GenderEstimate(label: label, method: "name list") }
            }
        }
        return GenderEstimate(label: "unknown", method: "no cue")
    }

    /// Quotes of people by gender estimate; `nil` without a gender column.
    public var quotesByGender: [String: Int]? {
        guard options.hasGenderColumn else { return nil }
        var counts: [String: Int] = [:]
        for source in sources.values {
            if let estimate = genderEstimate(of: source) { counts[estimate.label, default: 0] += source.quotes }
        }
        return counts
    }

    /// The sources by quotes, then words quoted, then name, then key.
    public var rankedSources: [SourceTally] {
        sources.values.sorted { left, right in
            if left.quotes != right.quotes { return left.quotes > right.quotes }
            if left.wordsQuoted != right.wordsQuoted { return left.wordsQuoted > right.wordsQuoted }
            let (leftName, rightName) = (left.name, right.name)
            return leftName != rightName ? leftName < rightName : left.key < right.key
        }
    }

    /// Named people and organisations by mentions, then documents, then name.
    public var rankedNamed: [NamedTally] {
        named.values.sorted { left, right in
            if left.mentions != right.mentions { return left.mentions > right.mentions }
            if left.documents != right.documents { return left.documents > right.documents }
            let (leftName, rightName) = (left.name, right.name)
            return leftName != rightName ? leftName < rightName : left.key < right.key
        }
    }

    /// The quotes of the source with a named entity's name (0 when it is never quoted).
    public func quotes(of entity: NamedTally) -> Int { sources[entity.sourceKey]?.quotes ?? 0 }

    /// Counts by count, largest first, ties by key.
    public static func ranked(_ counts: [String: Int]) -> [(key: String, value: Int)] {
        counts.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }.map { (key: $0.key, value: $0.value) }
    }
}
