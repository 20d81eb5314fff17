/// Inline markup of the source page kept as a stand-off span: a link, an inline quotation,
/// a `<time datetime>`, emphasis.
public struct MarkupElement: Sendable, Hashable, Codable, Spanned {
    /// The kinds of inline markup ingest keeps.
    public enum Kind: String, Sendable, Hashable, Codable, CaseIterable {
        /// A hyperlink (`<a href>`); ``href`` holds the target.
        case link
        /// An inline quotation (`<q>`); ``cite`` holds its source when given.
        case inlineQuote = "inline_quote"
        /// A machine-readable date or time (`<time datetime>`); ``datetime`` holds it.
        case time
        /// Emphasis (`<em>`, `<i>`).
        case emphasis
        /// Strong importance (`<strong>`, `<b>`).
        case strong
        /// An abbreviation (`<abbr title>`); ``title`` holds the expansion.
        case abbreviation
        /// The title of a work (`<cite>`).
        case citation
    }

    /// Start offset, in Unicode scalars.
    public var start: Int
    /// End offset (exclusive), in Unicode scalars.
    public var end: Int
    /// What the markup was.
    public var kind: Kind
    /// The link target, for links.
    public var href: String?
    /// The machine-readable value, for `<time datetime>`.
    public var datetime: String?
    /// The expansion of an abbreviation (`<abbr title>`).
    public var title: String?
    /// The source URL of an inline quotation.
    public var cite: String?

    /// Creates a markup element over a span of the text.
    public init(span: TextSpan, kind: Kind, href: String? = nil, datetime: String? = nil, title: String? = nil, cite: String? = nil) {
        self.start = span.start
        self.end = span.end
        self.kind = kind
        self.href = href
        self.datetime = datetime
        self.title = title
        self.cite = cite
    }

    /// Where the element lies, in Unicode scalar offsets.
    public var span: TextSpan { TextSpan(start: start, end: end) }
}
