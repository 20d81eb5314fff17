import NewsAnnotation

/// The speaker found next to a cue, before resolution.
enum SpeakerMention {
    /// A named entity, with the title before it when there is one.
    case entity(tokens: Range<Int>, entity: Int)
    case pronoun(token: Int, gender: String)
    case description(tokens: Range<Int>)
    /// A definite role that refers back to a person named before ("il ministro", "the coach").
    case anaphor(tokens: Range<Int>, gender: String)
    /// An interview turn's label ("R:", "Rossi:"), with the person or name it stands for.
    case label(tokens: Range<Int>, entity: Int?, name: String?)

    /// The tokens the mention covers.
    var tokens: Range<Int> {
        switch self {
        case .entity(let tokens, _), .description(let tokens), .anaphor(let tokens, _), .label(let tokens, _, _): tokens
        case .pronoun(let token, _): token..<(token + 1)
        }
    }
}

/// A quotation while the stage works on it.
struct QuoteCandidate {
    var kind: Quote.Kind
    var parts: [TextSpan]
    var firstBlock: Int
    var lastBlock: Int
    /// Whether the quote opens its paragraph.
    var opensBlock: Bool
    var cue: Range<Int>?
    var speaker: SpeakerMention?
    var subjectless = false
}

/// Finds the quotations of one document.
struct QuoteFinder {
    let rules: QuoteRules
    let roles: Set<String>
    let document: Document
    let scalars: [Unicode.Scalar]
    let tokens: [Token]
    let words: [String]
    let blocks: [Block]
    let entities: [Entity]
    /// The entity each token belongs to.
    let entityAt: [Int?]
    /// The block each token belongs to.
    let blockOf: [Int]
    /// Per cluster: `F`, `M` or nothing, from the titles its mentions carry.
    let genders: [String: String]
    /// The relative pronouns as words ("i quali" → ["i", "quali"]), longest first.
    let relativePronounPhrases: [[String]]

    init(rules: QuoteRules, roles: Set<String>, names: GivenNames = .empty, document: Document) {
        self.rules = rules
        self.roles = roles
        self.document = document
        let scalars = document.content.scalars
        self.scalars = scalars
        let tokens = document[Layers.tokens] ?? []
        self.tokens = tokens
        self.words = tokens.map { token in
            var word = ""
            for scalar in scalars[token.start..<token.end] { word.unicodeScalars.append(scalar == "’" ? "'" : scalar) }
            return word.lowercased()
        }
        let blocks = (document[Layers.blocks] ?? []).filter { $0.kind != .caption }
        self.blocks = blocks
        // Names only: a lowercase mention ("il governo", which KIND types ORG) is a description
        // here, as any common noun phrase is.
        let entities = (document[Layers.entities] ?? []).filter { $0.text.unicodeScalars.contains { $0.properties.isUppercase } }
        self.entities = entities
        var entityAt = [Int?](repeating: nil, count: tokens.count)
        var blockOf = [Int](repeating: -1, count: tokens.count)
        var entity = 0, block = 0
        for (index, token) in tokens.enumerated() {
            while entity < entities.count, entities[entity].end <= token.start { entity += 1 }
            if entity < entities.count, entities[entity].start <= token.start, token.end <= entities[entity].end { entityAt[index] = entity }
            while block < blocks.count, blocks[block].end <= token.start { block += 1 }
            if block < blocks.count, blocks[block].start <= token.start { blockOf[index] = block }
        }
        self.entityAt = entityAt
        self.blockOf = blockOf
        var genders: [String: String] = [:]
        for entity in entities where entity.type == "PER" && genders[entity.cluster] == nil {
            if let gender = names.gender(of: entity.canonical) { genders[entity.cluster] = gender }
        }
        for entity in entities {
            guard let title = entity.title?.text.lowercased() else { continue }
            if rules.femaleTitles.contains(title) { genders[entity.cluster] = "F" } else if rules.maleTitles.contains(title) { genders[entity.cluster] = "M" }
        }
        self.genders = genders
        relativePronounPhrases = rules.relativePronouns.map { $0.split(separator: " ").map(String.init) }
            .sorted { ($0.count, $0.joined(separator: " ")) > ($1.count, $1.joined(separator: " ")) }
    }

    // MARK: - Tokens

    /// The first token starting at or after `offset`.
    func token(atOrAfter offset: Int) -> Int {
        var low = 0, high = tokens.count
        while low < high {
            let middle = (low + high) / 2
            if tokens[middle].start < offset { low = middle + 1 } else { high = middle }
        }
        return low
    }

    func isSentenceEnd(_ index: Int) -> Bool { ["." , "!", "?", "…"].contains(words[index]) }

    func isQuoteMark(_ index: Int) -> Bool {
        guard tokens[index].end - tokens[index].start == 1 else { return false }
        let scalar = scalars[tokens[index].start]
        if "“”«»„‚‘’‹›\"―".unicodeScalars.contains(scalar) { return true }
        // One half of a doubled '' or `` (typewritten news): a token right next to its twin.
        guard scalar == "'" || scalar == "`" else { return false }
        let start = tokens[index].start
        return (start > 0 && scalars[start - 1] == scalar) || (start + 1 < scalars.count && scalars[start + 1] == scalar)
    }

