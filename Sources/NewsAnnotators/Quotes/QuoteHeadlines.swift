import NewsAnnotation

extension QuoteFinder {
    // MARK: - Headlines

    /// "Sanders: Clinton needs to …", "Poll: Clinton and Trump in dead heat", "Pence: Trump Was
    /// ‘Mocking’ Clinton Camp": a headline whose words before a colon name a person, an
    /// organisation or a poll states that source's claim after the colon, the newsroom
    /// convention for attributing in a headline. The speaker is the name (or the description);
    /// quoted words after the colon are absorbed by ``mixing(_:into:)`` into one mixed quote. Only
    /// the first block and headings count, the words before the colon are at most five with no
    /// reporting verb, and a claim that is all one quotation is left to the direct quotes.
    func headlineQuotes() -> [QuoteCandidate] {
        var found: [QuoteCandidate] = []
        for (number, block) in blocks.enumerated() where number == 0 || block.kind == .heading {
            let first = token(atOrAfter: block.start)
            var end = first
            while end < tokens.count, tokens[end].start < block.end { end += 1 }
            guard let colon = (first..<min(end, first + 6)).first(where: { words[$0] == ":" }), colon > first else { continue }
            let prefix = first..<colon
            guard !prefix.contains(where: { cue(at: $0, limit: colon) != nil || isQuoteMark($0) || tokens[$0].kind == .punctuation && words[$0] != "." }) else { continue }
            var last = end
            while last > colon + 1, tokens[last - 1].kind == .punctuation, !isQuoteMark(last - 1) { last -= 1 }
            guard last - (colon + 1) >= 3 else { continue }
            // All one quotation: a direct quote with the colon before it, found already.
            if isQuoteMark(colon + 1), isQuoteMark(last - 1), !((colon + 2)..<(last - 1)).contains(where: isQuoteMark) { continue }
            let speaker: SpeakerMention
            if let name = prefix.first(where: { entityAt[$0].map { entities[$0].type == "PER" || entities[$0].type == "ORG" } ?? false }), let entity = entityAt[name] {
                var nameEnd = name
                while nameEnd < colon, entityAt[nameEnd] == entity { nameEnd += 1 }
                speaker = .entity(tokens: name..<nameEnd, entity: entity)
            } else if prefix.count <= 2, prefix.contains(where: { rules.anonymousHeads.contains(words[$0]) }) {
                speaker = .description(tokens: prefix)
            } else {
                continue
            }
            let content = TextSpan(start: tokens[colon + 1].start, end: tokens[last - 1].end)
            found.append(QuoteCandidate(kind: .indirect, parts: [content], firstBlock: number, lastBlock: number, opensBlock: false, cue: nil, speaker: speaker))
        }
        return found
    }
}
