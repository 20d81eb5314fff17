#if canImport(FoundationXML)
import FoundationXML
#endif
import Foundation
import Testing

/// Runs the built `news-annotate` executable, as a user would.
struct CLI {
    struct Result {
        var status: Int32
        var stdout: String
        var stderr: String
        var stderrLines: [String] { stderr.split(separator: "\n").map(String.init) }
    }

    static let packageRoot: String = {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<3 { url.deleteLastPathComponent() }
        return url.path
    }()

    /// The executable next to the test bundle (SwiftPM builds it because the tests depend on it).
    static let executable: String? = {
        var candidates: [String] = []
        if let first = CommandLine.arguments.first {
            var url = URL(fileURLWithPath: first).deletingLastPathComponent()
            for _ in 0..<4 {
                candidates.append(url.appendingPathComponent("news-annotate").path)
                url.deleteLastPathComponent()
            }
        }
        candidates.append(Bundle.main.bundleURL.deletingLastPathComponent().appendingPathComponent("news-annotate").path)
        candidates.append(packageRoot + "/.build/debug/news-annotate")
        return candidates.first { FileManager.default.isExecutableFile(atPath: $0) }
    }()

    static func run(_ arguments: [String], stdin: Data? = nil) throws -> Result {
        let executable = try #require(executable, "news-annotate was not built next to the tests")
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: scratch) }
        let outURL = scratch.appendingPathComponent("out")
        let errURL = scratch.appendingPathComponent("err")
        _ = FileManager.default.createFile(atPath: outURL.path, contents: nil)
        _ = FileManager.default.createFile(atPath: errURL.path, contents: nil)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        process.currentDirectoryURL = URL(fileURLWithPath: packageRoot)
        process.standardOutput = try FileHandle(forWritingTo: outURL)
        process.standardError = try FileHandle(forWritingTo: errURL)
        let input = Pipe()
        process.standardInput = input
        try process.run()
        if let stdin { input.fileHandleForWriting.write(stdin) }
        try input.fileHandleForWriting.close()
        process.waitUntilExit()
        return Result(
            status: process.terminationStatus,
            stdout: String(decoding: try Data(contentsOf: outURL), as: UTF8.self),
            stderr: String(decoding: try Data(contentsOf: errURL), as: UTF8.self))
    }
}

func temporaryDirectory() throws -> String {
    let path = FileManager.default.temporaryDirectory.appendingPathComponent("cli-files-\(UUID().uuidString)").path
    try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    return path
}

@Suite("news-annotate command line")
struct CLITests {
    @Test("annotating the seed prints its golden JSON and nothing on stderr")
    func seedToStdout() throws {
        let result = try CLI.run(["annotate", "Samples/bbc-newsbeat-russia-syria.it.txt"])
        #expect(result.status == 0)
        #expect(result.stderr.isEmpty)
        let golden = try String(contentsOfFile: CLI.packageRoot + "/Samples/bbc-newsbeat-russia-syria.it.expected.json", encoding: .utf8)
        #expect(result.stdout == golden)
    }

