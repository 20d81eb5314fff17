import NewsAnnotation

/// Reported clauses around any noun phrase: "Police officials said a second device was found",
/// "…, sources said.", "…, according to the poll.", and the mixed quotes whose clause holds a
/// quoted fragment ("She says his temperament is “dangerous for a president.”").
///
/// This follows the attribution conventions of PARC (Pareti 2016): a source (any noun phrase,
/// named or not), a cue, and the content — the complement clause, from after its
/// complementizer to the end of the sentence. The subject is read backwards from the cue up to
/// a clause boundary, so it needs no parser.
extension QuoteFinder {
    /// The longest subject a backwards read takes, in tokens.
    static let maximumPhrase = 8

    /// Whether the token may end a noun phrase (its head).
    func isNominal(_ index: Int) -> Bool {
        let kind = tokens[index].kind
        guard kind == .word || kind == .number else { return false }
        if entityAt[index] != nil { return true }
        let word = words[index]
        return !rules.determiners.contains(word) && !rules.clauseOpeners.contains(word) && !rules.complementizers.contains(word)
            && !rules.adverbialOpeners.contains(word) && !rules.auxiliaries.contains(word) && !rules.negations.contains(word)
            && !rules.subjectSkips.contains(word) && !rules.cueVerbs.contains(word)
    }

    /// Whether a punctuation token stays inside a noun phrase: a possessive clitic of the
    /// language ("'s"), a hyphen, an ampersand or a dot.
    func isPhraseJoiner(_ word: String) -> Bool {
        word == "-" || word == "&" || word == "." || (rules.possessiveClitics ?? []).contains(word)
    }

    /// Whether the token stops a backwards read of a subject.
    private func stopsPhrase(_ index: Int) -> Bool {
        if isQuoteMark(index) { return true }
        let word = words[index]
        if tokens[index].kind == .punctuation { return !isPhraseJoiner(word) }
        if entityAt[index] != nil { return false }
        return rules.clauseOpeners.contains(word) || rules.complementizers.contains(word) || rules.relativePronouns.contains(word)
            || rules.cueVerbs.contains(word) || rules.pronouns[word] != nil || rules.otherPronouns.contains(word)
            || rules.auxiliaries.contains(word)
    }

    /// The speaker a noun phrase names: a pronoun, a name at its head ("economist Jane Doe",
    /// "Russia"), a definite role that refers back ("the former president"), else a description
    /// ("a senior official", "the report").
    func phrase(_ range: Range<Int>) -> SpeakerMention {
        let last = range.upperBound - 1
        if range.count == 1, let gender = rules.pronouns[words[last]] { return .pronoun(token: last, gender: gender) }
        // "Un portavoce del ministero", "fonti vicine al governo", "a Department for Transport
        // source": an unnamed member of what the phrase names speaks, not the organisation.
        if isUnnamedMember(range) { return .description(tokens: range) }
        if let entity = entityAt[last] {
            var first = last
            while first > range.lowerBound, entityAt[first - 1] == entity { first -= 1 }
            // "Il Tribunale di Milano", "the mayor of London", "la moglie di Mario Rossi": a name
            // in the complement of the phrase's head is not its head; "il ministro della Difesa"
            // refers back to a person, anything else is a description.
            if let head = complementHead(nameStart: first, phraseStart: range.lowerBound) {
                // "Il Tribunale di Milano" with "Tribunale" named: the organisation at the head.
                if let organisation = entityAt[head], entities[organisation].type != "PER" { return .entity(tokens: range, entity: organisation) }
                if let gender = rules.definiteGender(words[range.lowerBound]), roles.contains(words[range.lowerBound + 1]) {
                    return .anaphor(tokens: range, gender: gender)
                }
                return .description(tokens: range)
            }
            return .entity(tokens: range, entity: entity)
        }
        // "Senator Jane Doe of the finance committee", "Maria Rossi del comitato": the head
        // ends before the first preposition outside a name; a person there speaks.
        if let preposition = range.first(where: { entityAt[$0] == nil && (rules.headPrepositions ?? []).contains(words[$0]) }),
           preposition > range.lowerBound, let entity = entityAt[preposition - 1], entities[entity].type == "PER" {
            return .entity(tokens: range, entity: entity)
        }
        if let gender = rules.definiteGender(words[range.lowerBound]), range.count >= 2, roles.contains(words[last]) {
            return .anaphor(tokens: range, gender: gender)
        }
        return .description(tokens: range)
    }

