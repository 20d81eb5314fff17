/// What a stage is and what it does, declared once: the pipeline checks the order of stages
/// against it, `describe` prints it, and its examples run as tests.
public struct AnnotatorDescriptor: Sendable, Hashable {
    /// A stable snake_case id, such as `"segmentation"` or `"quote_speakers"`.
    public var id: String
    /// One sentence, shown by `news-annotate describe`.
    public var summary: String
    /// The stage's version; bump it when its output changes for the same input.
    public var version: String
    /// The layers that must exist before the stage runs.
    public var requires: Set<LayerID>
    /// The layers the stage returns, exactly; returning any other layer is an error.
    public var produces: Set<LayerID>
    /// The language codes the stage handles, or `nil` when it is language-independent.
    public var languages: Set<String>?
    /// Worked examples in marked text, run as tests and shown in the docs.
    public var examples: [AnnotatorExample]

    /// Creates a descriptor.
    public init(
        id: String, summary: String, version: String = "1",
        requires: Set<LayerID> = [], produces: Set<LayerID>,
        languages: Set<String>? = nil, examples: [AnnotatorExample] = []
    ) {
        self.id = id
        self.summary = summary
        self.version = version
        self.requires = requires
        self.produces = produces
        self.languages = languages
        self.examples = examples
    }

    /// Whether the stage handles `language` (always true for language-independent stages).
    public func supports(language: String) -> Bool {
        guard let languages else { return true }
        return languages.contains(language)
    }
}

/// A worked example of a stage: marked text in, expected spans of one layer out.
///
/// Marked text writes the expected spans inline: `"⟦PER Richard Reeve⟧ dice che…"`. The
/// label after `⟦` is the span's type (or any label the stage's layer uses): two or more
/// capitals, digits, `_`, `-` or `#`, then a space. `⟦` and `⟧` alone mark an unlabelled span.
public struct AnnotatorExample: Sendable, Hashable {
    /// The language of the example text.
    public var language: String
    /// The layer whose spans are marked.
    public var layer: LayerID
    /// The marked text.
    public var marked: String

    /// Creates an example.
    public init(language: String, layer: LayerID, marked: String) {
        self.language = language
        self.layer = layer
        self.marked = marked
    }
}
