import Foundation

/// Per-language words for the `sources` stage, loaded from `Sources/Resources/sources-<language>.json`.
public struct SourceRules: Sendable, Hashable, Decodable {
    public var language: String
    /// Lowercase verbs that open a promotion line ("trovaci", "follow").
    public var promotionCues: Set<String>
    /// Lowercase words for subscriptions that are not platforms ("newsletter").
    public var newsletterWords: Set<String>
    /// Lowercase words between a platform and a handle ("a", "cerca", "at").
    public var handleCues: Set<String>
    /// Lowercase phrases that open a byline ("di", "by").
    public var bylinePrefixes: [[String]]
    /// Lowercase phrases that credit others ("additional reporting by").
    public var reportingBy: [[String]]
    /// News agencies, as written.
    public var wires: [String]
    /// Lowercase prepositions between a role and an affiliation ("presso", "alla", "at").
    public var affiliationPrepositions: Set<String>
    /// Lowercase phrases that give a role by a verb ("who heads", "che dirige").
    public var relativeHeads: [[String]]
    /// Lowercase phrases that name unnamed sources ("fonti", "a senior official").
    public var anonymousPhrases: [[String]]
    /// Lowercase head nouns of organisations ("associazione", "comitato", "ministry"): a
    /// speaker named so is an organisation, and a role "of" one has it as its affiliation.
    public var organisationHeads: Set<String>
    /// Lowercase prepositions that tie a role to what it belongs to ("di", "della", "of").
    public var ofPrepositions: Set<String>
    /// Lowercase endings of gerunds and participles ("ando", "endo", "ing"): an appositive that
    /// opens with one is a clause ("presentando il piano"), never a role.
    public var clauseSuffixes: [String]
    /// Lowercase participles and adjectives whose form no suffix gives ("morto", "nato",
    /// "born"): like a gerund, they open a clause, which ends a role ("Gino Rossi, morto a Roma").
    public var clauseWords: Set<String>?
    /// Lowercase head nouns of documents ("comunicato", "rapporto", "report"): a speaker
    /// described so is a `publication` source ("un comunicato della Presidenza", "the report").
    public var documentHeads: Set<String>?
    /// Lowercase nouns that head a role besides the gazetteer's roles and titles: kinship and
    /// trades ("moglie", "pilota", "wife", "coach"): "Serena Barone, moglie dell'uomo".
    public var roleNouns: Set<String>?
    /// Lowercase articles, dropped before an affiliation ("la", "the").
    public var articles: Set<String>
    /// Lowercase indefinite articles that may open an appositive ("un", "a").
    public var indefiniteArticles: Set<String>
    /// Lowercase verbs that give a role in a sentence of its own ("Mark Lee is a professor of
    /// economics", "Bianchi è stato sindaco"), and words that may follow them ("stato", "now").
    public var copulas: Set<String>?
    public var copulaSkips: Set<String>?
    /// Examples of the stage in this language (key `stageExamples`), listed in the stage's
    /// descriptor and run as tests.
    public var stageExamples: [LanguageExample]?

    /// The languages that have bundled rules: one for each `sources-<language>.json`, sorted.
    public static let bundledLanguages = BundledLanguages.codes(prefix: "sources-", fileExtension: "json")

    public static func bundled(_ language: String) throws(ResourceError) -> SourceRules {
        // Read once per process, whichever stage asks first.
        try ResourceCache.value("sources-\(language)") { () throws(ResourceError) in try readBundled(language) }
    }

    private static func readBundled(_ language: String) throws(ResourceError) -> SourceRules {
        guard let url = Bundle.module.url(forResource: "sources-\(language)", withExtension: "json") else {
            throw ResourceError(resource: "sources-\(language).json", message: "no source rules for language '\(language)'; available: \(bundledLanguages.joined(separator: ", "))")
        }
        do { return try JSONDecoder().decode(SourceRules.self, from: Data(contentsOf: url)) } catch {
            throw ResourceError(resource: url.lastPathComponent, message: "cannot read the source rules: \(error)")
        }
    }
}
