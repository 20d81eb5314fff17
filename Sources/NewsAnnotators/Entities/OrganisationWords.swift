public import Foundation

/// Words that start or end organisation names in one language ("University", "Ministero" start
/// one; "Party", "Inc", "SpA" end one), loaded from
/// `Entities/Resources/organisation-words-<language>.json`: a hand-written list and one learned
/// from the training data's `ORG` spans by `Scripts/organisation-words.py`.
///
/// They feed the tagger as features (a word is one; one of the next or previous three words is
/// one), so the model can tell "Labour Party" from "Labour" and "Università di Bologna" from
/// "Bologna". They decide nothing on their own.
public struct OrganisationWords: Sendable, Hashable {
    /// Lowercase words that start organisation names.
    public var first: Set<String>
    /// Lowercase words that end organisation names.
    public var last: Set<String>

    /// No words: the features are then the same for every token.
    public static let empty = OrganisationWords(first: [], last: [])

    /// Creates the lists; words are compared in lowercase.
    public init(first: Set<String>, last: Set<String>) {
        self.first = Set(first.map { $0.lowercased() })
        self.last = Set(last.map { $0.lowercased() })
    }

    private struct File: Decodable {
        struct Lists: Decodable {
            var first: [String]?
            var last: [String]?
        }
        var written: Lists?
        var learned: Lists?
    }

    /// The bundled lists of `language`, or ``empty`` when it has none.
    ///
    /// - Throws: ``ResourceError`` when the language's file exists but cannot be read.
    public static func bundled(_ language: String) throws(ResourceError) -> OrganisationWords {
        try ResourceCache.value("organisation-words-\(language)") { () throws(ResourceError) in
            guard let url = Bundle.module.url(forResource: "organisation-words-\(language)", withExtension: "json") else { return .empty }
            return try load(from: url)
        }
    }

    /// Reads a file with `written` and `learned` lists, each with `first` and `last` words.
    ///
    /// - Throws: ``ResourceError`` naming the file when it cannot be read or decoded.
    public static func load(from url: URL) throws(ResourceError) -> OrganisationWords {
        let file: File
        do { file = try JSONDecoder().decode(File.self, from: Data(contentsOf: url)) } catch {
            throw ResourceError(resource: url.lastPathComponent, message: "cannot read the organisation words: \(error)")
        }
        let lists = [file.written, file.learned].compactMap { $0 }
        return OrganisationWords(first: Set(lists.flatMap { $0.first ?? [] }), last: Set(lists.flatMap { $0.last ?? [] }))
    }
}
