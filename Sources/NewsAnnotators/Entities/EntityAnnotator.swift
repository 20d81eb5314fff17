public import NewsAnnotation
import Foundation

/// The `entities` stage: a trained averaged-perceptron tagger per language, corrected by
/// gazetteers and rules, with the mentions of one entity grouped into clusters.
///
/// Languages: every language with a bundled `gazetteer-<language>.json` and
/// `entities-<language>.json`. A language with no `entities-<language>.model` (Spanish) runs
/// without a tagger: runs of capitalised words are candidate names (`MISC`), and the
/// gazetteer, titles, given names and rules give them their types.
///
/// Policies (see Docs/Entities.md):
/// - Countries and cities are `LOC` with subtype `GPE`, also when they act politically
///   ("la Russia non sta lasciando cadere il suo sostegno"): one entity keeps one type.
/// - Hyphenated compounds ("anti-Assad", "pro-Assad") are not mentions and are not linked.
/// - Social platforms are `ORG` with subtype `platform`; handles are not entities (the
///   `sources` stage reports them).
/// - Titles and roles ("il signor Reeve", "Prof Light") stay outside a person's span and are
///   kept in `title`.
public struct EntityAnnotator: Annotator {
    public static let id = "entities"

    struct Language: Sendable {
        /// The trained tagger; `nil` when the language has none, and capitalisation stands in.
        var model: TaggerModel?
        var gazetteer: Gazetteer
        var rules: EntityRules
    }

    private let languages: [String: Language]
    public let descriptor: AnnotatorDescriptor

    /// The bundled gazetteers, rules and (where there is one) model of every language with a
    /// bundled gazetteer.
    ///
    /// - Throws: ``ResourceError`` when a language's gazetteer, rules or model cannot be read,
    ///   or its rules are missing. A missing model is no error: the language runs without one.
    public init() throws(ResourceError) {
        var languages: [String: Language] = [:]
        for language in Gazetteer.bundledLanguages {
            let model = try Bundle.module.url(forResource: "entities-\(language)", withExtension: "model").map { url throws(ResourceError) in
                try ResourceCache.value("model-\(language)") { () throws(ResourceError) in try TaggerModel.load(contentsOf: url) }
            }
            languages[language] = Language(model: model, gazetteer: try Gazetteer.bundled(language), rules: try EntityRules.bundled(language))
        }
        self.init(languages: languages)
    }

    /// A stage with the given model per language (bundled gazetteers and rules).
    public init(models: [String: TaggerModel]) throws(ResourceError) {
        var languages: [String: Language] = [:]
        for (language, model) in models {
            languages[language] = Language(model: model, gazetteer: try Gazetteer.bundled(language), rules: try EntityRules.bundled(language))
        }
        self.init(languages: languages)
    }

    init(languages: [String: Language]) {
        self.languages = languages
        descriptor = AnnotatorDescriptor(
            id: Self.id,
            summary: "Finds people, organisations, places and other names with a trained tagger, gazetteers and rules, and groups the mentions of one entity.",
            version: "4",
            requires: [Layers.tokens, Layers.sentences],
            produces: [Layers.entities],
            languages: Set(languages.keys),
            examples: LanguageExample.annotatorExamples(languages.mapValues(\.rules.stageExamples)))
    }

    /// The model used for `language`.
    public func model(for language: String) -> TaggerModel? { languages[language]?.model }

    public func annotate(_ document: Document) throws -> LayerBundle {
        var bundle = LayerBundle()
        guard let code = document.metadata.language, let language = languages[code] else {
            bundle[Layers.entities] = []
            return bundle
        }
        let tokens = document[Layers.tokens] ?? []
        let sentences = document[Layers.sentences] ?? []
        bundle[Layers.entities] = MentionFinder(language: language, document: document, tokens: tokens, sentences: sentences).entities()
        return bundle
    }
}

/// One mention while the stage works on it: a range of document tokens.
struct Mention {
    var first: Int
    var end: Int
    var type: String
    var subtype: String?
    var origin: Entity.Origin
    var entry: Int?
    var title: Range<Int>?
    var margin: Float = .infinity
    /// A mention linked to its full form by a parenthesised acronym.
    var linkedTo: Int?
    /// The publication's name, when the mention names the publication the article comes from.
    var publication: String?
}

