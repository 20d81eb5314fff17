/// The family a quoted source's role belongs to, for the report's share of quotes by role:
/// a coarse grouping of role words in every language with a `report-<language>.json` (English,
/// Italian, Spanish), so that "Mayor", "sindaco" and "ministro degli Esteri" all count as politics.
///
/// A role is matched word by word (case and accents folded) against ``families`` in order,
/// and the first family with a word in the role wins, so "former police chief" is law and
/// security, not business. A role with no listed word is ``other``; a source with no role is
/// ``noRole``. For an anonymous source, its description ("a council official who asked not to
/// be named") is the role. This is a heuristic over words the text gives, stated as such on
/// the report page; it never looks at names.
public enum RoleFamily {
    /// The family of quotes whose source has a role with no listed word.
    public static let other = "other role"
    /// The family of quotes whose source has no role in the text.
    public static let noRole = "no role given"

    /// The families in matching order, each with the words (lowercase, unaccented) that
    /// place a role in it, from every language's `report-<language>.json`. Words ending in `*`
    /// match as prefixes.
    public static var families: [(name: String, words: Set<String>)] { ReportLexicon.bundled.families }

    /// The family of a role, or ``noRole`` when there is none.
    public static func family(of role: String?) -> String {
        guard let role, !role.allSatisfy(\.isWhitespace) else { return noRole }
        let words = ReportName.normalised(role).split(whereSeparator: { !$0.isLetter }).map(String.init)
        for family in ReportLexicon.bundled.families {
            for word in words where matches(word, family.words) { return family.name }
        }
        return other
    }

    private static func matches(_ word: String, _ listed: Set<String>) -> Bool {
        if listed.contains(word) { return true }
        return listed.contains { $0.hasSuffix("*") && word.hasPrefix($0.dropLast()) }
    }
}
