public import NewsAnnotation
import Foundation

/// The `sources` stage: who the story relies on (quoted people and organisations, with role
/// and affiliation; anonymous sources) and where it comes from (publisher, bylines, wire
/// credits, promoted social accounts), merged across mentions.
public struct SourceAnnotator: Annotator {
    public static let id = "sources"

    struct Language: Sendable {
        var rules: SourceRules
        var quoteRules: QuoteRules
        var gazetteer: Gazetteer
        /// Words that head a role phrase: the gazetteer's roles, its titles that are more than a
        /// courtesy, and the rules' `roleNouns` (kinship, trades).
        var roleWords: Set<String>

        init(rules: SourceRules, quoteRules: QuoteRules, gazetteer: Gazetteer) {
            self.rules = rules
            self.quoteRules = quoteRules
            self.gazetteer = gazetteer
            let courtesy = quoteRules.femaleTitles.union(quoteRules.maleTitles)
            roleWords = gazetteer.roles.union(gazetteer.titles.subtracting(courtesy)).union(rules.roleNouns ?? [])
        }
    }

    private let languages: [String: Language]
    public let descriptor: AnnotatorDescriptor

    public init() throws(ResourceError) {
        try self.init(bundled: SourceRules.bundledLanguages)
    }

    /// The stage with the bundled rules of the given languages only (``LazyLanguageAnnotator``
    /// builds one per language as documents in it arrive).
    init(bundled codes: [String]) throws(ResourceError) {
        var languages: [String: Language] = [:]
        for language in codes {
            languages[language] = Language(rules: try SourceRules.bundled(language), quoteRules: try QuoteRules.bundled(language), gazetteer: try Gazetteer.bundled(language))
        }
        self.languages = languages
        descriptor = AnnotatorDescriptor(
            id: Self.id,
            summary: "Lists the sources of a story: quoted people and organisations with role and affiliation, anonymous sources, publisher, bylines, wire credits and promoted social accounts.",
            version: "4",
            requires: [Layers.blocks, Layers.tokens, Layers.sentences, Layers.entities, Layers.quotes],
            produces: [Layers.sources],
            languages: Set(languages.keys),
            examples: LanguageExample.annotatorExamples(languages.mapValues(\.rules.stageExamples)))
    }

    public func annotate(_ document: Document) throws -> LayerBundle {
        var bundle = LayerBundle()
        guard let code = document.metadata.language, let language = languages[code] else {
            bundle[Layers.sources] = SourceFinder.metadataOnly(document)
            return bundle
        }
        bundle[Layers.sources] = SourceFinder(language: language, document: document).sources()
        return bundle
    }
}

/// Finds the sources of one document.
struct SourceFinder {
    let language: SourceAnnotator.Language
    let document: Document
    let text: QuoteFinder
    let quotes: [Quote]
    var rules: SourceRules { language.rules }

    init(language: SourceAnnotator.Language, document: Document) {
        self.language = language
        self.document = document
        let roles = language.gazetteer.roles.union(language.gazetteer.titles)
        self.text = QuoteFinder(rules: language.quoteRules, roles: roles, document: document)
        self.quotes = document[Layers.quotes] ?? []
    }

    /// Sources from metadata alone, for languages without rules.
    static func metadataOnly(_ document: Document) -> [NewsSource] {
        var builder = Builder()
        builder.addMetadata(document.metadata)
        return builder.finish()
    }