/// Finds, corrects and clusters the mentions of one document.
struct MentionFinder {
    let language: EntityAnnotator.Language
    let document: Document
    let tokens: [Token]
    /// The tokens of each sentence.
    let sentenceRanges: [Range<Int>]
    let scalars: [Unicode.Scalar]
    let forms: [String]
    let features: [TaggerToken]
    let sentenceStart: [Bool]
    let sentenceOf: [Int]
    /// The words written in lowercase somewhere in the document.
    let lowercaseWords: Set<String>
    /// The capitalised words written somewhere other than at a sentence start.
    let innerCapitalised: Set<String>
    /// The publication's name from the metadata.
    var publicationName: String? { document.metadata.publisher ?? document.metadata.siteName }

    init(language: EntityAnnotator.Language, document: Document, tokens: [Token], sentences: [Sentence]) {
        self.language = language
        self.document = document
        self.tokens = tokens
        let scalars = document.content.scalars
        self.scalars = scalars
        let forms = tokens.map { String(String.UnicodeScalarView(scalars[$0.start..<$0.end])) }
        self.forms = forms
        var features: [TaggerToken] = []
        features.reserveCapacity(tokens.count)
        var sentenceStart = [Bool](repeating: false, count: tokens.count)
        var sentenceOf = [Int](repeating: 0, count: tokens.count)
        var sentenceRanges: [Range<Int>] = []
        var index = 0
        var stopped = false
        for (number, sentence) in sentences.enumerated() {
            // Past the time budget, stop; `entities()` then returns nothing (``WorkBudget``).
            if number % 256 == 0, WorkBudget.isExhausted { stopped = true; break }
            while index < tokens.count, tokens[index].end <= sentence.start { features.append(TaggerToken(form: forms[index])); index += 1 }
            let first = index
            while index < tokens.count, tokens[index].start < sentence.end { sentenceOf[index] = number; index += 1 }
            guard first < index else { continue }
            sentenceStart[first] = true
            sentenceRanges.append(first..<index)
            features += language.gazetteer.featureTokens(Array(forms[first..<index]))
        }
        while !stopped, index < tokens.count { features.append(TaggerToken(form: forms[index])); index += 1 }
        self.features = features
        self.sentenceStart = sentenceStart
        self.sentenceOf = sentenceOf
        self.sentenceRanges = sentenceRanges
        var lowercaseWords: Set<String> = []
        var innerCapitalised: Set<String> = []
        for (index, token) in features.enumerated() where tokens[index].kind == .word {
            guard let first = token.form.unicodeScalars.first else { continue }
            if first.properties.isLowercase { lowercaseWords.insert(token.lower) }
            if first.properties.isUppercase, !sentenceStart[index] { innerCapitalised.insert(token.form) }
        }
        self.lowercaseWords = lowercaseWords
        self.innerCapitalised = innerCapitalised
    }

    func entities() -> [Entity] {
        // Without a tagger, the capitalised words written somewhere after another word of their
        // sentence: only those may be a name when they open a sentence or a quotation.
        let midCapitalised = language.model == nil ? Set(tokens.indices.filter { isCapitalised($0) && !opensClause($0) }.map { features[$0].form }) : []
        var mentions: [Mention] = []
        for (number, range) in sentenceRanges.enumerated() {
            // Past the time budget, stop: the pipeline fails the document (``WorkBudget``).
            if number % 64 == 0, WorkBudget.isExhausted { return [] }
            mentions += sentenceMentions(range, midCapitalised: midCapitalised)
        }
        return AliasResolver(finder: self).resolve(applyRules(mentions))
    }

    private func hasCapital(_ index: Int) -> Bool {
        features[index].form.unicodeScalars.contains { $0.properties.isUppercase }
    }

    private func isCapitalised(_ index: Int) -> Bool {
        guard let first = features[index].form.unicodeScalars.first else { return false }
        return first.properties.isUppercase
    }