    @Test("a batch with bad files writes the good ones whole, one error line per bad file, exit 1")
    func mixedBatch() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        try Data().write(to: URL(fileURLWithPath: directory + "/empty.txt"))
        try Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13]).write(to: URL(fileURLWithPath: directory + "/picture.html"))
        let result = try CLI.run([
            "annotate", "Samples/bbc-newsbeat-russia-syria.it.txt", directory + "/empty.txt", directory + "/picture.html",
            directory + "/missing.txt", "Samples/riverton-harbour-flood.en.html", "--output-dir", directory + "/out",
        ])
        #expect(result.status == 1)
        #expect(result.stderrLines == [
            "news-annotate: error: '\(directory)/empty.txt': the input is empty",
            "news-annotate: error: '\(directory)/picture.html': looks like a PNG image, not text or HTML",
            "news-annotate: error: '\(directory)/missing.txt': no such file",
            "news-annotate: 2 annotated, 3 failed",
        ])
        let written = try FileManager.default.contentsOfDirectory(atPath: directory + "/out").sorted()
        #expect(written == ["bbc-newsbeat-russia-syria.it.json", "riverton-harbour-flood.en.json"])
        let golden = try Data(contentsOf: URL(fileURLWithPath: CLI.packageRoot + "/Samples/riverton-harbour-flood.en.expected.json"))
        let output = try Data(contentsOf: URL(fileURLWithPath: directory + "/out/riverton-harbour-flood.en.json"))
        #expect(output == golden)
    }

    @Test("JSON Lines output has one line per document, and stdin is read with '-'")
    func jsonLines() throws {
        let result = try CLI.run(["annotate", "--format", "jsonl", "-", "Samples/riverton-harbour-flood.en.html"], stdin: Data("Il governo ha detto che la riforma non è pronta. E che sarà rinviata.".utf8))
        #expect(result.status == 0)
        let lines = result.stdout.split(separator: "\n")
        #expect(lines.count == 2)
        let first = try #require(try JSONSerialization.jsonObject(with: Data(lines[0].utf8)) as? [String: Any])
        #expect(first["id"] as? String == "stdin")
        #expect(first["text"] as? String == "Il governo ha detto che la riforma non è pronta. E che sarà rinviata.")
        #expect((first["metadata"] as? [String: Any])?["language"] as? String == "it")
    }

    @Test("an unknown stage is one clear line and exit 2, before any input is read")
    func unknownStage() throws {
        let result = try CLI.run(["annotate", "--stages", "segmentation,dtaes", "Samples/bbc-newsbeat-russia-syria.it.txt"])
        #expect(result.status == 2)
        #expect(result.stdout.isEmpty)
        #expect(result.stderrLines == ["news-annotate: error: the pipeline has 1 problem: unknown stage 'dtaes'; did you mean 'dates'? available: segmentation, entities, dates, quotes, sources"])
    }

    @Test("bad flag values are rejected with a usage error")
    func badFlags() throws {
        let published = try CLI.run(["annotate", "--published", "yesterday", "Samples/bbc-newsbeat-russia-syria.it.txt"])
        #expect(published.status == 64)
        #expect(published.stderr.contains("--published takes an ISO 8601 date such as 2017-04-12, got 'yesterday'"))
        let encoding = try CLI.run(["annotate", "--encoding", "klingon-8", "Samples/bbc-newsbeat-russia-syria.it.txt"])
        #expect(encoding.status == 64)
        #expect(encoding.stderr.contains("unknown character encoding 'klingon-8'"))
    }

    @Test("--published anchors a text with no date, and --language overrides the file name")
    func anchorsAndLanguage() throws {
        let result = try CLI.run(["annotate", "--published", "2017-04-12", "--language", "en-GB", "Samples/bbc-newsbeat-russia-syria.it.txt"])
        #expect(result.status == 0)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        let metadata = try #require(object["metadata"] as? [String: Any])
        #expect(metadata["published"] as? String == "2017-04-12")
        #expect(metadata["language"] as? String == "en")
        #expect(metadata["languageSource"] as? String == "option")
    }

    @Test("describe prints the resolved pipeline, and its JSON matches the registry snapshot")
    func describe() throws {
        let text = try CLI.run(["describe"])
        #expect(text.status == 0)
        #expect(text.stdout.contains("1. segmentation (version 2)"))
        #expect(text.stdout.contains("requires: blocks [Block]"))
        #expect(text.stdout.contains("produces: sentences [Sentence], tokens [Token]"))
        #expect(text.stdout.hasSuffix("no problems\n"))
        let json = try CLI.run(["describe", "--json"])
        let snapshot = try String(contentsOfFile: CLI.packageRoot + "/Tests/NewsAnnotatorsTests/Fixtures/registry.json", encoding: .utf8)
        #expect(json.stdout == snapshot)
        let french = try CLI.run(["describe", "--language", "fr"])
        #expect(french.status == 1)
        #expect(french.stdout.contains("problem: stage 'segmentation' does not handle language 'fr'; it handles: en, es, it"))
    }

    @Test("the same inputs give the same bytes on every run")
    func deterministic() throws {
        let first = try CLI.run(["annotate", "Samples"])
        let second = try CLI.run(["annotate", "Samples"])
        #expect(first.status == 0)
        #expect(first.stdout == second.stdout)
        #expect(first.stdout.components(separatedBy: "\"format\": \"news-annotation/1\"").count - 1 == 3)
    }
}