    func sources() -> [NewsSource] {
        var builder = Builder()
        let words = text.words
        // Quoted people and organisations, and described speakers, in order of first quote.
        var order: [String] = []
        var byKey: [String: (quotes: [Quote], speaker: Quote)] = [:]
        for quote in quotes where quote.kind != .scare {
            let key: String
            if let cluster = quote.cluster { key = "c:" + cluster } else if quote.attribution == .description, let speaker = quote.speaker { key = "d:" + speaker.text.lowercased() } else { continue }
            if byKey[key] == nil { order.append(key); byKey[key] = ([], quote) }
            byKey[key]?.quotes.append(quote)
        }
        for key in order {
            guard let (group, first) = byKey[key] else { continue }
            let accordingOnly = group.allSatisfy { quote in quote.cue.map { cue in language.quoteRules.accordingTo.contains { $0 == cue.text.lowercased().split(separator: " ").map(String.init) } } ?? false }
            let relation: NewsSource.Relation = accordingOnly ? .accordingTo : .quoted
            if let cluster = first.cluster {
                let mentions = text.entities.filter { $0.cluster == cluster }
                // "Comitato Salviamo il Parco" speaks as an organisation whatever the tagger said.
                let headWord = first.speakerName.flatMap { $0.split(separator: " ").first }.map { $0.lowercased() }
                // "Il gruppo Discovery", "la società Open Fiber": named after an organisation's noun.
                let namedAfterHead = mentions.contains { mention in
                    let first = text.token(atOrAfter: mention.start)
                    return first > 0 && rules.organisationHeads.contains(words[first - 1]) && text.entityAt[first - 1] == nil
                }
                let isOrganisationName = (headWord.map { rules.organisationHeads.contains($0) } ?? false) || namedAfterHead
                let kind: NewsSource.Kind = mentions.first?.type == "PER" && !isOrganisationName ? .person : .organisation
                var source = NewsSource(id: "", kind: kind, relation: relation, name: first.speakerName, mentions: mentions.map(\.span), quotes: group.map(\.id), cluster: cluster, origin: .text)
                if kind == .person { describe(&source, mentions: mentions) }
                builder.add(source)
            } else if let speaker = first.speaker {
                let (kind, name) = described(speaker)
                builder.add(NewsSource(id: "", kind: kind, relation: relation, name: name, mentions: group.compactMap { $0.speaker?.span }, quotes: group.map(\.id), origin: .text))
            }
        }
        // Unnamed sources without a quote of their own: "fonti vicine al governo riferiscono", "experts say".
        let quoted = Set(builder.sources.flatMap(\.mentions).map(\.start))
        for index in words.indices {
            for phrase in rules.anonymousPhrases where text.matches(phrase, at: index, limit: words.count) {
                var end = index + phrase.count
                while end < words.count, end - index < 10, ![",", ".", ";", ":"].contains(words[end]), text.cue(at: end, limit: words.count) == nil { end += 1 }
                let saysNext = end < words.count && text.cue(at: end, limit: words.count) != nil
                let accordingBefore = language.quoteRules.accordingTo.contains { phrase in index >= phrase.count && text.matches(phrase, at: index - phrase.count, limit: index) }
                guard saysNext || accordingBefore, text.entityAt[index] == nil else { continue }
                let span = TextSpan(start: text.tokens[index].start, end: text.tokens[end - 1].end)
                guard !quoted.contains(where: { $0 >= span.start && $0 < span.end }), !builder.sources.contains(where: { $0.start.map { $0 >= span.start && $0 < span.end } ?? false }) else { continue }
                builder.add(NewsSource(id: "", kind: .anonymous, relation: accordingBefore ? .accordingTo : .quoted, name: document.text(of: span), mentions: [span], origin: .text))
            }
        }
        builder.addMetadata(document.metadata)
        addBylines(&builder)
        addWires(&builder)
        addPromotions(&builder)
        return builder.finish()
    }

    /// The kind and name of a source the text only describes: an organisation when the
    /// description heads with a capitalised organisation noun ("il Tribunale di Milano" →
    /// "Tribunale di Milano"), a publication when it heads with a document's noun ("un
    /// comunicato stampa della Presidenza", "the report"), else anonymous, named as written.
    private func described(_ speaker: TextExcerpt) -> (NewsSource.Kind, String) {
        let first = text.token(atOrAfter: speaker.start)
        var head = first
        let articles = rules.articles.union(rules.indefiniteArticles)
        while head < text.words.count, text.tokens[head].start < speaker.end, articles.contains(text.words[head]) { head += 1 }
        guard head < text.words.count, text.tokens[head].start < speaker.end else { return (.anonymous, speaker.text) }
        let word = text.words[head]
        var last = head
        while last + 1 < text.words.count, text.tokens[last + 1].end <= speaker.end { last += 1 }
        // "a Department for Transport source": a compound's last noun is its head.
        let endsWithMember = last > head && language.quoteRules.anonymousHeads.contains(text.words[last])
        if rules.organisationHeads.contains(word), text.scalars[text.tokens[head].start].properties.isUppercase, !endsWithMember {
            return (.organisation, document.text(of: TextSpan(start: text.tokens[head].start, end: speaker.end)))
        }
        if rules.documentHeads?.contains(word) ?? false { return (.publication, speaker.text) }
        return (.anonymous, speaker.text)
    }

    // MARK: - Role and affiliation