    /// The tagger's mentions in one sentence, merged with the gazetteer's.
    private func sentenceMentions(_ range: Range<Int>, midCapitalised: Set<String>) -> [Mention] {
        var sentenceTokens = Array(features[range])
        // Cue verbs count as common words, so that a headline's "Asks" reads as "asks".
        for index in sentenceTokens.indices where language.rules.cueVerbs.contains(sentenceTokens[index].lower) { sentenceTokens[index].isCommonWord = true }
        // What the tagger sees: in a headline, common words are written in lowercase. With no
        // tagger, runs of capitalised words stand in for its mentions.
        let recased = language.model?.recased(sentenceTokens) ?? sentenceTokens
        let (tags, margins) = language.model?.tag(recased, isRecased: true) ?? capitalisedRuns(range, midCapitalised: midCapitalised)
        let isHeadline = recased.first.map { $0.lineCase != .normal } ?? false
        func isRecased(_ index: Int) -> Bool { isHeadline && recased[index].form != sentenceTokens[index].form && recased[index].form == recased[index].lower }
        // "Johnson Asks Macron", "Macron To Back Brexit": a cue verb in a headline or in lowercase,
        // and a common word of four letters or more in a headline, end a name; a shorter one
        // stays inside one ("Bank Of England") but neither starts nor ends it. A break is no
        // part of any name.
        func breaksName(_ index: Int) -> Bool {
            let cue = language.rules.cueVerbs.contains(sentenceTokens[index].lower) && (isHeadline || sentenceTokens[index].form == sentenceTokens[index].lower)
            // A handle is no part of a name either: "Twitter" in "on Twitter @RivertonGazette".
            let handle = tokens[range.lowerBound + index].kind == .handle || forms[range.lowerBound + index].hasPrefix("@")
            return cue || handle || (isRecased(index) && recased[index].lower.unicodeScalars.count > 3)
        }
        var mentions: [Mention] = []
        var index = 0
        while index < tags.count {
            let label = TaggerModel.labels[tags[index]]
            // After a break, the rest of the tagger's span ("I-PER" on "Macron") is a name of its own.
            guard label != "O", !breaksName(index) else { index += 1; continue }
            let type = String(label.dropFirst(2))
            var end = index + 1
            while end < tags.count, TaggerModel.labels[tags[end]] == "I-" + type, !breaksName(end) { end += 1 }
            var first = index
            index = end
            while first < end, isRecased(first) { first += 1 }
            while end > first, isRecased(end - 1) { end -= 1 }
            guard first < end else { continue }
            let margin = margins[first..<end].min() ?? .infinity
            mentions.append(Mention(first: range.lowerBound + first, end: range.lowerBound + end, type: type, origin: .model, margin: margin))
        }
        // The gazetteer: confident names fill gaps and fix types; a longer tagger mention wins.
        // The tagger's mentions and the gazetteer's matches are each in text order and never
        // overlap among themselves, so a match overlaps only the tagger mentions that a binary
        // search finds next to it: linear in the sentence's length (with a logarithm), however
        // long the sentence.
        var alive = [Bool](repeating: true, count: mentions.count)
        var added: [Mention] = []
        for match in language.gazetteer.matches(in: sentenceTokens) {
            let first = range.lowerBound + match.start, end = range.lowerBound + match.end
            let entry = language.gazetteer.entries[match.entry]
            // The first tagger mention that ends after the match starts.
            var low = 0, high = mentions.count
            while low < high {
                let middle = (low + high) / 2
                if mentions[middle].end <= first { low = middle + 1 } else { high = middle }
            }
            var overlapping: [Int] = []
            var position = low
            while position < mentions.count, mentions[position].first < end {
                if alive[position] { overlapping.append(position) }
                position += 1
            }
            // Without a tagger a capitalised run is only a guess, and the gazetteer's name wins.
            if language.model != nil, overlapping.contains(where: { mentions[$0].first <= first && mentions[$0].end >= end && (mentions[$0].first, mentions[$0].end) != (first, end) }) { continue }
            for position in overlapping { alive[position] = false }
            added.append(Mention(first: first, end: end, type: entry.type, subtype: entry.subtype, origin: overlapping.isEmpty ? .gazetteer : .model, entry: match.entry))
        }
        guard !added.isEmpty else { return mentions }
        return (mentions.indices.filter { alive[$0] }.map { mentions[$0] } + added).sorted { $0.first < $1.first }
    }