    /// The first token after the quotation-mark tokens that start at or after `offset` (a
    /// quote's closing marks: one, or two for '').
    func tokenAfterMarks(_ offset: Int) -> Int {
        var index = token(atOrAfter: offset)
        while index < tokens.count, isQuoteMark(index), index - token(atOrAfter: offset) < 2 { index += 1 }
        return index
    }

    /// The end of the tokens before the quotation-mark tokens that end at `offset` (a quote's
    /// opening marks).
    func tokenBeforeMarks(_ offset: Int) -> Int {
        var index = token(atOrAfter: offset)
        let start = index
        while index > 0, start - index < 2, isQuoteMark(index - 1), tokens[index - 1].end <= offset { index -= 1 }
        return index
    }

    func excerpt(_ range: Range<Int>) -> TextExcerpt {
        let span = TextSpan(start: tokens[range.lowerBound].start, end: tokens[range.upperBound - 1].end)
        return TextExcerpt(span: span, text: document.text(of: span))
    }

    /// A reporting cue starting at `index`: a verb, an auxiliary and a participle, or an
    /// "according to" phrase.
    func cue(at index: Int, limit: Int, opinions: Bool = false) -> Range<Int>? {
        guard index < limit else { return nil }
        let word = words[index]
        if rules.cueVerbs.contains(word) || (opinions && rules.opinionVerbs.contains(word)) {
            // After a definite article a cue verb's form is a noun ("the state’s chairman", "the
            // report", "the claims"), unless the article is also an object pronoun ("Lo dice").
            if index > 0, rules.definiteArticles?[words[index - 1]] != nil, !rules.resumptivePronouns.contains(words[index - 1]) { return nil }
            // After an elided article or preposition ("dell'accusa", "all'annuncio") it is a noun too.
            if index > 0, tokens[index - 1].kind == .word, let last = words[index - 1].unicodeScalars.last, last == "'" || last == "’",
               !rules.resumptivePronouns.contains(words[index - 1]) { return nil }
            return index..<(index + 1)
        }
        if rules.auxiliaries.contains(word) {
            // "ha detto", "ha poi aggiunto": one adverb may stand between.
            for gap in 1...2 where index + gap < limit && rules.participles.contains(words[index + gap]) { return index..<(index + gap + 1) }
        }
        for phrase in rules.cuePhrases where matches(phrase, at: index, limit: limit) {
            return index..<(index + phrase.count)
        }
        for phrase in rules.accordingTo where matches(phrase, at: index, limit: limit) {
            return index..<(index + phrase.count)
        }
        return nil
    }

    /// Whether a word has the ending of a participle or gerund (`participleSuffixes`: "-ato",
    /// "-endo", "-ed"), with at least three letters before it.
    func isParticiple(_ word: String) -> Bool {
        (rules.participleSuffixes ?? []).contains { word.count > $0.count + 2 && word.hasSuffix($0) }
    }

    /// A reporting verb's participle alone at `index` ("riportato" in "come riportato dalla
    /// BBC", "reported"), as a cue.
    func participle(at index: Int) -> Range<Int>? {
        index < words.count && rules.participles.contains(words[index]) ? index..<(index + 1) : nil
    }

    /// Whether the gerund at `index` is a progressive reporting verb: a form of "be" right
    /// before it, or two `subjectSkips` words before it ("is once again questioning").
    func isProgressiveGerund(_ index: Int) -> Bool { progressiveAuxiliary(before: index) != nil }

    /// The form of "be" that makes the gerund at `index` progressive, if one does.
    func progressiveAuxiliary(before index: Int) -> Int? {
        guard rules.gerunds.contains(words[index]), let auxiliaries = rules.progressiveAuxiliaries else { return nil }
        var position = index - 1
        while position >= 0, index - position <= 3, rules.subjectSkips.contains(words[position]) { position -= 1 }
        return position >= 0 && auxiliaries.contains(words[position]) ? position : nil
    }

    /// Whether the lowercase words from `index` are `phrase` (no allocation: this runs at every token).
    func matches(_ phrase: [String], at index: Int, limit: Int) -> Bool {
        guard index + phrase.count <= limit else { return false }
        for (offset, word) in phrase.enumerated() where words[index + offset] != word { return false }
        return true
    }

    func isAccordingTo(_ range: Range<Int>) -> Bool {
        rules.accordingTo.contains { $0.count == range.count && matches($0, at: range.lowerBound, limit: range.upperBound) }
    }

