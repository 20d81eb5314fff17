import Foundation

/// Per-language cue words for quotations, loaded from `Quotes/Resources/quotes-<language>.json`.
/// A new language is a new file with the same keys.
public struct QuoteRules: Sendable, Hashable, Decodable {
    public var language: String
    /// Reporting verbs in all their inflected forms ("dice", "aggiunse", "said").
    public var cueVerbs: Set<String>
    /// Past participles that make a cue after an auxiliary ("ha detto", "avrebbe aggiunto").
    public var participles: Set<String>
    public var auxiliaries: Set<String>
    /// Verbs of opinion that report speech only after a named subject ("Il signor Reeve non vede…").
    public var opinionVerbs: Set<String>
    /// Verbs that attribute a quoted fragment ("called the surge “…”").
    public var fragmentVerbs: Set<String>
    /// Phrases that attribute without a verb ("secondo", "according to"), as lowercase words.
    public var accordingTo: [[String]]
    /// Phrases that open "what X reports" as an attribution, with the speaker after the cue:
    /// "a quanto riferisce lo Stato Maggiore", "secondo quanto riportato dalla BBC".
    public var relativeAccordingTo: [[String]]?
    /// Prepositions that introduce a passive verb's agent ("dalla" in "riportato dalla BBC", "by").
    public var agentPrepositions: Set<String>?
    /// Words that open an attribution by a participle and its agent after a quote ("come" in
    /// "come dichiarato dal ministro", "as" in "as reported by the Times").
    public var asOpeners: Set<String>?
    /// Phrases that open a sentence taking up the quote before it, followed by a cue and the
    /// speaker ("è quanto" in "«…». È quanto ha dichiarato X.", "lo", "that's what").
    public var takeUpPhrases: [[String]]?
    /// Endings of participles and gerunds ("ato", "endo", "ed"): "X, …, interpellato per un
    /// parere afferma" has a participle clause between its speaker and its cue.
    public var participleSuffixes: [String]?
    /// Words that make a cue passive ("stato" in "è stato ricordato"): its subject is what was
    /// said, not who said it.
    public var passiveMarkers: Set<String>?
    /// Words that introduce reported content ("che", "that").
    public var complementizers: Set<String>
    /// Subject pronouns and their gender: `F`, `M` or `P` (plural).
    public var pronouns: [String: String]
    public var femaleTitles: Set<String>
    public var maleTitles: Set<String>
    /// Nouns that head a description of an unnamed speaker ("portavoce", "official").
    public var anonymousHeads: Set<String>
    /// Words that may open such a description ("un", "a", "the").
    public var determiners: Set<String>
    /// Whether a cue without a subject ("…”, dice.") is normal in the language.
    public var subjectless: Bool
    /// Words before quotation marks that make them scare quotes ("cosiddetto", "so-called").
    public var scareCues: Set<String>
    public var negations: Set<String>
    /// Gerunds that report more after an attribution ("Holt said, adding that …", "aggiungendo che").
    public var gerunds: Set<String>
    /// Reporting phrases of several words ("ha fatto sapere", "ha reso noto", "pointed out").
    public var cuePhrases: [[String]]
    /// Words that introduce reported content as an infinitive ("ha detto di voler…").
    public var infinitiveMarkers: Set<String>
    /// Object pronouns that point back at the previous sentence ("Lo ha detto il ministro").
    public var resumptivePronouns: Set<String>
    /// Words that may stand between a subject and its reporting verb ("has", "also", "anche").
    public var subjectSkips: Set<String>
    /// Words that open a clause, so a subject read backwards from its verb stops before them ("and", "but", "che").
    public var clauseOpeners: Set<String>
    /// Reporting verbs with an object before the reported clause, which then needs a complementizer ("told reporters that …").
    public var objectCueVerbs: Set<String>
    /// Verbs that report only before a complementizer ("a study found that …", "polls show that …").
    public var complementCueVerbs: Set<String>
    /// Pronouns that may report speech but name no person to resolve ("I", "we", "it", "noi").
    public var otherPronouns: Set<String>
    /// Relative pronouns that stand for the noun phrase before them ("Trump, who said …").
    public var relativePronouns: Set<String>
    /// Words after a cue that open an adverbial, not the reported clause ("said in a statement", "said on Tuesday").
    public var adverbialOpeners: Set<String>
    /// Prepositions that end the head of a speaker's noun phrase ("of" in "Senator Jane Doe of
    /// the finance committee", "del" in "Maria Rossi del comitato").
    public var headPrepositions: Set<String>?
    /// Pronouns that stand for what was said, never for a speaker ("quanto" in "conferma quanto
    /// dichiarato", "ciò", "what").
    public var freeRelatives: Set<String>?
    /// Definite articles and the gender they give the noun after them (`F`, `M`, or empty when
    /// they tell none): "la portavoce" → F, "the coach" → no gender.
    public var definiteArticles: [String: String]?
    /// Coordinating conjunctions ("e", "ma", "and", "but"): a sentence may open with one before
    /// its subject, and a word after a platform that is one is no handle.
    public var conjunctions: Set<String>?
    /// Possessive clitics ("'s"): a name followed by one is not the end of a noun phrase.
    public var possessiveClitics: Set<String>?
    /// Phrases that keep a source unnamed ("asked not to be named", "ha chiesto l'anonimato"):
    /// inside a description they are part of it, and their verb is no reporting cue.
    public var anonymityPhrases: [[String]]?
    /// Labels of an interviewer's turn in question-and-answer interviews ("d", "domanda", "q").
    public var interviewQuestionLabels: Set<String>?
    /// Labels of the interviewee's turn ("r", "risposta", "a").
    public var interviewAnswerLabels: Set<String>?
    /// Words that open an infinitive after the object of an object cue verb: a reported request
    /// or order ("told supporters to “go and vote”", "ha chiesto ai cittadini di restare a casa").
    public var objectInfinitiveMarkers: Set<String>?
    /// Forms of "be" that make a gerund after them a reporting verb in the progressive ("is
    /// claiming that …", "’s calling the plan “…”"); up to two `subjectSkips` may stand between.
    public var progressiveAuxiliaries: Set<String>?
    /// Examples of the stage in this language (key `stageExamples`), listed in the stage's
    /// descriptor and run as tests.
    public var stageExamples: [LanguageExample]?

