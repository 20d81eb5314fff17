public import NewsAnnotation

/// The resolved pipeline as `news-annotate describe` shows it: each stage with its
/// declaration, and every problem found in the order.
public struct PipelineReport: Sendable, Encodable {
    /// One stage's declaration.
    public struct Stage: Sendable, Encodable {
        public var id: String
        public var version: String
        public var summary: String
        public var requires: [String]
        public var produces: [String]
        /// The Swift value type of each required and produced layer that the stage declares
        /// typed, by layer id; untyped layers (external programs) are absent.
        public var layerTypes: [String: String]
        /// `nil` when the stage is language-independent.
        public var languages: [String]?
        public var problems: [String]
    }

    /// The language the pipeline was checked for.
    public var language: String?
    /// What ingest provides before the first stage.
    public var ingest: [String]
    /// The stages, in order.
    public var stages: [Stage]
    /// Every problem, in stage order.
    public var problems: [String]

    /// Resolves built-in stages by id and analyses their order.
    ///
    /// - Throws: Only when a stage's resources cannot be loaded; unknown ids and wrong orders
    ///   are reported as problems.
    public init(stageIDs: [String]?, language: String?) throws {
        let known = (stageIDs ?? StandardPipeline.stageIDs).filter(StandardPipeline.stageIDs.contains)
        let unknown = (stageIDs ?? []).filter { !StandardPipeline.stageIDs.contains($0) }
        let descriptors = try StandardPipeline.stages(known).map(\.descriptor)
        var problems: [PipelineProblem] = unknown.map { .unknownStage(id: $0, available: StandardPipeline.stageIDs) }
        problems += Pipeline.analyze(descriptors, language: language)
        self.init(descriptors: descriptors, problems: problems, language: language)
    }

    /// A report on explicit descriptors and problems.
    public init(descriptors: [AnnotatorDescriptor], problems: [PipelineProblem], language: String?) {
        self.language = language
        self.ingest = Layers.ingested.map(\.rawValue)
        self.stages = descriptors.map { descriptor in
            Stage(id: descriptor.id, version: descriptor.version, summary: descriptor.summary,
                  requires: descriptor.requires.map(\.rawValue).sorted(), produces: descriptor.produces.map(\.rawValue).sorted(),
                  layerTypes: Dictionary((descriptor.requiredLayers + descriptor.producedLayers).compactMap { declaration in
                      declaration.valueType.map { (declaration.id.rawValue, $0) }
                  }, uniquingKeysWith: { first, _ in first }),
                  languages: descriptor.languages.map { $0.sorted() },
                  problems: problems.filter { $0.stage == descriptor.id }.map(\.description))
        }
        self.problems = problems.map(\.description)
    }

    /// The report as aligned text.
    public var text: String {
        var lines = ["pipeline for language: \(language ?? "any")", "  ingest  provides: \(ingest.joined(separator: ", "))"]
        for (position, stage) in stages.enumerated() {
            lines.append("  \(position + 1). \(stage.id) (version \(stage.version))")
            lines.append("     \(stage.summary)")
            let typed = { (layer: String) in stage.layerTypes[layer].map { "\(layer) \($0)" } ?? layer }
            lines.append("     requires: \(stage.requires.isEmpty ? "nothing" : stage.requires.map(typed).joined(separator: ", "))")
            lines.append("     produces: \(stage.produces.map(typed).joined(separator: ", "))")
            lines.append("     languages: \(stage.languages?.joined(separator: ", ") ?? "any")")
            for problem in stage.problems { lines.append("     problem: \(problem)") }
        }
        lines.append(problems.isEmpty ? "no problems" : "\(problems.count) problem\(problems.count == 1 ? "" : "s"):")
        lines += problems.map { "  - \($0)" }
        return lines.joined(separator: "\n") + "\n"
    }
}
