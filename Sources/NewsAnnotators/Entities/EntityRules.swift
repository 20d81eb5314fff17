import Foundation

/// Per-language word lists for the rules that run after the tagger, loaded from
/// `Entities/Resources/entities-<language>.json`.
public struct EntityRules: Sendable, Hashable, Decodable {
    public var language: String
    /// Lowercase prefixes of hyphenated compounds that are not mentions ("anti-Assad").
    public var compoundPrefixes: Set<String>
    /// Lowercase particles inside names, skipped when matching a surname ("al-Assad" → "Assad").
    public var nameParticles: Set<String>
    /// Lowercase words between a platform and a handle ("Instagram a BBCNewsbeat", "cerca bbc_newsbeat").
    public var handleCues: Set<String>
    /// Lowercase words that are never a mention by themselves, even capitalised at a sentence start.
    public var neverNames: Set<String>
    /// Lowercase first words of place names ("piazza", "Mount"): the name is a `LOC`.
    public var placePrefixes: Set<String>
    /// Lowercase last words of place names ("Street", "Lane", "Bay"): the name is a `LOC`.
    public var placeSuffixes: Set<String>
    /// Lowercase words after which a capitalised word is an office or portfolio, not a given name
    /// ("all’Ambiente Giulia Ferrante", "degli Esteri Stefano Amato").
    public var portfolioMarkers: Set<String>
    /// Lowercase verbs of saying and doing that headlines put between two names ("Johnson asks
    /// Macron", "Mattarella riceve Draghi"): in a Title Case or ALL CAPS line, or written in
    /// lowercase, such a word ends a name and is none itself.
    public var cueVerbs: Set<String>
    /// Types whose mentions may be written all in lowercase when the tagger finds them, as the
    /// language's training corpus annotates them (KIND types "governo", "polizia" as ORG).
    public var lowercaseTypes: Set<String>?
    /// Lowercase head nouns that open an organisation's name in the language ("ministerio" of
    /// "Ministerio de Sanidad"): written alone and capitalised, such a word is an `ORG`.
    public var organisationHeads: Set<String>?
    /// Examples of the stage in this language (key `stageExamples`), listed in the stage's
    /// descriptor and run as tests.
    public var stageExamples: [LanguageExample]?

    /// The languages that have bundled rules: one for each `entities-<language>.json`, sorted.
    public static let bundledLanguages = BundledLanguages.codes(prefix: "entities-", fileExtension: "json")

    /// Loads the bundled rules of `language`.
    public static func bundled(_ language: String) throws(ResourceError) -> EntityRules {
        // Read once per process, whichever stage asks first.
        try ResourceCache.value("entity-rules-\(language)") { () throws(ResourceError) in try readBundled(language) }
    }

    private static func readBundled(_ language: String) throws(ResourceError) -> EntityRules {
        guard let url = Bundle.module.url(forResource: "entities-\(language)", withExtension: "json") else {
            throw ResourceError(resource: "entities-\(language).json", message: "no entity rules for language '\(language)'; available: \(bundledLanguages.joined(separator: ", "))")
        }
        do { return try JSONDecoder().decode(EntityRules.self, from: Data(contentsOf: url)) } catch {
            throw ResourceError(resource: url.lastPathComponent, message: "cannot read the entity rules: \(error)")
        }
    }
}