    /// The noun phrase that ends right before token `comma` and that a relative pronoun after
    /// the comma stands for: back to its determiner ("alcuni amici, che …"), or to a preposition
    /// that opens an adverbial ("tra agenti della polizia, che …"), at most `maximumPhrase` tokens.
    func antecedentPhrase(before comma: Int, lower: Int) -> (mention: SpeakerMention, start: Int)? {
        guard comma - 1 >= lower, isNominal(comma - 1) else { return nil }
        var start = comma
        while start > lower, comma - start < Self.maximumPhrase {
            let previous = start - 1
            if entityAt[previous] == nil {
                let word = words[previous]
                if stopsPhrase(previous) { break }
                if rules.adverbialOpeners.contains(word), !(rules.headPrepositions ?? []).contains(word) { break }
            }
            start = previous
            if entityAt[start] == nil, rules.determiners.contains(words[start]) { break }
        }
        guard start < comma else { return nil }
        return (phrase(start..<comma), start)
    }

    /// The length in tokens of a relative pronoun ending at token `last` ("che", "who", "i
    /// quali"), or 0.
    func relativePronounLength(endingAt last: Int, lower: Int) -> Int {
        for parts in relativePronounPhrases where last + 1 - parts.count >= lower && matches(parts, at: last + 1 - parts.count, limit: last + 1) {
            return parts.count
        }
        return 0
    }

    /// The subject that ends right before a cue at `cue`, read backwards no further than `lower`.
    func subjectPhrase(before cue: Int, lower: Int) -> (mention: SpeakerMention, start: Int)? {
        var end = cue
        while end > lower, rules.subjectSkips.contains(words[end - 1]) || rules.negations.contains(words[end - 1]) { end -= 1 }
        guard end > lower else { return nil }
        let last = end - 1
        // "Trump, who says …": the relative pronoun is the mention; the name before it is the
        // speaker. "alcuni amici, che hanno dichiarato", "alcuni poliziotti, i quali confermano":
        // the noun phrase before the comma; none, no speaker.
        let relativeLength = relativePronounLength(endingAt: last, lower: lower)
        if relativeLength > 0 {
            let relative = end - relativeLength
            guard relative - 1 > lower, words[relative - 1] == "," else { return nil }
            let fallback = entityAt[relative - 2].map { (mention: SpeakerMention.entity(tokens: relative..<end, entity: $0), start: relative) }
            guard let antecedent = antecedentPhrase(before: relative - 1, lower: lower) else { return fallback }
            switch antecedent.mention {
            case .description, .anaphor: return antecedent
            case .entity(_, let entity): return (.entity(tokens: relative..<end, entity: entity), relative)
            default: return fallback
            }
        }
        // "quanto dichiarato", "ciò che ha detto": what was said, not who said it.
        if (rules.freeRelatives ?? []).contains(words[last]) { return nil }
        if rules.pronouns[words[last]] != nil || rules.otherPronouns.contains(words[last]) {
            return (phrase(last..<end), last)
        }
        guard isNominal(last) else { return nil }
        var start = last
        while start > lower, end - start < Self.maximumPhrase, !stopsPhrase(start - 1) { start -= 1 }
        // Too long to be sure: keep the head and what modifies it from the last determiner on.
        if end - start >= Self.maximumPhrase, start > lower, !stopsPhrase(start - 1) {
            guard let determiner = (start..<last).last(where: { rules.determiners.contains(words[$0]) || rules.adverbialOpeners.contains(words[$0]) }) else {
                return (phrase(last..<end), last)
            }
            start = rules.determiners.contains(words[determiner]) ? determiner : determiner + 1
        }
        while start < last, rules.adverbialOpeners.contains(words[start]) && entityAt[start] == nil { start += 1 }
        return (phrase(start..<end), start)
    }