    /// A speaker starting at `index` (articles and titles first): a named entity, a pronoun or a description.
    func speaker(at index: Int, limit: Int) -> (SpeakerMention, end: Int)? {
        guard index < limit else { return nil }
        if let gender = rules.pronouns[words[index]] { return (.pronoun(token: index, gender: gender), index + 1) }
        var start = index
        // Articles and titles before a name: "il signor Reeve", "the Environment Agency".
        var cursor = index
        while cursor < limit, cursor - index < 4, entityAt[cursor] == nil, rules.determiners.contains(words[cursor]) || roles.contains(words[cursor]) {
            if rules.determiners.contains(words[cursor]) && start == cursor && !roles.contains(words[cursor]) { start = cursor + 1 }
            cursor += 1
        }
        // "la dirigente scolastica Laura Bellini", "the city's mayor, Daniel Okafor": a role phrase before a name.
        if cursor < limit, entityAt[cursor] == nil, cursor > index || rules.determiners.contains(words[index]) || roles.contains(words[index]) {
            // "il sindaco di Serralunga, Walter Brambilla": over words, places and one comma.
            var ahead = cursor
            var commas = 0
            while ahead < limit, ahead - index < 9, tokens[ahead].kind == .word || (rules.possessiveClitics ?? []).contains(words[ahead]) || words[ahead] == "," {
                if let entity = entityAt[ahead], entities[entity].type == "PER" { break }
                if words[ahead] == "," { commas += 1; if commas > 1 { break } }
                ahead += 1
            }
            // "la moglie di Mario Rossi": a person in the complement of the head noun is not the speaker.
            if ahead < limit, let entity = entityAt[ahead], entities[entity].type == "PER", !isComplement(nameStart: ahead, phraseStart: index) {
                var end = ahead
                while end < limit, entityAt[end] == entity { end += 1 }
                return (.entity(tokens: ahead..<end, entity: entity), end)
            }
        }
        if cursor < limit, let entity = entityAt[cursor], entities[entity].type == "PER" || entities[entity].type == "ORG" {
            var end = cursor
            while end < limit, entityAt[end] == entity { end += 1 }
            // "A Department for Transport source", "un portavoce …": an organisation's unnamed
            // member speaks, not the organisation.
            if entities[entity].type == "ORG", end < limit, rules.anonymousHeads.contains(words[end]), rules.determiners.contains(words[index]) {
                return (.description(tokens: index..<(end + 1)), end + 1)
            }
            let titleStart = entities[entity].title.map { token(atOrAfter: $0.start) } ?? cursor
            return (.entity(tokens: min(start, titleStart, cursor)..<end, entity: entity), end)
        }
        // "a council official who asked not to be named", "un portavoce del governo".
        if rules.determiners.contains(words[index]) {
            var head = index + 1
            while head < min(limit, index + 6), !rules.anonymousHeads.contains(words[head]), !isSentenceEnd(head), words[head] != "," { head += 1 }
            if head < limit, rules.anonymousHeads.contains(words[head]) {
                // The description ends at the punctuation after it, or before its reporting verb:
                // the first one, or the last one when a relative clause comes first ("a council
                // official who asked not to be named said").
                var end = head + 1
                var relative = false
                var lastCue: Int?
                scan: while end < limit, end - index < 16, ![",", ".", ";", ":", "–", "—"].contains(words[end]), !isQuoteMark(end) {
                    if rules.relativePronouns.contains(words[end]) || rules.complementizers.contains(words[end]) { relative = true }
                    // "who asked not to be named", "che ha chiesto l'anonimato": part of the
                    // description, not its reporting verb.
                    for phrase in rules.anonymityPhrases ?? [] where matches(phrase, at: end, limit: limit) {
                        end += phrase.count
                        continue scan
                    }
                    if cue(at: end, limit: limit) != nil {
                        if !relative { break }
                        lastCue = end
                    }
                    end += 1
                }
                if relative, let lastCue { end = lastCue }
                // "The agency had warned": the auxiliary before the cue is no part of the description.
                while end > head + 1, rules.subjectSkips.contains(words[end - 1]) || rules.auxiliaries.contains(words[end - 1]) || rules.negations.contains(words[end - 1]) { end -= 1 }
                return (.description(tokens: index..<max(head + 1, end)), max(head + 1, end))
            }
            // "Il ministro ha spiegato", "la banchiera ha aggiunto": a definite role refers back to a person.
            if let gender = rules.definiteGender(words[index]), index + 1 < limit, roles.contains(words[index + 1]) || rules.anonymousHeads.contains(words[index + 1]),
               index + 2 >= limit || entityAt[index + 2] == nil {
                return (.anaphor(tokens: index..<(index + 2), gender: gender), index + 2)
            }
        }
        return nil
    }

