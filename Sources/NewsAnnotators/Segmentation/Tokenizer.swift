public import NewsAnnotation

/// Splits text into tokens in one pass over its Unicode scalars.
///
/// Words keep inner hyphens (`al-Assad`, `think-tank`) and the dots of abbreviations the rules
/// list (`Prof.`) or that follow the `U.S.` / `a.C.` pattern; elided articles split after the
/// apostrophe (`l’` + `Oxford`) when the rules list them; English clitics split off (`do` +
/// `n't`). Numbers keep decimal and thousands separators (`3,5`, `1.000`, `15:30`). An ellipsis
/// is one token. Combining marks, variation selectors and emoji sequences stay with the scalar
/// they belong to, so no token ends inside a user-perceived character.
public struct Tokenizer: Sendable {
    /// The language rules.
    public let rules: SegmentationRules

    /// The longest elision, clitic and abbreviation, in scalars: no longer run of scalars is
    /// ever compared with them.
    private let longestElision: Int
    private let longestClitic: Int
    private let longestAbbreviation: Int
    private let longestDecadeSuffix: Int
    /// Clitics that start before their apostrophe, by what follows it: `'t` → `n` for "n't".
    private let splitBefore: [String: String]

    /// Creates a tokenizer with the given rules.
    public init(rules: SegmentationRules) {
        self.rules = rules
        longestElision = rules.elisions.map(\.unicodeScalars.count).max() ?? 0
        longestClitic = rules.clitics.map(\.unicodeScalars.count).max() ?? 0
        longestAbbreviation = rules.abbreviations.map(\.unicodeScalars.count).max() ?? 0
        longestDecadeSuffix = rules.decadeSuffixes?.map(\.unicodeScalars.count).max() ?? 0
        var splitBefore: [String: String] = [:]
        for clitic in rules.clitics where !clitic.hasPrefix("'") {
            guard let apostrophe = clitic.firstIndex(of: "'") else { continue }
            splitBefore[String(clitic[apostrophe...])] = String(clitic[..<apostrophe])
        }
        self.splitBefore = splitBefore
    }

    /// Tokens of `scalars[span]`, in order, with offsets into `scalars`.
    public func tokens(in scalars: [Unicode.Scalar], span: TextSpan) -> [Token] {
        var tokens: [Token] = []
        var index = span.start
        let end = span.end
        var steps = 0
        while index < end {
            // Past the time budget, stop: the pipeline fails the document (``WorkBudget``).
            steps &+= 1
            if steps & 4095 == 0, WorkBudget.isExhausted { break }
            let scalar = scalars[index]
            if Self.isSpace(scalar) { index += 1; continue }
            let start = index
            var kind = Token.Kind.symbol
            if let urlEnd = Self.urlEnd(scalars, from: index, limit: end) {
                index = urlEnd
                kind = .url
            } else if (scalar == "@" || scalar == "#"), index + 1 < end, Self.isHandleCharacter(scalars[index + 1]) {
                index += 1
                while index < end, Self.isHandleCharacter(scalars[index]) { index += 1 }
                kind = scalar == "@" ? .handle : .hashtag
            } else if Self.isApostrophe(scalar), index + 2 < end, Self.isDigit(scalars[index + 1]), Self.isDigit(scalars[index + 2]),
                      let suffixEnd = decadeSuffixEnd(scalars, from: index + 3, limit: end) {
                // ’70, or '70s where the language writes decades with a suffix: a decade with its apostrophe
                index = suffixEnd
                kind = .number
            } else if Self.isDigit(scalar) {
                index = numberEnd(scalars, from: index, limit: end)
                kind = .number
            } else if Self.isWordCharacter(scalar) {
                let wordEnd = self.wordEnd(scalars, from: index, limit: end)
                if let emailEnd = Self.emailEnd(scalars, from: wordEnd, limit: end) {
                    index = emailEnd
                    kind = .email
                } else {
                    appendWord(scalars, TextSpan(start: index, end: wordEnd), to: &tokens)
                    index = wordEnd
                    continue
                }
            } else if scalar == "." {
                while index < end, scalars[index] == "." { index += 1 }
                kind = .punctuation
            } else if scalar == "!" || scalar == "?" {
                while index < end, scalars[index] == "!" || scalars[index] == "?" { index += 1 }
                kind = .punctuation
            } else {
                index += 1
                kind = Self.isPunctuation(scalar) ? .punctuation : .symbol
            }
            index = Self.extendCluster(scalars, from: index, limit: end)
            tokens.append(Token(span: TextSpan(start: start, end: index), kind: kind))
        }
        return tokens
    }

