import NewsAnnotation

extension QuoteFinder {
    // MARK: - Indirect quotes

    /// Clauses around a cue with an explicit speaker, in sentences without quotation marks:
    /// "X dice che …", "…, dice X.", "A, dice X, B", "secondo X, …", "…, according to X."
    func indirectQuotes(avoiding direct: [QuoteCandidate]) -> [QuoteCandidate] {
        let sentences = document[Layers.sentences] ?? []
        var previousSentence: Range<Int>?
        var previousHeldQuote = false
        // Scare quotes do not keep a sentence from reporting speech ("most of them so-called “no-fault” evictions").
        let quoted = direct.filter { $0.kind != .scare }.flatMap(\.parts)
        var found: [QuoteCandidate] = []
        let sortedQuoted = quoted.sorted { $0.start < $1.start }
        var nextQuoted = 0
        for sentence in sentences {
            while nextQuoted < sortedQuoted.count, sortedQuoted[nextQuoted].end + 1 <= sentence.start { nextQuoted += 1 }
            // Parts are few per sentence: look at the ones that may reach this sentence.
            var overlaps = false
            var probe = max(0, nextQuoted - 1)
            while probe < sortedQuoted.count, sortedQuoted[probe].start < sentence.end + 1 {
                if sentence.start < sortedQuoted[probe].end + 1 { overlaps = true; break }
                probe += 1
            }
            let first = token(atOrAfter: sentence.start)
            var end = first
            while end < tokens.count, tokens[end].start < sentence.end { end += 1 }
            var last = end
            while last > first, isSentenceEnd(last - 1) || tokens[last - 1].kind == .punctuation { last -= 1 }
            // The sentence before, for "Lo ha detto X"; none when it held a quotation.
            let before = previousSentence
            let afterQuote = previousHeldQuote
            previousSentence = overlaps || last <= first ? nil : first..<last
            previousHeldQuote = overlaps
            guard end - first >= 4, first < tokens.count, blockOf[first] >= 0 else { continue }
            // "«…». È quanto ha dichiarato X.": the sentence attributes the quote before it (see
            // `attributed`), it reports nothing of its own.
            if afterQuote, !overlaps, takeUpLength(at: first, limit: last) != nil { continue }
            if overlaps {
                // "She says his temperament is “dangerous for a president.”": quoted words inside a reported clause.
                var inside: [TextSpan] = []
                var index = max(0, nextQuoted - 1)
                while index < sortedQuoted.count, sortedQuoted[index].start < sentence.end + 1 {
                    if sentence.start < sortedQuoted[index].end + 1 { inside.append(sortedQuoted[index]) }
                    index += 1
                }
                if let candidate = reportedClause(in: first..<last, quoted: inside) { found.append(candidate) }
                continue
            }
            // "Il piano sarà pronto a giugno. Lo ha detto il ministro Rossi.": the previous sentence is the content.
            if rules.resumptivePronouns.contains(words[first]), let before, blockOf[before.lowerBound] == blockOf[first],
               let cue = cue(at: first + 1, limit: last), let said = speaker(at: cue.upperBound, limit: last),
               let reported = content(before) {
                found.append(QuoteCandidate(kind: .indirect, parts: [reported], firstBlock: blockOf[first], lastBlock: blockOf[first], opensBlock: false, cue: cue, speaker: said.0))
                previousSentence = nil
                continue
            }
            if var candidate = indirect(first..<last) ?? reportedClause(in: first..<last, quoted: []) {
                // "Durante la cerimonia è stato ricordato il lutto": a passive cue's subject is
                // what was said; only an agent after it ("da X") would be the speaker.
                if let cue = candidate.cue, let speaker = candidate.speaker, speaker.tokens.upperBound <= cue.lowerBound,
                   cue.contains(where: { (rules.passiveMarkers ?? []).contains(words[$0]) }) {
                    candidate.speaker = nil
                }
                found.append(candidate)
            }
        }
        return found
    }

