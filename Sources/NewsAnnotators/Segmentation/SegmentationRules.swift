import Foundation

/// Language data for tokens and sentences, loaded from `Segmentation/Resources/<language>.json`.
///
/// A new language is a new JSON file with the same keys; no code changes.
public struct SegmentationRules: Sendable, Hashable, Decodable {
    /// Lowercase tokens with their final dot that do not end a sentence by themselves.
    public var abbreviations: Set<String>
    /// Abbreviations that precede a name (never a sentence end).
    public var titles: Set<String>
    /// Abbreviations that may end a sentence when a capitalised word follows.
    public var sentenceFinalAbbreviations: Set<String>
    /// Lowercase words that end in an apostrophe before the next word (Italian `l’`, `dell’`).
    public var elisions: Set<String>
    /// Endings split off a word at an apostrophe (English `'s`, `n't`), written with `'`.
    public var clitics: Set<String>
    /// Endings written after the two digits of a decade with an apostrophe (English `s` of
    /// '70s), kept in its token; `nil` or empty: only the bare form (’70) is one token.
    public var decadeSuffixes: Set<String>?
    /// Examples of the stage in this language (key `stageExamples`), listed in the stage's
    /// descriptor and run as tests.
    public var stageExamples: [LanguageExample]?

    /// Rules with no language data: generic tokens and sentences.
    public static let generic = SegmentationRules(abbreviations: [], titles: [], sentenceFinalAbbreviations: [], elisions: [], clitics: [])

    /// Creates rules from lists.
    public init(abbreviations: Set<String>, titles: Set<String>, sentenceFinalAbbreviations: Set<String>, elisions: Set<String>, clitics: Set<String>) {
        self.abbreviations = abbreviations
        self.titles = titles
        self.sentenceFinalAbbreviations = sentenceFinalAbbreviations
        self.elisions = elisions
        self.clitics = clitics
    }

    /// The languages that have bundled rules: one for each `Segmentation/Resources/<language>.json`,
    /// sorted. Found from the files present, so a new language needs no code.
    public static let bundledLanguages: [String] = BundledLanguages.codes(prefix: "", fileExtension: "json")

    /// Loads the bundled rules for `language`.
    ///
    /// - Throws: ``ResourceError`` when the file is missing or malformed.
    public static func bundled(_ language: String) throws(ResourceError) -> SegmentationRules {
        // Read once per process, whichever stage asks first.
        try ResourceCache.value("segmentation-\(language)") { () throws(ResourceError) in try readBundled(language) }
    }

    private static func readBundled(_ language: String) throws(ResourceError) -> SegmentationRules {
        guard let url = Bundle.module.url(forResource: language, withExtension: "json") else {
            throw ResourceError(resource: "\(language).json", message: "no segmentation rules for language '\(language)'; available: \(bundledLanguages.joined(separator: ", "))")
        }
        return try load(from: url)
    }

    /// Loads rules from a JSON file with the keys of the bundled ones.
    public static func load(fromPath path: String) throws(ResourceError) -> SegmentationRules {
        try load(from: URL(fileURLWithPath: path))
    }

    static func load(from url: URL) throws(ResourceError) -> SegmentationRules {
        do {
            return try JSONDecoder().decode(SegmentationRules.self, from: Data(contentsOf: url))
        } catch {
            throw ResourceError(resource: url.lastPathComponent, message: "cannot read segmentation rules: \(error)")
        }
    }
}

/// A stage's resource could not be loaded.
public struct ResourceError: Error, Sendable, CustomStringConvertible {
    /// The resource's file name.
    public var resource: String
    /// What is wrong.
    public var message: String
    public var description: String { "\(resource): \(message)" }
}
