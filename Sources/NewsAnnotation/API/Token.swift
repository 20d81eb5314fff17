/// A token: a word, a number, a punctuation mark or a symbol.
public struct Token: Sendable, Hashable, Codable, Spanned {
    /// What a token is made of.
    public enum Kind: String, Sendable, Hashable, Codable, CaseIterable {
        /// Letters, possibly with inner hyphens, dots of an abbreviation or an elided apostrophe.
        case word
        /// Digits, with decimal or thousands separators.
        case number
        /// A punctuation mark or a run of them (an ellipsis).
        case punctuation
        /// Any other symbol (currency, maths, emoji).
        case symbol
        /// A web address.
        case url
        /// An e-mail address.
        case email
        /// A social-media handle such as `@bbcnewsbeat`.
        case handle
        /// A hashtag such as `#Syria`.
        case hashtag
    }

    /// Start offset, in Unicode scalars.
    public var start: Int
    /// End offset (exclusive), in Unicode scalars.
    public var end: Int
    /// What the token is.
    public var kind: Kind

    /// Creates a token over a span of the text.
    public init(span: TextSpan, kind: Kind) {
        self.start = span.start
        self.end = span.end
        self.kind = kind
    }

    /// Where the token lies, in Unicode scalar offsets.
    public var span: TextSpan { TextSpan(start: start, end: end) }
}
