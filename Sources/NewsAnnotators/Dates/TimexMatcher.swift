/// What a class element captured from a token.
struct TimexCapture: Sendable {
    var number: Int?
    var text: String?
    /// A number word that gives no exact count ("several"): durations of it are `PX…`.
    var isVague = false
}

/// A rule's match over a sentence's tokens: where, and what it captured.
struct TimexMatch {
    var rule: Int
    var firstToken: Int
    var endToken: Int
    var captures: [String: TimexCapture]
}

/// Matches compiled rule patterns against the normalised words of one sentence.
struct TimexMatcher: Sendable {
    let rules: TimexRules
    let patterns: [TimexPattern]
    private let past: Set<String>
    private let next: Set<String>
    private let this: Set<String>
    private let capitalizedOnly: Set<String>
    private let vague: Set<String>
    /// The classes of every word in the word lists, computed once at load time.
    private var wordListIndex: [String: [String: TimexCapture]] = [:]
    /// Rules by a literal word that can start them.
    private let literalStarters: [String: [Int]]
    /// Rules by a word class that can start them.
    private let classStarters: [(name: String, rules: [Int])]

    init(rules: TimexRules) throws(ResourceError) {
        self.rules = rules
        var patterns: [TimexPattern] = []
        for rule in rules.rules {
            do {
                patterns.append(try TimexPattern(rule.pattern))
            } catch {
                throw ResourceError(resource: "dates-\(rules.language).json", message: "rule '\(rule.id)': \(error.message)")
            }
        }
        self.patterns = patterns
        past = Set(rules.lexicon.past)
        next = Set(rules.lexicon.next)
        this = Set(rules.lexicon.this)
        capitalizedOnly = Set(rules.lexicon.capitalizedOnly)
        vague = Set(rules.lexicon.vague ?? [])
        // Index the rules by the elements that can start a match (up to the first required
        // one), so that each token tries only the rules it can begin.
        var literals: [String: [Int]] = [:]
        var classes: [String: [Int]] = [:]
        for (index, pattern) in patterns.enumerated() {
            for item in pattern.items {
                switch item.element {
                case .literal(let words): for word in words { literals[word, default: []].append(index) }
                case .wordClass(let name): classes[name, default: []].append(index)
                }
                if !item.isOptional { break }
            }
        }
        literalStarters = literals
        classStarters = classes.keys.sorted().map { ($0, classes[$0] ?? []) }
        let lexicon = rules.lexicon
        var listed = Set(lexicon.month.keys).union(lexicon.weekday.keys).union(lexicon.number.keys).union(lexicon.ordinal.keys)
        listed.formUnion(lexicon.unit.keys)
        listed.formUnion(lexicon.season.keys)
        listed.formUnion(lexicon.partOfDay.keys)
        listed.formUnion(lexicon.past + lexicon.next + lexicon.this)
        listed.formUnion(lexicon.mod.keys)
        listed.formUnion(lexicon.clock.keys)
        listed.formUnion(lexicon.centuryName.keys)
        listed.formUnion(lexicon.vague ?? [])
        listed.formUnion((lexicon.meridiem ?? [:]).keys)
        var index: [String: [String: TimexCapture]] = [:]
        for word in listed {
            var found: [String: TimexCapture] = [:]
            for name in Self.wordListClasses {
                if let capture = matchClass(name, word) { found[name] = capture }
            }
            index[word] = found
        }
        wordListIndex = index
    }

    /// The classes a word without digits or hyphens can belong to.
    private static let wordListClasses: Set<String> = [
        "month", "weekday", "number", "ordinal", "unit", "season", "partofday", "dir", "mod", "day", "century",
        "centuryname", "clock", "ampm",
    ]

