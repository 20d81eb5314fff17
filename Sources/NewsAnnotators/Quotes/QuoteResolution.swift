import NewsAnnotation

extension QuoteFinder {
    // MARK: - Indirect quotes

    /// Clauses around a cue with an explicit speaker, in sentences without quotation marks:
    /// "X dice che …", "…, dice X.", "A, dice X, B", "secondo X, …", "…, according to X."
    func indirectQuotes(avoiding direct: [QuoteCandidate]) -> [QuoteCandidate] {
        let sentences = document[Layers.sentences] ?? []
        let quoted = direct.flatMap(\.parts)
        var found: [QuoteCandidate] = []
        for sentence in sentences {
            guard !quoted.contains(where: { $0.start < sentence.end + 1 && sentence.start < $0.end + 1 }) else { continue }
            let first = token(atOrAfter: sentence.start)
            var end = first
            while end < tokens.count, tokens[end].start < sentence.end { end += 1 }
            guard end - first >= 4, first < tokens.count, blockOf[first] >= 0, !(first..<end).contains(where: isQuoteMark) else { continue }
            var last = end
            while last > first, isSentenceEnd(last - 1) || tokens[last - 1].kind == .punctuation { last -= 1 }
            if let candidate = indirect(first..<last) { found.append(candidate) }
        }
        return found
    }

    private func content(_ range: Range<Int>) -> TextSpan? {
        var start = range.lowerBound, end = range.upperBound
        while start < end, tokens[start].kind == .punctuation { start += 1 }
        while end > start, tokens[end - 1].kind == .punctuation { end -= 1 }
        guard end - start >= 2 else { return nil }
        return TextSpan(start: tokens[start].start, end: tokens[end - 1].end)
    }

    private func candidate(_ parts: [TextSpan?], cue: Range<Int>, speaker: SpeakerMention, at index: Int) -> QuoteCandidate? {
        let parts = parts.compactMap { $0 }
        guard !parts.isEmpty else { return nil }
        return QuoteCandidate(kind: .indirect, parts: parts, firstBlock: blockOf[index], lastBlock: blockOf[index], opensBlock: false, cue: cue, speaker: speaker)
    }

    /// Whether the words after a comma describe the speaker ("professore emerito…", "a spokesperson…", "who…").
    private func isAppositive(at index: Int, limit: Int) -> Bool {
        guard index < limit else { return true }
        let word = words[index]
        if roles.contains(word) || rules.anonymousHeads.contains(word) || ["who", "che", "il", "la", "lo", "l'"].contains(word) { return true }
        if tokens[index].kind == .number { return true }
        if rules.determiners.contains(word), index + 1 < limit { return roles.contains(words[index + 1]) || rules.anonymousHeads.contains(words[index + 1]) || index + 2 < limit && roles.contains(words[index + 2]) }
        return false
    }

    private func indirect(_ range: Range<Int>) -> QuoteCandidate? {
        let start = range.lowerBound, end = range.upperBound
        var subjectStart = start
        if ["ma", "e", "però", "but", "and", "however", "yet"].contains(words[start]) { subjectStart += 1 }
        // "Secondo X, …"
        if let cue = cue(at: subjectStart, limit: end), isAccordingTo(cue), let found = speaker(at: cue.upperBound, limit: end) {
            var comma = found.end
            while comma < end, words[comma] != "," { comma += 1 }
            return candidate([content((comma + 1)..<end)], cue: cue, speaker: found.0, at: start)
        }
        // "X (, appositive,) (non) dice (che) …"
        if let found = speaker(at: subjectStart, limit: end) {
            var cursor = found.end
            if cursor < end, words[cursor] == "," {
                var next = cursor + 1
                while next < end, words[next] != "," { next += 1 }
                if next < end { cursor = next + 1 }
            }
            while cursor < end, rules.negations.contains(words[cursor]) { cursor += 1 }
            let isNamed: Bool = if case .entity = found.0 { true } else { false }
            if let cue = cue(at: cursor, limit: end, opinions: isNamed), !isAccordingTo(cue) {
                var contentStart = cue.upperBound
                if contentStart < end, rules.complementizers.contains(words[contentStart]) { contentStart += 1 }
                if end - contentStart >= 3 { return candidate([content(contentStart..<end)], cue: cue, speaker: found.0, at: start) }
            }
        }
        // "…, dice X." / "A, dice X, B" / "…, X said, …" / "…, according to X."
        for comma in range where words[comma] == "," && comma > start + 1 {
            var attribution: (cue: Range<Int>, speaker: SpeakerMention, end: Int)?
            if let cue = cue(at: comma + 1, limit: end), let found = speaker(at: cue.upperBound, limit: end) {
                attribution = (cue, found.0, found.end)
            } else if let found = speaker(at: comma + 1, limit: end) {
                // The speaker runs up to the cue that ends this clause.
                var clauseEnd = comma + 1
                while clauseEnd < end, words[clauseEnd] != "," { clauseEnd += 1 }
                if clauseEnd - 1 > comma + 1, let cue = cue(at: clauseEnd - 1, limit: clauseEnd), !isAccordingTo(cue) {
                    let speaker: SpeakerMention = if case .description = found.0 { .description(tokens: (comma + 1)..<(clauseEnd - 1)) } else { found.0 }
                    attribution = (cue, speaker, clauseEnd)
                }
            }
            guard let attribution else { continue }
            let before = content(start..<comma)
            if attribution.end >= end { return candidate([before], cue: attribution.cue, speaker: attribution.speaker, at: start) }
            guard words[attribution.end] == "," else { continue }
            if isAppositive(at: attribution.end + 1, limit: end) { return candidate([before], cue: attribution.cue, speaker: attribution.speaker, at: start) }
            return candidate([before, content((attribution.end + 1)..<end)], cue: attribution.cue, speaker: attribution.speaker, at: start)
        }
        return nil
    }

