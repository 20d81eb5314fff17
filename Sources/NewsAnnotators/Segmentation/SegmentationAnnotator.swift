public import NewsAnnotation

/// Splits every block into tokens and sentences.
///
/// - Requires: `blocks`.
/// - Produces: `tokens`, `sentences`. Sentences never cross a block boundary.
/// - Languages: every language with a `Segmentation/Resources/<language>.json` has its
///   abbreviation, title, elision and clitic lists; any other language gets the generic rules
///   (the pipeline notes it in a diagnostic).
/// - Leaves out: clause splitting, and sentence breaks inside a block that lacks final
///   punctuation (a heading is one sentence).
public struct SegmentationAnnotator: Annotator {
    /// The stage id.
    public static let id = "segmentation"

    private let rulesByLanguage: [String: SegmentationRules]

    public let descriptor: AnnotatorDescriptor

    /// Creates the stage with the bundled rules of every language that has a
    /// `Segmentation/Resources/<language>.json`.
    ///
    /// - Throws: ``ResourceError`` when a bundled rule file cannot be read.
    public init() throws(ResourceError) {
        var rules: [String: SegmentationRules] = [:]
        for language in SegmentationRules.bundledLanguages { rules[language] = try SegmentationRules.bundled(language) }
        self.init(rules: rules)
    }

    /// Creates the stage with explicit rules per language.
    public init(rules: [String: SegmentationRules]) {
        self.rulesByLanguage = rules
        descriptor = AnnotatorDescriptor(
            id: Self.id,
            summary: "Splits blocks into tokens and sentences, aware of abbreviations, titles, elisions, decimals and quotation marks.",
            version: "2",
            requires: [Layers.blocks],
            produces: [Layers.tokens, Layers.sentences],
            languages: Set(SegmentationRules.bundledLanguages),
            examples: LanguageExample.annotatorExamples(rules.mapValues(\.stageExamples))
        )
    }

    public func annotate(_ document: Document) throws -> LayerBundle {
        let rules = document.metadata.language.flatMap { rulesByLanguage[$0] } ?? .generic
        let tokenizer = Tokenizer(rules: rules)
        let splitter = SentenceSplitter(rules: rules)
        let scalars = document.content.scalars
        var tokens: [Token] = []
        var sentences: [Sentence] = []
        for block in document[Layers.blocks] ?? [] {
            // Past the time budget, stop: the pipeline fails the document (``WorkBudget``).
            if WorkBudget.isExhausted { break }
            let first = tokens.count
            tokens += tokenizer.tokens(in: scalars, span: block.span)
            sentences += splitter.sentences(in: scalars, tokens: tokens[first...])
        }
        var bundle = LayerBundle()
        bundle[Layers.tokens] = tokens
        bundle[Layers.sentences] = sentences
        return bundle
    }
}
