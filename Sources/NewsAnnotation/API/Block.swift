/// A structural block of the text: a heading, a paragraph, a list item, a quotation block…
///
/// Blocks never overlap and never contain the line breaks that separate them.
public struct Block: Sendable, Hashable, Codable, Spanned {
    /// The kinds of block ingest recognises.
    public enum Kind: String, Sendable, Hashable, Codable, CaseIterable {
        /// A heading: `<h1>`–`<h6>`, or a short line without final punctuation in plain text.
        case heading
        /// Running text.
        case paragraph
        /// An item of a bulleted or numbered list.
        case listItem = "list_item"
        /// A quotation set apart from the running text (`<blockquote>`).
        case blockquote
        /// A caption of a picture or a table, kept apart from the body.
        case caption
        /// Preformatted text, whitespace kept (`<pre>`).
        case preformatted
        /// A closing line of the publisher: social promotion, copyright, credits.
        case footer
        /// A line with no words, or other page furniture that survived extraction.
        case boilerplate
    }

    /// Start offset, in Unicode scalars.
    public var start: Int
    /// End offset (exclusive), in Unicode scalars.
    public var end: Int
    /// What the block is.
    public var kind: Kind
    /// The heading level (1–6) for headings; `nil` otherwise.
    public var level: Int?

    /// Creates a block over a span of the text.
    public init(span: TextSpan, kind: Kind, level: Int? = nil) {
        self.start = span.start
        self.end = span.end
        self.kind = kind
        self.level = level
    }

    /// Where the block lies, in Unicode scalar offsets.
    public var span: TextSpan { TextSpan(start: start, end: end) }
}