@Suite("news-annotate check and eval")
struct CheckEvalCLITests {
    @Test("check: one changed type makes it exit 1 with that one difference; --update makes it pass")
    func checkAndUpdate() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let name = "bbc-newsbeat-russia-syria-page.it.expected.json"
        var golden = try String(contentsOfFile: CLI.packageRoot + "/Samples/" + name, encoding: .utf8)
        let original = "\"text\": \"LSE\", \"type\": \"ORG\""
        #expect(golden.contains(original))
        golden = golden.replacingOccurrences(of: original, with: "\"text\": \"LSE\", \"type\": \"PER\"")
        try golden.write(toFile: directory + "/" + name, atomically: true, encoding: .utf8)

        let first = try CLI.run(["check", directory, "--run", "Samples/bbc-newsbeat-russia-syria-page.it.html"])
        #expect(first.status == 1)
        let lines = first.stdout.split(separator: "\n").map(String.init)
        #expect(lines.first?.hasPrefix("bbc-newsbeat-russia-syria-page.it entities ~ ") == true)
        #expect(lines.first?.hasSuffix("“LSE”") == true)
        #expect(lines.contains("    type: \"PER\" → \"ORG\""))
        #expect(lines.last == "1 difference in 1 document")

        let update = try CLI.run(["check", directory, "--run", "Samples/bbc-newsbeat-russia-syria-page.it.html", "--update"])
        #expect(update.status == 0)
        let second = try CLI.run(["check", directory, "--run", "Samples/bbc-newsbeat-russia-syria-page.it.html"])
        #expect(second.status == 0)
        #expect(second.stdout == "no differences\n")
    }

    @Test("check: the samples agree with their golden files; a missing file is exit 2")
    func checkSamples() throws {
        let result = try CLI.run(["check", "Samples", "--run", "Samples"])
        #expect(result.status == 0)
        let missing = try CLI.run(["check", "Samples/nope.json", "Samples/nope.json"])
        #expect(missing.status == 2)
        #expect(missing.stderrLines == ["news-annotate: error: 'Samples/nope.json': no such file or directory"])
    }

    @Test("eval: table, thresholds and a valid JUnit file")
    func eval() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let fixtures = "Tests/NewsReadingTests/Fixtures/eval"
        let passing = try CLI.run(["eval", "--gold", fixtures + "/gold.conll", "--pred", fixtures + "/pred.conll", "--min-f1", "entities=0.5"])
        #expect(passing.status == 0)
        #expect(passing.stdout.contains("entities    (all)              4     4  0.500/0.500/0.500   0.750/0.750/0.750"))
        let failing = try CLI.run(["eval", "--gold", fixtures + "/gold.ann", "--pred", fixtures + "/pred.ann", "--min-f1", "entities=0.8", "--junit", directory + "/junit.xml"])
        #expect(failing.status == 1)
        #expect(failing.stderrLines == ["news-annotate: error: entities exact F1 0.500 is below the threshold 0.800"])
        let xml = try Data(contentsOf: URL(fileURLWithPath: directory + "/junit.xml"))
        #if canImport(FoundationXML) || os(macOS)
        #expect(throws: Never.self) { _ = try XMLDocument(data: xml) }
        #endif
        let text = String(decoding: xml, as: UTF8.self)
        #expect(text.contains("<testcase classname=\"entities\" name=\"gold\">"))
        let json = try CLI.run(["eval", "--gold", fixtures + "/gold.json", "--pred", fixtures + "/pred.json", "--format", "json"])
        let layers = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [[String: Any]])
        #expect((layers.first?["total"] as? [String: Any])?["overlapF1"] as? Double == 0.75)
        let bad = try CLI.run(["eval", "--gold", fixtures + "/gold.json", "--pred", fixtures + "/pred.json", "--min-f1", "entities"])
        #expect(bad.status == 64)
    }
}

@Suite("news-annotate with a configuration file")
struct ConfigurationCLITests {
    @Test("the sample configuration adds the rule file's and the Python stage's layers to the seed")
    func sampleConfiguration() throws {
        let result = try CLI.run(["annotate", "--config", "Samples/Pipeline/pipeline.json", "Samples/bbc-newsbeat-russia-syria.it.txt"])
        #expect(result.status == 0)
        #expect(result.stderr.isEmpty)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        let layers = try #require(object["layers"] as? [String: [[String: Any]]])
        #expect(layers["entities"]?.contains { $0["text"] as? String == "Oxford Research Group" } == true)
        #expect(layers["acronyms"]?.compactMap { $0["text"] as? String } == ["IS", "IS", "LSE", "IS"])
        let describe = try CLI.run(["describe", "--config", "Samples/Pipeline/pipeline.json"])
        #expect(describe.stdout.contains("4. acronyms (version 1)"))
    }

