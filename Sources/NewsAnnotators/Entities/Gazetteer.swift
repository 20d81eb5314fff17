public import Foundation
import NewsAnnotation

/// Per-language lists of names (countries, cities, regions, organisations, groups, media,
/// platforms) and of the titles and roles that precede a person's name, loaded from
/// `Entities/Resources/gazetteer-<language>.json`.
///
/// The lists feed the tagger as features and fix confident cases after it: a country is
/// always a place, a platform never a person, "USA" resolves to "Stati Uniti".
public struct Gazetteer: Sendable {
    /// One name with its other forms.
    public struct Entry: Sendable, Hashable, Codable {
        /// The canonical name.
        public var name: String
        /// Other forms that resolve to `name`.
        public var aliases: [String]?
        /// PER, ORG, LOC or MISC.
        public var type: String
        /// A finer type: `GPE` for countries and cities, `platform` for social platforms.
        public var subtype: String?
        /// The list it comes from (filled in when loading).
        public var list: String?
    }

    private struct File: Decodable {
        var language: String
        var sources: [String]?
        var lists: [String: [Entry]]
        var titles: [String]?
        var roles: [String]?
        /// Given names of the language, added to the shared `names.json` lists.
        var givenNames: GivenNames?
    }

    /// A match of an entry over tokens.
    struct Match: Sendable, Hashable {
        var start: Int
        var end: Int
        var entry: Int
    }

    private struct Candidate: Sendable {
        var words: [String]
        var entry: Int
        /// All-uppercase forms ("IS", "USA") match only as written.
        var exactForm: String?
        /// Which words are capitalised in the form: they must be in the text too, so "Il Giorno"
        /// does not match "Il giorno dopo".
        var capitalised: [Bool]
    }

    public let language: String
    public let entries: [Entry]
    /// Lowercase title and honorific words ("signor", "prof.", "mr").
    public let titles: Set<String>
    /// Lowercase role words, single or several words ("presidente", "primo ministro").
    public let roles: Set<String>
    /// Common given names, a feature of the tagger.
    public var givenNames: GivenNames = .empty
    /// Words that start or end organisation names ("University", "Party"), a feature of the tagger.
    public var organisationWords: OrganisationWords = .empty
    private let index: [String: [Candidate]]

    /// An empty gazetteer.
    public static let empty = Gazetteer(language: "", entries: [], titles: [], roles: [])

    /// Creates a gazetteer from entries.
    ///
    /// - Parameters:
    ///   - language: The language of the names.
    ///   - entries: The names with their aliases, types and lists.
    ///   - titles: Lowercase titles and honorifics ("signor", "mr").
    ///   - roles: Lowercase role words, single or several words ("presidente", "primo ministro").
    ///   - split: Splits a name into the words the tokenizer makes of it.
    public init(language: String, entries: [Entry], titles: Set<String>, roles: Set<String>, split: (String) -> [String] = Gazetteer.spaceSeparated) {
        self.language = language
        self.entries = entries
        self.titles = titles
        self.roles = roles
        var index: [String: [Candidate]] = [:]
        for (number, entry) in entries.enumerated() {
            for form in [entry.name] + (entry.aliases ?? []) {
                let forms = split(form)
                let words = forms.map { TaggerToken(form: $0).lower }
                guard let first = words.first else { continue }
                let isAcronym = form.unicodeScalars.contains { $0.properties.isUppercase } && !form.unicodeScalars.contains { $0.properties.isLowercase }
                let capitalised = forms.map { $0.unicodeScalars.first?.properties.isUppercase ?? false }
                index[first, default: []].append(Candidate(words: words, entry: number, exactForm: isAcronym ? form : nil, capitalised: capitalised))
            }
        }
        for key in index.keys { index[key]?.sort { $0.words.count > $1.words.count } }
        self.index = index
    }

    /// Splits at spaces.
    public static func spaceSeparated(_ name: String) -> [String] {
        name.split(whereSeparator: { $0 == " " || $0 == "\u{00A0}" }).map(String.init)
    }

    /// The languages that have a bundled gazetteer: one for each `gazetteer-<language>.json`, sorted.
    public static let bundledLanguages = BundledLanguages.codes(prefix: "gazetteer-", fileExtension: "json")

    /// Loads the bundled gazetteer of `language`.
    public static func bundled(_ language: String) throws(ResourceError) -> Gazetteer {
        // Read once per process, whichever stage asks first.
        try ResourceCache.value("gazetteer-\(language)") { () throws(ResourceError) in try readBundled(language) }
    }

