/// Guesses the language of a text from how often each language's stopwords occur.
struct LanguageGuesser: Sendable {
    private let lexicon: [String: [String]]

    init(stopwords: [String: [String]]) {
        var lexicon: [String: [String]] = [:]
        for (language, words) in stopwords {
            for word in words { lexicon[word, default: []].append(language) }
        }
        self.lexicon = lexicon
    }

    /// The most likely language, or `nil` when the text has too few known words to tell.
    func guess(_ text: String) -> String? {
        var scores: [String: Int] = [:]
        var words = 0
        var current = ""
        func flush() {
            guard !current.isEmpty else { return }
            words += 1
            for language in lexicon[current] ?? [] { scores[language, default: 0] += 1 }
            current = ""
        }
        for scalar in text.unicodeScalars {
            if words >= 3000 { break }
            if scalar.properties.isAlphabetic {
                current.unicodeScalars.append(contentsOf: scalar.properties.lowercaseMapping.unicodeScalars)
            } else {
                flush()
            }
        }
        flush()
        let ranked = scores.sorted { ($0.value, $1.key) > ($1.value, $0.key) }
        guard let best = ranked.first, best.value >= 3 else { return nil }
        if let second = ranked.dropFirst().first, Double(best.value) < Double(second.value) * 1.2 { return nil }
        return best.key
    }
}
