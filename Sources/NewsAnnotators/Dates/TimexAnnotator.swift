public import NewsAnnotation

/// Finds temporal expressions and normalises them to TIMEX3 values.
///
/// - Requires: `tokens`, `sentences`.
/// - Produces: `dates`.
/// - Languages: every language with a `Dates/Resources/dates-<lang>.json` (word lists and
///   rules are data). Documents in other languages get an empty layer.
/// - Anchoring: relative expressions ("la scorsa settimana", "two years ago", "on Tuesday")
///   are resolved against the document's publication date (`metadata.published`, which the
///   CLI's `--published` fills when the input has none) and marked `anchor: "published"`.
///   Without a publication date they keep underspecified values (`XXXX-WXX`, `PAST_REF`) and
///   are never invented. Bare weekdays and months look at the sentence's tense.
/// - Vetoes: a year-like number followed by a counted noun ("2000 soldati"), a unit or a
///   currency, or preceded by "pagina", "page", "route"…, is no date.
/// - Leaves out: event anchoring beyond the publication date, and time zones.
public struct TimexAnnotator: Annotator {
    /// The stage id.
    public static let id = "dates"

    private let matchers: [String: TimexMatcher]

    public let descriptor: AnnotatorDescriptor

    /// Creates the stage with the bundled rules of every language that has a `dates-<lang>.json`.
    ///
    /// - Throws: ``ResourceError`` when a rule file is missing or a pattern does not compile.
    public init() throws(ResourceError) {
        try self.init(bundled: TimexRules.bundledLanguages)
    }

    /// The stage with the bundled rules of the given languages only (``LazyLanguageAnnotator``
    /// builds one per language as documents in it arrive).
    init(bundled languages: [String]) throws(ResourceError) {
        var rules: [TimexRules] = []
        for language in languages { rules.append(try TimexRules.bundled(language)) }
        try self.init(rules: rules)
    }

    /// Creates the stage with explicit rules, one set per language.
    public init(rules: [TimexRules]) throws(ResourceError) {
        var matchers: [String: TimexMatcher] = [:]
        for set in rules { matchers[set.language] = try TimexMatcher(rules: set) }
        self.matchers = matchers
        descriptor = AnnotatorDescriptor(
            id: Self.id,
            summary: "Finds temporal expressions and normalises them to TIMEX3 values, anchoring relative ones on the publication date.",
            version: "3",
            requires: [Layers.tokens, Layers.sentences],
            produces: [Layers.dates],
            languages: Set(rules.map(\.language)),
            examples: LanguageExample.annotatorExamples(Dictionary(rules.map { ($0.language, $0.stageExamples) }, uniquingKeysWith: { first, _ in first })))
    }

    /// The rules of `language`, for tests and docs.
    public func rules(for language: String) -> TimexRules? { matchers[language]?.rules }

    public func annotate(_ document: Document) throws -> LayerBundle {
        var bundle = LayerBundle()
        guard let language = document.metadata.language, let matcher = matchers[language] else {
            bundle[Layers.dates] = []
            return bundle
        }
        let anchor = document.metadata.published.flatMap(CivilDate.init(iso:))
        let tokens = document[Layers.tokens] ?? []
        let sentences = document[Layers.sentences] ?? []
        let scalars = document.content.scalars
        var timexes: [Timex] = []
        var tokenIndex = 0
        // The last day-level date so far, for "the previous day".
        var documentDay: CivilDate?
        // The quarter the text last named, for "a year ago" and "the latest quarter".
        var referenceQuarter: Int?
        var classCache: [String: [String: TimexCapture]] = [:]
        // Token ranges of the sentences, in order.
        var ranges: [Range<Int>] = []
        for sentence in sentences {
            while tokenIndex < tokens.count, tokens[tokenIndex].end <= sentence.start { tokenIndex += 1 }
            var last = tokenIndex
            while last < tokens.count, tokens[last].start < sentence.end { last += 1 }
            ranges.append(tokenIndex..<last)
            tokenIndex = last
        }
        ranges = joiningClockTimes(ranges, tokens: tokens, scalars: scalars, matcher: matcher)
        for (number, range) in ranges.enumerated() {
            // Past the time budget, stop: the pipeline fails the document (``WorkBudget``).
            if number % 64 == 0, WorkBudget.isExhausted { break }
            timexes += annotate(sentence: Array(tokens[range]), scalars: scalars, matcher: matcher, anchor: anchor, idOffset: timexes.count, document: document, documentDay: &documentDay, referenceQuarter: &referenceQuarter, classCache: &classCache)
        }
        bundle[Layers.dates] = timexes
        return bundle
    }