    private static func readBundled(_ language: String) throws(ResourceError) -> Gazetteer {
        guard let url = Bundle.module.url(forResource: "gazetteer-\(language)", withExtension: "json") else {
            throw ResourceError(resource: "gazetteer-\(language).json", message: "no gazetteer for language '\(language)'; available: \(bundledLanguages.joined(separator: ", "))")
        }
        return try load(from: url)
    }

    /// Loads a gazetteer file.
    public static func load(from url: URL) throws(ResourceError) -> Gazetteer {
        let file: File
        do { file = try JSONDecoder().decode(File.self, from: Data(contentsOf: url)) } catch {
            throw ResourceError(resource: url.lastPathComponent, message: "cannot read the gazetteer: \(error)")
        }
        var entries: [Entry] = []
        for list in file.lists.keys.sorted() {
            for var entry in file.lists[list] ?? [] {
                entry.list = list
                entries.append(entry)
            }
        }
        // Names are split as the tokenizer splits the text of their language.
        let rules = (try? SegmentationRules.bundled(file.language)) ?? .generic
        let tokenizer = Tokenizer(rules: rules)
        let split: (String) -> [String] = { name in
            let scalars = Array(name.unicodeScalars)
            return tokenizer.tokens(in: scalars, span: TextSpan(start: 0, end: scalars.count)).map { String(String.UnicodeScalarView(scalars[$0.start..<$0.end])) }
        }
        var gazetteer = Gazetteer(language: file.language, entries: entries, titles: Set((file.titles ?? []).map { $0.lowercased() }), roles: Set((file.roles ?? []).map { $0.lowercased() }), split: split)
        gazetteer.givenNames = try GivenNames.bundled()
        if let own = file.givenNames { gazetteer.givenNames = gazetteer.givenNames.adding(own) }
        gazetteer.organisationWords = try OrganisationWords.bundled(file.language)
        return gazetteer
    }

    /// Whether `tokens[index]` starts a title or role ("signor", "primo ministro"); returns its length in tokens.
    func titleLength(_ tokens: [TaggerToken], at index: Int) -> Int {
        let word = tokens[index].lower
        if titles.contains(word) || roles.contains(word) { return 1 }
        if index + 1 < tokens.count, roles.contains(word + " " + tokens[index + 1].lower) { return 2 }
        if index + 2 < tokens.count, roles.contains(word + " " + tokens[index + 1].lower + " " + tokens[index + 2].lower) { return 3 }
        return 0
    }

    /// The longest matches left to right, without overlaps. The words the form writes with a
    /// capital must have one in the text; all-uppercase forms must match exactly.
    func matches(in tokens: [TaggerToken]) -> [Match] {
        var found: [Match] = []
        var position = 0
        while position < tokens.count {
            var matched: Match?
            if let candidates = index[tokens[position].lower] {
                for candidate in candidates where position + candidate.words.count <= tokens.count {
                    if let exact = candidate.exactForm {
                        guard candidate.words.count == 1, tokens[position].form == exact else { continue }
                    } else {
                        var same = true
                        for (offset, word) in candidate.words.enumerated() {
                            let token = tokens[position + offset]
                            if token.lower != word || (candidate.capitalised[offset] && !(token.form.unicodeScalars.first?.properties.isUppercase ?? false)) { same = false; break }
                        }
                        // A name starts with a capital ("al-Qaeda" has one inside).
                        guard same, tokens[position].form.unicodeScalars.contains(where: { $0.properties.isUppercase }) else { continue }
                    }
                    matched = Match(start: position, end: position + candidate.words.count, entry: candidate.entry)
                    break
                }
            }
            if let matched {
                found.append(matched)
                position = matched.end
            } else {
                position += 1
            }
        }
        return found
    }

    /// Tokens with their gazetteer and title features filled in.
    func featureTokens(_ forms: [String]) -> [TaggerToken] {
        var tokens = forms.map { TaggerToken(form: $0) }
        for match in matches(in: tokens) {
            let list = entries[match.entry].list ?? "names"
            for position in match.start..<match.end { tokens[position].gazetteer = (position == match.start ? "B:" : "I:") + list }
        }
        for position in tokens.indices {
            if titleLength(tokens, at: position) > 0 { tokens[position].isTitle = true }
            if givenNames.female.contains(tokens[position].lower) || givenNames.male.contains(tokens[position].lower) { tokens[position].isGivenName = true }
            if organisationWords.first.contains(tokens[position].lower) { tokens[position].organisationWord.insert(.first) }
            if organisationWords.last.contains(tokens[position].lower) { tokens[position].organisationWord.insert(.last) }
        }
        return tokens
    }
}
