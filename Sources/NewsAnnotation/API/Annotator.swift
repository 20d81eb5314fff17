/// A pipeline stage: reads a document and returns new layers.
///
/// Load gazetteers, patterns and models in `init`, which may throw; keep
/// ``annotate(_:)`` cheap. A stage is a stateless `Sendable` value: the pipeline shares one
/// instance across all documents, concurrently.
///
/// A stage never edits the document. It returns a ``LayerBundle`` with exactly the layers its
/// ``AnnotatorDescriptor/produces`` declares, and the ``Pipeline`` merges it.
///
/// ```swift
/// struct ShoutAnnotator: Annotator {
///     let descriptor = AnnotatorDescriptor(
///         id: "shouts", summary: "Finds words written in capitals.",
///         requires: [Layers.tokens], produces: [Layers.shouts])
///
///     func annotate(_ document: Document) throws -> LayerBundle {
///         var bundle = LayerBundle()
///         bundle[Layers.shouts] = (document[Layers.tokens] ?? []).filter { … }
///         return bundle
///     }
/// }
/// ```
public protocol Annotator: Sendable {
    /// The stage's declaration: id, summary, required and produced layers, languages, examples.
    var descriptor: AnnotatorDescriptor { get }

    /// Annotates one document.
    ///
    /// - Parameter document: The document, with every layer of earlier stages.
    /// - Returns: Exactly the layers the descriptor declares in `produces`, and any diagnostics.
    /// - Throws: Anything; the pipeline wraps it in a ``StageFailure`` with the stage and
    ///   document ids.
    func annotate(_ document: Document) throws -> LayerBundle
}