    /// Whether the name starting at token `nameStart` is in the prepositional complement of a
    /// head noun that starts at or after `phraseStart`: "Tribunale **di** Milano", "the mayor **of
    /// the** city", "il portavoce delle forze italiane **in** Libano". A head that is itself a name
    /// ("Maria Rossi del comitato") or a pronoun is not a head noun here.
    func isComplement(nameStart: Int, phraseStart: Int) -> Bool {
        guard let head = complementHead(nameStart: nameStart, phraseStart: phraseStart) else { return false }
        return entityAt[head] == nil
    }

    /// The head noun whose complement holds the name at `nameStart` (see `isComplement`), which
    /// may be an organisation's name ("Tribunale" in "Tribunale di Milano"), or nil.
    func complementHead(nameStart: Int, phraseStart: Int) -> Int? {
        var preposition = nameStart - 1
        while preposition > phraseStart, rules.determiners.contains(words[preposition]), entityAt[preposition] == nil { preposition -= 1 }
        guard preposition > phraseStart, entityAt[preposition] == nil, (rules.headPrepositions ?? []).contains(words[preposition]) else { return nil }
        let head = preposition - 1
        guard tokens[head].kind == .word, !rules.determiners.contains(words[head]),
              rules.pronouns[words[head]] == nil, !rules.otherPronouns.contains(words[head]) else { return nil }
        if let entity = entityAt[head] { return entities[entity].type == "PER" ? nil : head }
        return (phraseStart..<head).contains { entityAt[$0].map { entities[$0].type == "PER" } ?? false } ? nil : head
    }

    /// Whether a phrase heads with an unnamed speaker's noun ("fonti", "a source", "un
    /// portavoce") before the name of what they belong to, with no person in it.
    func isUnnamedMember(_ range: Range<Int>) -> Bool {
        var head = range.lowerBound
        if !rules.anonymousHeads.contains(words[head]), rules.determiners.contains(words[head]), range.count > 1 { head += 1 }
        guard rules.anonymousHeads.contains(words[head]), entityAt[head] == nil, head + 1 < range.upperBound else { return false }
        return !range.contains { entityAt[$0].map { entities[$0].type == "PER" } ?? false }
    }

    /// A noun phrase from `index` to the next comma or the end: "according to federal statistics",
    /// "said one GOP source in the room".
    func objectPhrase(from index: Int, limit: Int, longest: Int = 12) -> (mention: SpeakerMention, end: Int)? {
        var end = index
        while end < limit, end - index < longest, !isQuoteMark(end), tokens[end].kind != .punctuation || isPhraseJoiner(words[end]) { end += 1 }
        guard end > index, end - index < longest, tokens[index].kind == .word || tokens[index].kind == .number else { return nil }
        guard !rules.adverbialOpeners.contains(words[index]) || entityAt[index] != nil else { return nil }
        // The phrase's head: the first name in it, else the whole phrase.
        if isUnnamedMember(index..<end) { return (.description(tokens: index..<end), end) }
        // "secondo il documento emesso dal vertice di Roma": a name in the complement of the
        // phrase's head is not the speaker (see `phrase`).
        if let name = (index..<end).first(where: { entityAt[$0] != nil }), let entity = entityAt[name], !isComplement(nameStart: name, phraseStart: index) {
            var last = name
            while last + 1 < end, entityAt[last + 1] == entity { last += 1 }
            if last + 1 == end || !((rules.possessiveClitics ?? []).contains(words[last + 1]) || (rules.headPrepositions ?? []).contains(words[last + 1])) { return (.entity(tokens: index..<(last + 1), entity: entity), end) }
        }
        return (phrase(index..<end), end)
    }

