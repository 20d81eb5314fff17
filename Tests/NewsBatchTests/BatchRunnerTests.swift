import Foundation
import NewsAnnotation
import NewsAnnotators
import NewsBatch
import NewsIngest
import Testing

@Suite("Batch runs")
struct BatchRunnerTests {
    @Test("an output is written whole through a hidden partial file, into folders made on the way")
    func atomicWrite() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("write-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let path = directory + "/a/b/c.json"
        try BatchRunner.writeAtomically(Array("{\"x\": 1}\n".utf8), to: path)
        #expect(FileManager.default.contents(atPath: path) == Data("{\"x\": 1}\n".utf8))
        try BatchRunner.writeAtomically(Array("{}\n".utf8), to: path)
        #expect(FileManager.default.contents(atPath: path) == Data("{}\n".utf8))
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory + "/a/b") == ["c.json"])
        // A file where a folder should be: one error naming the output, nothing left behind.
        try Data("x".utf8).write(to: URL(fileURLWithPath: directory + "/file"))
        let failure = #expect(throws: BatchRunner.Failure.self) { try BatchRunner.writeAtomically(Array("{}".utf8), to: directory + "/file/d.json") }
        #expect(failure?.message.hasPrefix("cannot write '\(directory)/file/d.json': ") == true)
    }

    @Test("bad inputs fail one by one while good ones are written whole")
    func mixedBatch() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("batch-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: directory) }
        try FileManager.default.createDirectory(atPath: directory + "/in/sub", withIntermediateDirectories: true)
        try Data().write(to: URL(fileURLWithPath: directory + "/in/empty.txt"))
        try Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0]).write(to: URL(fileURLWithPath: directory + "/in/image.html"))
        try Data("Una frase. Un’altra frase.".utf8).write(to: URL(fileURLWithPath: directory + "/in/sub/good.it.txt"))
        try Data([0x43, 0x61, 0x66, 0xE9]).write(to: URL(fileURLWithPath: directory + "/in/legacy.txt"))
        let inputs = BatchInput.expand([directory + "/in", directory + "/missing.txt"])
        #expect(inputs.map(\.outputName) == ["empty", "image", "legacy", "sub/good.it", "missing"])
        let runner = BatchRunner(ingestor: try Ingestor(), pipeline: try StandardPipeline.make(), style: .pretty)
        var reported: [String] = []
        let summary = runner.run(inputs, to: .directory(directory + "/out"), write: { _ in }, report: { reported.append($0.message) })
        #expect(summary.succeeded == 2)
        #expect(summary.failures.count == 3)
        #expect(reported == [
            "'\(directory)/in/empty.txt': the input is empty",
            "'\(directory)/in/image.html': looks like a PNG image, not text or HTML",
            "'\(directory)/missing.txt': no such file",
        ])
        let good = try #require(FileManager.default.contents(atPath: directory + "/out/sub/good.it.json"))
        let object = try #require(try JSONSerialization.jsonObject(with: good) as? [String: Any])
        #expect(object["text"] as? String == "Una frase. Un’altra frase.")
        #expect(FileManager.default.fileExists(atPath: directory + "/out/legacy.json"))
        #expect(!FileManager.default.fileExists(atPath: directory + "/out/empty.json"))
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: directory + "/out").filter { !$0.hasSuffix(".json") && $0 != "sub" }
        #expect(leftovers.isEmpty)
    }
    @Test("a 40 MB page past its time budget fails in ingest, named as a stage, before the safety net")
    func hugePagePastItsBudget() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("batch-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: directory) }
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let paragraph = "<p>The council said on Tuesday that the harbour wall, built in 1911, would be raised.</p>\n"
        let page = "<html lang=\"en\"><body><article>" + String(repeating: paragraph, count: 40_000_000 / paragraph.utf8.count) + "</article></body></html>"
        try Data(page.utf8).write(to: URL(fileURLWithPath: directory + "/big.html"))
        var runner = BatchRunner(ingestor: try Ingestor(options: IngestOptions(maxBytes: 60_000_000)), pipeline: try StandardPipeline.make(), style: .pretty)
        runner.timeBudget = 2
        let failure = #expect(throws: BatchRunner.Failure.self) { try runner.annotate(BatchInput(path: directory + "/big.html", outputName: "big")) }
        // The safety net would say "took longer than its time budget of 2 s; abandoned".
        #expect(failure?.message.hasPrefix("'\(directory)/big.html': stage 'ingest' failed on document 'big': time budget exceeded after ") == true,
                "\(failure?.message ?? "")")
    }
}