    /// Attribution after a quote or between two parts: ", dice X", ", X said", "she said", ", dice."
    func attribution(after index: Int, limit: Int) -> (cue: Range<Int>, speaker: SpeakerMention?, subjectless: Bool)? {
        var position = index
        while position < limit, [",", "–", "—", "-"].contains(words[position]) { position += 1 }
        // "«…»: lo ha annunciato il ministro": a colon, then a pronoun that takes the quote up.
        if position + 1 < limit, words[position] == ":", rules.resumptivePronouns.contains(words[position + 1]), cue(at: position + 2, limit: limit) != nil { position += 2 }
        // "…», come dichiarato dal ministro Giuseppe Pisanu", "…,” as reported by the Times": a
        // participle with its agent.
        if position + 2 < limit, (rules.asOpeners ?? []).contains(words[position]), let cue = cue(at: position + 1, limit: limit) ?? participle(at: position + 1),
           cue.upperBound < limit, (rules.agentPrepositions ?? []).contains(words[cue.upperBound]) {
            if let found = speaker(at: cue.upperBound + 1, limit: limit) { return (cue, found.0, false) }
            if let found = objectPhrase(from: cue.upperBound + 1, limit: limit, longest: 10) { return (cue, found.mention, false) }
        }
        if let cue = cue(at: position, limit: limit) {
            if let found = speaker(at: cue.upperBound, limit: limit) { return (cue, found.0, false) }
            // "ha ammesso a fine partita l’allenatore Roberto Mancuso", "ha dichiarato la portavoce di
            // Sella Caffè, Silvia Marchetti": the speaker later in the clause; a person before an organisation.
            var ahead = cue.upperBound
            var organisation: SpeakerMention?
            var commas = 0
            while ahead < limit, ahead - cue.upperBound < 14, !isSentenceEnd(ahead), ![";", ":"].contains(words[ahead]), !isQuoteMark(ahead) {
                if words[ahead] == "," {
                    commas += 1
                    if commas > 1 { break }
                } else if let entity = entityAt[ahead], ahead > cue.upperBound, entityAt[ahead - 1] != entity, isAddresseePreposition(ahead - 1) {
                    // "ha dichiarato a Radio Uno il ministro …", "told CNN": whom it was said to.
                    while ahead + 1 < limit, entityAt[ahead + 1] == entity { ahead += 1 }
                } else if let entity = entityAt[ahead], let found = speaker(at: ahead, limit: limit) {
                    if entities[entity].type == "PER" { return (cue, found.0, false) }
                    if entities[entity].type == "ORG", organisation == nil { organisation = found.0 }
                } else if organisation == nil, commas == 0, rules.pronouns[words[ahead]] != nil, let found = speaker(at: ahead, limit: limit) {
                    return (cue, found.0, false)
                }
                ahead += 1
            }
            if let organisation { return (cue, organisation, false) }
            if rules.subjectless { return (cue, nil, true) }
            // "…,” said one GOP source in the room.": any noun phrase after the cue.
            if let found = objectPhrase(from: cue.upperBound, limit: limit, longest: 10), found.end == limit || isSentenceEnd(found.end) || words[found.end] == "," { return (cue, found.mention, false) }
            return nil
        }
        if let found = speaker(at: position, limit: limit) {
            var cursor = found.end
            // "Rep. Gwen Moore (D-Wis.) said": a short parenthesis after the name.
            if cursor < limit, words[cursor] == "(", let close = (cursor..<min(limit, cursor + 8)).first(where: { words[$0] == ")" }) { cursor = close + 1 }
            // "Scott Pruitt, the Republican attorney general of Oklahoma, one of the states suing
            // the EPA, said": an appositive of a named person, up to the comma before the cue.
            if cursor < limit, words[cursor] == ",", case .entity(_, let entity) = found.0, entities[entity].type == "PER",
               let close = appositiveEnd(from: cursor, limit: limit) { cursor = close + 1 }
            while cursor < limit, rules.negations.contains(words[cursor]) || rules.subjectSkips.contains(words[cursor]) && cursor > found.end { cursor += 1 }
            if let cue = cue(at: cursor, limit: limit) { return (cue, found.0, false) }
        }
        return phraseAttribution(from: index, position: position, limit: limit)
    }

    /// Whether the word at `index` is a preposition that introduces whom something was said to
    /// or an adverbial ("a", "alla", "in", "to"), not a passive's agent.
    private func isAddresseePreposition(_ index: Int) -> Bool {
        let word = words[index]
        return rules.adverbialOpeners.contains(word) && !(rules.agentPrepositions ?? []).contains(word) && !rules.determiners.contains(word)
    }

    /// The comma that closes an appositive opened by the comma at `comma`: the first later comma
    /// followed by a reporting cue (over `subjectSkips`), within 30 words, with no quotation
    /// mark, sentence end or other cue before it.
    func appositiveEnd(from comma: Int, limit: Int) -> Int? {
        var index = comma + 1
        while index < min(limit, comma + 30), !isQuoteMark(index), !isSentenceEnd(index), words[index] != ";", words[index] != ":" {
            if index > comma + 1, words[index] == "," {
                var next = index + 1
                while next < limit, rules.subjectSkips.contains(words[next]) { next += 1 }
                if cue(at: next, limit: limit) != nil { return index }
            } else if cue(at: index, limit: limit) != nil {
                return nil
            }
            index += 1
        }
        return nil
    }