    /// Role and affiliation from the first mention that has them: an appositive ("X, direttore
    /// … presso Y, un think-tank"), a possessive ("Y's director X"), a relative ("X, who heads Y"),
    /// or a role title ("Mayor Ellen Okafor", "il presidente Putin").
    private func describe(_ source: inout NewsSource, mentions: [Entity]) {
        let words = text.words
        let roles = language.gazetteer.roles
        let courtesy = language.quoteRules.femaleTitles.union(language.quoteRules.maleTitles)
        // Titles that are more than a courtesy ("sindaco", "Mayor"; not "signor", "Mr").
        let titles = language.gazetteer.titles.subtracting(courtesy)
        var prefix: (role: TextExcerpt, affiliation: TextExcerpt?)?
        for mention in mentions {
            var end = text.token(atOrAfter: mention.start)
            while end < words.count, text.tokens[end].start < mention.end { end += 1 }
            // "Y's director X", "Acme's chief executive X": the owner of the role, whatever the
            // tagger typed it, is the affiliation.
            let first = text.token(atOrAfter: mention.start)
            var titleStart = first
            while titleStart > 0, first - titleStart < 4 {
                // Roles of one to three words ("director", "chief executive").
                guard let length = (1...3).reversed().first(where: { length in
                    titleStart - length >= 0 && roles.contains(words[(titleStart - length)..<titleStart].joined(separator: " "))
                }) else { break }
                titleStart -= length
            }
            if titleStart < first, titleStart >= 2, (language.quoteRules.possessiveClitics ?? []).contains(words[titleStart - 1]) {
                if let organisation = text.entityAt[titleStart - 2], text.entities[organisation].cluster != source.cluster {
                    source.role = text.excerpt(titleStart..<first)
                    source.affiliation = excerpt(of: text.entities[organisation])
                    return
                }
                // An owner the tagger did not find: the capitalised words before "'s" ("Acme's").
                var ownerStart = titleStart - 1
                while ownerStart > 0, titleStart - 1 - ownerStart < 4, text.entityAt[ownerStart - 1] == nil, text.tokens[ownerStart - 1].kind == .word,
                      text.scalars[text.tokens[ownerStart - 1].start].properties.isUppercase { ownerStart -= 1 }
                if ownerStart < titleStart - 1, !language.quoteRules.determiners.contains(words[ownerStart]) {
                    source.role = text.excerpt(titleStart..<first)
                    source.affiliation = text.excerpt(ownerStart..<(titleStart - 1))
                    return
                }
            }
            // "the Acme spokesperson X": a role right after an organisation's name.
            if first >= 2, roles.contains(words[first - 1]), let organisation = text.entityAt[first - 2], text.entities[organisation].type == "ORG" {
                source.role = text.excerpt((first - 1)..<first)
                source.affiliation = excerpt(of: text.entities[organisation])
                return
            }
            // "La presidente dell'associazione dei consumatori, Maria Rossi, …": the role before
            // the name, set off by a comma.
            if first >= 2, words[first - 1] == ",", let described = rolePhrase(endingAt: first - 1) {
                source.role = described.role
                source.affiliation = described.affiliation
                return
            }
            // "il ministro dell'Interno Giuseppe Pisanu", "il premier di Israele Ehud Olmert",
            // "Secretary of State John Kerry": a role phrase right before the name, kept unless
            // a later reading of this or another mention gives one with its affiliation.
            if prefix == nil, first >= 1, words[first - 1] != ",", let described = rolePhrase(endingAt: first, adjacent: true) {
                prefix = described
            }
            // "X (Acme)": the affiliation in brackets.
            if end + 2 < words.count, words[end] == "(", let organisation = text.entityAt[end + 1], text.entities[organisation].type == "ORG" {
                var after = end + 1
                while after < words.count, text.entityAt[after] == organisation { after += 1 }
                if after < words.count, words[after] == ")" {
                    source.affiliation = excerpt(of: text.entities[organisation])
                    continue
                }
            }
            // "Jane Doe of the finance committee", "Maria Rossi del comitato di quartiere".
            if end + 1 < words.count, rules.ofPrepositions.contains(words[end]), source.affiliation == nil, let affiliation = organisationPhrase(from: end + 1) {
                source.affiliation = affiliation
                continue
            }
            // An appositive after a comma, or a sentence of its own: "Mark Lee is a professor
            // of economics at Leeds University", "Bianchi è stato sindaco di Prato".
            var cursor: Int
            // "Salvi dirige l'Istituto di ricerca", "Tom Reed heads Amnesty International": the
            // verb of a relative head right after the name, in a sentence of its own.
            if end + 1 < words.count, let verb = rules.relativeHeads.first(where: { $0.count >= 2 && text.matches(Array($0.dropFirst()), at: end, limit: words.count) }) {
                var position = end + verb.count - 1
                while position < words.count, text.entityAt[position] == nil, position - end < verb.count + 5, ![",", ".", ";"].contains(words[position]) { position += 1 }
                if position < words.count, let organisation = text.entityAt[position], isOrganisation(organisation), text.entities[organisation].cluster != source.cluster {
                    source.role = text.excerpt((end + verb.count - 2)..<(end + verb.count - 1))
                    source.affiliation = excerpt(of: text.entities[organisation])
                    return
                }
            }
            if end < words.count, words[end] == "," {
                cursor = end + 1
            } else if end < words.count, rules.copulas?.contains(words[end]) ?? false {
                cursor = end + 1
                while cursor < words.count, rules.copulaSkips?.contains(words[cursor]) ?? false { cursor += 1 }
            } else {
                continue
            }
            // "X, who heads Y"
            for phrase in rules.relativeHeads where text.matches(phrase, at: cursor, limit: words.count - 1) {
                var position = cursor + phrase.count
                while position < words.count, text.entityAt[position] == nil, position - cursor < phrase.count + 6, ![",", ".", ";"].contains(words[position]) { position += 1 }
                if position < words.count, let organisation = text.entityAt[position], text.entities[organisation].type == "ORG" {
                    source.role = text.excerpt((cursor + phrase.count - 1)..<(cursor + phrase.count))
                    source.affiliation = excerpt(of: text.entities[organisation])
                    return
                }
            }
            if cursor < words.count, rules.indefiniteArticles.contains(words[cursor]) || rules.articles.contains(words[cursor]) { cursor += 1 }
            let roleStart = cursor
            // A gerund or participle opens a clause, not a role: "X, presentando il piano, ha detto";
            // so does a relative pronoun the relative heads above did not take ("X, che preannuncia").
            if roleStart < words.count, isClauseOpener(words[roleStart]) || startsClause(at: roleStart) { continue }
            var limit = cursor
            while limit < words.count, limit - cursor < 20, ![".", ";", ":", "!", "?"].contains(words[limit]), !text.isQuoteMark(limit) {
                if words[limit] == ",", text.entityAt[limit - 1] == nil { break }
                // A role is a noun phrase: a verb, a gerund or a participle ends it ("ministro
                // delle infrastrutture, … ha inviato", "direttore, morto a Roma").
                if limit > roleStart, isVerb(at: limit) { break }
                limit += 1
            }
            guard limit > roleStart else { continue }
            // The affiliation: the first organisation in the appositive, after a preposition,
            // or the place a role is of ("sindaco di Prato", "mayor of London").
            func isPlaceOfRole(_ position: Int) -> Bool {
                guard let entity = text.entityAt[position], text.entities[entity].type == "LOC", text.token(atOrAfter: text.entities[entity].start) == position else { return false }
                var before = position
                while before > roleStart, rules.articles.contains(words[before - 1]) { before -= 1 }
                guard before - 1 > roleStart, rules.ofPrepositions.contains(words[before - 1]) else { return false }
                return roles.contains(words[before - 2]) || titles.contains(words[before - 2])
            }
            if let position = (roleStart..<limit).first(where: { (text.entityAt[$0].map(isOrganisation) ?? false) || isPlaceOfRole($0) }), let organisation = text.entityAt[position] {
                var roleEnd = position
                while roleEnd > roleStart, rules.articles.contains(words[roleEnd - 1]) { roleEnd -= 1 }
                if roleEnd > roleStart, rules.affiliationPrepositions.contains(words[roleEnd - 1]) { roleEnd -= 1 }
                guard roleEnd > roleStart else { continue }
                source.role = text.excerpt(roleStart..<roleEnd)
                source.affiliation = excerpt(of: text.entities[organisation])
                // ", un think-tank sulla sicurezza": how the text describes the affiliation.
                var after = position
                while after < words.count, text.entityAt[after] == organisation { after += 1 }
                if after + 1 < words.count, words[after] == ",", language.quoteRules.determiners.contains(words[after + 1]) {
                    var descriptionEnd = after + 2
                    while descriptionEnd < words.count, ![".", ",", ";", ":"].contains(words[descriptionEnd]), !text.isQuoteMark(descriptionEnd) { descriptionEnd += 1 }
                    source.affiliationDescription = text.excerpt((after + 1)..<descriptionEnd)
                }
                return
            }
            // A role with no affiliation: "X, spokesperson", "X, professoressa di economia", "X,
            // la mamma della ragazza".
            if language.roleWords.contains(words[roleStart]) || language.quoteRules.anonymousHeads.contains(words[roleStart]) {
                source.role = text.excerpt(roleStart..<limit)
                return
            }
        }
        if let prefix {
            source.role = prefix.role
            source.affiliation = prefix.affiliation ?? source.affiliation
            return
        }
        // A title that is more than a courtesy ("Mayor", "presidente", "Prof." — not "signor", "Mr").
        for mention in mentions {
            if let title = mention.title, !courtesy.contains(title.text.lowercased()) {
                source.role = title
                return
            }
        }
    }