    /// Whether the token opens its sentence, a quotation or a parenthesis: no word before it in
    /// its sentence, or right after an opening mark, a dash or a colon. A capital there says
    /// nothing about a name.
    private func opensClause(_ index: Int) -> Bool {
        if sentenceStart[index] || index == 0 || sentenceOf[index - 1] != sentenceOf[index] { return true }
        guard tokens[index - 1].kind == .punctuation else { return false }
        if forms[index - 1] == "," || forms[index - 1] == ";" { return false }
        // Only punctuation before it in the sentence, or an opening mark right before it.
        var previous = index - 1
        while previous >= 0, sentenceOf[previous] == sentenceOf[index], tokens[previous].kind == .punctuation {
            if sentenceStart[previous] { return true }
            previous -= 1
        }
        return previous < 0 || sentenceOf[previous] != sentenceOf[index]
            || forms[index - 1].unicodeScalars.allSatisfy { "«“\"‘'(—–:¿¡[".unicodeScalars.contains($0) }
    }

    /// Tags for one sentence when the language has no tagger: every run of capitalised words
    /// that is not a title or a word that is never a name, joined over a name particle between
    /// two capitalised words ("Ministerio de Sanidad"), is a `MISC` mention. A single word that
    /// opens a sentence or quotation is one only when it is written capitalised elsewhere too
    /// (`midCapitalised`) or is in the gazetteer: "Queremos", "Fuentes" are not names.
    private func capitalisedRuns(_ range: Range<Int>, midCapitalised: Set<String>) -> (tags: [Int], margins: [Float]) {
        let outside = 0, begin = TaggerModel.labels.firstIndex(of: "B-MISC") ?? 0, inside = TaggerModel.labels.firstIndex(of: "I-MISC") ?? 0
        var tags = [Int](repeating: outside, count: range.count)
        func isNameWord(_ index: Int) -> Bool {
            tokens[index].kind == .word && isCapitalised(index) && !features[index].isTitle && !language.rules.neverNames.contains(features[index].lower)
        }
        var index = range.lowerBound
        while index < range.upperBound {
            guard isNameWord(index) else { index += 1; continue }
            tags[index - range.lowerBound] = begin
            var end = index + 1
            while end < range.upperBound {
                if isNameWord(end) {
                    tags[end - range.lowerBound] = inside
                    end += 1
                } else if end + 1 < range.upperBound, tokens[end].kind == .word, language.rules.nameParticles.contains(features[end].lower), isNameWord(end + 1) {
                    tags[end - range.lowerBound] = inside
                    tags[end + 1 - range.lowerBound] = inside
                    end += 2
                } else {
                    break
                }
            }
            if end == index + 1, opensClause(index), !midCapitalised.contains(features[index].form), features[index].gazetteer.isEmpty {
                tags[index - range.lowerBound] = outside
            }
            index = end
        }
        return (tags, [Float](repeating: .infinity, count: range.count))
    }

