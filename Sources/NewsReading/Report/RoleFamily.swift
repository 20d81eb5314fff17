/// The family a quoted source's role belongs to, for the report's share of quotes by role:
/// a coarse grouping of role words in English and Italian, so that "Mayor", "sindaco" and
/// "ministro degli Esteri" all count as politics.
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
    /// place a role in it. Words ending in `*` match as prefixes.
    public static let families: [(name: String, words: Set<String>)] = [
        ("law and security", ["police", "officer", "detective", "judge", "lawyer", "attorney", "prosecutor", "sheriff", "army", "military",
                              "colonel", "commander", "polizia", "poliziotto", "carabinier*", "giudice", "avvocat*", "procurator*",
                              "magistrat*", "questore", "comandante", "colonnello", "militare"]),
        ("politics and government", ["mayor", "minister", "president", "senator", "councillor", "councilor", "governor", "mp", "deputy",
                                     "secretary", "ambassador", "premier", "chancellor", "prime", "congressman", "congresswoman", "lawmaker",
                                     "sindac*", "ministr*", "president*", "senator*", "deputat*", "consiglier*", "assessor*", "governator*",
                                     "ambasciator*", "segretari*", "parlamentar*", "onorevole", "premier"]),
        ("spokespeople and officials", ["spokesperson", "spokesman", "spokeswoman", "official", "officials", "representative", "press",
                                        "portavoce", "funzionari*", "rappresentant*", "ufficio"]),
        ("experts and academia", ["professor", "prof", "dr", "doctor", "scientist", "researcher", "hydrologist", "economist", "analyst",
                                  "expert", "historian", "lecturer", "academic", "engineer", "physician", "professor*", "ricercator*",
                                  "espert*", "scienziat*", "economist*", "analist*", "storic*", "docent*", "dott", "dottor*", "ingegner*",
                                  "medic*", "studios*", "emerito"]),
        ("business and management", ["ceo", "chief", "executive", "director", "manager", "chairman", "chairwoman", "founder", "owner",
                                     "head", "direttor*", "direttric*", "amministrator*", "dirigent*", "fondator*", "titolar*", "imprenditor*",
                                     "responsabil*"]),
        ("citizens and witnesses", ["resident", "residents", "witness", "neighbour", "neighbor", "local", "shopkeeper", "parent", "mother",
                                    "father", "student", "worker", "residente", "residenti", "testimon*", "abitant*", "vicin*", "cittadin*",
                                    "madre", "padre", "student*", "lavorator*", "commerciant*"]),
    ]

    /// The family of a role, or ``noRole`` when there is none.
    public static func family(of role: String?) -> String {
        guard let role, !role.allSatisfy(\.isWhitespace) else { return noRole }
        let words = ReportName.normalised(role).split(whereSeparator: { !$0.isLetter }).map(String.init)
        for family in families {
            for word in words where matches(word, family.words) { return family.name }
        }
        return other
    }

    private static func matches(_ word: String, _ listed: Set<String>) -> Bool {
        if listed.contains(word) { return true }
        return listed.contains { $0.hasSuffix("*") && word.hasPrefix($0.dropLast()) }
    }
}