    private func excerpt(of entity: Entity) -> TextExcerpt { TextExcerpt(span: entity.span, text: entity.text) }

    /// Whether an entity names an organisation: typed so, or named with an organisation's head
    /// noun whatever its type ("Leeds University" tagged as a place).
    private func isOrganisation(_ index: Int) -> Bool {
        let entity = text.entities[index]
        if entity.type == "ORG" { return true }
        guard entity.type != "PER" else { return false }
        return entity.text.lowercased().split(separator: " ").contains { rules.organisationHeads.contains(String($0)) }
    }

    /// An organisation named from token `start` (articles skipped): an organisation entity, or
    /// a phrase whose first or second word is an organisation's head noun ("the finance
    /// committee", "comitato di quartiere"), up to a punctuation mark, a cue or a name, at most
    /// six words. Nil when there is none.
    private func organisationPhrase(from start: Int) -> TextExcerpt? {
        let words = text.words
        var first = start
        while first < words.count, rules.articles.contains(words[first]) { first += 1 }
        guard first < words.count else { return nil }
        if let entity = text.entityAt[first] {
            return isOrganisation(entity) ? excerpt(of: text.entities[entity]) : nil
        }
        var end = first
        while end < words.count, end - first < 6, text.tokens[end].kind == .word, text.entityAt[end] == nil, text.cue(at: end, limit: words.count) == nil { end += 1 }
        guard end > first, rules.organisationHeads.contains(words[first]) || (first + 1 < end && rules.organisationHeads.contains(words[first + 1])) else { return nil }
        return text.excerpt(first..<end)
    }