    /// "…,” Italian Prime Minister Matteo Renzi said.", "…,” the book said.", "…” ― Carla Sanchez":
    /// any noun phrase before the cue (a person named in it speaks), or a name after a dash.
    private func phraseAttribution(from index: Int, position: Int, limit: Int) -> (cue: Range<Int>, speaker: SpeakerMention?, subjectless: Bool)? {
        var cursor = position
        while cursor < limit, cursor - position < 12, !isSentenceEnd(cursor), !isQuoteMark(cursor), words[cursor] != ";", words[cursor] != ":" {
            if cursor > position, let cue = cue(at: cursor, limit: limit), !isAccordingTo(cue) {
                var end = cursor
                while end > position, rules.subjectSkips.contains(words[end - 1]) || rules.negations.contains(words[end - 1]) || words[end - 1] == "," { end -= 1 }
                guard end > position, isNominal(end - 1) || rules.pronouns[words[end - 1]] != nil || rules.otherPronouns.contains(words[end - 1]),
                      !(position..<end).contains(where: { rules.clauseOpeners.contains(words[$0]) && entityAt[$0] == nil }) else { return nil }
                if let person = (position..<end).first(where: { entityAt[$0].map { entities[$0].type == "PER" } ?? false }), let entity = entityAt[person] {
                    return (cue, .entity(tokens: position..<end, entity: entity), false)
                }
                return (cue, phrase(position..<end), false)
            }
            cursor += 1
        }
        // The dash of an opinion round-up: "“…” ― Carla Sanchez", to the end of the sentence.
        let dashes = ["―", "—"]
        guard let dash = index > 0 && dashes.contains(words[index - 1]) ? index - 1 : (index < limit && dashes.contains(words[index]) ? index : nil) else { return nil }
        let start = dash + 1
        var end = start
        while end < limit, end - start <= 6, !isSentenceEnd(end), !isQuoteMark(end), cue(at: end, limit: limit) == nil { end += 1 }
        guard end > start, end - start <= 6, end == limit || isSentenceEnd(end) || isQuoteMark(end), tokens[start].kind == .word,
              !scalars[tokens[start].start].properties.isLowercase else { return nil }
        if let entity = (start..<end).compactMap({ entityAt[$0] }).first { return (dash..<start, .entity(tokens: start..<end, entity: entity), false) }
        return (dash..<start, .description(tokens: start..<end), false)
    }

    // MARK: - Direct quotes

    mutating func quotes() -> [Quote] {
        // An interview's labelled turns are its quotes: nothing else is read in their paragraphs.
        let interview = interviewQuotes()
        func isOutside(_ candidate: QuoteCandidate) -> Bool {
            let first = token(atOrAfter: candidate.parts[0].start)
            return first >= blockOf.count || !interview.blocks.contains(blockOf[first])
        }
        let direct = directQuotes().filter(isOutside)
        // Past the time budget, stop between passes: the pipeline fails the document (``WorkBudget``).
        if WorkBudget.isExhausted { return [] }
        let followUps = followUps(of: direct)
        // Headlines that attribute with a colon first, so that their quoted words join them.
        let headlines = headlineQuotes().filter(isOutside)
        let reported = (headlines + indirectQuotes(avoiding: direct).filter(isOutside).filter { clause in
            !headlines.contains { $0.firstBlock == clause.firstBlock }
        }).sorted { $0.parts[0].start < $1.parts[0].start }
        let (quoted, clauses) = mixing(direct, into: reported)
        if WorkBudget.isExhausted { return [] }
        var candidates = quoted + followUps + clauses + interview.quotes
        candidates.sort { $0.parts[0].start < $1.parts[0].start }
        return resolve(candidates)
    }

    private func directQuotes() -> [QuoteCandidate] {
        // Segments per block, joined over paragraphs.
        struct Open { var segment: QuoteMarks.Segment; var block: Int }
        var perBlock: [[QuoteMarks.Segment]] = blocks.map { QuoteMarks.segments(in: scalars, block: $0.span) }
        var candidates: [QuoteCandidate] = []
        var continuing: QuoteCandidate?
        for (blockIndex, segments) in perBlock.enumerated() {
            if blockIndex % 64 == 0, WorkBudget.isExhausted { break }
            var remaining = segments
            if var open = continuing {
                // A quote left open continues when this paragraph opens with a quotation mark.
                if let first = remaining.first, first.open == firstNonSpace(blocks[blockIndex]) {
                    open.parts.append(first.content)
                    open.lastBlock = blockIndex
                    remaining.removeFirst()
                    if first.close == nil { continuing = open; continue }
                    candidates.append(open)
                    continuing = nil
                } else {
                    candidates.append(open)
                    continuing = nil
                }
            }
            for (number, segment) in remaining.enumerated() {
                let candidate = QuoteCandidate(kind: .direct, parts: [segment.content], firstBlock: blockIndex, lastBlock: blockIndex,
                                               opensBlock: segment.open == firstNonSpace(blocks[blockIndex]))
                if segment.close == nil, number == remaining.count - 1 { continuing = candidate } else { candidates.append(candidate) }
            }
        }
        if let continuing { candidates.append(continuing) }
        perBlock.removeAll()
        // Marks around each candidate: the offset of its first opening and last closing mark.
        var merged: [QuoteCandidate] = []
        for candidate in candidates {
            // "“A”, dice X, “B”" and "“A,” she said. “B”": one quote in two parts.
            if var previous = merged.last, previous.lastBlock == candidate.firstBlock, previous.kind == .direct, previous.cue == nil {
                let afterPrevious = tokenAfterMarks(previous.parts.last!.end)
                let between = afterPrevious..<max(afterPrevious, tokenBeforeMarks(candidate.parts[0].start))
                let endsWithComma = previous.parts.last.map { $0.end > $0.start && scalars[$0.end - 1] == "," } ?? false
                // "«A», ha dichiarato X. «B»": a second quote right after the attribution
                // sentence, with no attribution of its own, goes on with the same words.
                let sentenceBetween = between.count > 0 && isSentenceEnd(between.upperBound - 1) && !hasOwnAttribution(candidate)
                // Only the attribution lies between: no sentence ends inside it ("“A,” said X, an
                // economist. She closed the “carried interest” loophole." is two things).
                let oneSentence = !between.dropLast().contains(where: isSentenceEnd)
                if between.count > 0, between.count <= (sentenceBetween ? 30 : 16), oneSentence, endsWithComma || words[between.upperBound - 1] == "," || sentenceBetween,
                   let found = attribution(after: between.lowerBound, limit: between.upperBound) {
                    previous.parts += candidate.parts
                    previous.lastBlock = candidate.lastBlock
                    previous.cue = found.cue
                    previous.speaker = found.speaker
                    previous.subjectless = found.subjectless
                    merged[merged.count - 1] = previous
                    continue
                }
            }
            merged.append(candidate)
        }
        return merged.map(attributed)
    }

