import Foundation

/// How the report compares names: the key that merges one source's aliases across documents.
enum ReportName {
    /// A name with case, accents and width folded, typographic apostrophes made plain,
    /// whitespace collapsed and punctuation trimmed from both ends: "Zoë  Bălan," and
    /// "zoe balan" give the same key.
    static func normalised(_ name: String) -> String {
        let folded = name.folding(options: [.caseInsensitive, .diacriticInsensitive, .widthInsensitive], locale: nil)
            .replacingOccurrences(of: "’", with: "'")
        let words = folded.split(whereSeparator: { $0.isWhitespace })
        let trim = CharacterSet(charactersIn: ".,;:!?\"'«»“”‘()[]")
        return words.joined(separator: " ").trimmingCharacters(in: trim)
    }

    /// The number of words in a text: runs of characters between whitespace that hold at least
    /// one letter or digit, so that punctuation and dashes standing alone are not words. The
    /// same rule counts the words of documents and of quotes, whatever segmentation ran.
    static func wordCount(_ text: some StringProtocol) -> Int {
        var count = 0
        var inWord = false
        var hasLetter = false
        for scalar in text.unicodeScalars {
            if scalar.properties.isWhitespace {
                if inWord, hasLetter { count += 1 }
                inWord = false
                hasLetter = false
            } else {
                inWord = true
                if scalar.properties.isAlphabetic || scalar.properties.numericType != nil { hasLetter = true }
            }
        }
        if inWord, hasLetter { count += 1 }
        return count
    }
}