    /// Whether a word is a gerund or participle ("presentando", "speaking", "morto").
    private func isClauseOpener(_ word: String) -> Bool {
        rules.clauseSuffixes.contains { word.count > $0.count + 2 && word.hasSuffix($0) } || (rules.clauseWords?.contains(word) ?? false)
    }

    /// Whether a relative pronoun or a complementizer opens a clause at token `index`.
    private func startsClause(at index: Int) -> Bool {
        let word = text.words[index]
        return language.quoteRules.relativePronouns.contains(word) || language.quoteRules.complementizers.contains(word)
    }

    /// Whether token `index`, outside any name, is a verb that ends a role phrase: an auxiliary,
    /// a reporting verb, or a gerund or participle.
    private func isVerb(at index: Int) -> Bool {
        guard text.entityAt[index] == nil else { return false }
        let word = text.words[index]
        return language.quoteRules.auxiliaries.contains(word) || text.cue(at: index, limit: text.words.count) != nil || isClauseOpener(word) || startsClause(at: index)
    }

    /// The role phrase that ends right before token `comma`: its last role word (and the role
    /// words just before it: "direttore generale"), up to the comma; an organisation in it after
    /// a preposition ("dell'associazione dei consumatori", "of the Acme Group") is the
    /// affiliation. Nil when the phrase holds a cue, a person or a clause, or no role word.
    ///
    /// `adjacent`: the phrase runs right up to a name at `comma` with no comma between ("il
    /// ministro dell'Interno Giuseppe Pisanu"); it may then be at most six words, and a verb
    /// anywhere in it means the role word belongs to another clause.
    private func rolePhrase(endingAt comma: Int, adjacent: Bool = false) -> (role: TextExcerpt, affiliation: TextExcerpt?)? {
        let words = text.words
        let roles = language.roleWords
        let stops: Set<String> = [".", ",", ";", ":", "!", "?", "(", ")"]
        var start = comma
        while start > 0, comma - start < 14, !stops.contains(words[start - 1]), !text.isQuoteMark(start - 1) { start -= 1 }
        guard var role = (start..<comma).last(where: { roles.contains(words[$0]) }) else { return nil }
        while role > start, roles.contains(words[role - 1]) { role -= 1 }
        if adjacent, comma - role > 6 { return nil }
        for index in role..<comma {
            if text.cue(at: index, limit: words.count) != nil || isClauseOpener(words[index]) { return nil }
            if adjacent, isVerb(at: index) { return nil }
            if let entity = text.entityAt[index], text.entities[entity].type == "PER" { return nil }
        }
        let prepositions = rules.ofPrepositions.union(rules.affiliationPrepositions)
        let articles = rules.articles.union(rules.indefiniteArticles)
        for index in (role + 1)..<comma {
            let isOrganisation = text.entityAt[index].map { text.entities[$0].type == "ORG" } ?? false
            guard isOrganisation || rules.organisationHeads.contains(words[index]) else { continue }
            var roleEnd = index
            while roleEnd > role + 1, articles.contains(words[roleEnd - 1]) { roleEnd -= 1 }
            guard roleEnd > role + 1, prepositions.contains(words[roleEnd - 1]) else { continue }
            roleEnd -= 1
            let affiliation: TextExcerpt
            if let entity = text.entityAt[index], isOrganisation {
                affiliation = excerpt(of: text.entities[entity])
            } else {
                affiliation = text.excerpt(index..<comma)
            }
            return (text.excerpt(role..<roleEnd), affiliation)
        }
        return (text.excerpt(role..<comma), nil)
    }