    @Test("a configuration with two mistakes is refused before any document, both reported")
    func twoMistakes() throws {
        let config = "Tests/NewsAnnotatorsTests/Fixtures/external/two-mistakes.json"
        let annotate = try CLI.run(["annotate", "--config", config, "Samples/bbc-newsbeat-russia-syria.it.txt"])
        #expect(annotate.status == 2)
        #expect(annotate.stdout.isEmpty)
        #expect(annotate.stderrLines.count == 1)
        #expect(annotate.stderr.contains("the pipeline has 3 problems"))
        #expect(annotate.stderr.contains("did you mean 'segmentation'?"))
        #expect(annotate.stderr.contains("'segmentation' produces it but runs later"))
        let describe = try CLI.run(["describe", "--config", config])
        #expect(describe.status == 1)
        #expect(describe.stdout.contains("3 problems:"))
    }

    /// Runs `annotate` over three documents through the misbehaving `flaky.py` stage; the second
    /// document's text tells it how to misbehave.
    private func flakyBatch(second text: String) throws -> (result: CLI.Result, directory: String) {
        let directory = try temporaryDirectory()
        let script = CLI.packageRoot + "/Tests/NewsAnnotatorsTests/Fixtures/external/flaky.py"
        try Data("{\"stages\": [\"segmentation\", {\"external\": [\"python3\", \"\(script)\"], \"timeout\": 10}]}".utf8)
            .write(to: URL(fileURLWithPath: directory + "/config.json"))
        try FileManager.default.createDirectory(atPath: directory + "/in", withIntermediateDirectories: true)
        try Data("The first article is fine.".utf8).write(to: URL(fileURLWithPath: directory + "/in/a.en.txt"))
        try Data(text.utf8).write(to: URL(fileURLWithPath: directory + "/in/b.en.txt"))
        try Data("The third one is fine again.".utf8).write(to: URL(fileURLWithPath: directory + "/in/c.en.txt"))
        return (try CLI.run(["annotate", "--config", directory + "/config.json", directory + "/in", "--output-dir", directory + "/out"]), directory)
    }

    @Test("an external reply with a span outside the text fails only that document, whatever the batch")
    func badSpanReply() throws {
        let (result, directory) = try flakyBatch(second: "A NEGATIVE offset.")
        defer { try? FileManager.default.removeItem(atPath: directory) }
        #expect(result.status == 1)
        #expect(result.stderrLines == [
            "news-annotate: error: '\(directory)/in/b.en.txt': stage 'flaky' failed on document 'b.en': diagnostic 'odd' has a span -5..<3 outside the text (0..<18)",
            "news-annotate: 2 annotated, 1 failed",
        ])
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory + "/out").sorted() == ["a.en.json", "c.en.json"])
    }

    @Test("an external program that crashes on one document fails only that document")
    func crashingStage() throws {
        let (result, directory) = try flakyBatch(second: "The second one makes it CRASH.")
        defer { try? FileManager.default.removeItem(atPath: directory) }
        #expect(result.status == 1)
        #expect(result.stderrLines == [
            "news-annotate: error: '\(directory)/in/b.en.txt': stage 'flaky' failed on document 'b.en': the external program exited while annotating this document (exit status 3; stderr: flaky: giving up on this one)",
            "news-annotate: 2 annotated, 1 failed",
        ])
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory + "/out").sorted() == ["a.en.json", "c.en.json"])
    }
}

@Suite("news-annotate batches and streams")
struct BatchCLITests {
    private func requests() -> Data {
        var lines: [String] = []
        for index in 0..<40 {
            if index == 5 { lines.append("this is not json"); continue }
            if index == 11 { lines.append("{\"id\": \"empty-request\"}"); continue }
            let text = "Il governo ha detto \(index) volte, la scorsa settimana, che “la riforma è pronta”. Lo ha ripetuto ieri."
            let object: [String: Any] = ["id": "doc-\(index)", "text": text, "published": "2017-04-12", "language": "it"]
            lines.append(String(decoding: try! JSONSerialization.data(withJSONObject: object, options: [.sortedKeys]), as: UTF8.self))
        }
        lines.append("{\"id\": \"page\", \"html\": \"<html><body><article><p>Ieri a Roma, disse.</p></article></body></html>\", \"language\": \"it\"}")
        return Data((lines.joined(separator: "\n") + "\n").utf8)
    }