    private func annotate(sentence tokens: [Token], scalars: [Unicode.Scalar], matcher: TimexMatcher, anchor: CivilDate?, idOffset: Int, document: Document, documentDay: inout CivilDate?, referenceQuarter: inout Int?, classCache: inout [String: [String: TimexCapture]]) -> [Timex] {
        let words = tokens.map { TimexPattern.normalize(String(String.UnicodeScalarView(scalars[$0.start..<$0.end]))) }
        let capitalized = tokens.map { scalars[$0.start].properties.isUppercase }
        let classes = matcher.classify(words, capitalized: capitalized, cache: &classCache)
        let rules = matcher.rules
        // Per token: + for a future cue, − for a past one (a word of the lists, or a word with a
        // tense ending: "announced", "-rà"); computed only when a bare weekday or month needs
        // the tense.
        let tense = rules.tense
        var computedCues: [Int]?
        func cues() -> [Int] {
            if let computedCues { return computedCues }
            let participleAfter = Set(tense.participleAfter ?? [])
            var cues: [Int] = words.indices.map { index in
                let word = words[index]
                if tense.future.contains(word) { return 1 }
                if tense.past.contains(word) { return -1 }
                if tense.futureSuffixes.contains(where: { word.count > $0.count + 2 && word.hasSuffix($0) }) { return 1 }
                // A past ending makes a past verb, except in a compound ("N.J.-based") and after
                // a determiner or a present auxiliary ("the reduced dividend", "is scheduled").
                if tense.pastSuffixes.contains(where: { word.count > $0.count + 2 && word.hasSuffix($0) }),
                   !word.utf8.contains(UInt8(ascii: "-")), index == 0 || !participleAfter.contains(words[index - 1]) { return -1 }
                return 0
            }
            // "will be switched on": a participle after a future auxiliary is future.
            for (index, word) in words.enumerated() where tense.futureAuxiliaries.contains(word) {
                for next in (index + 1)..<min(index + 4, words.count) where cues[next] < 0 { cues[next] = 1 }
            }
            computedCues = cues
            return cues
        }
        // The verb that governs a time adjunct: the nearest cue within its clause (up to a comma
        // or a semicolon), looking left then right. +1 future, −1 past, 0 when no word of the
        // clause tells (a verb of another clause says nothing of this one's time).
        let boundaries: Set<String> = [",", ";", ":", "–", "—", "(", ")"]
        // For each position, the nearest cue before it and the nearest from it on within its
        // clause, computed once: a scan per match would be quadratic in a long clause.
        var computedNearest: (before: [Int], from: [Int])?
        func nearestCues() -> (before: [Int], from: [Int]) {
            if let computedNearest { return computedNearest }
            let cues = cues()
            var before = [Int](repeating: 0, count: words.count + 1)
            var from = [Int](repeating: 0, count: words.count + 1)
            var last = 0
            for index in words.indices {
                before[index] = last
                if boundaries.contains(words[index]) { last = 0 } else if cues[index] != 0 { last = cues[index] }
            }
            before[words.count] = last
            var next = 0
            for index in words.indices.reversed() {
                if boundaries.contains(words[index]) { next = 0 } else if cues[index] != 0 { next = cues[index] }
                from[index] = next
            }
            computedNearest = (before, from)
            return (before, from)
        }
        func direction(around first: Int, _ end: Int) -> Int {
            if first > 0, tense.futurePrepositions.contains(words[first - 1]) { return 1 }
            let nearest = nearestCues()
            // The nearest cue of the clause before the expression, else after it (a boundary
            // inside the expression ends the clause it looks into).
            if nearest.before[first] != 0 { return nearest.before[first] }
            return end < words.count ? nearest.from[end] : 0
        }
        // First the matches, then their values: a time takes its day from the nearest dated
        // expression of the sentence, before or after it ("at noon on Tuesday").
        var matches: [TimexMatch] = []
        var position = 0
        while position < words.count {
            // Past the time budget, stop (one huge sentence): the pipeline fails the document.
            if position & 4095 == 4095, WorkBudget.isExhausted { break }
            // A vetoed match gives way to the longest match of the other rules ("due giorni prima
            // del voto" is no "un anno prima", but still "due giorni").
            var excluded: Set<Int> = []
            var candidate = matcher.longestMatch(in: words, classes: classes, at: position)
            while let vetoed = candidate, isVetoed(vetoed, words: words, tokens: tokens, scalars: scalars, matcher: matcher) {
                excluded.insert(vetoed.rule)
                candidate = matcher.longestMatch(in: words, classes: classes, at: position, excluding: excluded)
            }
            if var match = candidate {
                // A leading context word ("in" of "in the past") is no part of the match: a
                // longer expression starting right after it wins ("in the past two months").
                if matcher.patterns[match.rule].hasLeadingContext, let later = matcher.longestMatch(in: words, classes: classes, at: position + 1),
                   later.endToken > match.endToken, !isVetoed(later, words: words, tokens: tokens, scalars: scalars, matcher: matcher) {
                    match = later
                }
                matches.append(match)
                position = match.endToken
            } else {
                position += 1
            }
        }
        var normalizer = TimexNormalizer(anchor: anchor, direction: 0, contextDay: nil, referenceQuarter: referenceQuarter)
        normalizer.nearestWithinDays = tense.nearestWithinDays ?? 0
        var results: [TimexNormalizer.Result?] = Array(repeating: nil, count: matches.count)
        for (index, match) in matches.enumerated() where !rules.rules[match.rule].value.hasPrefix("@time") {
            let recipe = rules.rules[match.rule].value
            let needsTense = recipe == "@weekday" || recipe == "@weekend" || recipe == "@month" || (recipe == "@date" && match.captures["year"] == nil)
            // A comma the pattern took at the end ("Nov. 21,") closes the clause; it is not in it.
            var clauseEnd = match.endToken
            while clauseEnd > match.firstToken + 1, boundaries.contains(words[clauseEnd - 1]) { clauseEnd -= 1 }
            normalizer.direction = needsTense ? direction(around: match.firstToken, clauseEnd) : 0
            normalizer.contextDay = documentDay
            normalizer.referenceQuarter = referenceQuarter
            results[index] = normalizer.normalize(recipe: recipe, captures: match.captures)
            if let day = results[index]?.day, !recipe.hasPrefix("@contextday") { documentDay = day }
            // A quarter named with its number ("third-quarter", "the second quarter") is the
            // period the text now reports on.
            if recipe == "@quarter" || (recipe == "@yearquarter" && match.captures["ordinal"] != nil && (match.captures["dir"]?.number ?? 0) == 0),
               let value = results[index]?.value, let quarter = TimexNormalizer.quarterIndex(of: value) {
                referenceQuarter = quarter
            }
        }
        // The nearest match with a day, before or after each time (the earlier one on a tie;
        // a time valued before counts), kept as the loop goes rather than searched per time.
        var dayAfter = [Int?](repeating: nil, count: matches.count)
        var nextDay: Int?
        for index in matches.indices.reversed() {
            dayAfter[index] = nextDay
            if results[index]?.day != nil { nextDay = index }
        }
        var lastDay: Int?
        for (index, match) in matches.enumerated() {
            guard rules.rules[match.rule].value.hasPrefix("@time") else {
                if results[index]?.day != nil { lastDay = index }
                continue
            }
            defer { if results[index]?.day != nil { lastDay = index } }
            let nearest: Int? = switch (lastDay, dayAfter[index]) {
            case let (before?, after?): index - before <= after - index ? before : after
            case let (before?, nil): before
            case let (nil, after?): after
            case (nil, nil): nil
            }
            normalizer.contextDay = nearest.flatMap { results[$0]?.day }
            // A time with its own weekday or day of the month ("10 p.m. Wednesday") takes the tense.
            let namesDay = match.captures["weekday"] != nil || (match.captures["month"] != nil && match.captures["year"] == nil)
            normalizer.direction = namesDay ? direction(around: match.firstToken, match.endToken) : 0
            results[index] = normalizer.normalize(recipe: rules.rules[match.rule].value, captures: match.captures)
        }
        var found: [Timex] = []
        for (index, match) in matches.enumerated() {
            guard let result = results[index] else { continue }
            let rule = rules.rules[match.rule]
            var first = match.firstToken + (matcher.patterns[match.rule].hasLeadingContext ? 1 : 0)
            var last = match.endToken - 1
            // An optional comma may open or end a match (", March 1," with no year); it is no part of it.
            while last > first, tokens[last].kind == .punctuation { last -= 1 }
            while first < last, tokens[first].kind == .punctuation { first += 1 }
            let span = TextSpan(start: tokens[first].start, end: tokens[last].end)
            found.append(Timex(
                id: "t\(idOffset + found.count + 1)", span: span, text: document.text(of: span), type: rule.type,
                value: result.value, mod: rule.mod ?? match.captures["mod"]?.text ?? result.mod,
                quant: rule.quant, freq: rule.freq, anchor: result.isRelative ? "published" : nil, rule: rule.id))
        }
        return found
    }