    // MARK: - Bylines, wires, promotions

    /// "di Mario Rossi", "By Jane Doe": a short block near the top that opens with a byline word.
    private func addBylines(_ builder: inout Builder) {
        let words = text.words
        for (number, block) in text.blocks.prefix(4).enumerated() where block.end - block.start < 80 {
            _ = number
            let first = text.token(atOrAfter: block.start)
            for prefix in rules.bylinePrefixes where text.matches(prefix, at: first, limit: words.count - 1) {
                var position = first + prefix.count
                while position < words.count, text.tokens[position].start < block.end {
                    if let entity = text.entityAt[position], text.entities[entity].type == "PER" {
                        let mention = text.entities[entity]
                        builder.add(NewsSource(id: "", kind: .person, relation: .byline, name: mention.canonical, mentions: [mention.span], cluster: mention.cluster, origin: .text))
                        while position < words.count, text.entityAt[position] == entity { position += 1 }
                    } else {
                        position += 1
                    }
                }
            }
        }
    }

    /// "(Reuters) -", "— ANSA", "RIVERTON (AP) –", "Additional reporting by Reuters".
    private func addWires(_ builder: inout Builder) {
        let words = text.words
        let wires = rules.wires.map { ($0, Gazetteer.spaceSeparated($0).map { $0.lowercased() }) }
        func wire(at index: Int) -> (name: String, end: Int)? {
            for (name, parts) in wires where text.matches(parts, at: index, limit: words.count) {
                // Wire names are written with their capitals.
                guard text.scalars[text.tokens[index].start].properties.isUppercase else { continue }
                return (name, index + parts.count)
            }
            return nil
        }
        for block in text.blocks {
            let first = text.token(atOrAfter: block.start)
            var last = first
            while last < words.count, text.tokens[last].start < block.end { last += 1 }
            guard last > first else { continue }
            var found: [(String, Range<Int>)] = []
            // "(Reuters) -" within the first words.
            for index in first..<min(last, first + 8) where words[index] == "(" {
                if let match = wire(at: index + 1), match.end < last, words[match.end] == ")", match.end + 1 < last, ["-", "–", "—"].contains(words[match.end + 1]) {
                    found.append((match.name, (index + 1)..<match.end))
                }
            }
            // "— ANSA" or "(AFP)" at the end.
            for index in max(first, last - 4)..<last where ["—", "–", "-", "("].contains(words[index]) {
                if let match = wire(at: index + 1), match.end == last || (match.end < last && [")", "."].contains(words[match.end]) && match.end + 1 >= last - 1) {
                    found.append((match.name, (index + 1)..<match.end))
                }
            }
            // "Additional reporting by Reuters", "Ha collaborato ANSA".
            for index in first..<last {
                for phrase in rules.reportingBy where text.matches(phrase, at: index, limit: last - 1) {
                    if let match = wire(at: index + phrase.count) { found.append((match.name, (index + phrase.count)..<match.end)) }
                }
            }
            for (name, range) in found {
                let span = TextSpan(start: text.tokens[range.lowerBound].start, end: text.tokens[range.upperBound - 1].end)
                builder.add(NewsSource(id: "", kind: .publication, relation: .wire, name: name, mentions: [span], origin: .text))
            }
        }
    }