    /// Whether a cue follows the quote in its sentence ("«B», aggiunge Y.").
    private func hasOwnAttribution(_ candidate: QuoteCandidate) -> Bool {
        guard let last = candidate.parts.last else { return false }
        let block = blocks[candidate.lastBlock]
        let start = token(atOrAfter: last.end)
        var end = start
        while end < tokens.count, tokens[end].start < block.end, end - start < 16 {
            end += 1
            if isSentenceEnd(end - 1) { break }
        }
        return attribution(after: skipClosingMark(start, end), limit: end) != nil
    }

    /// "“…,” Holt said, adding that the scheme was scrapped": reported speech after the
    /// attribution of a direct quote, by the same speaker.
    private func followUps(of candidates: [QuoteCandidate]) -> [QuoteCandidate] {
        var found: [QuoteCandidate] = []
        for candidate in candidates where candidate.kind != .scare {
            guard let cue = candidate.cue, candidate.speaker != nil || candidate.subjectless else { continue }
            let block = blocks[candidate.lastBlock]
            var index = cue.upperBound
            while index < tokens.count, tokens[index].start < block.end, !isSentenceEnd(index), !isQuoteMark(index) {
                if words[index] == ",", index + 2 < tokens.count, rules.gerunds.contains(words[index + 1]), rules.complementizers.contains(words[index + 2]) {
                    let start = index + 3
                    var end = start
                    while end < tokens.count, tokens[end].start < block.end, !isSentenceEnd(end), !isQuoteMark(end) { end += 1 }
                    guard end - start >= 3 else { break }
                    var followUp = candidate
                    followUp.kind = .indirect
                    followUp.parts = [TextSpan(start: tokens[start].start, end: tokens[end - 1].end)]
                    followUp.firstBlock = candidate.lastBlock
                    followUp.opensBlock = false
                    followUp.cue = (index + 1)..<(index + 2)
                    found.append(followUp)
                    break
                }
                index += 1
            }
        }
        return found
    }

    private func firstNonSpace(_ block: Block) -> Int {
        var index = block.start
        while index < block.end, scalars[index].properties.isWhitespace { index += 1 }
        return index
    }