    private func applyRules(_ found: [Mention]) -> [Mention] {
        let rules = language.rules
        let gazetteer = language.gazetteer
        var mentions: [Mention] = []
        var covered = [Bool](repeating: false, count: tokens.count)
        for var mention in found {
            // A name has a capital somewhere ("al-Qaeda"), unless the language's corpus gives
            // the type to lowercase nouns too (KIND: "il governo", "l'esercito russo" are ORG);
            // such a mention is kept as the tagger found it.
            let lowercaseKept = mention.origin == .model && rules.lowercaseTypes?.contains(mention.type) == true
                && !(mention.first..<mention.end).contains(where: hasCapital)
            guard lowercaseKept || (mention.first..<mention.end).contains(where: hasCapital) else { continue }
            // A title alone ("Prof") is no name; the name after it is found below.
            guard (mention.first..<mention.end).contains(where: { !features[$0].isTitle }) else { continue }
            // A name starts and ends with a capitalised word: "a BBCNewsbeat", "La Libia" → the name.
            // A capitalised particle inside a sentence stays: "Di Pietro", "Delle Donne".
            while !lowercaseKept, mention.end - mention.first > 1, mention.entry == nil,
                  !hasCapital(mention.first) || rules.neverNames.contains(features[mention.first].lower),
                  !(isCapitalised(mention.first) && !sentenceStart[mention.first] && rules.nameParticles.contains(features[mention.first].lower)) { mention.first += 1 }
            // Where the corpus gives the type to lowercase nouns, it also keeps the lowercase words
            // after a capitalised head in the name (KIND: "Polizia stradale", "Consiglio comunale",
            // "Vigili del fuoco"), so the tagger's own end stands.
            let keepsTail = lowercaseKept || (mention.origin == .model && rules.lowercaseTypes?.contains(mention.type) == true)
            while !keepsTail, mention.end - mention.first > 1, mention.entry == nil, !hasCapital(mention.end - 1), tokens[mention.end - 1].kind != .number { mention.end -= 1 }
            // "Bashar" + "al-Assad": a name goes on over particles ("al-Assad", "bin Laden").
            if mention.first > 0, isParticleName(mention.first), isCapitalised(mention.first - 1), sentenceOf[mention.first - 1] == sentenceOf[mention.first],
               !features[mention.first - 1].isTitle, !rules.neverNames.contains(features[mention.first - 1].lower), mentions.last.map({ $0.end <= mention.first - 1 }) ?? true {
                mention.first -= 1
            }
            while mention.end < features.count, sentenceOf[mention.end] == sentenceOf[mention.first], isParticleName(mention.end) {
                mention.end += rules.nameParticles.contains(features[mention.end].lower) ? 2 : 1
            }
            // "Transport Secretary Alan Whitcombe": a role inside a person's span starts the name after it.
            if mention.type == "PER", mention.entry == nil, mention.end - mention.first > 2,
               let role = (mention.first + 1..<(mention.end - 1)).last(where: { gazetteer.roles.contains(features[$0].lower) || gazetteer.titles.contains(features[$0].lower) }) {
                mention.title = mention.first..<(role + 1)
                mention.first = role + 1
            }
            // "striker Liam Oduya", "Maeve Corrigan": a capitalised word right before a person is
            // their given name, unless it is a common word, a title or the end of another name.
            if mention.type == "PER", mention.entry == nil, mention.title == nil, mention.first > 0,
               sentenceOf[mention.first - 1] == sentenceOf[mention.first], tokens[mention.first - 1].kind == .word,
               isCapitalised(mention.first - 1), !features[mention.first - 1].isTitle,
               !rules.neverNames.contains(features[mention.first - 1].lower), !isCommonWord(features[mention.first - 1].lower),
               !rules.cueVerbs.contains(features[mention.first - 1].lower),
               !features[mention.first - 1].form.contains("-"), features[mention.first - 1].gazetteer.isEmpty,
               // "all’Ambiente Giulia Ferrante", "degli Esteri Stefano Amato": a portfolio, not a name.
               mention.first < 2 || sentenceOf[mention.first - 2] != sentenceOf[mention.first] || !rules.portfolioMarkers.contains(features[mention.first - 2].lower),
               mentions.last.map({ $0.end <= mention.first - 1 }) ?? true {
                mention.first -= 1
            }
            // Given names: "Lars" + "Eklund" is one person, and "Leo Park" is a person, not a park.
            let names = language.gazetteer.givenNames
            if mention.first > 0, mention.entry == nil, sentenceOf[mention.first - 1] == sentenceOf[mention.first], isCapitalised(mention.first - 1),
               mentions.last.map({ $0.end <= mention.first - 1 }) ?? true,
               names.female.contains(features[mention.first - 1].lower) || names.male.contains(features[mention.first - 1].lower) {
                mention.first -= 1
                mention.type = "PER"
            }
            // "Marina Militare" is no person: the rest of the name is a common word.
            if mention.entry == nil, mention.end - mention.first >= 2, mention.type != "PER",
               names.female.contains(features[mention.first].lower) || names.male.contains(features[mention.first].lower),
               !rules.placeSuffixes.contains(features[mention.end - 1].lower),
               !(mention.first + 1..<mention.end).contains(where: { isCommonWord(features[$0].lower) || (language.model?.isCommon(features[$0].lower) ?? false) }) {
                mention.type = "PER"
            }
            // Titles and roles at the start of a mention stay outside it.
            while mention.end - mention.first > 1, gazetteer.titleLength(features, at: mention.first) > 0 {
                let length = gazetteer.titleLength(features, at: mention.first)
                guard mention.first + length < mention.end else { break }
                mention.title = mention.first..<(mention.first + length)
                mention.first += length
                mention.type = "PER"
            }
            if mention.title == nil, let title = titleBefore(mention.first), mention.type == "PER" || mention.entry == nil {
                mention.title = title
                if mention.entry == nil { mention.type = "PER" }
            }
            // Hyphenated compounds: "anti-Assad" is no mention of Assad.
            let firstWord = features[mention.first].lower
            if let hyphen = firstWord.firstIndex(of: "-"), rules.compoundPrefixes.contains(String(firstWord[..<hyphen])) { continue }
            // Handles are accounts, not names.
            if (mention.first..<mention.end).contains(where: { tokens[$0].kind == .handle || forms[$0].contains("_") || forms[$0].hasPrefix("@") }) { continue }
            if isAfterPlatform(mention.first, in: mentions) { continue }
            // A capitalised sentence opener that is a common word is no name.
            if mention.end - mention.first == 1, mention.entry == nil, rules.neverNames.contains(firstWord) { continue }
            if mention.end - mention.first == 1, mention.entry == nil, sentenceStart[mention.first], mention.title == nil, isCommonWord(firstWord) { continue }
            // A one-word "name" seen only at sentence starts, not a given name: "Nobody was hurt".
            if mention.end - mention.first == 1, mention.entry == nil, sentenceStart[mention.first], mention.title == nil,
               !innerCapitalised.contains(features[mention.first].form), !language.gazetteer.givenNames.female.contains(firstWord), !language.gazetteer.givenNames.male.contains(firstWord),
               mention.margin < 8 { continue }
            // "Quay Street", "Mill Lane", "piazza Venezia": the name says it is a place.
            if mention.entry == nil, mention.end - mention.first > 1,
               rules.placeSuffixes.contains(features[mention.end - 1].lower) || rules.placePrefixes.contains(features[mention.first].lower) { mention.type = "LOC" }
            // The publication itself: "the Gazette" in the "Riverton Gazette".
            if let site = publicationName, mention.entry == nil {
                let text = forms[mention.first..<mention.end].joined(separator: " ")
                if text == site || text == site.split(separator: " ").last.map(String.init) { mention.type = "ORG"; mention.publication = site }
            }
            // Policy: a place stays a place when it acts politically.
            if mention.subtype == "GPE" { mention.type = "LOC" }
            if let entry = mention.entry, gazetteer.entries[entry].subtype == "platform" {
                mention.type = "ORG"
                mention.subtype = "platform"
            }
            for index in mention.first..<mention.end { covered[index] = true }
            mentions.append(mention)
        }
        // A capitalised word after a title is a person's name ("il professor Light").
        for index in features.indices where features[index].isTitle && !covered[index] {
            let length = gazetteer.titleLength(features, at: index)
            let start = index + length
            guard length > 0, start < features.count, !covered[start], isCapitalised(start), !features[start].isTitle,
                  sentenceOf[start] == sentenceOf[index], tokens[start].kind == .word else { continue }
            var end = start + 1
            while end < features.count, !covered[end], sentenceOf[end] == sentenceOf[index], isCapitalised(end) || (rules.nameParticles.contains(features[end].lower) && end + 1 < features.count && isCapitalised(end + 1)) { end += 1 }
            guard !rules.neverNames.contains(features[start].lower), !rules.cueVerbs.contains(features[start].lower) else { continue }
            mentions.append(Mention(first: start, end: end, type: "PER", origin: .title, title: index..<start))
            for position in start..<end { covered[position] = true }
        }
        // A name found once is found everywhere: "“Assad stava vincendo" after "Bashar al-Assad".
        var known: [String: Mention] = [:]
        for mention in mentions where mention.origin != .acronym {
            let last = mention.end - 1
            if mention.end - mention.first == 1 || mention.type == "PER" {
                var single = mention
                single.first = last
                single.title = nil
                single.origin = .alias
                if known[features[last].form] == nil, hasCapital(last) { known[features[last].form] = single }
            }
        }
        for index in features.indices where !covered[index] && tokens[index].kind == .word {
            guard var mention = known[features[index].form], !features[index].isTitle else { continue }
            mention.first = index
            mention.end = index + 1
            mention.title = titleBefore(index)
            mentions.append(mention)
            covered[index] = true
        }
        mentions.sort { $0.first < $1.first }
        // "Stato Islamico (IS)": the acronym in parentheses is the same entity.
        var index = 0
        while index < mentions.count {
            let mention = mentions[index]
            let open = mention.end, acronym = mention.end + 1, close = mention.end + 2
            if close < forms.count, forms[open] == "(", forms[close] == ")", mention.end - mention.first > 1,
               isAcronym(forms[acronym]) || spellsInitials(forms[acronym], of: mention) {
                if let existing = mentions.firstIndex(where: { $0.first == acronym && $0.end == acronym + 1 }) {
                    mentions[existing].type = mention.type
                    mentions[existing].subtype = mention.subtype
                    mentions[existing].linkedTo = index
                } else {
                    mentions.insert(Mention(first: acronym, end: acronym + 1, type: mention.type, subtype: mention.subtype, origin: .acronym, linkedTo: index), at: index + 1)
                }
            }
            index += 1
        }
        return mentions
    }

