public import NewsAnnotation

/// The built-in stages, in the order they run.
///
/// The order is one hand-written list: a stage's place is decided here, and the pipeline
/// checks it against every stage's `requires` and `produces` when it is built.
public enum StandardPipeline {
    /// One entry of the registry: a stage id and how to construct the stage.
    public struct Entry: Sendable {
        /// The stage id.
        public var id: String
        /// Builds the stage. The built-in stages read their rule files' examples here and load
        /// a language's resources with the first document in it (``LazyLanguageAnnotator``).
        public var make: @Sendable () throws -> any Annotator
    }

    /// Every built-in stage, in pipeline order.
    public static let registry: [Entry] = [
        // Tokens and sentences come first: every later stage reads them.
        Entry(id: SegmentationAnnotator.id) { try LazyLanguageAnnotator.segmentation() },
        // Entities read tokens and sentences; quotes and sources build on them.
        Entry(id: EntityAnnotator.id) { try LazyLanguageAnnotator.entities() },
        // Dates read tokens and sentences (tense cues are per sentence).
        Entry(id: TimexAnnotator.id) { try LazyLanguageAnnotator.dates() },
        // Quotes read entities for their speakers.
        Entry(id: QuoteAnnotator.id) { try LazyLanguageAnnotator.quotes() },
        // Sources gather quoted speakers, metadata and footers.
        Entry(id: SourceAnnotator.id) { try LazyLanguageAnnotator.sources() },
    ]
    // Each stage loads a language's resources (models, gazetteers, compiled patterns) with the
    // first document in that language (``LazyLanguageAnnotator``); its descriptor is that of
    // `SegmentationAnnotator()`, `EntityAnnotator()`, …, which load every language at once.

    /// The ids of the built-in stages, in order.
    public static var stageIDs: [String] { registry.map(\.id) }

    /// Builds the stages with the given ids, in the order given.
    ///
    /// - Parameter ids: The stages to include; `nil` for all of them.
    /// - Throws: ``PipelineError`` for unknown ids (listing the known ones), or whatever a
    ///   stage's initialiser throws when its resources cannot be loaded.
    public static func stages(_ ids: [String]? = nil) throws -> [any Annotator] {
        guard let ids else { return try registry.map { try $0.make() } }
        let unknown = ids.filter { id in !registry.contains { $0.id == id } }
        if !unknown.isEmpty {
            throw PipelineError(problems: unknown.map { .unknownStage(id: $0, available: stageIDs) })
        }
        return try ids.compactMap { id in try registry.first { $0.id == id }?.make() }
    }

    /// Builds and checks a pipeline of built-in stages.
    ///
    /// - Parameters:
    ///   - ids: The stages to run, in the order given; `nil` for the full standard pipeline.
    ///   - language: When given, every stage must handle it.
    public static func make(_ ids: [String]? = nil, language: String? = nil) throws -> Pipeline {
        try Pipeline(stages: stages(ids), language: language)
    }
}
