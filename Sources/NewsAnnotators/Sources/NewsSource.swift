public import NewsAnnotation

/// Someone or something the story relies on or comes from.
public struct NewsSource: Sendable, Hashable, Codable, Identified {
    public enum Kind: String, Sendable, Hashable, Codable, CaseIterable {
        case person, organisation, publication, social, anonymous
    }

    /// How the source appears in the story.
    public enum Relation: String, Sendable, Hashable, Codable, CaseIterable {
        /// Quoted, directly or indirectly.
        case quoted
        /// Given as the source of a statement ("secondo X", "according to X").
        case accordingTo = "according-to"
        /// Wrote the story.
        case byline
        /// Published it.
        case publisher
        /// A news agency credited for it ("(Reuters) -", "— ANSA", "Additional reporting by Reuters").
        case wire
        /// An account the publication promotes ("Trovaci su Instagram a BBCNewsbeat").
        case promotion
    }

    /// `s1`, `s2`, …: quoted sources first, in order of first quote; then the publication, bylines, wires and accounts.
    public var id: String
    public var kind: Kind
    public var relation: Relation
    /// The canonical name; for an anonymous source, its description as written.
    public var name: String?
    /// Where the source appears first in the text (absent when it comes from metadata only).
    public var start: Int?
    public var end: Int?
    /// Every mention in the text.
    public var mentions: [TextSpan]
    /// The ids of the quotes attributed to it.
    public var quotes: [String]
    /// The entity cluster, for named people and organisations.
    public var cluster: String?
    /// What the source does ("direttore del programma di sicurezza sostenibile", "spokesperson").
    public var role: TextExcerpt?
    /// Where the source works ("Oxford Research Group").
    public var affiliation: TextExcerpt?
    /// How the text describes the affiliation ("un think-tank sulla sicurezza").
    public var affiliationDescription: TextExcerpt?
    /// For social accounts: `instagram`, `snapchat`, `twitter`, `facebook`, `newsletter`, …
    public var platform: String?
    /// For social accounts: the handle without `@`.
    public var handle: String?
    /// A profile or article URL.
    public var url: String?
    /// For accounts and bylines: the id of the publication they belong to.
    public var publication: String?
    /// Where the source was found; written as `text`, `metadata` or `text+metadata`.
    public var origin: Origin

    /// Where a source was found.
    public enum Origin: String, Sendable, Hashable, Codable, CaseIterable {
        /// In the article's text.
        case text
        /// In the page's metadata (`og:site_name`, JSON-LD, `<meta name=author>`).
        case metadata
        /// In both.
        case textAndMetadata = "text+metadata"
    }

    public init(id: String, kind: Kind, relation: Relation, name: String?, mentions: [TextSpan], quotes: [String] = [], cluster: String? = nil,
                role: TextExcerpt? = nil, affiliation: TextExcerpt? = nil, affiliationDescription: TextExcerpt? = nil,
                platform: String? = nil, handle: String? = nil, url: String? = nil, publication: String? = nil, origin: Origin) {
        self.id = id
        self.kind = kind
        self.relation = relation
        self.name = name
        self.start = mentions.first?.start
        self.end = mentions.first?.end
        self.mentions = mentions
        self.quotes = quotes
        self.cluster = cluster
        self.role = role
        self.affiliation = affiliation
        self.affiliationDescription = affiliationDescription
        self.platform = platform
        self.handle = handle
        self.url = url
        self.publication = publication
        self.origin = origin
    }
}

extension Layers {
    /// The sources of the story.
    public static let sources = LayerKey<[NewsSource]>("sources")
}