    /// Footers and promotion lines: "Trovaci su Instagram a BBCNewsbeat e seguici su Snapchat,
    /// cerca bbc_newsbeat", "Follow us on Twitter @…", "Iscriviti alla newsletter".
    private func addPromotions(_ builder: inout Builder) {
        let words = text.words
        for block in text.blocks {
            let first = text.token(atOrAfter: block.start)
            var last = first
            while last < words.count, text.tokens[last].start < block.end { last += 1 }
            let isFooter = block.kind == .footer || block.kind == .boilerplate
            guard last > first, isFooter || (first..<last).contains(where: { rules.promotionCues.contains(words[$0]) }) else { continue }
            for index in first..<last {
                if let entity = text.entityAt[index], text.entities[entity].subtype == "platform", index == text.token(atOrAfter: text.entities[entity].start) {
                    let platform = text.entities[entity]
                    var position = text.token(atOrAfter: platform.end)
                    var gap = 0
                    while position < last, gap < 2, rules.handleCues.contains(words[position]) || words[position] == "," { position += 1; gap += 1 }
                    var handle: (String, TextSpan)?
                    if position < last, text.tokens[position].kind == .handle || text.tokens[position].kind == .word, text.entityAt[position].map({ text.entities[$0].subtype != "platform" }) ?? true,
                       position > text.token(atOrAfter: platform.end) || text.tokens[position].kind == .handle {
                        let token = text.tokens[position]
                        let written = document.text(of: token.span)
                        let stripped = written.hasPrefix("@") ? String(written.dropFirst()) : written
                        let looksLikeHandle = text.tokens[position].kind == .handle || written.contains("_") || written.unicodeScalars.dropFirst().contains { $0.properties.isUppercase } || !language.quoteRules.determiners.contains(written.lowercased()) && !rules.handleCues.contains(written.lowercased()) && !(language.quoteRules.conjunctions ?? []).contains(written.lowercased())
                        if looksLikeHandle { handle = (stripped, token.span) }
                    }
                    builder.addSocial(platform: platform.canonical.lowercased(), handle: handle?.0, mention: handle?.1 ?? platform.span, url: nil, origin: .text, publicationHint: handle.flatMap { publicationName(forHandle: $0.0) })
                } else if rules.newsletterWords.contains(words[index]), (first..<last).contains(where: { rules.promotionCues.contains(words[$0]) }) {
                    builder.addSocial(platform: words[index], handle: nil, mention: text.tokens[index].span, url: nil, origin: .text, publicationHint: nil)
                }
            }
        }
    }

    /// "BBCNewsbeat", "bbc_newsbeat" → "BBC Newsbeat", when a news organisation is called so.
    private func publicationName(forHandle handle: String) -> String? {
        let key = handle.lowercased().filter { $0.isLetter || $0.isNumber }
        for entry in language.gazetteer.entries where entry.list == "media" {
            for form in [entry.name] + (entry.aliases ?? []) where form.lowercased().filter({ $0.isLetter || $0.isNumber }) == key { return entry.name }
        }
        return nil
    }
}

/// Collects sources, merging repeats, and numbers them.
struct Builder {
    var sources: [NewsSource] = []
    private var publicationHint: String?

    mutating func add(_ source: NewsSource) {
        // The same person in a byline and in the metadata, the same wire twice: one source.
        if let index = sources.firstIndex(where: { $0.relation == source.relation && $0.kind == source.kind && $0.name != nil && $0.name?.lowercased() == source.name?.lowercased() && $0.platform == source.platform }) {
            merge(source, into: index)
            return
        }
        sources.append(source)
    }

