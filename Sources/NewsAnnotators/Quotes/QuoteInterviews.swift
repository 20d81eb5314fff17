import NewsAnnotation

/// Interviews in question-and-answer form: paragraphs that open with a speaker label and a
/// colon ("D:", "R:", "Q:", "A:", or a name: "Rossi: …"). Each labelled paragraph is a direct
/// quote of the label's speaker, with the unlabelled paragraphs up to the next label as its
/// further parts; answers of a bare answer label go to the person the introduction is about.
extension QuoteFinder {
    /// One paragraph that opens with a label.
    private struct Labelled {
        enum Role { case question, answer, name }
        var block: Int
        var role: Role
        var label: Range<Int>
        /// The first token after the colon.
        var contentStart: Int
    }

    /// The interview's quotes, and the blocks they take (no other quote is read there).
    func interviewQuotes() -> (quotes: [QuoteCandidate], blocks: Set<Int>) {
        let questionLabels = rules.interviewQuestionLabels ?? []
        let answerLabels = rules.interviewAnswerLabels ?? []
        var labelled: [Labelled] = []
        var nameCounts: [String: Int] = [:]
        var inParagraphs: Set<String> = []
        for (index, block) in blocks.enumerated() where block.kind != .footer && block.kind != .boilerplate {
            let first = token(atOrAfter: block.start)
            var end = first
            while end < tokens.count, tokens[end].start < block.end { end += 1 }
            guard end - first >= 3 else { continue }
            // A short question may be laid out as a heading ("Q: Why now?", "Jones: Why?").
            let isHeading = block.kind == .heading
            if words[first + 1] == ":" {
                if questionLabels.contains(words[first]) {
                    labelled.append(Labelled(block: index, role: .question, label: first..<(first + 1), contentStart: first + 2))
                    continue
                }
                if answerLabels.contains(words[first]) {
                    labelled.append(Labelled(block: index, role: .answer, label: first..<(first + 1), contentStart: first + 2))
                    continue
                }
            }
            // "Rossi:", "Maria Rossi:": up to three capitalised words, then a colon.
            var colon = first
            while colon < min(end, first + 3), tokens[colon].kind == .word, scalars[tokens[colon].start].properties.isUppercase { colon += 1 }
            guard colon > first, colon < end - 1, words[colon] == ":" else { continue }
            let key = words[first..<colon].joined(separator: " ")
            nameCounts[key, default: 0] += 1
            if !isHeading { inParagraphs.insert(key) }
            labelled.append(Labelled(block: index, role: .name, label: first..<colon, contentStart: colon + 1))
        }
        // A name label counts when it names a person the entity stage found or comes back;
        // labels in headings ("Update: …") only along with labels that open paragraphs.
        func isPerson(_ item: Labelled) -> Bool { entityAt[item.label.lowerBound].map { entities[$0].type == "PER" } ?? false }
        labelled.removeAll { item in
            guard item.role == .name else { return false }
            return inParagraphs.isEmpty || (nameCounts[words[item.label].joined(separator: " "), default: 0] < 2 && !isPerson(item))
        }
        // An interview needs a question and an answer, or turns of two speakers by name (or of
        // one named person): "Foto: …" twice is no interview.
        let questions = labelled.filter { $0.role == .question }.count
        let answers = labelled.filter { $0.role == .answer }.count
        let named = labelled.filter { $0.role == .name }
        let speakers = Set(named.map { words[$0.label].joined(separator: " ") })
        let byName = named.count >= 2 && (speakers.count >= 2 || named.allSatisfy(isPerson))
        guard (questions > 0 && answers > 0) || byName else { return ([], []) }
        if !byName { labelled.removeAll { $0.role == .name } }
        labelled.sort { $0.block < $1.block }
        let interviewee = introducedPerson(before: labelled[0].block)
        let interviewer = document.metadata.authors?.first
        var quotes: [QuoteCandidate] = []
        var taken: Set<Int> = []
        for (number, item) in labelled.enumerated() {
            let nextBlock = number + 1 < labelled.count ? labelled[number + 1].block : item.block + 1
            guard let first = interviewContent(from: item.contentStart, block: item.block) else { continue }
            var parts = [first]
            var lastBlock = item.block
            // Paragraphs with no label of their own, up to the next label, go on with the same turn.
            if number + 1 < labelled.count {
                for block in (item.block + 1)..<nextBlock where [.paragraph, .blockquote, .listItem].contains(blocks[block].kind) {
                    if let part = interviewContent(from: token(atOrAfter: blocks[block].start), block: block) {
                        parts.append(part)
                        lastBlock = block
                        taken.insert(block)
                    }
                }
            }
            taken.insert(item.block)
            let speaker: SpeakerMention
            switch item.role {
            case .question: speaker = .label(tokens: item.label, entity: nil, name: interviewer)
            case .answer: speaker = .label(tokens: item.label, entity: interviewee, name: nil)
            case .name:
                let entity = entityAt[item.label.lowerBound].flatMap { entities[$0].type == "PER" ? $0 : nil } ?? person(calledBy: item.label)
                speaker = .label(tokens: item.label, entity: entity, name: entity == nil ? excerpt(item.label).text : nil)
            }
            var candidate = QuoteCandidate(kind: .direct, parts: parts, firstBlock: item.block, lastBlock: lastBlock, opensBlock: true)
            candidate.speaker = speaker
            quotes.append(candidate)
        }
        return (quotes, taken)
    }

    /// The words of a turn from `start` to the end of its block, without the quotation marks
    /// that wrap them all («…»; a mark that closes inside the turn stays: «A», e B).
    private func interviewContent(from start: Int, block: Int) -> TextSpan? {
        var first = start
        var last = first
        while last < tokens.count, tokens[last].start < blocks[block].end { last += 1 }
        if last - first >= 3, isQuoteMark(first), isQuoteMark(last - 1),
           !(first + 1..<last - 1).contains(where: isQuoteMark) {
            first += 1
            last -= 1
        }
        guard last > first else { return nil }
        return TextSpan(start: tokens[first].start, end: tokens[last - 1].end)
    }

    /// The person the introduction is about: the one named most often before the first turn,
    /// the first named winning a tie; else the one named most often in the whole text.
    private func introducedPerson(before block: Int) -> Int? {
        func mostNamed(_ candidates: [Int]) -> Int? {
            var counts: [String: Int] = [:]
            var first: [String: Int] = [:]
            for index in candidates {
                counts[entities[index].cluster, default: 0] += 1
                if first[entities[index].cluster] == nil { first[entities[index].cluster] = index }
            }
            let best = counts.max { a, b in a.value != b.value ? a.value < b.value : (first[a.key] ?? 0) > (first[b.key] ?? 0) }
            return best.flatMap { first[$0.key] }
        }
        let people = entities.indices.filter { entities[$0].type == "PER" }
        let limit = block < blocks.count ? blocks[block].start : Int.max
        return mostNamed(people.filter { entities[$0].end <= limit }) ?? mostNamed(people)
    }

    /// The person a name label stands for: a person named in the text whose last name is the
    /// label's last word ("Rossi:" after "Maria Rossi").
    private func person(calledBy label: Range<Int>) -> Int? {
        let last = words[label.upperBound - 1]
        return entities.indices.first { index in
            entities[index].type == "PER" && entities[index].canonical.lowercased().split(separator: " ").last.map(String.init) == last
        }
    }
}
