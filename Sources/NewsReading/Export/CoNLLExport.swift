import NewsAnnotation

/// CoNLL-style BIO for entities: one `token<TAB>tag` line per token, a blank line between
/// sentences, after a `-DOCSTART-` line and a blank line.
///
/// Tokens and sentences come from the `tokens` and `sentences` layers; without `sentences`
/// the document is one sentence. Tags are `B-TYPE` on the first token an entity touches and
/// `I-TYPE` on the others. BIO cannot nest, so where entities overlap the longest (then the
/// earliest) wins and the others are left out. White space inside a token or a type (which
/// would break the columns) becomes `_`.
enum CoNLLExport {
    /// The BIO file for a document.
    ///
    /// - Throws: ``ExportError`` when the document has no `tokens` layer.
    static func bio(_ document: AnnotatedDocument) throws(ExportError) -> String {
        guard let tokens = document.plainSpans("tokens")?.map(\.span).filter({ !$0.isEmpty }) else {
            throw ExportError("'\(document.id)': CoNLL needs the tokens layer, which the document lacks; annotate it with the segmentation stage")
        }
        let tags = tagTokens(tokens, entities: document.entityItems ?? [])
        let sentences = (document.plainSpans("sentences")?.map(\.span) ?? []).sorted()
        var lines = ["-DOCSTART-\tO", ""]
        var sentenceIndex = 0
        var inSentence = false
        for (index, token) in tokens.enumerated() {
            // A token past the current sentence's end closes it.
            while sentenceIndex < sentences.count && sentences[sentenceIndex].end <= token.start {
                sentenceIndex += 1
                if inSentence { lines.append("") }
                inSentence = false
            }
            lines.append(flat(document.slice(token)) + "\t" + tags[index])
            inSentence = true
        }
        if inSentence { lines.append("") }
        return lines.joined(separator: "\n") + "\n"
    }

    /// A BIO tag per token: longest entities first, an overlapping later one left out.
    static func tagTokens(_ tokens: [TextSpan], entities: [EntityItem]) -> [String] {
        var tags = Array(repeating: "O", count: tokens.count)
        let ordered = entities.sorted { ($0.span.length, -$0.span.start) > ($1.span.length, -$1.span.start) }
        for entity in ordered {
            let covered = tokens.indices.filter { tokens[$0].overlaps(entity.span) }
            guard let first = covered.first, covered.allSatisfy({ tags[$0] == "O" }) else { continue }
            let type = flat(entity.type)
            for index in covered { tags[index] = (index == first ? "B-" : "I-") + type }
        }
        return tags
    }

    /// The text with white space replaced by `_`, so it stays one column.
    static func flat(_ text: String) -> String {
        let cleaned = String(String.UnicodeScalarView(text.unicodeScalars.map { $0.properties.isWhitespace ? "_" : $0 }))
        return cleaned.isEmpty ? "_" : cleaned
    }
}
