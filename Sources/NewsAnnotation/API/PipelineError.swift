/// Everything wrong with an order of stages, found before the first document is read.
public struct PipelineError: Error, Sendable, Hashable, CustomStringConvertible {
    /// Every problem found, in stage order.
    public var problems: [PipelineProblem]

    /// Creates an error from the problems found.
    public init(problems: [PipelineProblem]) { self.problems = problems }

    public var description: String {
        let count = problems.count
        let head = count == 1 ? "the pipeline has 1 problem" : "the pipeline has \(count) problems"
        return head + ": " + problems.map(\.description).joined(separator: "; ")
    }
}

/// One thing wrong with an order of stages.
public enum PipelineProblem: Sendable, Hashable, CustomStringConvertible {
    /// Two stages share an id.
    case duplicateStage(id: String)
    /// A stage requires a layer that neither ingest nor an earlier stage produces.
    case unmetRequirement(stage: String, layer: LayerID, producedLater: String?)
    /// A stage produces a layer that ingest or an earlier stage already produces.
    case producedTwice(layer: LayerID, stage: String, earlier: String)
    /// The pipeline is built for a language the stage does not handle.
    case unsupportedLanguage(stage: String, language: String, supported: [String])
    /// A stage reads a layer in another value type than the stage that produces it writes.
    case layerTypeMismatch(layer: LayerID, producer: String, producedType: String, consumer: String, requiredType: String)
    /// A stage was named that does not exist.
    case unknownStage(id: String, available: [String])
    /// A stage was placed relative to a stage that is not in the pipeline.
    case unknownAnchor(stage: String, anchor: String)

    /// Levenshtein distance, for "did you mean" suggestions.
    static func editDistance(_ a: String, _ b: String) -> Int {
        let a = Array(a), b = Array(b)
        guard !a.isEmpty else { return b.count }
        guard !b.isEmpty else { return a.count }
        var previous = Array(0...b.count)
        for i in 1...a.count {
            var current = [i] + Array(repeating: 0, count: b.count)
            for j in 1...b.count {
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
            }
            previous = current
        }
        return previous[b.count]
    }

    /// The id of the stage the problem is about.
    public var stage: String {
        switch self {
        case .duplicateStage(let id), .unknownStage(let id, _): id
        case .unmetRequirement(let stage, _, _), .producedTwice(_, let stage, _),
             .unsupportedLanguage(let stage, _, _), .unknownAnchor(let stage, _): stage
        case .layerTypeMismatch(_, _, _, let consumer, _): consumer
        }
    }

    public var description: String {
        switch self {
        case .duplicateStage(let id):
            return "stage '\(id)' appears more than once"
        case .unmetRequirement(let stage, let layer, let later):
            let hint = later.map { "; '\($0)' produces it but runs later" } ?? "; no stage produces it"
            return "stage '\(stage)' requires layer '\(layer)', which is not produced before it\(hint)"
        case .producedTwice(let layer, let stage, let earlier):
            return "stage '\(stage)' produces layer '\(layer)', which '\(earlier)' already produces"
        case .unsupportedLanguage(let stage, let language, let supported):
            return "stage '\(stage)' does not handle language '\(language)'; it handles: \(supported.joined(separator: ", "))"
        case .layerTypeMismatch(let layer, let producer, let producedType, let consumer, let requiredType):
            return "stage '\(consumer)' reads layer '\(layer)' as \(requiredType), but stage '\(producer)' produces it as \(producedType); make both use the same LayerKey, or produce the layer under another id"
        case .unknownStage(let id, let available):
            let suggestion = available.map { ($0, Self.editDistance(id, $0)) }.filter { $0.1 <= max(2, id.count / 3) }.min { $0.1 < $1.1 }
            return "unknown stage '\(id)';" + (suggestion.map { " did you mean '\($0.0)'?" } ?? "") + " available: \(available.joined(separator: ", "))"
        case .unknownAnchor(let stage, let anchor):
            return "cannot place stage '\(stage)' next to '\(anchor)': no stage has that id"
        }
    }
}
