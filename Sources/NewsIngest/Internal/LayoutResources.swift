import Foundation

/// Language data for ingest, loaded once from `layout.json`: footer cues, stopwords, and the
/// widget lines, photo credits and slideshow counters that are dropped from HTML bodies.
struct LayoutResources: Sendable, Decodable {
    /// Lowercase phrases per language that mark a publisher's closing line; `*` is for all.
    var footerCues: [String: [String]]
    /// Frequent words per language, for guessing the language of undeclared text.
    var stopwords: [String: [String]]
    /// Lowercase lines per language that are page widgets or prompts ("Advertisement",
    /// "Share this", "Loading…") when a block holds nothing else.
    var boilerplateLines: [String: [String]]
    /// Lowercase starts of photo-credit lines per language ("photo by", "foto:").
    var creditPrefixes: [String: [String]]
    /// Lowercase names of picture agencies ("getty images", "reuters").
    var creditNames: [String: [String]]
    /// The word of a slideshow counter per language (`of` in "3 of 12").
    var counterWords: [String: [String]]

    static func load() throws(IngestResourceError) -> LayoutResources {
        guard let url = Bundle.module.url(forResource: "layout", withExtension: "json") else {
            throw IngestResourceError(message: "the ingest resource 'layout.json' is missing from the bundle")
        }
        do {
            return try JSONDecoder().decode(LayoutResources.self, from: Data(contentsOf: url))
        } catch {
            throw IngestResourceError(message: "cannot load the ingest resource 'layout.json': \(error)")
        }
    }

    /// Footer cues that apply to `language` (those for every language included).
    func footerCues(for language: String?) -> [String] {
        let general = footerCues["*"] ?? []
        if let language, let specific = footerCues[language] { return general + specific }
        return general + footerCues.filter { $0.key != "*" }.sorted { $0.key < $1.key }.flatMap(\.value)
    }

    /// Every language's entries of a per-language list: a page's language is not known when
    /// its body is extracted, and a page in one language often carries widgets in another.
    static func all(_ lists: [String: [String]]) -> [String] {
        lists.sorted { $0.key < $1.key }.flatMap(\.value)
    }
}

/// The ingest resources shipped with the library could not be loaded: the installation is broken.
public struct IngestResourceError: Error, Sendable, CustomStringConvertible {
    /// What is wrong.
    public var message: String
    public var description: String { message }
}
