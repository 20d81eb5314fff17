/// A sentence. Sentences never cross block boundaries.
public struct Sentence: Sendable, Hashable, Codable, Spanned {
    /// Start offset, in Unicode scalars.
    public var start: Int
    /// End offset (exclusive), in Unicode scalars.
    public var end: Int

    /// Creates a sentence over a span of the text.
    public init(span: TextSpan) {
        self.start = span.start
        self.end = span.end
    }

    /// Where the sentence lies, in Unicode scalar offsets.
    public var span: TextSpan { TextSpan(start: start, end: end) }
}