    /// The languages that have bundled rules: one for each `quotes-<language>.json`, sorted.
    public static let bundledLanguages = BundledLanguages.codes(prefix: "quotes-", fileExtension: "json")

    /// Loads the bundled rules of `language`.
    public static func bundled(_ language: String) throws(ResourceError) -> QuoteRules {
        // Read once per process, whichever stage asks first.
        try ResourceCache.value("quotes-\(language)") { () throws(ResourceError) in try readBundled(language) }
    }

    private static func readBundled(_ language: String) throws(ResourceError) -> QuoteRules {
        guard let url = Bundle.module.url(forResource: "quotes-\(language)", withExtension: "json") else {
            throw ResourceError(resource: "quotes-\(language).json", message: "no quote rules for language '\(language)'; available: \(bundledLanguages.joined(separator: ", "))")
        }
        do { return try JSONDecoder().decode(QuoteRules.self, from: Data(contentsOf: url)) } catch {
            throw ResourceError(resource: url.lastPathComponent, message: "cannot read the quote rules: \(error)")
        }
    }

    /// Whether `word` (lowercase) is a reporting verb by itself.
    func isCueVerb(_ word: String) -> Bool { cueVerbs.contains(word) }

    /// Whether `word` is a definite article, and the gender it gives (`F`, `M` or empty).
    func definiteGender(_ word: String) -> String? { definiteArticles?[word] }
}

/// Common given names by gender (`Quotes/Resources/names.json`), used only to tell which
/// pronoun can refer to a speaker ("she said" after "Rebecca Lyle" and "Samuel Whitcombe").
public struct GivenNames: Sendable, Hashable, Decodable {
    public var female: Set<String>
    public var male: Set<String>

    public static let empty = GivenNames(female: [], male: [])

    public init(female: Set<String>, male: Set<String>) {
        self.female = female
        self.male = male
    }

    public static func bundled() throws(ResourceError) -> GivenNames {
        guard let url = Bundle.module.url(forResource: "names", withExtension: "json") else {
            throw ResourceError(resource: "names.json", message: "the given-name lists are missing from the package resources")
        }
        do { return try JSONDecoder().decode(GivenNames.self, from: Data(contentsOf: url)) } catch {
            throw ResourceError(resource: url.lastPathComponent, message: "cannot read the given names: \(error)")
        }
    }

    /// These names and `other`'s together.
    func adding(_ other: GivenNames) -> GivenNames {
        GivenNames(female: female.union(other.female.map { $0.lowercased() }), male: male.union(other.male.map { $0.lowercased() }))
    }

    /// `F`, `M` or `nil` for a full name's first word.
    func gender(of name: String) -> String? {
        guard let first = name.split(separator: " ").first?.lowercased() else { return nil }
        if female.contains(first) { return "F" }
        if male.contains(first) { return "M" }
        return nil
    }
}
