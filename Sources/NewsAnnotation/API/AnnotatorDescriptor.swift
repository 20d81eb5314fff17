/// What a stage is and what it does, declared once: the pipeline checks the order of stages
/// against it, `describe` prints it, and its examples run as tests.
public struct AnnotatorDescriptor: Sendable, Hashable {
    /// A stable snake_case id, such as `"segmentation"` or `"quote_speakers"`.
    public var id: String
    /// One sentence, shown by `news-annotate describe`.
    public var summary: String
    /// The stage's version; bump it when its output changes for the same input.
    public var version: String
    /// The layers that must exist before the stage runs, with the type the stage reads them
    /// in (untyped for stages that accept any value, such as external programs).
    public var requiredLayers: [LayerDeclaration]
    /// The layers the stage returns, exactly, with their types; returning any other layer is
    /// an error.
    public var producedLayers: [LayerDeclaration]
    /// The language codes the stage handles, or `nil` when it is language-independent.
    public var languages: Set<String>?
    /// Worked examples in marked text, run as tests and shown in the docs.
    public var examples: [AnnotatorExample]

    /// The ids of the layers that must exist before the stage runs.
    public var requires: Set<LayerID> { Set(requiredLayers.map(\.id)) }
    /// The ids of the layers the stage returns.
    public var produces: Set<LayerID> { Set(producedLayers.map(\.id)) }

    /// Creates a descriptor whose layers carry their value types, the way built-in stages
    /// declare them: `requires: [Layers.tokens, Layers.entities], produces: [Layers.quotes]`.
    public init(
        id: String, summary: String, version: String = "1",
        requires: [any LayerDeclaring] = [], produces: [any LayerDeclaring],
        languages: Set<String>? = nil, examples: [AnnotatorExample] = []
    ) {
        self.init(id: id, summary: summary, version: version,
                  declaring: requires.map(\.layerDeclaration), produces: produces.map(\.layerDeclaration),
                  languages: languages, examples: examples)
    }

    /// Creates a descriptor from layer ids alone: the stage accepts its required layers in any
    /// type (a typed read of a JSON layer decodes it), and its consumers check its layers'
    /// types when they read them.
    public init(
        id: String, summary: String, version: String = "1",
        requires: Set<LayerID> = [], produces: Set<LayerID>,
        languages: Set<String>? = nil, examples: [AnnotatorExample] = []
    ) {
        self.init(id: id, summary: summary, version: version,
                  declaring: requires.map { LayerDeclaration($0) }, produces: produces.map { LayerDeclaration($0) },
                  languages: languages, examples: examples)
    }

    private init(
        id: String, summary: String, version: String, declaring requires: [LayerDeclaration], produces: [LayerDeclaration],
        languages: Set<String>?, examples: [AnnotatorExample]
    ) {
        self.id = id
        self.summary = summary
        self.version = version
        self.requiredLayers = requires.sorted()
        self.producedLayers = produces.sorted()
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

/// Something a stage can list in ``AnnotatorDescriptor/requires`` and
/// ``AnnotatorDescriptor/produces``: a ``LayerKey`` (typed) or a ``LayerDeclaration``.
public protocol LayerDeclaring: Sendable {
    /// The layer with its value type, if known.
    var layerDeclaration: LayerDeclaration { get }
}

extension LayerKey: LayerDeclaring {
    public var layerDeclaration: LayerDeclaration { LayerDeclaration(self) }
}

extension LayerDeclaration: LayerDeclaring {
    public var layerDeclaration: LayerDeclaration { self }
}
