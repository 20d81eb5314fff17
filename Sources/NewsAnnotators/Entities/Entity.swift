public import NewsAnnotation

/// A piece of the text: where it is and what it says.
public struct TextExcerpt: Sendable, Hashable, Codable, Spanned {
    public var start: Int
    public var end: Int
    public var text: String

    public init(span: TextSpan, text: String) {
        self.start = span.start
        self.end = span.end
        self.text = text
    }

    public var span: TextSpan { TextSpan(start: start, end: end) }
}

/// One mention of a named entity.
public struct Entity: Sendable, Hashable, Codable, Spanned, Identified {
    /// What found a mention; written as its raw value in JSON.
    public enum Origin: String, Sendable, Hashable, Codable, CaseIterable {
        /// The trained tagger.
        case model
        /// A gazetteer entry (the stage's or a rule file's).
        case gazetteer
        /// A capitalised name after a title ("il signor Reeve").
        case title
        /// A later one-word mention of a longer name ("Reeve" after "Richard Reeve").
        case alias
        /// An acronym in parentheses after its full form.
        case acronym
        /// A rule file's regular expression.
        case pattern
        /// An external program's entity (a JSON layer decoded by a later stage).
        case external
    }

    /// `e1`, `e2`, … in text order.
    public var id: String
    public var start: Int
    public var end: Int
    /// The mention as written, without a title ("Reeve" in "il signor Reeve").
    public var text: String
    /// `PER`, `ORG`, `LOC` or `MISC`.
    public var type: String
    /// A finer type: `GPE` for countries and cities (always typed `LOC`), `platform` for social platforms.
    public var subtype: String?
    /// The entity's name: a gazetteer's canonical name, or the fullest mention in the document.
    public var canonical: String
    /// Shared by all mentions of one entity in the document: `c1`, `c2`, … in order of first mention.
    public var cluster: String
    /// A title or role written before a person's name ("signor", "Prof", "presidente"), outside the span.
    public var title: TextExcerpt?
    /// What found it: `model`, `gazetteer`, `title` (a name after a title), `acronym` (in parentheses after its full form),
    /// `pattern` (a rule file's regular expression).
    public var origin: Origin
    /// The rule-file entry that matched (`gazetteer:3`, `pattern:1`), for mentions a rule-file stage found.
    public var rule: String?

    public init(id: String, span: TextSpan, text: String, type: String, subtype: String? = nil, canonical: String, cluster: String, title: TextExcerpt? = nil, origin: Origin, rule: String? = nil) {
        self.id = id
        self.start = span.start
        self.end = span.end
        self.text = text
        self.type = type
        self.subtype = subtype
        self.canonical = canonical
        self.cluster = cluster
        self.title = title
        self.origin = origin
        self.rule = rule
    }

    public var span: TextSpan { TextSpan(start: start, end: end) }
}

extension Entity {
    private enum CodingKeys: String, CodingKey {
        case id, start, end, text, type, subtype, canonical, cluster, title, origin, rule
    }

    /// Decodes an entity; an external program's entity may give only `id`, `start`, `end`,
    /// `text` and `type`: its canonical name is then its text, its cluster its own, and its
    /// origin `external` (as it is for any origin the stage does not know).
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        id = try container.decode(String.self, forKey: .id)
        start = try container.decode(Int.self, forKey: .start)
        end = try container.decode(Int.self, forKey: .end)
        text = try container.decode(String.self, forKey: .text)
        type = try container.decode(String.self, forKey: .type)
        subtype = try container.decodeIfPresent(String.self, forKey: .subtype)
        canonical = try container.decodeIfPresent(String.self, forKey: .canonical) ?? text
        cluster = try container.decodeIfPresent(String.self, forKey: .cluster) ?? "c-\(id)"
        title = try container.decodeIfPresent(TextExcerpt.self, forKey: .title)
        // Any origin an outside program writes that is not one of the stage's own is `external`.
        origin = try container.decodeIfPresent(String.self, forKey: .origin).flatMap(Origin.init(rawValue:)) ?? .external
        rule = try container.decodeIfPresent(String.self, forKey: .rule)
    }
}

extension Layers {
    /// Named entity mentions with their clusters.
    public static let entities = LayerKey<[Entity]>("entities")
}
