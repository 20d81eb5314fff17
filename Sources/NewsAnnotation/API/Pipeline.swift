/// An ordered list of stages, checked once when it is built and then run over any number of
/// documents, concurrently if you like.
///
/// Building a pipeline checks the order against the layers ingest provides: every required
/// layer must be produced earlier, no layer may be produced twice, ids must be unique, and a
/// pipeline built for one language must only hold stages that handle it. Every problem is
/// collected and thrown at once in a ``PipelineError``.
public struct Pipeline: Sendable {
    /// The stages, in the order they run.
    public let stages: [any Annotator]
    /// The layers documents carry before the first stage (by default what ingest provides).
    public let provided: [LayerID]
    /// The language the pipeline was checked for, if any.
    public let language: String?

    /// Builds and checks a pipeline.
    ///
    /// - Parameters:
    ///   - stages: The stages, in the order they run.
    ///   - provided: The layers present before the first stage; by default ``Layers/ingested``.
    ///   - language: When given, every stage must handle this language.
    /// - Throws: ``PipelineError`` listing every problem found.
    public init(stages: [any Annotator], provided: [LayerID] = Layers.ingested, language: String? = nil) throws(PipelineError) {
        let problems = Pipeline.analyze(stages.map(\.descriptor), provided: provided, language: language)
        guard problems.isEmpty else { throw PipelineError(problems: problems) }
        self.stages = stages
        self.provided = provided
        self.language = language
    }

    /// Checks an order of stages without building a pipeline, returning every problem found.
    ///
    /// `news-annotate describe` uses this to show what is wrong next to each stage.
    public static func analyze(_ descriptors: [AnnotatorDescriptor], provided: [LayerID] = Layers.ingested, language: String? = nil) -> [PipelineProblem] {
        var problems: [PipelineProblem] = []
        var producer: [LayerID: String] = [:]
        var producedAs: [LayerID: LayerDeclaration] = [:]
        for layer in provided {
            producer[layer] = "ingest"
            producedAs[layer] = Layers.ingestedDeclarations.first { $0.id == layer } ?? LayerDeclaration(layer)
        }
        var seen: Set<String> = []
        for (position, descriptor) in descriptors.enumerated() {
            if !seen.insert(descriptor.id).inserted {
                problems.append(.duplicateStage(id: descriptor.id))
            }
            for required in descriptor.requiredLayers {
                let layer = required.id
                guard let source = producer[layer] else {
                    let later = descriptors[(position + 1)...].first { $0.produces.contains(layer) }?.id
                    problems.append(.unmetRequirement(stage: descriptor.id, layer: layer, producedLater: later))
                    continue
                }
                if let produced = producedAs[layer], !produced.isCompatible(with: required),
                   let producedType = produced.valueType, let requiredType = required.valueType {
                    problems.append(.layerTypeMismatch(layer: layer, producer: source, producedType: producedType,
                                                       consumer: descriptor.id, requiredType: requiredType))
                }
            }
            for produced in descriptor.producedLayers {
                let layer = produced.id
                if let earlier = producer[layer] {
                    problems.append(.producedTwice(layer: layer, stage: descriptor.id, earlier: earlier))
                } else {
                    producer[layer] = descriptor.id
                    producedAs[layer] = produced
                }
            }
            if let language, !descriptor.supports(language: language) {
                problems.append(.unsupportedLanguage(stage: descriptor.id, language: language, supported: (descriptor.languages ?? []).sorted()))
            }
        }
        return problems
    }

    /// The stage ids, in order.
    public var stageIDs: [String] { stages.map(\.descriptor.id) }

    /// A new pipeline with `stage` inserted right after the stage with id `anchor`.
    ///
    /// - Throws: ``PipelineError`` when `anchor` is not in the pipeline or the new order is wrong.
    public func inserting(_ stage: any Annotator, after anchor: String) throws(PipelineError) -> Pipeline {
        guard let index = stageIDs.firstIndex(of: anchor) else {
            throw PipelineError(problems: [.unknownAnchor(stage: stage.descriptor.id, anchor: anchor)])
        }
        var newStages = stages
        newStages.insert(stage, at: index + 1)
        return try Pipeline(stages: newStages, provided: provided, language: language)
    }

    /// A new pipeline with `stage` inserted right before the stage with id `anchor`.
    ///
    /// - Throws: ``PipelineError`` when `anchor` is not in the pipeline or the new order is wrong.
    public func inserting(_ stage: any Annotator, before anchor: String) throws(PipelineError) -> Pipeline {
        guard let index = stageIDs.firstIndex(of: anchor) else {
            throw PipelineError(problems: [.unknownAnchor(stage: stage.descriptor.id, anchor: anchor)])
        }
        var newStages = stages
        newStages.insert(stage, at: index)
        return try Pipeline(stages: newStages, provided: provided, language: language)
    }

    /// A new pipeline with `stage` appended after the last stage.
    public func appending(_ stage: any Annotator) throws(PipelineError) -> Pipeline {
        try Pipeline(stages: stages + [stage], provided: provided, language: language)
    }

    /// Runs every stage over `document`, in order.
    ///
    /// - Returns: The document with every stage's layers and diagnostics added.
    /// - Throws: ``StageFailure`` naming the stage and the document.
    public func annotate(_ document: Document) throws(StageFailure) -> Document {
        var timings = StageTimings()
        return try annotate(document, timings: &timings)
    }

