import Foundation

/// The words in the text itself that state a person's gender: titles before a name and
/// pronouns that the quotes stage resolved to the person. Lowercase, accents folded.
enum GenderCues {
    static let femaleTitles: Set<String> = ["mrs", "ms", "miss", "madam", "madame", "lady", "dame", "signora", "sig.ra", "sigra", "dott.ssa", "dottssa",
                                            "dottoressa", "professoressa", "avv.ssa"]
    static let maleTitles: Set<String> = ["mr", "sir", "lord", "signor", "signore", "sig", "sig."]
    static let femalePronouns: Set<String> = ["she", "her", "lei", "ella", "essa"]
    static let malePronouns: Set<String> = ["he", "him", "lui", "egli", "esso"]
    static let otherTitles: Set<String> = ["dr", "prof", "doctor", "professor", "dott", "mayor", "sindaco"]
    static var allTitles: Set<String> { femaleTitles.union(maleTitles).union(otherTitles) }

    /// The label a title gives, if any: `female`, `male`.
    static func label(ofTitle word: String) -> String? {
        let word = ReportName.normalised(word)
        let bare = word.trimmingCharacters(in: CharacterSet(charactersIn: "."))
        if femaleTitles.contains(word) || femaleTitles.contains(bare) { return "female" }
        if maleTitles.contains(word) || maleTitles.contains(bare) { return "male" }
        return nil
    }

    /// The label a pronoun gives, if any.
    static func label(ofPronoun word: String) -> String? {
        let word = ReportName.normalised(word)
        if femalePronouns.contains(word) { return "female" }
        if malePronouns.contains(word) { return "male" }
        return nil
    }
}
