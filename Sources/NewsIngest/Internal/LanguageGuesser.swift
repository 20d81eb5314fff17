/// Guesses the language of a text from how often each language's stopwords occur.
struct LanguageGuesser: Sendable {
    private let lexicon: [String: [String]]
    /// The longest stopword, in scalars: a longer word is no stopword, so it is never built.
    private let longest: Int

    init(stopwords: [String: [String]]) {
        var lexicon: [String: [String]] = [:]
        for (language, words) in stopwords {
            for word in words { lexicon[word, default: []].append(language) }
        }
        self.lexicon = lexicon
        longest = lexicon.keys.map(\.unicodeScalars.count).max() ?? 0
    }

    /// The most likely language, or `nil` when the text has too few known words to tell.
    func guess(_ text: String) -> String? {
        var scores: [String: Int] = [:]
        var words = 0
        // The current word, lowercased, while it is short enough to be a stopword; one pass,
        // linear in the text whatever its words' length.
        var current = String.UnicodeScalarView()
        var length = 0
        for scalar in text.unicodeScalars {
            if words >= 3000 { break }
            if scalar.properties.isAlphabetic {
                length += 1
                if length <= longest { current.append(contentsOf: scalar.properties.lowercaseMapping.unicodeScalars) }
            } else if length > 0 {
                words += 1
                if length <= longest { for language in lexicon[String(current)] ?? [] { scores[language, default: 0] += 1 } }
                current.removeAll(keepingCapacity: true)
                length = 0
            }
        }
        if length > 0, length <= longest {
            words += 1
            for language in lexicon[String(current)] ?? [] { scores[language, default: 0] += 1 }
        }
        let ranked = scores.sorted { ($0.value, $1.key) > ($1.value, $0.key) }
        guard let best = ranked.first, best.value >= 3 else { return nil }
        if let second = ranked.dropFirst().first, Double(best.value) < Double(second.value) * 1.2 { return nil }
        return best.key
    }
}