    /// Where the reported clause after a cue starts, or `nil` when none follows.
    func clauseStart(after cue: Range<Int>, limit: Int) -> Int? {
        let verb = words[cue.upperBound - 1]
        let needsComplementizer = rules.objectCueVerbs.contains(verb) || rules.complementCueVerbs.contains(verb)
        var start = cue.upperBound
        let window = min(limit, start + 7)
        if let complementizer = (start..<window).first(where: { rules.complementizers.contains(words[$0]) }),
           !(start..<complementizer).contains(where: { tokens[$0].kind == .punctuation && words[$0] != "," || isQuoteMark($0) }) {
            start = complementizer + 1
        } else if rules.objectCueVerbs.contains(verb), let markers = rules.objectInfinitiveMarkers,
                  let marker = ((start + 1)..<max(start + 1, window)).first(where: { markers.contains(words[$0]) }),
                  !(start..<marker).contains(where: { tokens[$0].kind == .punctuation || isQuoteMark($0) || self.cue(at: $0, limit: marker) != nil }) {
            // "told his supporters at a rally to “go and vote”": a request after the object.
            start = marker + 1
        } else if needsComplementizer {
            return nil
        } else if start < limit, rules.infinitiveMarkers.contains(words[start]) {
            start += 1
        } else if start < limit, rules.adverbialOpeners.contains(words[start]) {
            return nil
        }
        guard start < limit, tokens[start].kind == .word || tokens[start].kind == .number || isQuoteMark(start), limit - start >= 3 else { return nil }
        return start
    }

    private func span(_ range: Range<Int>) -> TextSpan? {
        var start = range.lowerBound, end = range.upperBound
        while start < end, tokens[start].kind == .punctuation, !isQuoteMark(start) { start += 1 }
        while end > start, tokens[end - 1].kind == .punctuation, !isQuoteMark(end - 1) { end -= 1 }
        guard end - start >= 2 else { return nil }
        return TextSpan(start: tokens[start].start, end: tokens[end - 1].end)
    }

