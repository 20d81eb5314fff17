public import NewsAnnotation

/// Runs a stage's descriptor examples: each marked text becomes a document, the stages that
/// the example needs run first, and the spans of the example's layer are compared with the
/// marks.
public enum StageExampleRunner {
    /// The outcome of one example.
    public struct Outcome: Sendable {
        /// The stage id.
        public var stage: String
        /// The example.
        public var example: AnnotatorExample
        /// `nil` when the example passed, otherwise a readable report.
        public var failure: String?
    }

    /// Runs one example.
    ///
    /// - Parameters:
    ///   - example: The example.
    ///   - stage: The stage that declares it.
    ///   - preparing: Builds the document for the example's text: ingest it and run the
    ///     stages before `stage` (the caller knows how, this library does not read files).
    ///   - spans: Reads the spans (and labels) of the example's layer from the annotated
    ///     document.
    public static func run(
        _ example: AnnotatorExample, of stage: any Annotator,
        preparing: (String, String) throws -> Document,
        spans: (Document, LayerID) -> [MarkedText.Mark]?
    ) -> Outcome {
        let id = stage.descriptor.id
        do {
            let marked = try MarkedText(example.marked)
            let prepared = try preparing(marked.text, example.language)
            let pipeline = try Pipeline(stages: [stage], provided: prepared.layerIDs)
            let annotated = try pipeline.annotate(prepared)
            guard let actual = spans(annotated, example.layer) else {
                return Outcome(stage: id, example: example, failure: "layer '\(example.layer)' has no span reader")
            }
            let compareLabels = marked.marks.contains { $0.label != nil }
            return Outcome(stage: id, example: example, failure: marked.difference(from: actual, compareLabels: compareLabels))
        } catch {
            return Outcome(stage: id, example: example, failure: "\(error)")
        }
    }
}