    /// Runs every stage over `document`, adding the time each stage took to `timings`.
    public func annotate(_ document: Document, timings: inout StageTimings) throws(StageFailure) -> Document {
        try annotate(document, timings: &timings, deadline: nil)
    }

    /// Runs every stage over `document`, stopping with a ``StageFailure`` once `deadline` has
    /// passed: checked before and after each stage, and inside the stages' long loops through
    /// ``WorkBudget``, so a pathological document stops within a few thousand tokens of its
    /// budget instead of holding the batch.
    public func annotate(_ document: Document, timings: inout StageTimings, deadline: ContinuousClock.Instant?) throws(StageFailure) -> Document {
        var document = document
        let clock = ContinuousClock()
        var producers: [LayerID: String] = [:]
        let began = clock.now
        func outOfBudget(_ stage: String) -> StageFailure? {
            if WorkBudget.isStopRequested { return StageFailure(stage: stage, document: document.id, reason: .stopped) }
            guard let deadline, clock.now > deadline else { return nil }
            let elapsed = clock.now - began
            let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
            return StageFailure(stage: stage, document: document.id, reason: .timeBudgetExceeded(seconds: seconds))
        }
        for stage in stages {
            if let failure = outOfBudget(stage.descriptor.id) { throw failure }
            let descriptor = stage.descriptor
            if let language = document.metadata.language, !descriptor.supports(language: language) {
                document.report(Diagnostic(
                    id: "language_not_supported", stage: descriptor.id, severity: .info,
                    message: "stage has no resources for language '\(language)'; it ran with its language-independent rules"))
            }
            // Each required layer in the type the stage reads it: a JSON layer is decoded, and
            // one that does not fit fails the document here instead of reading as empty.
            let view = try typedView(of: document, for: descriptor, producers: producers)
            let started = clock.now
            let bundle: LayerBundle
            do {
                // Long loops inside the stage check the deadline (``WorkBudget``) and stop early;
                // what a stage returns after the budget ran out is discarded.
                bundle = try WorkBudget.$deadline.withValue(deadline) { try stage.annotate(view) }
            } catch let failure as StageFailure {
                throw outOfBudget(descriptor.id) ?? failure
            } catch {
                throw outOfBudget(descriptor.id) ?? StageFailure(stage: descriptor.id, document: document.id, reason: .threw(message: String(describing: error)))
            }
            if let failure = outOfBudget(descriptor.id) { throw failure }
            timings.add(clock.now - started, to: descriptor.id)
            let returned = Set(bundle.layerIDs)
            let undeclared = returned.subtracting(descriptor.produces)
            guard undeclared.isEmpty else {
                throw StageFailure(stage: descriptor.id, document: document.id, reason: .undeclaredLayers(undeclared.sorted()))
            }
            let missing = descriptor.produces.subtracting(returned)
            guard missing.isEmpty else {
                throw StageFailure(stage: descriptor.id, document: document.id, reason: .missingLayers(missing.sorted()))
            }
            // Every span a stage returns lies inside the text, or the document fails here.
            if let outside = bundle.firstSpanOutside(length: document.content.count) {
                throw StageFailure(stage: descriptor.id, document: document.id,
                                   reason: .spanOutsideText(layer: outside.layer, start: outside.start, end: outside.end, length: document.content.count))
            }
            if let duplicate = bundle.firstDuplicateID() {
                throw StageFailure(stage: descriptor.id, document: document.id, reason: .duplicateID(layer: duplicate.layer, id: duplicate.id))
            }
            document.merge(bundle, record: StageRecord(stage: descriptor.id, version: descriptor.version))
            for id in bundle.layerIDs { producers[id] = descriptor.id }
        }
        return document
    }

    /// `document` with each layer `descriptor` requires in the type the stage reads it.
    private func typedView(of document: Document, for descriptor: AnnotatorDescriptor, producers: [LayerID: String]) throws(StageFailure) -> Document {
        var view = document
        for required in descriptor.requiredLayers {
            guard let adopt = required.adopt, let requiredType = required.valueType, let box = document.layers.box(for: required.id) else { continue }
            let producer = producers[required.id] ?? "ingest"
            let adopted: (any LayerBoxProtocol)?
            do {
                adopted = try adopt(box)
            } catch {
                throw StageFailure(stage: descriptor.id, document: document.id, reason: .layerTypeMismatch(
                    layer: required.id, producer: producer, storedType: box.valueTypeName, requiredType: requiredType, detail: String(describing: error)))
            }
            guard let adopted else {
                throw StageFailure(stage: descriptor.id, document: document.id, reason: .layerTypeMismatch(
                    layer: required.id, producer: producer, storedType: box.valueTypeName, requiredType: requiredType, detail: nil))
            }
            if ObjectIdentifier(type(of: adopted)) != ObjectIdentifier(type(of: box)) { view.replaceLayer(adopted, for: required.id) }
        }
        return view
    }
}

/// The time each stage took, summed over the documents it ran on.
public struct StageTimings: Sendable {
    /// Stage ids in the order they were first timed.
    public private(set) var stages: [String] = []
    /// Total time per stage id.
    public private(set) var totals: [String: Duration] = [:]

    /// Creates empty timings.
    public init() {}

    /// Adds `duration` to the total of `stage`.
    public mutating func add(_ duration: Duration, to stage: String) {
        if totals[stage] == nil { stages.append(stage) }
        totals[stage, default: .zero] += duration
    }

    /// Adds every total of `other`.
    public mutating func add(_ other: StageTimings) {
        for stage in other.stages { add(other.totals[stage] ?? .zero, to: stage) }
    }
}
