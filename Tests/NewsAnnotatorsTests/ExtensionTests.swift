import Foundation
import NewsAnnotation
@testable import NewsAnnotators
import NewsIngest
import Testing

private let externalDirectory = fixturesDirectory + "/external"

private func tokenized(_ text: String, id: String = "doc") throws -> Document {
    let ingestor = try Ingestor(options: IngestOptions(mediaType: .text, language: "en", overridesLanguage: true))
    return try StandardPipeline.make(["segmentation"]).annotate(try ingestor.ingest(bytes: Array(text.utf8), id: id))
}

@Suite("Stages without Swift", .serialized)
struct ExtensionTests {
    @Test("a configuration with two mistakes is refused before any document, each with a suggestion")
    func twoMistakes() throws {
        let configuration = try PipelineConfiguration.load(path: externalDirectory + "/two-mistakes.json")
        let error = #expect(throws: PipelineError.self) { try configuration.pipeline() }
        let messages = try #require(error?.problems.map(\.description))
        #expect(messages.contains("unknown stage 'segmentaton'; did you mean 'segmentation'? available: segmentation, entities, dates, quotes, sources"))
        #expect(messages.contains("stage 'dates' requires layer 'sentences', which is not produced before it; 'segmentation' produces it but runs later"))
    }

    @Test("a rule file error names the file and the line")
    func ruleFileError() throws {
        let path = externalDirectory + "/broken-rules.json"
        let error = #expect(throws: ConfigurationError.self) { try RuleFileAnnotator(path: path) }
        #expect(error?.file == path)
        #expect(error?.line == 9)
        #expect(error?.description.hasPrefix("\(path):9: pattern 2 is not a valid regular expression") == true)
        let malformed = FileManager.default.temporaryDirectory.appendingPathComponent("malformed-\(UUID().uuidString).json").path
        try Data("{\n  \"gazetteer\": [\n    {\"text\": \"A\", \"type\": \"X\"},,\n  ]\n}\n".utf8).write(to: URL(fileURLWithPath: malformed))
        defer { try? FileManager.default.removeItem(atPath: malformed) }
        let syntax = #expect(throws: ConfigurationError.self) { try RuleFileAnnotator(path: malformed) }
        #expect(syntax?.line == 3)
    }

    @Test("a rule file's gazetteer and patterns produce its layer, case rules and languages respected")
    func ruleFile() throws {
        let stage = try RuleFileAnnotator(path: CLIPaths.root + "/Samples/Pipeline/house-organisations.json")
        #expect(stage.descriptor.id == "house_organisations")
        #expect(stage.descriptor.produces == ["entities"])
        let document = try tokenized("The LSE and the Environment Agency (Reuters) met; the lse did not, nor did Stato Islamico.")
        let bundle = try stage.annotate(document)
        // In the `entities` layer the matches are typed entities, with clusters and origins.
        let matches = try #require(bundle[Layers.entities])
        #expect(matches.map(\.text) == ["LSE", "Environment Agency", "(Reuters)"])
        #expect(matches.map(\.type) == ["ORG", "ORG", "WIRE"])
        #expect(matches.first?.canonical == "London School of Economics")
        #expect(matches.map(\.cluster) == ["c1", "c2", "c3"])
        #expect(matches.map(\.origin) == [.gazetteer, .gazetteer, .pattern])
        #expect(matches.first?.rule == "gazetteer:2")
    }

    @Test("a rule file's people feed the quote stage: its speakers are the rule file's names")
    func ruleFileFeedsQuotes() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("rules-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("people.json").path
        try Data("""
        {"id": "people", "layer": "entities", "gazetteer": [
          {"text": "Richard Reeve", "type": "PER", "aliases": ["Reeve"], "caseSensitive": true},
          {"text": "Margot Light", "type": "PER", "aliases": ["Light"], "caseSensitive": true}]}
        """.utf8).write(to: URL(fileURLWithPath: path))
        let pipeline = try Pipeline(stages: [try SegmentationAnnotator(), try RuleFileAnnotator(path: path), try QuoteAnnotator()])
        let document = try pipeline.annotate(try ingestSample("bbc-newsbeat-russia-syria.it.txt"))
        let mentions = document[Layers.entities] ?? []
        #expect(mentions.count >= 9)
        let quotes = (document[Layers.quotes] ?? []).filter { $0.kind != .scare }
        let named = quotes.filter { ["Richard Reeve", "Margot Light"].contains($0.speakerName) }
        #expect(named.count >= 9, "\(quotes.map { $0.speakerName ?? "-" })")
    }