    /// Sentences rejoined where the segmenter took the dot of "p.m." for a full stop: a sentence
    /// that ends on a half of the day (`lexicon.meridiem`) goes on into the next one when that
    /// starts with a weekday, a month or a time zone in capitals ("10 p.m. Wednesday", "5 p.m.
    /// EST Nov. 9"), so the clock time and its day are one expression.
    private func joiningClockTimes(_ ranges: [Range<Int>], tokens: [Token], scalars: [Unicode.Scalar], matcher: TimexMatcher) -> [Range<Int>] {
        guard let meridiem = matcher.rules.lexicon.meridiem, !meridiem.isEmpty, ranges.count > 1 else { return ranges }
        func word(_ index: Int) -> String { TimexPattern.normalize(String(String.UnicodeScalarView(scalars[tokens[index].start..<tokens[index].end]))) }
        func endsOnMeridiem(_ range: Range<Int>) -> Bool {
            guard let last = range.last else { return false }
            if meridiem[word(last)] != nil { return true }
            return word(last) == "." && last > range.lowerBound && meridiem[word(last - 1)] != nil
        }
        func startsWithDayOrZone(_ range: Range<Int>) -> Bool {
            guard let first = range.first else { return false }
            let text = String(String.UnicodeScalarView(scalars[tokens[first].start..<tokens[first].end]))
            if matcher.matchClass("weekday", word(first)) != nil || matcher.matchClass("month", word(first)) != nil { return true }
            return (2...4).contains(text.count) && text.unicodeScalars.allSatisfy { $0.properties.isUppercase }
        }
        var joined: [Range<Int>] = [ranges[0]]
        for range in ranges.dropFirst() {
            if let previous = joined.last, endsOnMeridiem(previous), startsWithDayOrZone(range) {
                joined[joined.count - 1] = previous.lowerBound..<range.upperBound
            } else {
                joined.append(range)
            }
        }
        return joined
    }

