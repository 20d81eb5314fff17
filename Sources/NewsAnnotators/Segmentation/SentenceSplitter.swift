public import NewsAnnotation

/// Groups the tokens of one block into sentences.
///
/// A sentence ends at `.`, `!`, `?`, `…` or a run of them, together with the closing quotation
/// marks and brackets right after it (`…fiducia in Assad.”`), when the next token starts a
/// sentence: a capital, a digit, an opening mark, or the end of the block. Abbreviations and
/// initials carry their dot inside the token, so they end nothing, except the rules'
/// sentence-final abbreviations (`ecc.`, `U.S.`) before a capitalised word that is not itself
/// followed by another capitalised word (which would make it a name: "U.S. Geological Survey").
public struct SentenceSplitter: Sendable {
    /// The language rules.
    public let rules: SegmentationRules

    /// Creates a splitter with the given rules.
    public init(rules: SegmentationRules) { self.rules = rules }

    private static let closers: Set<Unicode.Scalar> = ["”", "»", "\"", "’", "'", ")", "]", "›", "」", "』"]
    private static let openers: Set<Unicode.Scalar> = ["“", "«", "\"", "‘", "'", "(", "[", "„", "‹", "¿", "¡", "—", "–", "-", "「", "『"]

    /// Sentences of a block, given its tokens in order.
    public func sentences(in scalars: [Unicode.Scalar], tokens: ArraySlice<Token>) -> [Sentence] {
        var sentences: [Sentence] = []
        guard var start = tokens.first?.start else { return [] }
        var index = tokens.startIndex
        while index < tokens.endIndex {
            let token = tokens[index]
            let afterNext = index + 2 < tokens.endIndex ? tokens[index + 2] : nil
            guard endsSentence(token, in: scalars, next: index + 1 < tokens.endIndex ? tokens[index + 1] : nil, afterNext: afterNext) else {
                index += 1
                continue
            }
            var last = index
            while last + 1 < tokens.endIndex, tokens[last + 1].start == tokens[last].end,
                  tokens[last + 1].end - tokens[last + 1].start == 1, Self.closers.contains(scalars[tokens[last + 1].start]) {
                last += 1
            }
            let next = last + 1 < tokens.endIndex ? tokens[last + 1] : nil
            if let next, !startsSentence(next, in: scalars) {
                index = last + 1
                continue
            }
            sentences.append(Sentence(span: TextSpan(start: start, end: tokens[last].end)))
            if let next { start = next.start }
            index = last + 1
        }
        if let lastToken = tokens.last, sentences.last.map({ $0.end < lastToken.end }) ?? true {
            sentences.append(Sentence(span: TextSpan(start: start, end: lastToken.end)))
        }
        return sentences
    }

    private func endsSentence(_ token: Token, in scalars: [Unicode.Scalar], next: Token?, afterNext: Token?) -> Bool {
        let first = scalars[token.start]
        if token.kind == .punctuation {
            return first == "." || first == "!" || first == "?" || first == "…" || first == "。"
        }
        guard token.kind == .word, scalars[token.end - 1] == ".", let next else { return false }
        let lowered = Tokenizer.lowercased(scalars[token.start..<token.end])
        guard rules.sentenceFinalAbbreviations.contains(lowered), !rules.titles.contains(lowered) else { return false }
        // "the U.S. Geological Survey" goes on with a name; "the U.S. Then he left" ends.
        guard scalars[next.start].properties.isUppercase else { return false }
        if let afterNext, afterNext.kind == .word, scalars[afterNext.start].properties.isUppercase { return false }
        return true
    }

    private func startsSentence(_ token: Token, in scalars: [Unicode.Scalar]) -> Bool {
        let first = scalars[token.start]
        if first.properties.isLowercase { return false }
        if first.properties.isUppercase || Tokenizer.isDigit(first) { return true }
        return Self.openers.contains(first) || token.kind == .handle || token.kind == .hashtag || token.kind == .url || token.kind == .symbol
    }
}