    /// The word classes each word belongs to, computed once per word (`cache` carries them
    /// across the sentences of a document).
    func classify(_ words: [String], capitalized: [Bool], cache: inout [String: [String: TimexCapture]]) -> [[String: TimexCapture]] {
        words.indices.map { index in
            let word = words[index]
            if !capitalized[index] && capitalizedOnly.contains(word) { return [:] }
            if let known = cache[word] { return known }
            var classes: [String: TimexCapture] = [:]
            // Most words have no digit and no hyphen: only the word-list classes can hold them.
            let hasDigit = word.utf8.contains { $0 >= 0x30 && $0 <= 0x39 }
            let hasHyphen = word.utf8.contains(UInt8(ascii: "-"))
            if hasDigit || hasHyphen {
                for name in TimexPattern.classes {
                    if let capture = matchClass(name, word) { classes[name] = capture }
                }
            } else {
                // "Jan." and "gen." are listed without their dot.
                classes = wordListIndex[word] ?? (word.hasSuffix(".") ? wordListIndex[String(word.dropLast())] : nil) ?? [:]
                // Roman numerals (XX secolo) are not listed anywhere.
                if word.utf8.count >= 2, word.utf8.allSatisfy({ "ivxlc".utf8.contains($0) }), let capture = matchClass("century", word) {
                    classes["century"] = capture
                }
            }
            cache[word] = classes
            return classes
        }
    }

    /// The rules that may match at a word, in rule order.
    private func candidates(for word: String, classes: [String: TimexCapture]) -> [Int] {
        let literal = literalStarters[word]
        // Most words start no rule: no literal and no class.
        if literal == nil && classes.isEmpty { return [] }
        var result = Set(literal ?? [])
        if !classes.isEmpty {
            for (name, rules) in classStarters where classes[name] != nil { result.formUnion(rules) }
        }
        return result.sorted()
    }

    /// The longest match of any rule starting at `start`; earlier rules win ties.
    func longestMatch(in words: [String], classes: [[String: TimexCapture]], at start: Int, excluding excluded: Set<Int> = []) -> TimexMatch? {
        var best: TimexMatch?
        for index in candidates(for: words[start], classes: classes[start]) where !excluded.contains(index) {
            let pattern = patterns[index]
            var captures: [String: TimexCapture] = [:]
            guard let end = match(pattern.items[...], words: words, classes: classes, at: start, captures: &captures),
                  end > start + (pattern.hasLeadingContext ? 1 : 0) else { continue }
            if best == nil || end > best!.endToken {
                best = TimexMatch(rule: index, firstToken: start, endToken: end, captures: captures)
            }
        }
        return best
    }

    /// Backtracking match of `items` at `position`; returns the end of the longest match.
    private func match(_ items: ArraySlice<TimexPattern.Item>, words: [String], classes: [[String: TimexCapture]], at position: Int, captures: inout [String: TimexCapture]) -> Int? {
        guard let item = items.first else { return position }
        let rest = items.dropFirst()
        var best: (end: Int, captures: [String: TimexCapture])?
        if position < words.count, let captured = matchElement(item.element, words[position], classes: classes[position]) {
            var attempt = captures
            if let name = item.capture { attempt[name] = captured }
            if let end = match(rest, words: words, classes: classes, at: position + 1, captures: &attempt) { best = (end, attempt) }
        }
        if item.isOptional {
            var attempt = captures
            if let end = match(rest, words: words, classes: classes, at: position, captures: &attempt), end > (best?.end ?? -1) { best = (end, attempt) }
        }
        guard let best else { return nil }
        captures = best.captures
        return best.end
    }

    private func matchElement(_ element: TimexPattern.Element, _ word: String, classes: [String: TimexCapture]) -> TimexCapture? {
        switch element {
        case .literal(let words): return words.contains(word) ? TimexCapture() : nil
        case .wordClass(let name): return classes[name]
        }
    }