    /// A year-like number that counts things, names a page or comes with a currency is no date.
    private func isVetoed(_ match: TimexMatch, words: [String], tokens: [Token], scalars: [Unicode.Scalar], matcher: TimexMatcher) -> Bool {
        let pattern = matcher.patterns[match.rule]
        // "the quarter of a century": a rule's own words that may not follow it.
        if let notBefore = matcher.rules.rules[match.rule].notBefore, match.endToken < words.count, notBefore.contains(words[match.endToken]) { return true }
        if let onlyBefore = matcher.rules.rules[match.rule].onlyBefore, match.endToken >= words.count || !onlyBefore.contains(words[match.endToken]) { return true }
        // "Sun" (the newspaper), "Jan" (a name): an abbreviation alone is no date.
        if match.endToken - match.firstToken == 1, let alone = matcher.rules.vetoes.alone, !alone.isEmpty {
            let word = words[match.firstToken]
            if alone.contains(word) || (word.hasSuffix(".") && alone.contains(String(word.dropLast()))) { return true }
        }
        let yearOnly = pattern.items.filter { !$0.isOptional }.allSatisfy {
            if case .wordClass(let name) = $0.element { return name == "year" || name == "decadenum" }
            return false
        }
        guard yearOnly || match.captures["year"] != nil else { return false }
        let vetoes = matcher.rules.vetoes
        if match.endToken < words.count {
            let next = words[match.endToken]
            if vetoes.after.contains(next) || ["%", "€", "$", "£"].contains(next) { return true }
            if matcher.matchClass("unit", next) != nil, yearOnly { return true }
        }
        if match.firstToken > 0 {
            let previous = words[match.firstToken - 1]
            if vetoes.before.contains(previous) || ["$", "€", "£", "#"].contains(previous) { return true }
        }
        return false
    }
}
