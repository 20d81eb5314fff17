public import NewsAnnotation

/// Splits every block into tokens and sentences.
///
/// - Requires: `blocks`.
/// - Produces: `tokens`, `sentences`. Sentences never cross a block boundary.
/// - Languages: Italian and English have abbreviation, title, elision and clitic lists; any
///   other language gets the generic rules (the pipeline notes it in a diagnostic).
/// - Leaves out: clause splitting, and sentence breaks inside a block that lacks final
///   punctuation (a heading is one sentence).
public struct SegmentationAnnotator: Annotator {
    /// The stage id.
    public static let id = "segmentation"

    private let rulesByLanguage: [String: SegmentationRules]

    public let descriptor = AnnotatorDescriptor(
        id: SegmentationAnnotator.id,
        summary: "Splits blocks into tokens and sentences, aware of abbreviations, titles, elisions, decimals and quotation marks.",
        version: "2",
        requires: [Layers.blocks],
        produces: [Layers.tokens, Layers.sentences],
        languages: Set(SegmentationRules.bundledLanguages),
        examples: [
            AnnotatorExample(language: "it", layer: Layers.sentences.id,
                             marked: "⟦“Non credo che abbiano una vera fiducia in Assad.”⟧ ⟦Lo dice il Prof. Light, 3,5 volte più dell’anno scorso.⟧"),
            AnnotatorExample(language: "en", layer: Layers.sentences.id,
                             marked: "⟦Dr. Whitfield works for the U.S. Geological Survey.⟧ ⟦It rose 3.5 metres… or so she said!⟧"),
            AnnotatorExample(language: "it", layer: Layers.tokens.id,
                             marked: "⟦presso⟧ ⟦l’⟧⟦Oxford⟧ ⟦Research⟧ ⟦Group⟧⟦,⟧ ⟦un⟧ ⟦think-tank⟧ ⟦negli⟧ ⟦anni⟧ ⟦’70⟧ ⟦😀⟧"),
        ]
    )

    /// Creates the stage with the bundled rules for Italian and English.
    ///
    /// - Throws: ``ResourceError`` when a bundled rule file cannot be read.
    public init() throws(ResourceError) {
        var rules: [String: SegmentationRules] = [:]
        for language in SegmentationRules.bundledLanguages { rules[language] = try SegmentationRules.bundled(language) }
        self.rulesByLanguage = rules
    }

    /// Creates the stage with explicit rules per language.
    public init(rules: [String: SegmentationRules]) {
        self.rulesByLanguage = rules
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