    /// The value of `word` in a word class, or `nil` when it is not in it.
    func matchClass(_ name: String, _ word: String) -> TimexCapture? {
        let lexicon = rules.lexicon
        let trimmed = word.hasSuffix(".") ? String(word.dropLast()) : word
        switch name {
        case "month": return (lexicon.month[word] ?? lexicon.month[trimmed]).map { TimexCapture(number: $0) }
        case "weekday": return lexicon.weekday[word].map { TimexCapture(number: $0) }
        case "number":
            if let value = Self.digits(word), value > 0, value < 10_000 { return TimexCapture(number: value) }
            if vague.contains(word) { return TimexCapture(number: lexicon.number[word] ?? 3, isVague: true) }
            if let value = lexicon.number[word] { return TimexCapture(number: value) }
            // "twenty-five", "ninety-six": a tens word, a hyphen and a units word.
            let parts = word.split(separator: "-", maxSplits: 1).map(String.init)
            if parts.count == 2, let tens = lexicon.number[parts[0]], (2...9).contains(tens / 10), tens % 10 == 0,
               let units = lexicon.number[parts[1]], (1...9).contains(units), !vague.contains(parts[1]) {
                return TimexCapture(number: tens + units)
            }
            return nil
        case "ordinal":
            if let value = ordinalDigits(word) { return TimexCapture(number: value) }
            return lexicon.ordinal[word].map { TimexCapture(number: $0) }
        case "unit": return lexicon.unit[word].map { TimexCapture(text: $0) }
        case "season": return lexicon.season[word].map { TimexCapture(text: $0) }
        case "partofday": return lexicon.partOfDay[word].map { TimexCapture(text: $0) }
        case "dir":
            if past.contains(word) { return TimexCapture(number: -1) }
            if next.contains(word) { return TimexCapture(number: 1) }
            if this.contains(word) { return TimexCapture(number: 0) }
            return nil
        case "mod": return lexicon.mod[word].map { TimexCapture(text: $0) }
        case "year":
            guard word.utf8.count == 4, let value = Self.digits(word), (1000...2199).contains(value) else { return nil }
            return TimexCapture(number: value)
        case "day":
            if let value = Self.digits(word) ?? ordinalDigits(word), (1...31).contains(value) { return TimexCapture(number: value) }
            if let value = lexicon.ordinal[word], (1...31).contains(value) { return TimexCapture(number: value) }
            return nil
        case "hour":
            guard let value = Self.digits(word), (0...24).contains(value) else { return nil }
            return TimexCapture(number: value)
        case "decade": return Self.decade(word, requireS: true)
        case "decadenum": return Self.decade(word, requireS: false)
        case "century":
            let roman = word.count >= 2 ? Self.roman(word) : nil
            if let value = roman ?? ordinalDigits(word) ?? lexicon.ordinal[word], (1...30).contains(value) {
                return TimexCapture(number: value - 1)
            }
            return nil
        case "centuryname": return lexicon.centuryName[word].map { TimexCapture(number: $0) }
        case "clock": return Self.clock(word, words: lexicon.clock, meridiem: lexicon.meridiem ?? [:])
        case "ampm": return lexicon.meridiem?[word].map { TimexCapture(text: $0) }
        case "numberunit":
            let parts = word.split(separator: "-", maxSplits: 1).map(String.init)
            guard parts.count == 2, let number = matchClass("number", parts[0])?.number else { return nil }
            let unitWord = parts[1]
            guard let unit = lexicon.unit[unitWord] ?? lexicon.unit[unitWord + "s"] else { return nil }
            return TimexCapture(number: number, text: unit)
        case "ordinalquarter":
            // "third-quarter", "4th-quarter": an ordinal and the quarter unit in one token.
            let parts = word.split(separator: "-", maxSplits: 1).map(String.init)
            guard parts.count == 2, lexicon.unit[parts[1]] == "Q", let ordinal = matchClass("ordinal", parts[0])?.number else { return nil }
            return TimexCapture(number: ordinal)
        case "modmonth":
            // "mid-November", "early-March": a mod and a month in one token.
            let parts = word.split(separator: "-", maxSplits: 1).map(String.init)
            guard parts.count == 2, let mod = lexicon.mod[parts[0]], let month = matchClass("month", parts[1])?.number else { return nil }
            return TimexCapture(number: month, text: mod)
        case "modyear":
            let parts = word.split(separator: "-", maxSplits: 1).map(String.init)
            guard parts.count == 2, let mod = lexicon.mod[parts[0]], let year = matchClass("year", parts[1])?.number else { return nil }
            return TimexCapture(number: year, text: mod)
        default: return nil
        }
    }