    /// Finds a direct quote's cue and speaker, and whether it is mixed or scare quotes.
    private func attributed(_ candidate: QuoteCandidate) -> QuoteCandidate {
        var candidate = candidate
        let first = candidate.parts[0], last = candidate.parts[candidate.parts.count - 1]
        let firstBlock = blocks[candidate.firstBlock], lastBlock = blocks[candidate.lastBlock]
        // After the quote: up to the end of the sentence or the next quotation mark.
        let afterStart = token(atOrAfter: last.end)
        var afterEnd = afterStart
        while afterEnd < tokens.count, tokens[afterEnd].start < lastBlock.end {
            // A long dash after the quote may introduce its speaker ("“…” ― Carla Sanchez").
            if afterEnd > afterStart, isQuoteMark(afterEnd) && tokens[afterEnd].start > last.end + 1, afterEnd > afterStart + 1 || words[afterEnd] != "―" { break }
            afterEnd += 1
            // The dot of an abbreviation in a parenthesis ("(D-Wis.)") ends no sentence.
            if isSentenceEnd(afterEnd - 1), afterEnd >= tokens.count || words[afterEnd] != ")" { break }
        }
        // Before it: back to the start of the sentence or the previous quotation mark.
        let beforeEnd = max(token(atOrAfter: firstBlock.start), tokenBeforeMarks(first.start))
        var beforeStart = beforeEnd
        while beforeStart > 0, tokens[beforeStart - 1].start >= firstBlock.start, !isSentenceEnd(beforeStart - 1), !isQuoteMark(beforeStart - 1) { beforeStart -= 1 }
        let wordsBefore = (beforeStart..<max(beforeStart, beforeEnd)).filter { tokens[$0].kind == .word || tokens[$0].kind == .number }
        let startsLowercase = scalars[first.start].properties.isLowercase
        let endsWithColon = beforeEnd > beforeStart && words[beforeEnd - 1] == ":"

        if candidate.cue == nil, let found = attribution(after: skipClosingMark(afterStart, afterEnd), limit: afterEnd),
           !opensNewSentence(after: last, attribution: found.cue, speaker: found.speaker, limit: afterEnd) {
            candidate.cue = found.cue
            candidate.speaker = found.speaker
            candidate.subjectless = found.subjectless
        }
        // Before the quote, in `range` (ending at the quote or at a colon before it).
        func attributeBefore(_ beforeStart: Int, _ beforeEnd: Int, endsWithColon: Bool) {
            if candidate.cue == nil, beforeEnd > beforeStart {
                // "Prof Light dice: “…", "Dice anche che “…", "Whitfield called the surge “…”".
                for index in stride(from: beforeEnd - 1, through: beforeStart, by: -1) {
                    let isFragment = rules.fragmentVerbs.contains(words[index])
                    guard let cue = isFragment ? index..<(index + 1) : cue(at: index, limit: beforeEnd) ?? (isProgressiveGerund(index) ? index..<(index + 1) : nil) else { continue }
                    // A cue right before the quote, or one an adverbial phrase and a complementizer
                    // keep from it ("says on its website that “…", "said on the other hand, “…").
                    guard isFragment || beforeEnd - cue.upperBound <= 3 || isAdverbialGap(cue.upperBound..<beforeEnd) else { break }
                    candidate.cue = cue
                    // "says Trump’s “…”": a name with a possessive after the cue opens the content.
                    if !isFragment, let found = speaker(at: cue.upperBound, limit: beforeEnd),
                       found.end >= beforeEnd || !(rules.possessiveClitics ?? []).contains(words[found.end]) {
                        candidate.speaker = found.0
                    } else if let subject = subject(in: beforeStart..<(progressiveAuxiliary(before: cue.lowerBound) ?? cue.lowerBound)) {
                        candidate.speaker = subject
                    } else if let phrase = subjectPhrase(before: cue.lowerBound, lower: beforeStart) {
                        // "As a phone rang, the announcer said, “…", "The letter reads: “…": any
                        // noun phrase before the cue speaks.
                        candidate.speaker = phrase.mention
                    } else {
                        candidate.subjectless = rules.subjectless
                        if !rules.subjectless { candidate.cue = nil }
                    }
                    break
                }
            }
            // "Più cauto il professor Salvi: “…", "Kofi Mensah, …, was blunter: “…": the subject speaks.
            if candidate.cue == nil, candidate.speaker == nil, endsWithColon {
                if let subject = subject(in: beforeStart..<(beforeEnd - 1)) {
                    candidate.speaker = subject
                } else {
                    // "Ai cronisti si è limitato a dire: «…»": the person the paragraph is about.
                    candidate.subjectless = true
                }
            }
        }
        attributeBefore(beforeStart, beforeEnd, endsWithColon: endsWithColon)
        // "The New York Times reports:" or "Caddell continued:" closing the paragraph before a
        // quote paragraph: the last sentence of that paragraph introduces it.
        if candidate.cue == nil, candidate.speaker == nil, !candidate.subjectless, candidate.opensBlock, candidate.firstBlock > 0 {
            let previous = blocks[candidate.firstBlock - 1]
            let previousEnd = token(atOrAfter: previous.end)
            if previousEnd > 0, previousEnd <= tokens.count, words[previousEnd - 1] == ":", tokens[previousEnd - 1].start >= previous.start {
                var previousStart = previousEnd - 1
                while previousStart > 0, tokens[previousStart - 1].start >= previous.start, !isSentenceEnd(previousStart - 1), !isQuoteMark(previousStart - 1) { previousStart -= 1 }
                attributeBefore(previousStart, previousEnd, endsWithColon: true)
                // Only a named or described speaker counts from there, never a guess.
                if candidate.speaker == nil { candidate.cue = nil; candidate.subjectless = false }
            }
        }
        // "«…». È quanto ha dichiarato il portavoce X.", "«…». Lo ha detto X.": the next sentence,
        // in this paragraph or the next, takes the quote up and names its speaker.
        if candidate.cue == nil, candidate.speaker == nil {
            // The next sentence starts after the closing mark when the quote ends its sentence
            // inside the marks (“… up.” That's what …), else after the sentence's end.
            let closing = skipClosingMark(afterStart, afterEnd)
            let start: Int? = if closing < tokens.count, closing >= 2, isQuoteMark(closing - 1), isSentenceEnd(closing - 2) { closing }
                else if afterEnd < tokens.count, afterEnd > 0, isSentenceEnd(afterEnd - 1) { afterEnd } else { nil }
            if let start, blockOf[start] >= 0, blockOf[start] - candidate.lastBlock <= 1, let length = takeUpLength(at: start, limit: tokens.count) {
                var sentenceEnd = start + length
                while sentenceEnd < tokens.count, blockOf[sentenceEnd] == blockOf[start], !isSentenceEnd(sentenceEnd), !isQuoteMark(sentenceEnd) { sentenceEnd += 1 }
                if let found = attribution(after: start + length, limit: sentenceEnd), found.speaker != nil {
                    candidate.cue = found.cue
                    candidate.speaker = found.speaker
                }
            }
        }
        if !wordsBefore.isEmpty, !endsWithColon, startsLowercase || candidate.cue.map({ rules.fragmentVerbs.contains(words[$0.lowerBound]) }) == true {
            candidate.kind = .mixed
        }
        // Scare quotes: a few words, no cue, inside a sentence or after "cosiddetto".
        let wordCount = token(atOrAfter: last.end) - token(atOrAfter: first.start)
        let scareCue = beforeEnd > 0 && rules.scareCues.contains(words[beforeEnd - 1])
        if candidate.cue == nil, scareCue || (wordCount <= 4 && !wordsBefore.isEmpty && candidate.parts.count == 1) {
            candidate.kind = .scare
        }
        return candidate
    }