    /// A reported clause in the sentence `range` (punctuation at its end left out), whatever its
    /// subject: `quoted` holds the quoted parts inside the sentence, which must lie in the
    /// content (the quote is then `mixed`), never in the subject or the cue.
    func reportedClause(in range: Range<Int>, quoted: [TextSpan]) -> QuoteCandidate? {
        let start = range.lowerBound, end = range.upperBound
        guard end - start >= 4, blockOf[start] >= 0 else { return nil }
        func isQuoted(_ index: Int) -> Bool { quoted.contains { $0.start - 1 <= tokens[index].start && tokens[index].start <= $0.end } }
        func make(_ parts: [TextSpan?], cue: Range<Int>, speaker: SpeakerMention, afterComplementizer: Bool = false) -> QuoteCandidate? {
            let parts = parts.compactMap { $0 }
            guard !parts.isEmpty else { return nil }
            // Quoted words that are the whole content are a direct quote, found already; after a
            // complementizer one unquoted word makes the clause reported speech ("says it
            // underscores that Trump is “unfit …”").
            let length = parts.reduce(0) { $0 + $1.end - $1.start }
            let quotedLength = quoted.filter { part in parts.contains { $0.start <= part.start && part.start < $0.end } }.reduce(0) { $0 + $1.end - $1.start + 2 }
            guard length - quotedLength >= (afterComplementizer ? 2 : 12) else { return nil }
            return QuoteCandidate(kind: .indirect, parts: parts, firstBlock: blockOf[start], lastBlock: blockOf[start], opensBlock: false, cue: cue, speaker: speaker)
        }
        var subjectStart = start
        if rules.clauseOpeners.contains(words[start]), entityAt[start] == nil { subjectStart += 1 }
        // "According to the data, …"
        if let cue = cue(at: subjectStart, limit: end), isAccordingTo(cue), let found = objectPhrase(from: cue.upperBound, limit: end), found.end < end, words[found.end] == "," {
            return make([span((found.end + 1)..<end)], cue: cue, speaker: found.mention)
        }
        if quoted.isEmpty, let outer = trailingAttribution(in: range, strict: true) { return outer }
        // "Michael Mulgrew, president of the union, which represents teachers, said …": a named
        // subject, an appositive with commas of its own, the cue.
        if let named = speaker(at: subjectStart, limit: end), case .entity(_, let entity) = named.0, entities[entity].type == "PER",
           named.end < end, words[named.end] == ",", let close = appositiveEnd(from: named.end, limit: end) {
            var next = close + 1
            while next < end, rules.subjectSkips.contains(words[next]) || rules.negations.contains(words[next]) { next += 1 }
            if let cue = cue(at: next, limit: end), !isAccordingTo(cue), let content = clauseStart(after: cue, limit: end) {
                return make([span(content..<end)], cue: cue, speaker: named.0,
                            afterComplementizer: content > cue.upperBound && rules.complementizers.contains(words[content - 1]))
            }
        }
        // "Police officials said a second device was found …": the first cue with a subject and a clause.
        var index = subjectStart + 1
        while index < end {
            let progressive = isProgressiveGerund(index)
            // "Trump unleashed a series of tweets, saying that …", "Conte ha commentato, dicendo
            // di …": a gerund cue after a comma reports for the sentence's subject (PARC).
            if !progressive, rules.gerunds.contains(words[index]), index > subjectStart + 1, words[index - 1] == ",", !isQuoted(index),
               let subject = speaker(at: subjectStart, limit: index - 1), sentenceSubject(subject.0),
               let content = clauseStart(after: index..<(index + 1), limit: end) {
                return make([span(content..<end)], cue: index..<(index + 1), speaker: subject.0,
                            afterComplementizer: content > index + 1 && rules.complementizers.contains(words[content - 1]))
            }
            let found = cue(at: index, limit: end) ?? (rules.complementCueVerbs.contains(words[index]) || progressive ? index..<(index + 1) : nil)
            // A gerund reports only in the progressive ("he is claiming that …"); after a comma it
            // continues an attribution found already ("…, adding that …").
            guard !isQuoted(index), let cue = found, !isAccordingTo(cue), progressive || !rules.gerunds.contains(words[index]) else { index += 1; continue }
            if let subject = subjectPhrase(before: progressive ? progressiveAuxiliary(before: index) ?? index : index, lower: subjectStart), !(subject.start..<index).contains(where: isQuoted),
               let content = clauseStart(after: cue, limit: end) {
                return make([span(content..<end)], cue: cue, speaker: subject.mention,
                            afterComplementizer: content > cue.upperBound && (rules.complementizers.contains(words[content - 1]) || rules.objectInfinitiveMarkers?.contains(words[content - 1]) == true))
            }
            index = cue.upperBound
        }
        return quoted.isEmpty ? trailingAttribution(in: range) : nil
    }

    /// Whether a speaker read at a sentence's start can be the subject a gerund cue reports
    /// for: a name, a pronoun, or a short description ("The company").
    private func sentenceSubject(_ mention: SpeakerMention) -> Bool {
        switch mention {
        case .entity, .pronoun, .anaphor: true
        case .description(let tokens): tokens.count <= 4
        case .label: false
        }
    }