    private mutating func merge(_ source: NewsSource, into index: Int) {
        var existing = sources[index]
        let spans = Set(existing.mentions)
        existing.mentions += source.mentions.filter { !spans.contains($0) }
        existing.mentions.sort { $0.start < $1.start }
        existing.start = existing.mentions.first?.start
        existing.end = existing.mentions.first?.end
        existing.quotes += source.quotes.filter { !existing.quotes.contains($0) }
        existing.cluster = existing.cluster ?? source.cluster
        existing.url = existing.url ?? source.url
        if existing.origin != source.origin, existing.origin != .textAndMetadata { existing.origin = .textAndMetadata }
        sources[index] = existing
    }

    mutating func addMetadata(_ metadata: DocumentMetadata) {
        if let name = metadata.publisher ?? metadata.siteName {
            add(NewsSource(id: "", kind: .publication, relation: .publisher, name: name, mentions: [], url: metadata.url, origin: .metadata))
        }
        for author in metadata.authors ?? [] {
            add(NewsSource(id: "", kind: .person, relation: .byline, name: author, mentions: [], origin: .metadata))
        }
        for profile in metadata.socialProfiles ?? [] {
            if profile.hasPrefix("@") {
                addSocial(platform: "twitter", handle: String(profile.dropFirst()), mention: nil, url: nil, origin: .metadata, publicationHint: nil)
            } else if let url = URL(string: profile), let host = url.host?.lowercased() {
                let platform = Self.platform(ofHost: host)
                let handle = url.path.split(separator: "/").first.map(String.init)
                addSocial(platform: platform, handle: handle, mention: nil, url: profile, origin: .metadata, publicationHint: nil)
            }
        }
    }

    static func platform(ofHost host: String) -> String {
        let known = ["twitter.com": "twitter", "x.com": "twitter", "facebook.com": "facebook", "instagram.com": "instagram", "youtube.com": "youtube",
                     "tiktok.com": "tiktok", "linkedin.com": "linkedin", "t.me": "telegram", "snapchat.com": "snapchat", "threads.net": "threads", "bsky.app": "bluesky"]
        let bare = host.hasPrefix("www.") ? String(host.dropFirst(4)) : host
        return known[bare] ?? bare
    }

    mutating func addSocial(platform: String, handle: String?, mention: TextSpan?, url: String?, origin: NewsSource.Origin, publicationHint: String?) {
        if publicationHint != nil, self.publicationHint == nil { self.publicationHint = publicationHint }
        if let index = sources.firstIndex(where: { $0.kind == .social && $0.platform == platform && $0.handle?.lowercased() == handle?.lowercased() }) {
            var incoming = NewsSource(id: "", kind: .social, relation: .promotion, name: nil, mentions: mention.map { [$0] } ?? [], url: url, origin: origin)
            incoming.platform = platform
            merge(incoming, into: index)
            return
        }
        sources.append(NewsSource(id: "", kind: .social, relation: .promotion, name: handle.map { "@" + $0 } ?? platform, mentions: mention.map { [$0] } ?? [],
                                  platform: platform, handle: handle, url: url, origin: origin))
    }

    /// Numbers the sources: quoted ones first (as added), then publication, bylines, wires and
    /// accounts; accounts and bylines point at the publication.
    mutating func finish() -> [NewsSource] {
        if sources.contains(where: { $0.kind == .social }), !sources.contains(where: { $0.relation == .publisher }) {
            // The accounts belong to a publication even when no metadata names it.
            let name = publicationHint ?? sources.first { $0.kind == .social && $0.handle != nil }?.handle
            sources.append(NewsSource(id: "", kind: .publication, relation: .publisher, name: name, mentions: [], origin: .text))
        }
        let rank: [NewsSource.Relation: Int] = [.quoted: 0, .accordingTo: 0, .publisher: 1, .byline: 2, .wire: 3, .promotion: 4]
        let ordered = sources.enumerated().sorted { a, b in
            let left = rank[a.element.relation] ?? 5, right = rank[b.element.relation] ?? 5
            return left != right ? left < right : a.offset < b.offset
        }.map(\.element)
        var numbered: [NewsSource] = []
        for (index, var source) in ordered.enumerated() {
            source.id = "s\(index + 1)"
            numbered.append(source)
        }
        if let publication = numbered.first(where: { $0.relation == .publisher })?.id {
            for index in numbered.indices where numbered[index].relation == .promotion || numbered[index].relation == .byline { numbered[index].publication = publication }
        }
        return numbered
    }
}