    static func digits(_ word: String) -> Int? {
        guard !word.isEmpty, word.utf8.count <= 9, word.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) else { return nil }
        return Int(word)
    }

    /// Digits with one of the language's ordinal endings: `1st`, `22nd`, `4th`, `1°`, `1º`.
    func ordinalDigits(_ word: String) -> Int? {
        for suffix in rules.lexicon.ordinalSuffixes ?? [] where word.hasSuffix(suffix) {
            return Self.digits(String(word.dropLast(suffix.count)))
        }
        return nil
    }

    /// `1970s`, `70s`, `'70s`, `'70` → 197; `2000s` → 200. Without `requireS`, also `70`, `1970`, `2000`.
    static func decade(_ word: String, requireS: Bool) -> TimexCapture? {
        var text = word
        if text.hasPrefix("'") { text.removeFirst() }
        let hasS = text.hasSuffix("s")
        if hasS { text.removeLast() }
        guard hasS || !requireS || word.hasPrefix("'"), let value = digits(text), value % 10 == 0 else { return nil }
        switch text.count {
        // Two digits name a decade of the 1900s: ’70 → 197.
        case 2: return TimexCapture(number: 190 + value / 10)
        case 4 where (1000...2190).contains(value): return TimexCapture(number: value / 10)
        default: return nil
        }
    }

    static func roman(_ word: String) -> Int? {
        let values: [Character: Int] = ["i": 1, "v": 5, "x": 10, "l": 50, "c": 100]
        guard !word.isEmpty, word.count <= 6, word.allSatisfy({ values[$0] != nil }) else { return nil }
        var total = 0
        let characters = Array(word)
        for (index, character) in characters.enumerated() {
            let value = values[character] ?? 0
            if index + 1 < characters.count, value < (values[characters[index + 1]] ?? 0) { total -= value } else { total += value }
        }
        return total
    }

    /// `15:30`, `3pm`, `3.30pm`, `noon` → a capture with `text` = `HH:MM`.
    static func clock(_ word: String, words: [String: String], meridiem: [String: String]) -> TimexCapture? {
        if let fixed = words[word] { return TimexCapture(text: fixed) }
        var text = word
        var offset = 0
        var isMorning = false
        // "3pm", "3.30pm": a half of the day written onto the digits (its dot-free forms).
        if let (suffix, half) = meridiem.first(where: { !$0.key.contains(".") && word.count > $0.key.count && word.hasSuffix($0.key) }) {
            offset = half == "pm" ? 12 : 0
            isMorning = half == "am"
            text.removeLast(suffix.count)
            if text.hasSuffix(".") { text.removeLast() }
            guard !text.isEmpty else { return nil }
        } else if !text.contains(":") {
            return nil
        }
        let parts = text.split(whereSeparator: { $0 == ":" || $0 == "." }).map(String.init)
        // "3:07:35": seconds only with colons, as clocks write them.
        let hasSeconds = parts.count == 3 && text.contains(":") && !text.contains(".")
        guard (1...2).contains(parts.count) || hasSeconds, let hour = digits(parts[0]), let minute = parts.count >= 2 ? digits(parts[1]) : 0,
              parts.count == 1 || parts[1].count == 2, minute < 60 else { return nil }
        let second = hasSeconds ? digits(parts[2]) : nil
        if hasSeconds { guard let second, parts[2].count == 2, second < 60 else { return nil } }
        var hour24 = hour
        if offset == 12 && hour < 12 { hour24 += 12 }
        if isMorning && hour == 12 { hour24 = 0 }
        guard hour24 <= 24 else { return nil }
        return TimexCapture(text: "\(CivilDate.pad(hour24, 2)):\(CivilDate.pad(minute, 2))" + (second.map { ":" + CivilDate.pad($0, 2) } ?? ""))
    }
}
