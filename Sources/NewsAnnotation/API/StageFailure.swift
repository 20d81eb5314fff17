/// A stage could not annotate a document: it threw, or returned other layers than it declared.
public struct StageFailure: Error, Sendable, CustomStringConvertible {
    /// What went wrong.
    public enum Reason: Sendable {
        /// The stage threw; the message is the error's description.
        case threw(message: String)
        /// The stage returned layers it does not declare in `produces`.
        case undeclaredLayers([LayerID])
        /// The stage did not return layers it declares in `produces`.
        case missingLayers([LayerID])
        /// A layer the stage returned has a span outside the document's text (`length` scalars).
        case spanOutsideText(layer: String, start: Int, end: Int, length: Int)
    }

    /// The stage id.
    public var stage: String
    /// The document id.
    public var document: String
    /// What went wrong.
    public var reason: Reason

    /// Creates a failure.
    public init(stage: String, document: String, reason: Reason) {
        self.stage = stage
        self.document = document
        self.reason = reason
    }

    /// The message without the stage and document context.
    public var message: String {
        switch reason {
        case .threw(let message): message
        case .undeclaredLayers(let ids):
            "returned undeclared layers: \(ids.map(\.rawValue).sorted().joined(separator: ", ")); declare them in 'produces'"
        case .missingLayers(let ids):
            "did not return declared layers: \(ids.map(\.rawValue).sorted().joined(separator: ", "))"
        case .spanOutsideText(let layer, let start, let end, let length):
            "layer '\(layer)' has a span \(start)..<\(end) outside the text (0..<\(length)); spans need 0 <= start <= end <= the text's length in code points"
        }
    }

    public var description: String { "stage '\(stage)' failed on document '\(document)': \(message)" }
}
