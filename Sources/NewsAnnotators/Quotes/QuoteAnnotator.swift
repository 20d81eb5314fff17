public import NewsAnnotation
import Foundation

/// The `quotes` stage: direct, mixed and indirect quotations with their cue and speaker.
///
/// Direct quotes come from quotation marks of many conventions, joined over paragraphs (an
/// opening mark left open continues into the next paragraph that opens with one) and across an
/// attribution ("“A”, dice X, “B”"). Speakers come, in this order, from a name next to the cue
/// (before or after it), a description ("a council official"), a pronoun resolved to the last
/// compatible named speaker, a cue without subject ("…”, dice.") resolved to the current
/// speaker, or a quote paragraph continuing the previous paragraph's speaker. Indirect quotes
/// are clauses around a cue with an explicit speaker. Words come from
/// `Quotes/Resources/quotes-<language>.json`.
public struct QuoteAnnotator: Annotator {
    public static let id = "quotes"

    private let rules: [String: QuoteRules]
    private let roles: [String: Set<String>]
    /// Given names by gender, per language code.
    private let names: [String: GivenNames]
    public let descriptor: AnnotatorDescriptor

    /// The bundled rules of every language that has a `quotes-<language>.json`.
    public init() throws(ResourceError) {
        try self.init(bundled: QuoteRules.bundledLanguages)
    }

    /// The stage with the bundled rules of the given languages only (``LazyLanguageAnnotator``
    /// builds one per language as documents in it arrive).
    init(bundled languages: [String]) throws(ResourceError) {
        var rules: [String: QuoteRules] = [:]
        var roles: [String: Set<String>] = [:]
        var names: [String: GivenNames] = [:]
        for language in languages {
            rules[language] = try QuoteRules.bundled(language)
            // The gazetteer holds the titles, roles and given names the entity stage uses too.
            let gazetteer = try Gazetteer.bundled(language)
            roles[language] = gazetteer.roles.union(gazetteer.titles)
            names[language] = gazetteer.givenNames
        }
        self.init(rules: rules, roles: roles, namesByLanguage: names)
    }

    /// A stage with the given rules.
    ///
    /// - Parameters:
    ///   - rules: Cue words per language code.
    ///   - roles: Per language, lowercase words that open an appositive or precede a name ("direttore", "professor").
    ///   - names: Given names by gender, for pronoun resolution.
    public init(rules: [String: QuoteRules], roles: [String: Set<String>], names: GivenNames = .empty) {
        self.init(rules: rules, roles: roles, namesByLanguage: rules.mapValues { _ in names })
    }

    init(rules: [String: QuoteRules], roles: [String: Set<String>], namesByLanguage names: [String: GivenNames]) {
        self.rules = rules
        self.roles = roles
        self.names = names
        descriptor = AnnotatorDescriptor(
            id: Self.id,
            summary: "Finds direct, mixed and indirect quotations, their reporting cue and their speaker, resolved to the entity's canonical name.",
            version: "5",
            requires: [Layers.blocks, Layers.tokens, Layers.sentences, Layers.entities],
            produces: [Layers.quotes],
            languages: Set(rules.keys),
            examples: LanguageExample.annotatorExamples(rules.mapValues(\.stageExamples)))
    }

    public func annotate(_ document: Document) throws -> LayerBundle {
        var bundle = LayerBundle()
        guard let code = document.metadata.language, let rules = rules[code] else {
            bundle[Layers.quotes] = []
            return bundle
        }
        var finder = QuoteFinder(rules: rules, roles: roles[code] ?? [], names: names[code] ?? .empty, document: document)
        bundle[Layers.quotes] = finder.quotes()
        return bundle
    }
}
