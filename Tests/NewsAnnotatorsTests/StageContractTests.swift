import Foundation
import NewsAnnotation
import NewsAnnotationTesting
import NewsAnnotators
import Testing

private struct ExampleCase: CustomTestStringConvertible, Sendable {
    var stage: String
    var index: Int
    var example: AnnotatorExample
    var testDescription: String { "\(stage) example \(index + 1) (\(example.language), \(example.layer))" }
}

private let allExamples: [ExampleCase] = {
    (try? StandardPipeline.stages())?.flatMap { stage in
        stage.descriptor.examples.enumerated().map { ExampleCase(stage: stage.descriptor.id, index: $0.offset, example: $0.element) }
    } ?? []
}()

@Suite("Built-in stages")
struct StageContractTests {
    @Test("every stage's descriptor examples pass", arguments: allExamples)
    fileprivate func descriptorExamples(_ testCase: ExampleCase) throws {
        let stage = try #require(try StandardPipeline.stages([testCase.stage]).first)
        let outcome = StageExampleRunner.run(testCase.example, of: stage, preparing: { text, language in
            try prepare(text, language: language, before: testCase.stage)
        }, spans: marks(of:layer:))
        if let failure = outcome.failure { Issue.record(Comment(rawValue: failure)) }
    }

    @Test("every stage declares at least one example per language it handles")
    func examplesCoverLanguages() throws {
        #expect(!allExamples.isEmpty)
        for stage in try StandardPipeline.stages() {
            let covered = Set(stage.descriptor.examples.map(\.language))
            #expect(covered.isSuperset(of: stage.descriptor.languages ?? []), "\(stage.descriptor.id) lacks examples")
        }
    }

    @Test("the registry matches its golden snapshot (ids, order, requires, produces)")
    func registrySnapshot() throws {
        let report = try PipelineReport(stageIDs: nil, language: nil)
        let bytes = try AnnotatedJSON.encode(value: report)
        switch GoldenFile.compare(bytes, withFileAt: fixturesDirectory + "/registry.json") {
        case .matched: break
        case .recorded(let path): Issue.record("recorded \(path); run again without RECORD_GOLDENS")
        case .mismatch(let report): Issue.record(Comment(rawValue: report))
        }
    }

    @Test("unknown stage ids are reported with the list of known ones")
    func unknownStage() throws {
        let error = #expect(throws: PipelineError.self) { try StandardPipeline.make(["segmentaton", "sentiment"]) }
        #expect(error?.problems.count == 2)
        #expect(error?.description.contains("unknown stage 'segmentaton'; did you mean 'segmentation'? available: segmentation, entities, dates, quotes, sources") == true)
        #expect(error?.description.contains("unknown stage 'sentiment'; available:") == true)
    }
}