    private func content(_ range: Range<Int>) -> TextSpan? {
        var start = range.lowerBound, end = range.upperBound
        guard start >= 0, end <= tokens.count else { return nil }
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
        if roles.contains(word) || rules.anonymousHeads.contains(word) || rules.relativePronouns.contains(word) || rules.definiteGender(word).map({ !$0.isEmpty }) == true { return true }
        if tokens[index].kind == .number { return true }
        if rules.determiners.contains(word), index + 1 < limit { return roles.contains(words[index + 1]) || rules.anonymousHeads.contains(words[index + 1]) || index + 2 < limit && roles.contains(words[index + 2]) }
        return false
    }

    private func indirect(_ range: Range<Int>) -> QuoteCandidate? {
        let start = range.lowerBound, end = range.upperBound
        guard end - start >= 3 else { return nil }
        var subjectStart = start
        if (rules.conjunctions ?? []).contains(words[start]) { subjectStart += 1 }
        // "A called for B, sources said.": the attribution that ends the sentence is the outer
        // one, over a subject and cue at its start.
        let outer = trailingAttribution(in: range, strict: true)
        // "Secondo X, …"
        if let cue = cue(at: subjectStart, limit: end), isAccordingTo(cue), let found = speaker(at: cue.upperBound, limit: end) {
            var comma = found.end
            while comma < end, words[comma] != "," { comma += 1 }
            // "Secondo la Protezione civile il picco è passato": no comma after a name; the
            // clause starts where the name ends.
            if comma == end, case .entity = found.0, end - found.end >= 3 {
                return candidate([content(found.end..<end)], cue: cue, speaker: found.0, at: start)
            }
            return candidate([content(min(comma + 1, end)..<end)], cue: cue, speaker: found.0, at: start)
        }
        // "A quanto riferisce lo Stato Maggiore, …", "Secondo quanto riportato dalla BBC, …": the
        // speaker follows the cue.
        for phrase in rules.relativeAccordingTo ?? [] where matches(phrase, at: subjectStart, limit: end) {
            guard let cue = cue(at: subjectStart + phrase.count, limit: end) ?? participle(at: subjectStart + phrase.count) else { break }
            var object = cue.upperBound
            if object < end, (rules.agentPrepositions ?? []).contains(words[object]) { object += 1 }
            guard let found = objectPhrase(from: object, limit: end), found.end < end, words[found.end] == "," else { break }
            return candidate([content((found.end + 1)..<end)], cue: cue, speaker: found.mention, at: start)
        }
        // "X (, appositive,) (non) dice (che) …"
        if let found = speaker(at: subjectStart, limit: end) {
            var cursor = found.end
            if cursor < end, words[cursor] == "," {
                var next = cursor + 1
                while next < end, words[next] != "," { next += 1 }
                if next < end { cursor = next + 1 }
            }
            // "Il Prof. Riccardo Zoia, ordinario di medicina legale, interpellato per avere un
            // parere afferma che …": a participle clause of at most six words before the cue.
            if cursor < end, cursor > found.end, isParticiple(words[cursor]),
               let clauseEnd = (cursor + 1..<min(end, cursor + 7)).first(where: { cue(at: $0, limit: end) != nil }),
               !(cursor..<clauseEnd).contains(where: { tokens[$0].kind == .punctuation || entityAt[$0] != nil }) {
                cursor = clauseEnd
            }
            while cursor < end, rules.negations.contains(words[cursor]) { cursor += 1 }
            let isNamed: Bool = if case .entity = found.0 { true } else { false }
            if let cue = cue(at: cursor, limit: end, opinions: isNamed), !isAccordingTo(cue) {
                var contentStart = cue.upperBound
                if contentStart < end, rules.complementizers.contains(words[contentStart]) || rules.infinitiveMarkers.contains(words[contentStart]) { contentStart += 1 }
                // "He said in a statement.": an adverbial, no reported clause.
                else if contentStart < end, rules.adverbialOpeners.contains(words[contentStart]),
                        !(contentStart..<min(end, contentStart + 7)).contains(where: { rules.complementizers.contains(words[$0]) }) { contentStart = end }
                if end - contentStart >= 3 { return outer ?? candidate([content(contentStart..<end)], cue: cue, speaker: found.0, at: start) }
            }
        }
        // "L’assessora Ferrante sostiene che …", "The mayor, Daniel Okafor, told reporters that …":
        // the first cue with a named subject right before it (adverbs and an appositive between).
        for index in (subjectStart + 1)..<end {
            guard let cue = cue(at: index, limit: end, opinions: true), !isAccordingTo(cue) else { continue }
            var position = index - 1
            while position > subjectStart, !rules.relativePronouns.contains(words[position]), rules.negations.contains(words[position]) || (tokens[position].kind == .word && entityAt[position] == nil && words[position].count <= 6 && !rules.determiners.contains(words[position]) && index - position <= 2 && !rules.complementizers.contains(words[position])) { position -= 1 }
            if words[position] == ",", position > subjectStart, entityAt[position - 1] != nil {
                // "The city’s mayor, Daniel Okafor, told": the name right before the comma.
                position -= 1
            } else if words[position] == ",", position > subjectStart {
                // Back over an appositive to the name before it.
                var comma = position - 1
                while comma > subjectStart, words[comma] != "," { comma -= 1 }
                var name = comma - 1
                // "La Federazione … dei Trasporti (Fat), che ha proclamato la protesta, sostiene": over an acronym in parentheses.
                if name > subjectStart, words[name] == ")", let open = (subjectStart..<name).last(where: { words[$0] == "(" }) { name = open - 1 }
                if words[comma] == ",", comma > subjectStart, name >= subjectStart, entityAt[name] != nil { position = name }
            }
            guard let entity = entityAt[position], entities[entity].type == "PER" || entities[entity].type == "ORG" else { break }
            var first = position
            while first > start, entityAt[first - 1] == entity { first -= 1 }
            let speakerStart = entities[entity].title.map { token(atOrAfter: $0.start) } ?? first
            var contentStart = cue.upperBound
            // "told reporters on Tuesday that …": up to the complementizer when there is one nearby.
            if let complementizer = (contentStart..<min(end, contentStart + 6)).first(where: { rules.complementizers.contains(words[$0]) }) { contentStart = complementizer + 1 }
            else if contentStart < end, rules.complementizers.contains(words[contentStart]) || rules.infinitiveMarkers.contains(words[contentStart]) { contentStart += 1 }
            guard end - contentStart >= 3 else { break }
            // "Fuentes cercanas al Ministerio señalaron que …": the name ends a phrase headed by
            // an unnamed member of what it names, and the member speaks, not the organisation.
            if subjectStart < first, isUnnamedMember(subjectStart..<(position + 1)),
               !(subjectStart..<first).contains(where: { self.cue(at: $0, limit: end) != nil || words[$0] == "," }) {
                return candidate([content(contentStart..<end)], cue: cue, speaker: .description(tokens: subjectStart..<(position + 1)), at: start)
            }
            // "Il nuovo rettore dell'Università di Milano prevede …": a name in the complement
            // of a head noun; the phrase speaks, not the name.
            if subjectStart < first, isComplement(nameStart: first, phraseStart: subjectStart), let subject = subjectPhrase(before: position + 1, lower: subjectStart) {
                switch subject.mention {
                case .description, .anaphor: return candidate([content(contentStart..<end)], cue: cue, speaker: subject.mention, at: start)
                default: break
                }
            }
            return candidate([content(contentStart..<end)], cue: cue, speaker: .entity(tokens: min(speakerStart, first)..<(position + 1), entity: entity), at: start)
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
        // People named outside quotation marks, for pronouns and subject-less cues.
        // One sweep over entities and quoted parts, both in text order.
        let quoted = candidates.filter { $0.kind != .indirect }.flatMap(\.parts).sorted { $0.start < $1.start }
        var people: [Int] = []
        var part = 0
        var reach = 0
        for index in entities.indices where entities[index].type == "PER" {
            while part < quoted.count, quoted[part].start <= entities[index].start { reach = max(reach, quoted[part].end); part += 1 }
            if entities[index].end > reach { people.append(index) }
        }
        func block(at offset: Int) -> Int { token(atOrAfter: offset) < tokens.count ? self.blockOf[token(atOrAfter: offset)] : blocks.count - 1 }
        /// The nearest person named before `offset`, in this block or up to `back` blocks before, of a compatible gender.
        func nearestPerson(before offset: Int, back: Int, gender: String?) -> Speaker? {
            let here = block(at: offset)
            // The people named before `offset`: a binary search, then backwards.
            var low = 0, high = people.count
            while low < high {
                let middle = (low + high) / 2
                if entities[people[middle]].end <= offset { low = middle + 1 } else { high = middle }
            }
            for index in people[..<low].reversed() {
                let entityBlock = block(at: entities[index].start)
                if entityBlock < here - back { break }
                let cluster = entities[index].cluster
                let known = genders[cluster]
                if let gender, gender != "P", let known, known != gender { continue }
                return Speaker(name: entities[index].canonical, cluster: cluster, gender: known, block: entityBlock)
            }
            return nil
        }
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
                // "The agency had warned" after "the Environment Agency": a definite noun names the
                // organisation named before whose name ends with it.
                if let organisation = namedOrganisation(for: range) {
                    resolved = Speaker(name: organisation.canonical, cluster: organisation.cluster, gender: nil, block: candidate.lastBlock)
                }
                attribution = .description
                confidence = 0.85
            case .anaphor(let range, let gender)?:
                speakerExcerpt = excerpt(range)
                attribution = .description
                confidence = 0.6
                resolved = nearestPerson(before: tokens[range.lowerBound].start, back: 3, gender: gender.isEmpty ? nil : gender)
            case .label(let range, let entity, let name)?:
                speakerExcerpt = excerpt(range)
                attribution = .label
                if let entity {
                    let person = entities[entity]
                    resolved = Speaker(name: person.canonical, cluster: person.cluster, gender: genders[person.cluster], block: candidate.lastBlock)
                    confidence = 0.85
                } else if let name {
                    resolved = Speaker(name: name, cluster: nil, gender: nil, block: candidate.lastBlock)
                    confidence = 0.6
                } else {
                    confidence = 0.4
                }
            case .pronoun(let token, let gender)?:
                speakerExcerpt = excerpt(token..<(token + 1))
                attribution = .pronoun
                confidence = 0.8
                let start = candidate.parts[0].start
                if let person = nearestPerson(before: start, back: 2, gender: gender) {
                    resolved = person
                } else if var antecedent = named.last(where: { gender == "P" || $0.gender == nil || $0.gender == gender }) {
                    antecedent.block = candidate.lastBlock
                    resolved = antecedent
                } else {
                    confidence = 0.4
                }
            case nil:
                if candidate.subjectless, let person = nearestPerson(before: candidate.parts[0].start, back: 0, gender: nil) {
                    // "Giulia Ferrante ha presentato un piano. “…”, ha dichiarato.": the person this paragraph is about.
                    resolved = person
                    attribution = .subjectless
                    confidence = 0.75
                } else if candidate.subjectless, let current, candidate.firstBlock - current.block <= 3 {
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
                id: "q\(quotes.count + 1)", kind: candidate.kind, parts: candidate.parts,
                cue: candidate.cue.map(excerpt), speaker: speakerExcerpt, speakerName: resolved?.name, cluster: resolved?.cluster,
                attribution: attribution, confidence: confidence))
        }
        return quotes
    }

    /// The organisation a definite description refers back to: "the agency" after "the
    /// Environment Agency", "la Procura" after "la Procura di Milano". The nearest of the
    /// previous 40 non-person entities whose name has the description's noun as a word.
    func namedOrganisation(for range: Range<Int>) -> Entity? {
        guard range.count == 2, rules.definiteGender(words[range.lowerBound]) != nil else { return nil }
        let noun = words[range.lowerBound + 1]
        let offset = tokens[range.lowerBound].start
        var low = 0, high = entities.count
        while low < high {
            let middle = (low + high) / 2
            if entities[middle].end <= offset { low = middle + 1 } else { high = middle }
        }
        for index in stride(from: low - 1, through: max(0, low - 40), by: -1) where entities[index].type != "PER" {
            let name = entities[index].canonical.lowercased()
            if name.split(separator: " ").contains(where: { $0 == noun }) { return entities[index] }
        }
        return nil
    }
}