    /// Splits a word at elisions and clitics and appends its tokens.
    ///
    /// Elisions and clitics are a few scalars long, so only that many scalars around an
    /// apostrophe are ever compared: the work stays linear in the word's length.
    private func appendWord(_ scalars: [Unicode.Scalar], _ span: TextSpan, to tokens: inout [Token]) {
        var start = span.start
        var index = span.start
        while index < span.end {
            if Self.isApostrophe(scalars[index]), index > start {
                let before = index - start <= longestElision ? Self.lowercased(scalars[start..<index]) : ""
                if index + 1 < span.end, !before.isEmpty, rules.elisions.contains(before) {
                    tokens.append(Token(span: TextSpan(start: start, end: index + 1), kind: .word))
                    start = index + 1
                } else if !rules.clitics.isEmpty, span.end - index <= longestClitic {
                    let rest = "'" + Self.lowercased(scalars[(index + 1)..<span.end])
                    if rules.clitics.contains(rest) {
                        tokens.append(Token(span: TextSpan(start: start, end: index), kind: .word))
                        start = index
                        break
                    }
                    // A clitic that starts before the apostrophe ("n't" of "don't").
                    if let split = splitBefore[rest], index - start > split.count,
                       Self.lowercased(scalars[(index - split.count)..<index]) == split {
                        tokens.append(Token(span: TextSpan(start: start, end: index - split.count), kind: .word))
                        start = index - split.count
                        break
                    }
                }
            }
            index += 1
        }
        if start < span.end { tokens.append(Token(span: TextSpan(start: start, end: span.end), kind: .word)) }
    }

    /// The end of a word starting at `start`: letters, marks and digits, joined by inner
    /// hyphens, apostrophes and underscores (`bbc_newsbeat`), and the dots of abbreviations.
    private func wordEnd(_ scalars: [Unicode.Scalar], from start: Int, limit: Int) -> Int {
        var index = start
        while index < limit {
            let scalar = scalars[index]
            if Self.isWordCharacter(scalar) || Self.isDigit(scalar) || Self.isClusterExtender(scalar) {
                index += 1
            } else if (scalar == "-" || scalar == "\u{2010}" || scalar == "_" || Self.isApostrophe(scalar)), index + 1 < limit,
                      Self.isWordCharacter(scalars[index + 1]) || Self.isDigit(scalars[index + 1]), index > start {
                index += 1
            } else {
                break
            }
        }
        // A truncated word keeps its apostrophe when the rules list it (Italian "po’").
        if index < limit, Self.isApostrophe(scalars[index]), index + 1 >= limit || !Self.isWordCharacter(scalars[index + 1]),
           index - start <= longestElision, rules.elisions.contains(Self.lowercased(scalars[start..<index])) {
            return index + 1
        }
        guard index < limit, scalars[index] == "." else { return index }
        // U.S., a.C., S.p.A., e.g.: short letter groups each followed by a dot.
        var cursor = start
        var groups = 0
        var patternEnd = -1
        while cursor < limit {
            var letters = 0
            while cursor < limit, Self.isWordCharacter(scalars[cursor]) { cursor += 1; letters += 1 }
            guard letters >= 1, letters <= 3, cursor < limit, scalars[cursor] == "." else { break }
            cursor += 1
            groups += 1
            patternEnd = cursor
        }
        if groups >= 2 { return patternEnd }
        if index - start < longestAbbreviation, rules.abbreviations.contains(Self.lowercased(scalars[start..<index]) + ".") { return index + 1 }
        // A single capital followed by a dot is an initial (J. Smith).
        if index - start == 1, scalars[start].properties.isUppercase { return index + 1 }
        return index
    }

    private func numberEnd(_ scalars: [Unicode.Scalar], from start: Int, limit: Int) -> Int {
        var index = start
        while index < limit {
            let scalar = scalars[index]
            if Self.isDigit(scalar) {
                index += 1
            } else if scalar == "." || scalar == "," || scalar == ":" || scalar == "\u{202F}", index + 1 < limit, Self.isDigit(scalars[index + 1]) {
                index += 1
            } else if Self.isWordCharacter(scalar) || scalar == "°" || scalar == "º" || scalar == "ª" {
                // 1990s, 3pm, 20th, 3°
                index += 1
            } else {
                break
            }
        }
        return index
    }

    private static let urlPrefixes: [[Unicode.Scalar]] = [Array("https://".unicodeScalars), Array("http://".unicodeScalars), Array("www.".unicodeScalars)]