    /// "al-Assad", or "bin" before a capitalised word: the rest of a name.
    private func isParticleName(_ index: Int) -> Bool {
        let word = features[index].lower
        if let hyphen = word.firstIndex(of: "-"), language.rules.nameParticles.contains(String(word[..<hyphen])),
           features[index].form.unicodeScalars.contains(where: { $0.properties.isUppercase }) { return true }
        return language.rules.nameParticles.contains(word) && word.count > 2 && index + 1 < features.count && isCapitalised(index + 1)
            && sentenceOf[index + 1] == sentenceOf[index]
    }

    /// "il signor Reeve", "Prof Light": the title or role right before `index`.
    private func titleBefore(_ index: Int) -> Range<Int>? {
        for length in [3, 2, 1] where index - length >= 0 {
            let start = index - length
            if language.gazetteer.titleLength(features, at: start) == length, sentenceOf[start] == sentenceOf[index] { return start..<index }
        }
        return nil
    }

    /// "Instagram a BBCNewsbeat", "Snapchat, cerca bbc_newsbeat": a handle after a platform.
    ///
    /// `mentions` are in text order, so only its last few can end within two tokens of `index`:
    /// the search stops at the first that ends earlier (it was a scan of every earlier mention,
    /// quadratic in a document's mentions).
    private func isAfterPlatform(_ index: Int, in mentions: [Mention]) -> Bool {
        for platform in mentions.reversed() {
            if platform.end < index - 2 { return false }
            guard platform.end <= index, platform.subtype == "platform" else { continue }
            guard (1...2).contains(index - platform.end) else { return false }
            return (platform.end..<index).allSatisfy { language.rules.handleCues.contains(features[$0].lower) || forms[$0] == "," }
        }
        return false
    }

    /// Whether the lowercase form appears as a lowercase word elsewhere in the document.
    private func isCommonWord(_ lower: String) -> Bool {
        lowercaseWords.contains(lower)
    }

    /// "Fat" for "Federazione Autonoma dei Trasporti": an acronym written in mixed case.
    private func spellsInitials(_ form: String, of mention: Mention) -> Bool {
        let initials = (mention.first..<mention.end).compactMap { index -> Character? in
            guard isCapitalised(index), let first = forms[index].first else { return nil }
            return first
        }
        return initials.count >= 2 && form.count == initials.count && form.first?.isUppercase == true
            && form.lowercased() == String(initials).lowercased()
    }

    private func isAcronym(_ form: String) -> Bool {
        let scalars = form.unicodeScalars
        return scalars.count >= 2 && scalars.count <= 6 && scalars.allSatisfy { $0.properties.isUppercase || $0 == "." }
    }

    func excerpt(_ range: Range<Int>) -> TextExcerpt {
        let span = TextSpan(start: tokens[range.lowerBound].start, end: tokens[range.upperBound - 1].end)
        return TextExcerpt(span: span, text: document.text(of: span))
    }
}