    @Test("a JSON Lines stream gives one line per request, in order, with the same bytes for any --jobs")
    func streamOrder() throws {
        let one = try CLI.run(["annotate", "--stream", "--jobs", "1"], stdin: requests())
        let two = try CLI.run(["annotate", "--stream", "--jobs", "2"], stdin: requests())
        let four = try CLI.run(["annotate", "--stream", "--jobs", "4"], stdin: requests())
        #expect(one.status == 1)
        #expect(one.stdout == two.stdout && two.stdout == four.stdout)
        let replies = one.stdout.split(separator: "\n").map { try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any] }
        #expect(replies.count == 41)
        // Logs only on standard error: every line of standard output is a reply.
        #expect(replies.allSatisfy { $0 != nil })
        let ids = replies.map { $0?["id"] as? String }
        #expect(ids[0] == "doc-0" && ids[5] == "line-6" && ids[11] == "empty-request" && ids[40] == "page")
        #expect(replies[5]?["error"] as? String == "line 6: not a JSON object")
        #expect((replies[0]?["layers"] as? [String: Any])?["dates"] != nil)
        #expect(one.stderrLines.last == "news-annotate: 39 annotated, 2 failed")
    }

    @Test("numeric request ids are kept as written and never crash the stream")
    func numericIDs() throws {
        let input = "{\"id\": 1e20, \"text\": \"Uno.\"}\n{\"id\": 7.5, \"text\": \"Due.\"}\n{\"id\": 42, \"text\": \"Tre.\"}\n"
        let result = try CLI.run(["annotate", "--stream", "--language", "it"], stdin: Data(input.utf8))
        #expect(result.status == 0)
        let ids = result.stdout.split(separator: "\n").compactMap { (try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any])?["id"] as? String }
        #expect(ids == ["1e+20", "7.5", "42"])
    }

    @Test("a request line over the limit gets an error reply of its own, and the next line is annotated")
    func streamLongLine() throws {
        let long = "{\"id\": \"big\", \"text\": \"" + String(repeating: "parola ", count: 2000) + "\"}"
        let input = "\(long)\n{\"id\": \"ok\", \"text\": \"Uno.\"}\n"
        let result = try CLI.run(["annotate", "--stream", "--language", "it", "--max-bytes", "1000"], stdin: Data(input.utf8))
        #expect(result.status == 1)
        let replies = result.stdout.split(separator: "\n").compactMap { try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any] }
        #expect(replies.count == 2)
        #expect(replies.first?["error"] as? String == "line 1: \(long.utf8.count) bytes, longer than the limit of a request line; skipped")
        #expect(replies.last?["id"] as? String == "ok" && replies.last?["error"] == nil)
    }

    @Test("--resume skips complete outputs and --errors lists the failures")
    func resumeAndErrors() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        try FileManager.default.createDirectory(atPath: directory + "/in", withIntermediateDirectories: true)
        for index in 0..<6 { try Data("Articolo \(index). Ieri è piovuto.".utf8).write(to: URL(fileURLWithPath: directory + "/in/a\(index).it.txt")) }
        try Data().write(to: URL(fileURLWithPath: directory + "/in/empty.txt"))
        let first = try CLI.run(["annotate", directory + "/in", "-o", directory + "/out", "--jobs", "2", "--errors", directory + "/errors.jsonl"])
        #expect(first.status == 1)
        let report = try String(contentsOfFile: directory + "/errors.jsonl", encoding: .utf8)
        #expect(report == "{\"message\":\"'\(directory)/in/empty.txt': the input is empty\",\"path\":\"\(directory)/in/empty.txt\"}\n")
        let before = try FileManager.default.attributesOfItem(atPath: directory + "/out/a0.it.json")[.modificationDate] as? Date
        // One input changes: only it is done again.
        try Data("Articolo 3, cambiato.".utf8).write(to: URL(fileURLWithPath: directory + "/in/a3.it.txt"))
        let second = try CLI.run(["annotate", directory + "/in", "-o", directory + "/out", "--resume"])
        #expect(second.stderrLines.last == "news-annotate: 1 annotated, 1 failed, 5 up to date")
        let after = try FileManager.default.attributesOfItem(atPath: directory + "/out/a0.it.json")[.modificationDate] as? Date
        #expect(before == after)
        let changed = try String(contentsOfFile: directory + "/out/a3.it.json", encoding: .utf8)
        #expect(changed.contains("Articolo 3, cambiato."))
    }

    @Test("killed part-way with SIGKILL, --resume completes the batch with every output whole, none done twice")
    func killAndResume() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        try FileManager.default.createDirectory(atPath: directory + "/in", withIntermediateDirectories: true)
        let seed = try String(contentsOfFile: CLI.packageRoot + "/Samples/bbc-newsbeat-russia-syria.it.txt", encoding: .utf8)
        let total = 120
        for index in 0..<total { try Data((seed + "\n\(index)\n").utf8).write(to: URL(fileURLWithPath: directory + "/in/d\(index).it.txt")) }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: try #require(CLI.executable))
        process.arguments = ["annotate", directory + "/in", "-o", directory + "/out", "--jobs", "1", "--quiet"]
        process.standardError = FileHandle.nullDevice
        try process.run()
        let deadline = Date(timeIntervalSinceNow: 60)
        func written() -> [String] { ((try? FileManager.default.contentsOfDirectory(atPath: directory + "/out")) ?? []).filter { $0.hasSuffix(".json") } }
        while written().count < 10 && Date() < deadline && process.isRunning { Thread.sleep(forTimeInterval: 0.01) }
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        let done = written()
        #expect(done.count >= 10 && done.count < total, "the kill should land part-way (\(done.count) written)")
        let result = try CLI.run(["annotate", directory + "/in", "-o", directory + "/out", "--resume"])
        #expect(result.status == 0)
        #expect(result.stderrLines.last == "news-annotate: \(total - done.count) annotated, 0 failed, \(done.count) up to date")
        let outputs = try FileManager.default.contentsOfDirectory(atPath: directory + "/out")
        #expect(outputs.filter { $0.hasSuffix(".json") }.count == total)
        #expect(outputs.allSatisfy { $0.hasSuffix(".json") }, "no temporary files left: \(outputs.filter { !$0.hasSuffix(".json") })")
        for name in outputs {
            let data = try Data(contentsOf: URL(fileURLWithPath: directory + "/out/" + name))
            #expect((try? JSONSerialization.jsonObject(with: data)) != nil, "\(name) is not whole JSON")
        }
    }
}