    private static func urlEnd(_ scalars: [Unicode.Scalar], from start: Int, limit: Int) -> Int? {
        let first = scalars[start]
        guard first == "h" || first == "w" || first == "W" else { return nil }
        let prefixes = urlPrefixes
        guard prefixes.contains(where: { prefix in
            start + prefix.count <= limit && zip(prefix, scalars[start..<(start + prefix.count)]).allSatisfy { $0 == Unicode.Scalar(UInt8(ascii: "w")) ? $1 == "w" || $1 == "W" : $0 == $1 }
        }) else { return nil }
        var index = start
        while index < limit, !isSpace(scalars[index]), !"«»“”\"<>".unicodeScalars.contains(scalars[index]) { index += 1 }
        while index > start, ".,;:!?)]’'".unicodeScalars.contains(scalars[index - 1]) { index -= 1 }
        return index > start ? index : nil
    }

    private static func emailEnd(_ scalars: [Unicode.Scalar], from wordEnd: Int, limit: Int) -> Int? {
        guard wordEnd < limit, scalars[wordEnd] == "@" else { return nil }
        var index = wordEnd + 1
        var sawDot = false
        while index < limit, isHandleCharacter(scalars[index]) || (scalars[index] == "." && index + 1 < limit && isHandleCharacter(scalars[index + 1])) || scalars[index] == "-" {
            if scalars[index] == "." { sawDot = true }
            index += 1
        }
        return sawDot ? index : nil
    }

    /// Absorbs combining marks, variation selectors, emoji modifiers and ZWJ sequences.
    private static func extendCluster(_ scalars: [Unicode.Scalar], from start: Int, limit: Int) -> Int {
        var index = start
        while index < limit {
            let scalar = scalars[index]
            if scalar == "\u{200D}", index + 1 < limit {
                index += 2
            } else if isClusterExtender(scalar) {
                index += 1
            } else {
                break
            }
        }
        return index
    }

    // The ASCII fast paths below skip Unicode property look-ups for most of a Latin text.

    static func isSpace(_ scalar: Unicode.Scalar) -> Bool {
        if scalar.value < 0x80 { return scalar == " " || (0x09...0x0D).contains(scalar.value) }
        return scalar.properties.isWhitespace || scalar == "\u{200B}"
    }

    static func isClusterExtender(_ scalar: Unicode.Scalar) -> Bool {
        if scalar.value < 0x300 { return false }
        return scalar.properties.isGraphemeExtend || scalar.properties.isEmojiModifier || (0xFE00...0xFE0F).contains(scalar.value)
    }

    /// The end of a decade's suffix after its two digits at `start`: `start` itself when no
    /// letter follows (’70), the end of a suffix the rules list (English `s` of '70s), else `nil`.
    private func decadeSuffixEnd(_ scalars: [Unicode.Scalar], from start: Int, limit: Int) -> Int? {
        var end = start
        while end < limit, Self.isWordCharacter(scalars[end]) { end += 1 }
        if end == start { return start }
        guard let suffixes = rules.decadeSuffixes, end - start <= longestDecadeSuffix else { return nil }
        return suffixes.contains(String(String.UnicodeScalarView(scalars[start..<end]))) ? end : nil
    }

    static func isWordCharacter(_ scalar: Unicode.Scalar) -> Bool {
        let value = scalar.value
        if value < 0x80 { return (value | 0x20) >= 0x61 && (value | 0x20) <= 0x7A }
        return scalar.properties.isAlphabetic && !isDigit(scalar)
    }

    static func isDigit(_ scalar: Unicode.Scalar) -> Bool {
        let value = scalar.value
        if value < 0x80 { return value >= 0x30 && value <= 0x39 }
        return scalar.properties.numericType == .decimal
    }

    static func isHandleCharacter(_ scalar: Unicode.Scalar) -> Bool {
        isWordCharacter(scalar) || isDigit(scalar) || scalar == "_" || (scalar.value >= 0x80 && scalar.properties.isAlphabetic)
    }

    static func isApostrophe(_ scalar: Unicode.Scalar) -> Bool {
        scalar == "'" || scalar == "’" || scalar == "ʼ"
    }

    static func isPunctuation(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.properties.generalCategory {
        case .connectorPunctuation, .dashPunctuation, .openPunctuation, .closePunctuation, .initialPunctuation,
             .finalPunctuation, .otherPunctuation: true
        default: false
        }
    }

    /// Lowercases scalars, writing every apostrophe as `'`.
    static func lowercased(_ scalars: ArraySlice<Unicode.Scalar>) -> String {
        var result = ""
        for scalar in scalars {
            if isApostrophe(scalar) { result.append("'") } else { result.unicodeScalars.append(contentsOf: scalar.properties.lowercaseMapping.unicodeScalars) }
        }
        return result
    }
}
