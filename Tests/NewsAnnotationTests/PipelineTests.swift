import NewsAnnotation
import Testing

struct Word: Sendable, Codable, Hashable {
    var start: Int
    var end: Int
}

extension Layers {
    static let words = LayerKey<[Word]>("words")
    static let shouts = LayerKey<[Word]>("shouts")
    static let money = LayerKey<[Word]>("money")
}

/// A configurable stage for pipeline tests.
struct FakeAnnotator: Annotator {
    var descriptor: AnnotatorDescriptor
    var returns: Set<LayerID>? = nil
    var failure: String? = nil

    init(_ id: String, requires: Set<LayerID> = [], produces: Set<LayerID>, languages: Set<String>? = nil, returns: Set<LayerID>? = nil, failure: String? = nil) {
        descriptor = AnnotatorDescriptor(id: id, summary: "test stage \(id)", requires: requires, produces: produces, languages: languages)
        self.returns = returns
        self.failure = failure
    }

    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    func annotate(_ document: Document) throws -> LayerBundle {
        if let failure { throw Failure(description: failure) }
        var bundle = LayerBundle()
        for id in (returns ?? descriptor.produces).sorted() {
            bundle[LayerKey<[Word]>(id)] = id == "words" ? [Word(start: 0, end: 4)] : []
        }
        return bundle
    }
}