    @Test("an external program annotates documents one after another in one process")
    func externalStage() throws {
        let stage = try ExternalAnnotator(command: ["python3", externalDirectory + "/flaky.py"], timeout: 10)
        #expect(stage.descriptor.id == "flaky")
        #expect(stage.descriptor.requires == ["tokens"])
        let pipeline = try StandardPipeline.make(["segmentation"]).appending(stage)
        for index in 0..<3 {
            let document = try pipeline.annotate(try exampleDocument("Document number \(index) is fine.", language: "en"))
            let layer = try #require(document[LayerKey<JSONValue>("flaky")]?.arrayValue)
            #expect(layer.first?.objectValue?["tokens"] == .number(6))
            #expect(document.diagnostics.contains { $0.id == "flaky_note" && $0.stage == "flaky" })
        }
    }

    @Test("a crash, nonsense, a stall, a refusal, an undeclared layer or a span outside the text fail that document only", arguments: [
        ("This one will CRASH now.", "the external program exited while annotating this document (exit status 3; stderr: flaky: giving up on this one)"),
        ("Here comes GARBAGE.", "malformed reply (not a JSON object): this is not json"),
        ("Please STALL a while.", "no reply within 3 s; the program was stopped and will be restarted"),
        ("Please REFUSE this.", "flaky: I do not annotate refusals"),
        ("Something UNDECLARED here.", "returned undeclared layers: sneaky; declare them in 'produces'"),
        ("A NEGATIVE offset.", "diagnostic 'odd' has a span -5..<3 outside the text (0..<18)"),
        ("A span PASTEND here.", "layer 'flaky' has a span 0..<999999 outside the text (0..<20); spans need 0 <= start <= end <= the text's length in code points"),
        ("A BACKWARDS span, deep inside.", "layer 'flaky' has a span 10..<3 outside the text (0..<30); spans need 0 <= start <= end <= the text's length in code points"),
    ])
    func externalFailures(text: String, message: String) throws {
        // 3 s: the handshake of a Python program on a loaded CI machine may take more than 1 s.
        let stage = try ExternalAnnotator(command: ["python3", externalDirectory + "/flaky.py"], timeout: 3)
        let pipeline = try StandardPipeline.make(["segmentation"]).appending(stage)
        let failure = #expect(throws: StageFailure.self) { try pipeline.annotate(try tokenized(text, id: "bad")) }
        #expect(failure?.stage == "flaky")
        #expect(failure?.document == "bad")
        #expect(failure?.message == message)
        // The next document is served, by a restarted program when needed.
        let next = try pipeline.annotate(try tokenized("A good document.", id: "good"))
        #expect(next[LayerKey<JSONValue>("flaky")] != nil)
    }

    @Test("an external program's entities, plain JSON, feed the quote stage as entities")
    func externalEntitiesFeedQuotes() throws {
        let people = try ExternalAnnotator(command: ["python3", externalDirectory + "/people.py"], timeout: 10)
        let pipeline = try Pipeline(stages: [try SegmentationAnnotator(), people, try QuoteAnnotator()])
        let report = PipelineReport(descriptors: pipeline.stages.map(\.descriptor), problems: [], language: "it")
        #expect(report.text.contains("requires: blocks [Block], entities [Entity], sentences [Sentence], tokens [Token]"))
        let document = try pipeline.annotate(try ingestSample("bbc-newsbeat-russia-syria.it.txt"))
        // The document keeps the program's layer as it sent it; the quote stage read it typed.
        #expect(document[LayerKey<JSONValue>("entities")]?.arrayValue?.count ?? 0 >= 9)
        let quotes = (document[Layers.quotes] ?? []).filter { $0.kind != .scare }
        let named = quotes.filter { ["Richard Reeve", "Reeve", "Margot Light", "Light"].contains($0.speakerName) }
        #expect(named.count >= 9, "\(quotes.map { $0.speakerName ?? "-" })")
    }

