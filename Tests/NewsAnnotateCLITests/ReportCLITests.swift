import Foundation
import Testing

@Suite("news-annotate report")
struct ReportCLITests {
    static let goldens = ["Samples/bbc-newsbeat-russia-syria.it.expected.json", "Samples/riverton-harbour-flood.en.expected.json"]

    @Test("a broken document is one error line naming the file; the others still count, the report is written, exit 2")
    func brokenInput() throws {
        let out = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: out) }
        let broken = out + "/broken.json"
        try "{\"format\": \"news-annotation/1\", \"text\": 3}".write(toFile: broken, atomically: true, encoding: .utf8)
        let result = try CLI.run(["report"] + Self.goldens + [broken, "-o", out + "/report"])
        #expect(result.status == 2)
        #expect(result.stderrLines == ["news-annotate: error: '\(broken)': annotated JSON without a \"text\" string",
                                       "news-annotate: report of 2 documents written to \(out)/report/report.html, 1 failed"])
        #expect(try FileManager.default.contentsOfDirectory(atPath: out + "/report").sorted() == ["report-sources.csv", "report.csv", "report.html", "report.json"])
        let json = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: out + "/report/report.json"))) as? [String: Any])
        let totals = try #require(json["totals"] as? [String: Any])
        #expect(totals["documents"] as? Int == 2 && totals["failed"] as? Int == 1)
        #expect(json["failures"] as? [String] == ["'\(broken)': annotated JSON without a \"text\" string"])
        let page = try String(contentsOfFile: out + "/report/report.html", encoding: .utf8)
        #expect(page.contains("<b id=\"total-documents\">2</b>") && page.contains("<b id=\"total-failed\">1</b>"))
        #expect(page.contains("content=\"default-src 'none'"))
    }

    @Test("links reach the pages view writes for the same inputs; two runs give the same bytes")
    func linksAndDeterminism() throws {
        let out = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: out) }
        #expect(try CLI.run(["view"] + Self.goldens + ["-o", out + "/pages", "-q"]).status == 0)
        for name in ["first", "second"] {
            #expect(try CLI.run(["report"] + Self.goldens + ["-o", out + "/" + name, "--views", "../pages", "-q"]).status == 0)
        }
        for file in ["report.html", "report.json", "report.csv", "report-sources.csv"] {
            #expect(FileManager.default.contents(atPath: out + "/first/" + file) == FileManager.default.contents(atPath: out + "/second/" + file), "\(file)")
        }
        let page = try String(contentsOfFile: out + "/first/report.html", encoding: .utf8)
        let hrefs = try NSRegularExpression(pattern: "href=\"(\\.\\./pages/[^\"]+)\"").matches(in: page, range: NSRange(page.startIndex..., in: page))
            .compactMap { Range($0.range(at: 1), in: page).map { String(page[$0]) } }
        #expect(hrefs.count >= 2)
        for href in Set(hrefs) { #expect(FileManager.default.fileExists(atPath: out + "/first/" + href), "\(href)") }
        #expect(page.contains("Richard Reeve") && page.contains("Linda Marsh") && !page.contains("gender (estimate)"))
    }

    @Test("--gender-names adds the estimate column; a bad list is a setup error; no documents is exit 1; --top 0 is a usage error")
    func optionsAndErrors() throws {
        let out = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: out) }
        try "# given names and the labels to show\nLinda\tfemale\nJames\tmale\n".write(toFile: out + "/names.tsv", atomically: true, encoding: .utf8)
        let withList = try CLI.run(["report", Self.goldens[1], "-o", out + "/r", "--gender-names", out + "/names.tsv", "-q"])
        #expect(withList.status == 0 && withList.stderr.isEmpty)
        let sources = try String(contentsOfFile: out + "/r/report-sources.csv", encoding: .utf8)
        #expect(sources.contains(",Linda Marsh,person,spokesperson,Riverton Port Authority,1,") && sources.contains(",female,name list,"))
        try "Linda\n".write(toFile: out + "/bad.tsv", atomically: true, encoding: .utf8)
        let bad = try CLI.run(["report", Self.goldens[1], "-o", out + "/r2", "--gender-names", out + "/bad.tsv"])
        #expect(bad.status == 2 && bad.stderrLines == ["news-annotate: error: '\(out)/bad.tsv' line 1: expected 'name<TAB>label' (or 'name,label'), got 'Linda'"])
        try FileManager.default.createDirectory(atPath: out + "/empty", withIntermediateDirectories: true)
        let empty = try CLI.run(["report", out + "/empty", "-o", out + "/r3"])
        #expect(empty.status == 1 && empty.stderrLines == ["news-annotate: error: no annotated JSON documents in '\(out)/empty'"])
        #expect(try CLI.run(["report", Self.goldens[1], "-o", out + "/r4", "--top", "0"]).status == 64)
    }
}