@Suite("Pipeline order and enforcement")
struct PipelineTests {
    @Test("a stage that requires a layer nobody produces fails before any document, naming stage and layer")
    func unmetRequirement() throws {
        let error = #expect(throws: PipelineError.self) {
            try Pipeline(stages: [FakeAnnotator("quotes", requires: ["entities"], produces: ["quotes"])])
        }
        #expect(error?.problems == [.unmetRequirement(stage: "quotes", layer: "entities", producedLater: nil)])
        #expect(error?.description.contains("stage 'quotes' requires layer 'entities'") == true)
    }

    @Test("every problem in one pipeline is reported together")
    func allProblemsAtOnce() throws {
        let stages: [any Annotator] = [
            FakeAnnotator("shouts", requires: ["words"], produces: ["shouts"]),
            FakeAnnotator("words", requires: ["blocks"], produces: ["words"]),
            FakeAnnotator("words", requires: ["blocks"], produces: ["blocks"], languages: ["en"]),
        ]
        let error = #expect(throws: PipelineError.self) { try Pipeline(stages: stages, language: "it") }
        let problems = try #require(error?.problems)
        #expect(problems.count == 4)
        #expect(problems.contains(.unmetRequirement(stage: "shouts", layer: "words", producedLater: "words")))
        #expect(problems.contains(.duplicateStage(id: "words")))
        #expect(problems.contains(.producedTwice(layer: "blocks", stage: "words", earlier: "ingest")))
        #expect(problems.contains(.unsupportedLanguage(stage: "words", language: "it", supported: ["en"])))
        #expect(error?.description.hasPrefix("the pipeline has 4 problems") == true)
    }

    @Test("a valid order builds, and stages can be inserted relative to an id")
    func insertion() throws {
        let pipeline = try Pipeline(stages: [FakeAnnotator("words", requires: ["blocks"], produces: ["words"])])
        let extended = try pipeline.inserting(FakeAnnotator("shouts", requires: ["words"], produces: ["shouts"]), after: "words")
        #expect(extended.stageIDs == ["words", "shouts"])
        #expect(throws: PipelineError.self) { try pipeline.inserting(FakeAnnotator("shouts", requires: ["words"], produces: ["shouts"]), before: "words") }
        let error = #expect(throws: PipelineError.self) { try pipeline.inserting(FakeAnnotator("x", produces: ["x"]), after: "nope") }
        #expect(error?.problems == [.unknownAnchor(stage: "x", anchor: "nope")])
    }

    @Test("stages run in order and their layers are merged with provenance")
    func runs() throws {
        let pipeline = try Pipeline(stages: [
            FakeAnnotator("words", requires: ["blocks"], produces: ["words"]),
            FakeAnnotator("shouts", requires: ["words"], produces: ["shouts"]),
        ])
        var bundle = LayerBundle()
        bundle[Layers.blocks] = [Block(span: TextSpan(start: 0, end: 4), kind: .paragraph)]
        bundle[Layers.markup] = []
        let document = Document(id: "d1", text: "Ciao", layers: bundle)
        var timings = StageTimings()
        let annotated = try pipeline.annotate(document, timings: &timings)
        #expect(annotated.layerIDs == ["blocks", "markup", "words", "shouts"])
        #expect(annotated[Layers.words] == [Word(start: 0, end: 4)])
        #expect(annotated[Layers.shouts] == [])
        #expect(annotated.provenance.map(\.stage) == ["words", "shouts"])
        #expect(timings.stages == ["words", "shouts"])
    }

    @Test("a stage returning an undeclared layer fails with stage and document ids")
    func undeclaredWrite() throws {
        let pipeline = try Pipeline(stages: [FakeAnnotator("words", produces: ["words"], returns: ["words", "money"])])
        let failure = #expect(throws: StageFailure.self) { try pipeline.annotate(Document(id: "doc-7", text: "x")) }
        #expect(failure?.stage == "words")
        #expect(failure?.document == "doc-7")
        #expect(failure?.description == "stage 'words' failed on document 'doc-7': returned undeclared layers: money; declare them in 'produces'")
    }

    @Test("a stage that leaves out a declared layer fails")
    func missingLayer() throws {
        let pipeline = try Pipeline(stages: [FakeAnnotator("words", produces: ["words", "shouts"], returns: ["words"])])
        let failure = #expect(throws: StageFailure.self) { try pipeline.annotate(Document(id: "d", text: "x")) }
        #expect(failure?.message == "did not return declared layers: shouts")
    }

    @Test("an error thrown by a stage is wrapped with the stage and document ids")
    func thrownError() throws {
        let pipeline = try Pipeline(stages: [FakeAnnotator("words", produces: ["words"], failure: "model file is corrupt")])
        let failure = #expect(throws: StageFailure.self) { try pipeline.annotate(Document(id: "d9", text: "x")) }
        #expect(failure?.description == "stage 'words' failed on document 'd9': model file is corrupt")
    }

    @Test("a deadline that has passed stops the pipeline at the next stage boundary")
    func deadline() throws {
        let pipeline = try Pipeline(stages: [FakeAnnotator("words", produces: ["words"])])
        var timings = StageTimings()
        let failure = #expect(throws: StageFailure.self) {
            try pipeline.annotate(Document(id: "slow", text: "x"), timings: &timings, deadline: .now - .seconds(1))
        }
        #expect(failure?.description == "stage 'words' failed on document 'slow': time budget exceeded after 0 s")
        #expect(try pipeline.annotate(Document(id: "fast", text: "x"), timings: &timings, deadline: .now + .seconds(60))[Layers.words] != nil)
    }

    @Test("a document in a language a stage lacks gets a diagnostic, not a failure")
    func languageDiagnostic() throws {
        let pipeline = try Pipeline(stages: [FakeAnnotator("words", produces: ["words"], languages: ["it"])])
        let document = Document(id: "d", text: "Hallo", metadata: DocumentMetadata(language: "de"))
        let annotated = try pipeline.annotate(document)
        #expect(annotated.diagnostics.map(\.id) == ["language_not_supported"])
    }

    @Test("one pipeline serves many documents concurrently with the same results")
    func concurrency() async throws {
        let pipeline = try Pipeline(stages: [FakeAnnotator("words", produces: ["words"])])
        let results = await withTaskGroup(of: [UInt8].self) { group in
            for index in 0..<16 {
                group.addTask {
                    let annotated = try? pipeline.annotate(Document(id: "d", text: "doc \(index % 2)"))
                    return (try? annotated.map { try AnnotatedJSON.encode($0) }) ?? []
                }
            }
            var all: [[UInt8]] = []
            for await result in group { all.append(result) }
            return all
        }
        #expect(Set(results).count == 2)
    }

    @Test("a stage whose long loop checks the budget stops inside the stage, and the document fails naming it")
    func cooperativeBudget() throws {
        let pipeline = try Pipeline(stages: [SpinningAnnotator()])
        var timings = StageTimings()
        let started = ContinuousClock.now
        let failure = #expect(throws: StageFailure.self) {
            try pipeline.annotate(Document(id: "long", text: "x"), timings: &timings, deadline: .now + .milliseconds(200))
        }
        #expect(ContinuousClock.now - started < .seconds(10))
        #expect(failure?.stage == "spinner")
        #expect(failure?.description.hasPrefix("stage 'spinner' failed on document 'long': time budget exceeded after 0.") == true, "\(String(describing: failure))")
        // Without a deadline the loop has no budget to check.
        #expect(WorkBudget.isExhausted == false)
    }

    @Test("a layer produced as one type and read as another is a pipeline problem naming both stages and types")
    func layerTypeMismatch() throws {
        let producer = TypedAnnotator(id: "counter", produces: [LayerKey<Int>("words").declaration])
        let consumer = TypedAnnotator(id: "shouter", requires: [Layers.words.declaration], produces: [Layers.shouts.declaration])
        let error = #expect(throws: PipelineError.self) { try Pipeline(stages: [producer, consumer]) }
        #expect(error?.problems == [.layerTypeMismatch(layer: "words", producer: "counter", producedType: "Int", consumer: "shouter", requiredType: "[Word]")])
        #expect(error?.problems.first?.description == "stage 'shouter' reads layer 'words' as [Word], but stage 'counter' produces it as Int; make both use the same LayerKey, or produce the layer under another id")
        // The same type, or an untyped (JSON) producer, is fine.
        _ = try Pipeline(stages: [TypedAnnotator(id: "counter", produces: [Layers.words.declaration]), consumer])
        _ = try Pipeline(stages: [TypedAnnotator(id: "counter", produces: ["words"]), consumer])
    }

    @Test("a JSON layer is decoded into the type its consumer reads; one that does not fit fails the document with the reason")
    func jsonLayerDecoded() throws {
        let json = TypedAnnotator(id: "external", produces: ["words"], json: ["words": .array([.object(["start": .number(0), "end": .number(4)])])])
        let reader = TypedAnnotator(id: "reader", requires: [Layers.words.declaration], produces: [Layers.shouts.declaration], copiesWords: true)
        let annotated = try Pipeline(stages: [json, reader]).annotate(Document(id: "d", text: "some text"))
        #expect(annotated[Layers.shouts] == [Word(start: 0, end: 4)])
        // The document keeps the producer's JSON as it was written.
        #expect(annotated[LayerKey<JSONValue>("words")] != nil)
        #expect(try annotated.read(Layers.words) == [Word(start: 0, end: 4)])

        let broken = TypedAnnotator(id: "external", produces: ["words"], json: ["words": .array([.object(["start": .number(0)])])])
        let failure = #expect(throws: StageFailure.self) { try Pipeline(stages: [broken, reader]).annotate(Document(id: "d", text: "some text")) }
        #expect(failure?.stage == "reader")
        #expect(failure?.message.hasPrefix("layer 'words' from stage 'external' does not decode as [Word], the type this stage reads: ") == true, "\(String(describing: failure))")
        #expect(failure?.message.contains("end") == true)
        let notDecodable = try Pipeline(stages: [broken]).annotate(Document(id: "d", text: "some text"))
        #expect(throws: LayerReadError.self) { try notDecodable.read(Layers.words) }
    }

    @Test("a Swift stage's span that is negative or backwards fails the document, never traps")
    func badTypedSpans() throws {
        for (start, end) in [(-5, 3), (4, 2), (0, 99)] {
            let pipeline = try Pipeline(stages: [SpanAnnotator(start: start, end: end)])
            let failure = #expect(throws: StageFailure.self) { try pipeline.annotate(Document(id: "d", text: "some text")) }
            #expect(failure?.message.hasPrefix("layer 'marks' has a span \(start)..<\(end) outside the text (0..<9)") == true, "\(String(describing: failure))")
        }
    }

    @Test("two annotations with one id in a returned layer fail the document")
    func duplicateIDs() throws {
        let twice = TypedAnnotator(id: "external", produces: ["marks"], json: ["marks": .array([.object(["id": .string("m1")]), .object(["id": .string("m1")])])])
        let failure = #expect(throws: StageFailure.self) { try Pipeline(stages: [twice]).annotate(Document(id: "d", text: "text")) }
        #expect(failure?.message == "layer 'marks' has two annotations with the id 'm1'; ids must be unique within a layer")
    }
}

