import Foundation

/// The temporal-expression data of one language, loaded from `Dates/Resources/dates-<lang>.json`:
/// its word lists (months, weekdays, number words, units…), tense cues, vetoes and rules.
///
/// A rule is a token pattern and a value recipe. Patterns are space-separated elements: a
/// literal word (`fa`), alternatives (`il|la|l'`), a word class (`<month>`), and a trailing
/// `?` for an optional element. Apostrophes are written `'` and match `’` too. A new
/// language is a new file; no code changes.
public struct TimexRules: Sendable, Decodable {
    /// Word lists, each keyed by lowercase word.
    public struct Lexicon: Sendable, Decodable {
        public var month: [String: Int]
        public var weekday: [String: Int]
        public var number: [String: Int]
        public var ordinal: [String: Int]
        public var unit: [String: String]
        public var season: [String: String]
        public var partOfDay: [String: String]
        public var past: [String]
        public var next: [String]
        public var this: [String]
        public var mod: [String: String]
        /// Clock words and their time (`noon` → `12:00`).
        public var clock: [String: String]
        /// Century names (`Novecento` → `19`), matched by `<centuryname>`.
        public var centuryName: [String: Int]
        /// Lowercase words of any class that only count when written with a capital
        /// (English `May`, `March`), since they are also ordinary words.
        public var capitalizedOnly: [String]
        /// Number words that give no exact count ("several", "few", "alcuni"): a duration of
        /// them is `PXY`, `PXD`…, and "a few years ago" is `PAST_REF` (TimeML's vague values).
        public var vague: [String]?
        /// Endings that make digits an ordinal (`st`, `nd`, `rd`, `th`; `°`, `º`, `ª`).
        public var ordinalSuffixes: [String]?
        /// Words for the halves of the day and the half each means (`a.m.` → `am`, `pm` → `pm`);
        /// the forms without a dot may also be written onto the digits ("3pm").
        public var meridiem: [String: String]?
    }

    /// Words that tell the tense around an expression, for bare weekdays and months: the cue
    /// nearest to the expression in its clause decides; without one, the nearest occurrence.
    public struct Tense: Sendable, Decodable {
        /// Words that speak of the future (`will`, `sarà`).
        public var future: [String]
        /// Word endings that speak of the future (Italian `-rà`, `-ranno`).
        public var futureSuffixes: [String]
        /// Words that speak of the past (`was`, `ha`).
        public var past: [String]
        /// Word endings that speak of the past (`-ed`, `-ato`).
        public var pastSuffixes: [String]
        /// Words that put the next few words in the future (`will` in "will be switched on").
        public var futureAuxiliaries: [String]
        /// Words right before an expression that point forward (`until Monday`, `entro venerdì`).
        public var futurePrepositions: [String]
        /// Words after which a word with a past ending is a participle or an adjective, not a
        /// past verb: "the reduced dividend", "is payable", "are expected" (English `the`, `is`).
        public var participleAfter: [String]?
        /// Days around the publication date within which a day of the month without a year is
        /// the nearest occurrence whatever the tense: news gives the year only for dates outside
        /// the current stretch of time (AP style), so "extended the offer to Nov. 20" in a story
        /// of Nov. 2 is this November, not last year's. Missing or 0: the tense always decides.
        public var nearestWithinDays: Int?
    }

    /// Context that stops a number from being read as a year.
    public struct Vetoes: Sendable, Decodable {
        /// Words right after the number: `persone`, `soldati`, `euro`.
        public var after: [String]
        /// Words right before it: `pagina`, `page`, `route`.
        public var before: [String]
        /// Words that are no date on their own, only inside a longer expression: abbreviated
        /// month and weekday names that are also names or words ("Sun", "Jan", "Wed").
        public var alone: [String]?
    }

    /// One worked example of a rule, run as a test.
    public struct Example: Sendable, Decodable {
        public var text: String
        public var published: String?
        public var expect: [Expected]
    }

    /// An expression an example expects.
    public struct Expected: Sendable, Decodable, Hashable {
        public var text: String
        public var type: String
        public var value: String
        public var mod: String?
    }

    /// One rule.
    public struct Rule: Sendable, Decodable {
        public var id: String
        public var pattern: String
        public var type: Timex.Kind
        /// A literal TIMEX3 value, or a recipe starting with `@` (see `Docs/Dates.md`).
        public var value: String
        public var mod: String?
        public var quant: String?
        public var freq: String?
        /// Words that may not follow a match: the match is then no expression ("the quarter"
        /// but not "the quarter of a century").
        public var notBefore: [String]?
        /// Words one of which must follow a match, else it is no expression ("the year" only in
        /// "the year ended March 31").
        public var onlyBefore: [String]?
        public var examples: [Example]?
    }

    public var language: String
    public var lexicon: Lexicon
    public var tense: Tense
    public var vetoes: Vetoes
    public var rules: [Rule]
    /// Examples of the stage in this language (key `stageExamples`), listed in the stage's
    /// descriptor and run as tests.
    public var stageExamples: [LanguageExample]?

    /// The languages with bundled rules: one for each `dates-<language>.json`, sorted.
    public static let bundledLanguages = BundledLanguages.codes(prefix: "dates-", fileExtension: "json")

    /// Loads the bundled rules of `language`.
    public static func bundled(_ language: String) throws(ResourceError) -> TimexRules {
        // Read once per process, whichever stage asks first.
        try ResourceCache.value("dates-\(language)") { () throws(ResourceError) in try readBundled(language) }
    }

    private static func readBundled(_ language: String) throws(ResourceError) -> TimexRules {
        guard let url = Bundle.module.url(forResource: "dates-\(language)", withExtension: "json") else {
            throw ResourceError(resource: "dates-\(language).json", message: "no date rules for language '\(language)'; available: \(bundledLanguages.joined(separator: ", "))")
        }
        do {
            return try JSONDecoder().decode(TimexRules.self, from: Data(contentsOf: url))
        } catch {
            throw ResourceError(resource: "dates-\(language).json", message: "cannot read date rules: \(error)")
        }
    }
}