    // MARK: - Resolution

    /// Resolves speakers in text order and numbers the quotes.
    func resolve(_ candidates: [QuoteCandidate]) -> [Quote] {
        struct Speaker { var name: String?; var cluster: String?; var gender: String?; var block: Int }
        var named: [Speaker] = []
        var current: Speaker?
        var previousBlockSpeaker: (block: Int, speaker: Speaker)?
        var quotes: [Quote] = []
        for candidate in candidates {
            var speakerExcerpt: TextExcerpt?
            var resolved: Speaker?
            var attribution = Quote.Attribution.none
            var confidence = 0.3
            switch candidate.speaker {
            case .entity(let range, let entity)?:
                let entity = entities[entity]
                speakerExcerpt = excerpt(range)
                resolved = Speaker(name: entity.canonical, cluster: entity.cluster, gender: genders[entity.cluster], block: candidate.lastBlock)
                attribution = .name
                confidence = 0.95
                if entity.type == "PER" { named.append(resolved!) }
            case .description(let range)?:
                speakerExcerpt = excerpt(range)
                resolved = Speaker(name: nil, cluster: nil, gender: nil, block: candidate.lastBlock)
                attribution = .description
                confidence = 0.85
            case .pronoun(let token, let gender)?:
                speakerExcerpt = excerpt(token..<(token + 1))
                attribution = .pronoun
                confidence = 0.8
                if var antecedent = named.last(where: { gender == "P" || $0.gender == nil || $0.gender == gender }) {
                    antecedent.block = candidate.lastBlock
                    resolved = antecedent
                } else {
                    confidence = 0.4
                }
            case nil:
                if candidate.subjectless, let current, candidate.firstBlock - current.block <= 3 {
                    resolved = current
                    attribution = .subjectless
                    confidence = 0.8
                } else if candidate.kind == .direct, candidate.cue == nil, candidate.opensBlock,
                          let previous = previousBlockSpeaker, candidate.firstBlock - previous.block <= 1 {
                    resolved = previous.speaker
                    attribution = .continuation
                    confidence = 0.7
                } else if candidate.kind == .scare {
                    confidence = 0.2
                }
            }
            if var resolved {
                resolved.block = candidate.lastBlock
                current = resolved
                previousBlockSpeaker = (candidate.lastBlock, resolved)
            } else if candidate.kind == .direct, candidate.opensBlock {
                // A quote paragraph nobody is known to have said breaks the chain.
                previousBlockSpeaker = nil
            }
            quotes.append(Quote(
                id: "q\(quotes.count + 1)", kind: candidate.kind, parts: candidate.parts.map(Quote.Part.init(span:)),
                cue: candidate.cue.map(excerpt), speaker: speakerExcerpt, speakerName: resolved?.name, cluster: resolved?.cluster,
                attribution: attribution, confidence: confidence))
        }
        return quotes
    }
}