/// A stage with a loop that runs until the document's budget is spent.
struct SpinningAnnotator: Annotator {
    let descriptor = AnnotatorDescriptor(id: "spinner", summary: "spins", produces: [Layers.words])

    func annotate(_ document: Document) throws -> LayerBundle {
        var steps = 0
        while !WorkBudget.isExhausted, steps < 1_000_000_000 { steps += 1 }
        var bundle = LayerBundle()
        bundle[Layers.words] = []
        return bundle
    }
}

/// A stage with typed declarations, returning JSON layers or a copy of the words it reads.
struct TypedAnnotator: Annotator {
    var descriptor: AnnotatorDescriptor
    var json: [String: JSONValue] = [:]
    var copiesWords = false

    init(id: String, requires: [LayerDeclaration] = [], produces: [LayerDeclaration], json: [String: JSONValue] = [:], copiesWords: Bool = false) {
        descriptor = AnnotatorDescriptor(id: id, summary: "typed \(id)", requires: requires, produces: produces)
        self.json = json
        self.copiesWords = copiesWords
    }

    func annotate(_ document: Document) throws -> LayerBundle {
        var bundle = LayerBundle()
        for (name, value) in json { bundle[LayerKey<JSONValue>(LayerID(name))] = value }
        if copiesWords { bundle[Layers.shouts] = document[Layers.words] ?? [] }
        for declaration in descriptor.producedLayers where !bundle.contains(declaration.id) {
            bundle[LayerKey<Int>(declaration.id)] = 0
        }
        return bundle
    }
}

/// A span-bearing annotation for the validation tests.
struct Mark: Sendable, Codable, Hashable, Spanned {
    var start: Int
    var end: Int
    var span: TextSpan { TextSpan(start: start, end: end) }
}

/// A stage that returns one mark with the given offsets, valid or not.
struct SpanAnnotator: Annotator {
    static let marks = LayerKey<[Mark]>("marks")
    let start: Int, end: Int
    var descriptor: AnnotatorDescriptor { AnnotatorDescriptor(id: "spans", summary: "returns one span", produces: [Self.marks]) }

    func annotate(_ document: Document) throws -> LayerBundle {
        var bundle = LayerBundle()
        bundle[Self.marks] = [Mark(start: start, end: end)]
        return bundle
    }
}