@Suite("news-annotate at scale")
struct ScaleCLITests {
    @Test("1,000 documents with 5 broken ones: 995 outputs, 5 error records, exit 1 (--strict); 3 without it")
    func thousandWithBrokenOnes() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let input = directory + "/in"
        try FileManager.default.createDirectory(atPath: input, withIntermediateDirectories: true)
        for index in 0..<995 {
            try Data("Articolo numero \(index). Ieri il governo ha parlato, dice Reeve.".utf8).write(to: URL(fileURLWithPath: input + "/good-\(index).it.txt"))
        }
        try Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13]).write(to: URL(fileURLWithPath: input + "/broken-binary.html"))
        try Data().write(to: URL(fileURLWithPath: input + "/broken-empty.txt"))
        try Data([0x50, 0x65, 0x72, 0x63, 0x68, 0xE8, 0x20, 0x93, 0x73, 0xEC, 0x94]).write(to: URL(fileURLWithPath: input + "/broken-utf8.txt"))
        try Data(repeating: UInt8(ascii: "a"), count: 50_000_000).write(to: URL(fileURLWithPath: input + "/broken-huge.txt"))
        let deep = "<html><body>" + String(repeating: "<div>", count: 10_000) + "<p>profondo</p>" + String(repeating: "</div>", count: 10_000) + "</body></html>"
        try Data(deep.utf8).write(to: URL(fileURLWithPath: input + "/broken-deep.html"))

        let strict = try CLI.run(["annotate", input, "-o", directory + "/strict", "--strict", "--errors", directory + "/errors.jsonl", "--quiet"])
        #expect(strict.status == 1)
        let outputs = try FileManager.default.contentsOfDirectory(atPath: directory + "/strict")
        #expect(outputs.count == 995)
        #expect(outputs.allSatisfy { $0.hasPrefix("good-") })
        let records = try String(contentsOfFile: directory + "/errors.jsonl", encoding: .utf8).split(separator: "\n")
        #expect(records.count == 5)
        let messages = records.compactMap { try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: String] }.compactMap { $0["message"] }
        #expect(messages.contains { $0.contains("broken-binary.html': looks like a PNG image") })
        #expect(messages.contains { $0.contains("broken-empty.txt': the input is empty") })
        #expect(messages.contains { $0.contains("broken-huge.txt': the input has 50000000 bytes, more than the limit") })
        #expect(messages.contains { $0.contains("broken-utf8.txt") && $0.contains("decoded_as_windows_1252; --strict") })
        #expect(messages.contains { $0.contains("broken-deep.html") && $0.contains("html_flattened; --strict") })

        // Without --strict, recovered inputs are documents with diagnostics.
        let lenient = try CLI.run(["annotate", input, "-o", directory + "/lenient", "--include", "broken-*"])
        #expect(lenient.status == 1)
        #expect(lenient.stderrLines.last == "news-annotate: 2 annotated, 3 failed")
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory + "/lenient").sorted() == ["broken-deep.json", "broken-utf8.json"])
    }

    @Test("globs choose files under directories, and paths can come from a list")
    func globsAndPathLists() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        try FileManager.default.createDirectory(atPath: directory + "/in/drafts", withIntermediateDirectories: true)
        for name in ["a.it.txt", "b.en.html", "drafts/c.it.txt"] {
            try Data("Un testo breve. Ieri.".utf8).write(to: URL(fileURLWithPath: directory + "/in/" + name))
        }
        let html = try CLI.run(["annotate", directory + "/in", "-o", directory + "/html", "--include", "*.html"])
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory + "/html") == ["b.en.json"])
        #expect(html.status == 0)
        let noDrafts = try CLI.run(["annotate", directory + "/in", "-o", directory + "/final", "--exclude", "drafts/*"])
        #expect(noDrafts.status == 0)
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory + "/final").sorted() == ["a.it.json", "b.en.json"])
        let list = "\(directory)/in/a.it.txt\n\(directory)/in/drafts/c.it.txt\n"
        let listed = try CLI.run(["annotate", "--paths-from", "-", "--format", "jsonl"], stdin: Data(list.utf8))
        #expect(listed.status == 0)
        #expect(listed.stdout.split(separator: "\n").count == 2)
    }

    @Test("a document over its time budget fails with a message instead of holding the batch")
    func timeBudget() throws {
        let result = try CLI.run(["annotate", "Samples/bbc-newsbeat-russia-syria.it.txt", "Samples/riverton-harbour-flood.en.html", "--timeout", "0.001"])
        #expect(result.status == 1)
        // Stopped by the pipeline inside or between stages (whichever stage it was in depends on
        // the machine's timing), never abandoned by the safety net.
        let first = try #require(result.stderrLines.first)
        #expect(first.hasPrefix("news-annotate: error: 'Samples/bbc-newsbeat-russia-syria.it.txt': stage '") && first.contains("time budget exceeded after 0"), "\(first)")
        #expect(result.stderrLines.count == 3)
    }

    @Test("an external program stuck inside one document is killed at the time budget; the run ends without waiting for it")
    func stuckStage() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let script = CLI.packageRoot + "/Tests/NewsAnnotatorsTests/Fixtures/external/flaky.py"
        try Data("{\"stages\": [\"segmentation\", {\"external\": [\"python3\", \"\(script)\"], \"timeout\": 30}]}".utf8)
            .write(to: URL(fileURLWithPath: directory + "/config.json"))
        try Data("This one will STALL for a while.".utf8).write(to: URL(fileURLWithPath: directory + "/stall.en.txt"))
        let started = Date()
        let result = try CLI.run(["annotate", "--config", directory + "/config.json", directory + "/stall.en.txt", "--timeout", "1"])
        #expect(Date().timeIntervalSince(started) < 4.5)
        #expect(result.status == 1)
        // The pipeline counts from its first stage; the budget also covered ingest before it.
        #expect(result.stderrLines.first?.hasPrefix("news-annotate: error: '\(directory)/stall.en.txt': stage 'flaky' failed on document 'stall.en': time budget exceeded after ") == true,
                "\(result.stderrLines)")
    }

    @Test("Ctrl-C finishes the documents in flight, leaves whole outputs and says how to resume")
    func interrupt() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        try FileManager.default.createDirectory(atPath: directory + "/in", withIntermediateDirectories: true)
        let seed = try String(contentsOfFile: CLI.packageRoot + "/Samples/bbc-newsbeat-russia-syria.it.txt", encoding: .utf8)
        let total = 150
        for index in 0..<total { try Data((seed + "\n\(index)\n").utf8).write(to: URL(fileURLWithPath: directory + "/in/d\(index).it.txt")) }
        let (process, errorURL) = try launchCLI(["annotate", directory + "/in", "-o", directory + "/out", "--jobs", "1"], stderrIn: directory)
        let deadline = Date(timeIntervalSinceNow: 60)
        func written() -> Int { ((try? FileManager.default.contentsOfDirectory(atPath: directory + "/out")) ?? []).filter { $0.hasSuffix(".json") }.count }
        while written() < 5 && Date() < deadline && process.isRunning { Thread.sleep(forTimeInterval: 0.01) }
        kill(process.processIdentifier, SIGINT)
        process.waitUntilExit()
        #expect(process.terminationStatus == 130)
        let stderr = try String(contentsOf: errorURL, encoding: .utf8)
        #expect(stderr.contains("interrupted; rerun with --resume to finish"))
        let done = written()
        #expect(done > 0 && done < total)
        let resumed = try CLI.run(["annotate", directory + "/in", "-o", directory + "/out", "--resume"])
        #expect(resumed.stderrLines.last == "news-annotate: \(total - done) annotated, 0 failed, \(done) up to date")
    }

    @Test("SIGTERM stops the document in flight at its stage's next budget check: the run ends at once, non-zero, no output half-written")
    func terminate() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        try FileManager.default.createDirectory(atPath: directory + "/in", withIntermediateDirectories: true)
        // One long document (about 17 MB, minutes of work in a debug build) and a short one after it.
        let seed = try String(contentsOfFile: CLI.packageRoot + "/Samples/bbc-newsbeat-russia-syria.it.txt", encoding: .utf8)
        try Data(String(repeating: seed + "\n", count: 3000).utf8).write(to: URL(fileURLWithPath: directory + "/in/a-long.it.txt"))
        try Data(seed.utf8).write(to: URL(fileURLWithPath: directory + "/in/b-short.it.txt"))
        let (process, errorURL) = try launchCLI(["annotate", directory + "/in", "-o", directory + "/out", "--jobs", "1"], stderrIn: directory)
        // Past start-up (models load in about a second, more on a loaded machine), well inside
        // the long document.
        Thread.sleep(forTimeInterval: 4)
        let signalled = Date()
        kill(process.processIdentifier, SIGTERM)
        process.waitUntilExit()
        // Ingest checks the stop too, but reading the file and decoding it do not; on a loaded
        // machine they may hold the stop for a while, far less than the document's full run.
        #expect(Date().timeIntervalSince(signalled) < 40)
        #expect(process.terminationStatus != 0)
        let stderr = try String(contentsOf: errorURL, encoding: .utf8)
        #expect(stderr.contains("terminated; stopping the documents in flight"), "\(stderr)")
        #expect(stderr.contains("a-long.it.txt") && stderr.contains("stopped: the run was asked to end"), "\(stderr)")
        // Nothing half-written: no output for the stopped document, no temporary file left.
        let left = (try? FileManager.default.contentsOfDirectory(atPath: directory + "/out")) ?? []
        #expect(!left.contains { $0.hasPrefix("a-long") || $0.hasPrefix(".") }, "\(left)")
    }
}

/// Starts `news-annotate` with `arguments` in the background, its standard error written to
/// `directory/stderr`, for tests that signal or kill it part-way.
private func launchCLI(_ arguments: [String], stderrIn directory: String) throws -> (Process, URL) {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: try #require(CLI.executable))
    process.arguments = arguments
    let errorURL = URL(fileURLWithPath: directory + "/stderr")
    _ = FileManager.default.createFile(atPath: errorURL.path, contents: nil)
    process.standardError = try FileHandle(forWritingTo: errorURL)
    try process.run()
    return (process, errorURL)
}
