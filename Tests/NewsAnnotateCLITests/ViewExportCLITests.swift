import Foundation
import Testing

private let fixtures = "Tests/NewsReadingTests/Fixtures/view"

@Suite("news-annotate view and export")
struct ViewExportCLITests {
    @Test("view writes a page per document and an index; a missing input fails alone with one error line")
    func viewBatch() throws {
        let out = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: out) }
        let result = try CLI.run(["view", "\(fixtures)/unicode.it.json", "Samples/missing.txt", "Samples/bbc-newsbeat-russia-syria.it.txt", "--output", out])
        #expect(result.status == 1)
        #expect(result.stderrLines == ["news-annotate: error: 'Samples/missing.txt': no such file", "news-annotate: 2 pages written, 1 failed"])
        let files = try FileManager.default.contentsOfDirectory(atPath: out).sorted()
        #expect(files == ["bbc-newsbeat-russia-syria.it.html", "index.html", "unicode.it.html"])
        // The article was annotated on the fly: dates with their values, entities, quotes with their speaker.
        let seed = try String(contentsOfFile: out + "/bbc-newsbeat-russia-syria.it.html", encoding: .utf8)
        #expect(seed.contains("data-value=\"P6Y\"") && seed.contains("<mark class=\"ent t-") && seed.contains("data-speaker="))
        #expect(!seed.contains("not run"))
        // The sources panel: role, and the affiliation with how the text describes it.
        #expect(seed.contains("<dd>direttore del programma di sicurezza sostenibile</dd>"))
        #expect(seed.contains("<dd>Oxford Research Group (un think-tank sulla sicurezza)</dd>"))
        let index = try String(contentsOfFile: out + "/index.html", encoding: .utf8)
        #expect(index.contains("<a href=\"unicode.it.html\">unicode.it</a>") && index.contains("2 documents, 1 failed."))
        #expect(index.contains("&#39;Samples/missing.txt&#39;: no such file") || index.contains("'Samples/missing.txt': no such file"))
    }

    @Test("view over the same inputs twice writes the same bytes")
    func viewDeterministic() throws {
        let first = try temporaryDirectory(), second = try temporaryDirectory()
        defer { for path in [first, second] { try? FileManager.default.removeItem(atPath: path) } }
        for out in [first, second] {
            #expect(try CLI.run(["view", fixtures, "-o", out, "--quiet", "--jobs", out == first ? "1" : "2"]).status == 0)
        }
        for name in ["index.html", "unicode.it.html", "bbc-newsbeat-russia-syria.it.html"] {
            #expect(FileManager.default.contents(atPath: first + "/" + name) == FileManager.default.contents(atPath: second + "/" + name), "\(name)")
        }
    }

    @Test("export brat writes .txt, .ann and annotation.conf; the .txt is the JSON text")
    func exportBrat() throws {
        let out = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: out) }
        let result = try CLI.run(["export", "--format", "brat", "\(fixtures)/unicode.it.json", "-o", out])
        #expect(result.status == 0 && result.stderrLines == ["news-annotate: 1 exported, 0 failed"])
        #expect(try FileManager.default.contentsOfDirectory(atPath: out).sorted() == ["annotation.conf", "unicode.it.ann", "unicode.it.txt"])
        let json = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: CLI.packageRoot + "/\(fixtures)/unicode.it.json"))) as? [String: Any]
        #expect(try String(contentsOfFile: out + "/unicode.it.txt", encoding: .utf8) == json?["text"] as? String)
    }

    @Test("export to standard output: CoNLL as it is, W3C and spaCy one JSON document per line")
    func exportStandardOutput() throws {
        let conll = try CLI.run(["export", "--format", "conll", "Samples/bbc-newsbeat-russia-syria.it.expected.json"])
        #expect(conll.status == 0 && conll.stdout.hasPrefix("-DOCSTART-\tO\n\nUn\tO\ncerto\tO\n"))
        let spacy = try CLI.run(["export", "--format", "spacy", "\(fixtures)/unicode.it.json", "Samples/riverton-harbour-flood.en.expected.json", "-q"])
        let lines = spacy.stdout.split(separator: "\n")
        #expect(spacy.status == 0 && lines.count == 2 && spacy.stderr.isEmpty)
        #expect(lines.allSatisfy { (try? JSONSerialization.jsonObject(with: Data($0.utf8))) is [String: Any] })
    }

    @Test("usage errors: brat needs --output-dir, view needs an output folder, a bad format is refused")
    func usageErrors() throws {
        let brat = try CLI.run(["export", "--format", "brat", "\(fixtures)/unicode.it.json"])
        #expect(brat.status == 64 && brat.stderrLines.first == "Error: --format brat writes two files per document; give --output-dir")
        #expect(try CLI.run(["view", "\(fixtures)/unicode.it.json"]).status == 64)
        #expect(try CLI.run(["export", "--format", "xml", "\(fixtures)/unicode.it.json"]).status == 64)
    }

    @Test("a JSON file that is not annotated JSON fails with a message saying so, an input error (exit 2)")
    func notAnnotated() throws {
        let result = try CLI.run(["export", "--format", "w3c", "Tests/NewsAnnotatorsTests/Fixtures/registry.json"])
        #expect(result.status == 2)
        #expect(result.stderrLines == [
            "news-annotate: error: 'Tests/NewsAnnotatorsTests/Fixtures/registry.json': not annotated JSON (no \"format\"; expected 'news-annotation/1')",
            "news-annotate: 0 exported, 1 failed",
        ])
    }
}