    @Test("external entities that do not decode, or that share an id, fail the document with the reason", arguments: [
        ("untyped", "quotes", "layer 'entities' from stage 'people' does not decode as [Entity], the type this stage reads: "),
        ("twice", "people", "layer 'entities' has two annotations with the id 'e1'; ids must be unique within a layer"),
    ])
    func externalEntitiesChecked(mode: String, stage: String, message: String) throws {
        let people = try ExternalAnnotator(command: ["python3", externalDirectory + "/people.py", mode], timeout: 10)
        let pipeline = try Pipeline(stages: [try SegmentationAnnotator(), people, try QuoteAnnotator()])
        let failure = #expect(throws: StageFailure.self) { try pipeline.annotate(try ingestSample("bbc-newsbeat-russia-syria.it.txt")) }
        #expect(failure?.stage == stage)
        #expect(failure?.message.hasPrefix(message) == true, "\(String(describing: failure))")
    }

    @Test("random bad replies (wrong types, bad offsets, missing fields, other ids, garbage, huge lines) fail one document each; good ones pass")
    func randomReplies() throws {
        let random = try ExternalAnnotator(command: ["python3", externalDirectory + "/random_replies.py"], timeout: 10)
        let pipeline = try Pipeline(stages: [try SegmentationAnnotator(), random, try QuoteAnnotator()])
        let kinds = 20
        var failures: [Int: String] = [:]
        // Every bad kind between two good documents, twice: a bad reply never spoils the next.
        for round in 0..<2 {
            for kind in 0..<kinds {
                for number in [0, kind] {
                    let text = "Margot Light said: “All is well.” KIND \(number) round \(round)."
                    do {
                        let document = try pipeline.annotate(try exampleDocument(text, language: "en"))
                        #expect(number == 0, "kind \(number) was accepted")
                        #expect(document[Layers.quotes]?.first?.speakerName == "Margot Light")
                    } catch let failure as StageFailure {
                        #expect(number != 0, "a good document failed: \(failure)")
                        #expect(!failure.message.isEmpty && failure.message.count < 600, "\(failure.message.prefix(700))")
                        failures[number] = failure.message
                    }
                }
            }
        }
        #expect(failures.count == kinds - 1, "\(failures.keys.sorted())")
    }

    @Test("external programs form a pool: concurrent workers each get their own program, and reuse it")
    func externalPool() async throws {
        let stage = try ExternalAnnotator(command: ["python3", externalDirectory + "/flaky.py"], timeout: 10)
        let pipeline = try StandardPipeline.make(["segmentation"]).appending(stage)
        let documents = try (0..<8).map { try tokenized("Document number \($0) is fine.", id: "d\($0)") }
        let counts = try await withThrowingTaskGroup(of: Int.self) { group in
            for document in documents {
                group.addTask {
                    let annotated = try pipeline.annotate(document)
                    return annotated[LayerKey<JSONValue>("flaky")]?.arrayValue?.first?.objectValue?["tokens"]?.intValue ?? -1
                }
            }
            var all: [Int] = []
            for try await count in group { all.append(count) }
            return all
        }
        #expect(counts == Array(repeating: 6, count: 8))
        // At least the handshake's program, at most one per concurrent document; all kept.
        #expect((1...8).contains(stage.idleCount))
    }

    @Test("a program that sends no handshake is a configuration error")
    func noHandshake() throws {
        let error = #expect(throws: ConfigurationError.self) {
            try ExternalAnnotator(command: ["python3", "-c", "import sys; sys.exit(2)"], timeout: 5)
        }
        #expect(error?.message.contains("exited before sending its handshake line (exit status 2") == true)
    }
}

enum CLIPaths {
    static let root = packageRoot
}
