import Foundation

/// The words the corpus report reads in roles, titles and pronouns, from one data file per
/// language (`Resources/report-<language>.json`), merged: a report covers documents in any of
/// the languages at once. A new language is a new file; no Swift changes.
///
/// Each file has `roleFamilies` (an array of `{"family", "words"}`; family names are the
/// report's labels, shared by all languages, and the first file's order is the matching
/// order), and the lists `femaleTitles`, `maleTitles`, `otherTitles`, `femalePronouns` and
/// `malePronouns`. Words are compared lowercase with accents folded; a trailing `*` matches
/// as a prefix.
struct ReportLexicon: Sendable {
    var families: [(name: String, words: Set<String>)] = []
    var femaleTitles: Set<String> = []
    var maleTitles: Set<String> = []
    var otherTitles: Set<String> = []
    var femalePronouns: Set<String> = []
    var malePronouns: Set<String> = []
    /// The languages whose files were read.
    var languages: [String] = []

    /// The bundled files, read once.
    static let bundled: ReportLexicon = {
        // SwiftPM copies processed resources flat into the bundle's resource folder.
        let directory = Bundle.module.resourceURL ?? Bundle.module.bundleURL
        let names = ((try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? [])
            .filter { $0.hasPrefix("report-") && $0.hasSuffix(".json") }
            .sorted()
        var lexicon = ReportLexicon()
        for url in names.map({ directory.appendingPathComponent($0) }) {
            // A bundled file that does not decode is a packaging error a test catches
            // (`ReportLexiconTests`); the report then runs without that language's words.
            guard let data = try? Data(contentsOf: url), let file = try? JSONDecoder().decode(File.self, from: data) else { continue }
            lexicon.add(file)
            lexicon.languages.append(String(url.deletingPathExtension().lastPathComponent.dropFirst("report-".count)))
        }
        return lexicon
    }()

    private struct File: Decodable {
        struct Family: Decodable {
            var family: String
            var words: [String]
        }
        var roleFamilies: [Family]
        var femaleTitles: [String]
        var maleTitles: [String]
        var otherTitles: [String]
        var femalePronouns: [String]
        var malePronouns: [String]
    }

    private mutating func add(_ file: File) {
        func folded(_ words: [String]) -> Set<String> {
            Set(words.map { word in word.hasSuffix("*") ? ReportName.normalised(String(word.dropLast())) + "*" : ReportName.normalised(word) })
        }
        for family in file.roleFamilies {
            if let index = families.firstIndex(where: { $0.name == family.family }) {
                families[index].words.formUnion(folded(family.words))
            } else {
                families.append((family.family, folded(family.words)))
            }
        }
        femaleTitles.formUnion(folded(file.femaleTitles))
        maleTitles.formUnion(folded(file.maleTitles))
        otherTitles.formUnion(folded(file.otherTitles))
        femalePronouns.formUnion(folded(file.femalePronouns))
        malePronouns.formUnion(folded(file.malePronouns))
    }
}
