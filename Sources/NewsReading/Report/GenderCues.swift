import Foundation

/// The words in the text itself that state a person's gender: titles before a name and
/// pronouns that the quotes stage resolved to the person, from the `report-<language>.json`
/// files. Lowercase, accents folded.
enum GenderCues {
    static var femaleTitles: Set<String> { ReportLexicon.bundled.femaleTitles }
    static var maleTitles: Set<String> { ReportLexicon.bundled.maleTitles }
    static var femalePronouns: Set<String> { ReportLexicon.bundled.femalePronouns }
    static var malePronouns: Set<String> { ReportLexicon.bundled.malePronouns }
    static var otherTitles: Set<String> { ReportLexicon.bundled.otherTitles }
    /// Every title, once.
    static let allTitles: Set<String> = ReportLexicon.bundled.femaleTitles.union(ReportLexicon.bundled.maleTitles).union(ReportLexicon.bundled.otherTitles)

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
