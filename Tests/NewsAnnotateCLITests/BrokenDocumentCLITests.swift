import Foundation
import Testing

/// The hand-computed gold document of the eval fixtures (65 code points of text), with the
/// end of its fourth entity, "Mosca" (59..<64), moved far past the text.
private func brokenDocument() throws -> String {
    let gold = try String(contentsOfFile: CLI.packageRoot + "/Tests/NewsReadingTests/Fixtures/eval/gold.json", encoding: .utf8)
    let span = "\"start\": 59,\n    \"end\": 64"
    try #require(gold.contains(span))
    return gold.replacingOccurrences(of: span, with: "\"start\": 59,\n    \"end\": 999999")
}

/// The one line every command prints for the broken document at `place`.
private func refusal(_ place: String) -> String {
    "news-annotate: error: \(place): layers/entities/3: span 59..<999999 lies outside the text (65 code points); is the JSON from another text?"
}

@Suite("a broken annotated document is refused the same way by every command")
struct BrokenDocumentCLITests {
    private static let gold = "Tests/NewsReadingTests/Fixtures/eval/gold.json"

    @Test("an entity span past the text: check, eval, view and export print the same line naming the file and the span, and exit 2")
    func spanPastText() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let broken = directory + "/alleati.json"
        try brokenDocument().write(toFile: broken, atomically: true, encoding: .utf8)
        let runs: [[String]] = [
            ["check", Self.gold, broken],
            ["check", broken, Self.gold],
            ["check", directory, "--run", "Samples/bbc-newsbeat-russia-syria.it.txt"],
            ["eval", "--gold", Self.gold, "--pred", broken],
            ["eval", "--gold", broken, "--pred", Self.gold],
            ["view", broken, "--output", directory + "/pages"],
            ["export", "--format", "conll", broken],
            ["export", "--format", "brat", broken, "-o", directory + "/brat"],
        ]
        for arguments in runs {
            let result = try CLI.run(arguments)
            let command = arguments.joined(separator: " ")
            #expect(result.status == 2, "\(command)")
            #expect(result.stderrLines.first == refusal("'\(broken)'"), "\(command)")
            // Nothing is compared, scored or exported from it.
            #expect(result.stdout.isEmpty, "\(command)")
        }
        #expect(!FileManager.default.fileExists(atPath: directory + "/pages/alleati.html"))
        #expect(!FileManager.default.fileExists(atPath: directory + "/brat/alleati.ann"))
    }

    @Test("view and export still write the good documents next to a broken one, list it, and exit 2")
    func brokenAmongGoodOnes() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let broken = directory + "/alleati.json"
        try brokenDocument().write(toFile: broken, atomically: true, encoding: .utf8)
        let view = try CLI.run(["view", broken, "Tests/NewsReadingTests/Fixtures/view/unicode.it.json", "--output", directory + "/pages"])
        #expect(view.status == 2)
        #expect(view.stderrLines == [refusal("'\(broken)'"), "news-annotate: 1 page written, 1 failed"])
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory + "/pages").sorted() == ["index.html", "unicode.it.html"])
        let index = try String(contentsOfFile: directory + "/pages/index.html", encoding: .utf8)
        #expect(index.contains("span 59..&lt;999999 lies outside the text"))
        let export = try CLI.run(["export", "--format", "w3c", broken, "Tests/NewsReadingTests/Fixtures/view/unicode.it.json", "-o", directory + "/w3c"])
        #expect(export.status == 2)
        #expect(export.stderrLines == [refusal("'\(broken)'"), "news-annotate: 1 exported, 1 failed"])
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory + "/w3c") == ["unicode.it.jsonld"])
    }

    @Test("in JSON Lines the message names the line, for check and export alike")
    func brokenLine() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let compact = { (json: String) throws -> String in
            let object = try JSONSerialization.jsonObject(with: Data(json.utf8))
            return String(decoding: try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys]), as: UTF8.self)
        }
        let good = try compact(String(contentsOfFile: CLI.packageRoot + "/" + Self.gold, encoding: .utf8))
        let lines = directory + "/documents.jsonl"
        try (good + "\n" + compact(brokenDocument()).replacingOccurrences(of: "\"alleati\"", with: "\"alleati-2\"") + "\n")
            .write(toFile: lines, atomically: true, encoding: .utf8)
        let check = try CLI.run(["check", Self.gold, lines])
        #expect(check.status == 2)
        #expect(check.stderrLines == [refusal("'\(lines)' line 2")])
        let export = try CLI.run(["export", "--format", "spacy", lines])
        #expect(export.status == 2)
        #expect(export.stderrLines == [refusal("'\(lines)' line 2"), "news-annotate: 1 exported, 1 failed"])
        #expect(export.stdout.split(separator: "\n").count == 1)
    }

    @Test("a brat file whose offsets run past its text is refused like annotated JSON")
    func bratPastText() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        try Data("Roma è bella.".utf8).write(to: URL(fileURLWithPath: directory + "/roma.txt"))
        try Data("T1\tLOC 0 4\tRoma\nT2\tLOC 9 40\tbella\n".utf8).write(to: URL(fileURLWithPath: directory + "/roma.ann"))
        let result = try CLI.run(["eval", "--gold", directory + "/roma.ann", "--pred", directory + "/roma.ann"])
        #expect(result.status == 2)
        #expect(result.stderrLines == ["news-annotate: error: '\(directory)/roma.ann': layers/entities/1: span 9..<40 lies outside the text (13 code points); is the JSON from another text?"])
    }
}
