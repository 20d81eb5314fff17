import NewsAnnotation

/// A stage example written in a language's resource file, under the key `stageExamples`:
/// `{"layer": "sentences", "marked": "⟦Dr. Whitfield works here.⟧ ⟦It rose.⟧"}`.
///
/// The stage's descriptor lists the examples of every language it loads, so a new language
/// brings its own examples, and the descriptor-example test runs them with no code change.
public struct LanguageExample: Sendable, Hashable, Codable {
    /// The layer whose spans are marked (`sentences`, `tokens`, `entities`, `dates`, …).
    public var layer: String
    /// The marked text (see `NewsAnnotationTesting`'s marked-text format).
    public var marked: String

    /// Creates an example.
    public init(layer: String, marked: String) {
        self.layer = layer
        self.marked = marked
    }

    /// The descriptor examples of several languages' files, in language order.
    static func annotatorExamples(_ examplesByLanguage: [String: [LanguageExample]?]) -> [AnnotatorExample] {
        examplesByLanguage.keys.sorted().flatMap { language in
            (examplesByLanguage[language].flatMap { $0 } ?? []).map { AnnotatorExample(language: language, layer: LayerID($0.layer), marked: $0.marked) }
        }
    }
}