    /// Whether what follows a quote is a sentence of its own rather than its attribution: the
    /// quote ends its sentence inside the marks ("… even for him.”), a capitalised word follows,
    /// and more than an adverbial comes after the cue and speaker ("She says it underscores …").
    /// "“Why?” Trump asked." and "“We won.” She said it twice." differ in what follows the cue.
    private func opensNewSentence(after part: TextSpan, attribution cue: Range<Int>, speaker: SpeakerMention?, limit: Int) -> Bool {
        guard part.end > part.start, [".", "!", "?", "…"].contains(scalars[part.end - 1]) else { return false }
        let next = skipClosingMark(token(atOrAfter: part.end), limit)
        guard next < limit, scalars[tokens[next].start].properties.isUppercase else { return false }
        var end = max(cue.upperBound, speaker?.tokens.upperBound ?? cue.upperBound)
        while end < limit, tokens[end].kind == .punctuation, !isQuoteMark(end) { end += 1 }
        guard end < limit else { return false }
        // "…” she said on Tuesday.": an adverbial of a few words may end the attribution.
        return !(rules.adverbialOpeners.contains(words[end]) && limit - end <= 5)
    }

    /// Whether the words between a cue and its quote are adverbials and a complementizer only:
    /// they start with an adverbial opener or the complementizer, hold no other cue, quotation
    /// mark or sentence end, and are at most nine words.
    private func isAdverbialGap(_ gap: Range<Int>) -> Bool {
        guard gap.count <= 9, let first = gap.first,
              rules.adverbialOpeners.contains(words[first]) || rules.complementizers.contains(words[first]) else { return false }
        return !gap.contains { isQuoteMark($0) || isSentenceEnd($0) || words[$0] == ";" || cue(at: $0, limit: gap.upperBound) != nil || rules.fragmentVerbs.contains(words[$0]) }
    }

    /// Past a closing quotation mark at `index`.
    /// The length of a phrase at `index` that opens a sentence taking up the quote before it
    /// (`takeUpPhrases`: "È quanto", "That's what"), or nil. A resumptive pronoun ("Lo") counts
    /// only with a cue right after it, so that the article of "Lo staff medico ha detto" does not.
    func takeUpLength(at index: Int, limit: Int) -> Int? {
        guard let phrase = (rules.takeUpPhrases ?? []).first(where: { matches($0, at: index, limit: limit) }) else { return nil }
        if phrase.count == 1, rules.resumptivePronouns.contains(phrase[0]), cue(at: index + 1, limit: limit) == nil { return nil }
        return phrase.count
    }

    private func skipClosingMark(_ index: Int, _ limit: Int) -> Int {
        var index = index
        while index < limit, isQuoteMark(index) { index += 1 }
        return index
    }

    /// The subject of a clause: the first person or organisation named in it, else a pronoun
    /// right before the end, else a description at its start.
    private func subject(in range: Range<Int>) -> SpeakerMention? {
        guard !range.isEmpty else { return nil }
        var position = range.upperBound - 1
        while position > range.lowerBound, rules.negations.contains(words[position]) { position -= 1 }
        if let gender = rules.pronouns[words[position]] { return .pronoun(token: position, gender: gender) }
        for index in range {
            if let entity = entityAt[index], entities[entity].type == "PER" {
                return speaker(at: entities[entity].title.map { token(atOrAfter: $0.start) } ?? index, limit: range.upperBound)?.0
            }
        }
        for index in range {
            if let entity = entityAt[index], entities[entity].type == "ORG" { return speaker(at: index, limit: range.upperBound)?.0 }
        }
        return speaker(at: range.lowerBound, limit: range.upperBound).flatMap { found in
            if case .description = found.0 { return found.0 }
            return nil
        }
    }
}
