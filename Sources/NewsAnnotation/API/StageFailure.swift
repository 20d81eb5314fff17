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
        /// A layer the stage requires holds another type than the stage reads, or is JSON
        /// that does not decode into it (`detail` says why).
        case layerTypeMismatch(layer: LayerID, producer: String, storedType: String, requiredType: String, detail: String?)
        /// Two annotations of a layer the stage returned share an id.
        case duplicateID(layer: String, id: String)
        /// The document's time budget ran out while the stage ran or before it started.
        case timeBudgetExceeded(seconds: Double)
        /// The run was asked to stop (``WorkBudget/requestStop()``) while the stage ran.
        case stopped
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
        case .layerTypeMismatch(let layer, let producer, let storedType, let requiredType, let detail):
            if let detail {
                "layer '\(layer)' from stage '\(producer)' does not decode as \(requiredType), the type this stage reads: \(detail)"
            } else {
                "layer '\(layer)' from stage '\(producer)' holds \(storedType), but this stage reads it as \(requiredType)"
            }
        case .duplicateID(let layer, let id):
            "layer '\(layer)' has two annotations with the id '\(id)'; ids must be unique within a layer"
        case .timeBudgetExceeded(let seconds):
            "time budget exceeded after \(Self.format(seconds)) s"
        case .stopped:
            "stopped: the run was asked to end (a termination signal); the document was not annotated"
        }
    }

    private static func format(_ seconds: Double) -> String {
        let tenths = (seconds * 10).rounded() / 10
        return tenths == tenths.rounded() ? String(Int(tenths)) : String(tenths)
    }

    public var description: String { "stage '\(stage)' failed on document '\(document)': \(message)" }
}