    /// "…, sources said.", "…, said one GOP source in the room.", "…, according to the poll.":
    /// an attribution that ends the sentence `range` (no quotation marks in it) is its outer
    /// one, and wins over cues inside the content ("Secret Service protocol called for …,
    /// sources said.").
    ///
    /// `strict` (before any other reading of the sentence): the speaker after the cue must read
    /// as one, at most seven words with a name, a role, a pronoun or the head of a description,
    /// so that "…, said the main recommendation had never been carried out" is no attribution.
    func trailingAttribution(in range: Range<Int>, strict: Bool = false) -> QuoteCandidate? {
        let start = range.lowerBound, end = range.upperBound
        guard end - start >= 4, blockOf[start] >= 0 else { return nil }
        func make(_ part: TextSpan?, cue: Range<Int>, speaker: SpeakerMention) -> QuoteCandidate? {
            guard let part, part.end - part.start >= 12 else { return nil }
            return QuoteCandidate(kind: .indirect, parts: [part], firstBlock: blockOf[start], lastBlock: blockOf[start], opensBlock: false, cue: cue, speaker: speaker)
        }
        guard let comma = (start..<end).last(where: { words[$0] == "," }), comma - start >= 3, end - comma <= 14 else { return nil }
        var position = comma + 1
        if let cue = cue(at: position, limit: end) {
            // "…, ha dichiarato che la Marina …": a clause after the cue, not its speaker.
            if cue.upperBound < end, rules.complementizers.contains(words[cue.upperBound]) || rules.infinitiveMarkers.contains(words[cue.upperBound])
                || relativePronounLength(endingAt: cue.upperBound, lower: cue.upperBound) > 0 { return nil }
            // "…, dicendo di …", "…, saying …": a gerund continues the clause, it names no speaker after it.
            if rules.gerunds.contains(words[cue.lowerBound]) { return nil }
            guard let found = objectPhrase(from: cue.upperBound, limit: end), found.end == end else { return nil }
            if strict {
                let speaker = cue.upperBound..<end
                guard speaker.count <= 7, speaker.contains(where: { entityAt[$0] != nil || roles.contains(words[$0]) || rules.anonymousHeads.contains(words[$0]) || rules.pronouns[words[$0]] != nil }) else { return nil }
            }
            return make(span(start..<comma), cue: cue, speaker: found.mention)
        }
        while position < end {
            if let cue = cue(at: position, limit: end), !isAccordingTo(cue) {
                // Nothing but an adverbial after the cue: "a source said on Sunday".
                guard cue.upperBound == end || rules.adverbialOpeners.contains(words[cue.upperBound]) && end - cue.upperBound <= 5 else { return nil }
                guard let subject = subjectPhrase(before: position, lower: comma + 1), subject.start == comma + 1 else { return nil }
                return make(span(start..<comma), cue: cue, speaker: subject.mention)
            }
            position += 1
        }
        return nil
    }

    /// Quoted words inside a reported clause belong to it: the clause becomes one `mixed` quote
    /// and the quoted stretches inside it are no quotes of their own ("She says his temperament is
    /// “dangerous for a president.”"). Both lists are in text order.
    func mixing(_ quoted: [QuoteCandidate], into clauses: [QuoteCandidate]) -> (quoted: [QuoteCandidate], clauses: [QuoteCandidate]) {
        var clauses = clauses
        var absorbed = [Bool](repeating: false, count: quoted.count)
        var next = 0
        for (number, clause) in clauses.enumerated() {
            guard let first = clause.parts.first, let last = clause.parts.last else { continue }
            while next < quoted.count, quoted[next].parts[0].start < first.start { next += 1 }
            var probe = next
            var end = last.end
            while probe < quoted.count, quoted[probe].parts[0].start <= last.end {
                let candidate = quoted[probe]
                // Only a quote that lies in the clause and starts inside its sentence; one that
                // opens its paragraph is quoted speech of its own.
                if candidate.parts.count == 1, !candidate.opensBlock, candidate.parts[0].start > first.start,
                   candidate.parts[0].end <= last.end + 2, candidate.firstBlock == clause.firstBlock {
                    absorbed[probe] = true
                    end = max(end, candidate.parts[0].end + (candidate.parts[0].end < scalars.count && isClosingMark(scalars[candidate.parts[0].end]) ? 1 : 0))
                    clauses[number].kind = .mixed
                }
                probe += 1
            }
            if clauses[number].kind == .mixed { clauses[number].parts[clauses[number].parts.count - 1].end = end }
        }
        return (quoted.indices.filter { !absorbed[$0] }.map { quoted[$0] }, clauses)
    }

    private func isClosingMark(_ scalar: Unicode.Scalar) -> Bool { "”»“’'\"›‘".unicodeScalars.contains(scalar) }
}
