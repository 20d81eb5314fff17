import Foundation

/// The part of a language's rule file that a stage's descriptor lists: its examples (key
/// `stageExamples`) and the language the file declares (key `language`, where it has one).
///
/// Reading only these keys lets ``LazyLanguageAnnotator`` describe a stage without decoding
/// (or compiling) the rest of every language's rules.
struct ResourceExamples: Sendable, Decodable {
    var language: String?
    var stageExamples: [LanguageExample]?

    /// Reads the examples of the bundled file `<name>.json`.
    ///
    /// - Throws: ``ResourceError`` when the file is missing or not JSON of that shape.
    static func bundled(_ name: String) throws(ResourceError) -> ResourceExamples {
        guard let url = Bundle.module.url(forResource: name, withExtension: "json") else {
            throw ResourceError(resource: "\(name).json", message: "the file is missing from the package resources")
        }
        do {
            return try JSONDecoder().decode(ResourceExamples.self, from: Data(contentsOf: url))
        } catch {
            throw ResourceError(resource: "\(name).json", message: "cannot read the stage examples: \(error)")
        }
    }
}
