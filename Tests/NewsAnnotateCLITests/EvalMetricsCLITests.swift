import Foundation
import Testing

/// The metrics the quality harness takes from `eval`, on hand-computed fixtures
/// (Fixtures/metrics). Text: "Friday then two weeks later, on 5 May, says Tom. “We won” and
/// the rest."
///
///     dates gold: DATE "Friday" 2017-05-05, DURATION "two weeks" P2W, DATE "5 May" 2017-05-05
///     dates pred: DURATION "Friday" 2017-05-05, DURATION "two weeks later" P3W, DATE "the rest"
///
/// Untyped: exact 1 of 3 (strict P = R = F1 = 1/3), overlap 2 of 3 (relaxed 2/3); of the two
/// matches one has the right type (type accuracy 0.5) and one the right value, so value
/// precision = recall = value F1 = 1/3. Typed: DATE has no match, DURATION one overlap.
///
///     quotes gold: direct “We won” (speaker "Tom" at 44..<47), indirect "the rest" (no speaker)
///     quotes pred: direct We won (inside the marks, speaker text "tom" elsewhere),
///                  indirect "the rest" with speaker "Tom"
///
/// Both quotes match by overlap (one exactly). The first speaker agrees (same text), the
/// second does not (the gold has none), so end-to-end P = R = F1 = 0.5 and speaker accuracy
/// over gold quotes with a speaker is 1.
@Suite("eval: untyped, value, speaker and body-text metrics")
struct EvalMetricsCLITests {
    static let fixtures = "Tests/NewsAnnotateCLITests/Fixtures/metrics"

    func layers() throws -> [String: [String: Any]] {
        let result = try CLI.run(["eval", "--gold", Self.fixtures + "/gold.json", "--pred", Self.fixtures + "/pred.json", "--format", "json"])
        #expect(result.status == 0, "\(result.stderr)")
        let layers = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [[String: Any]])
        return Dictionary(uniqueKeysWithValues: layers.compactMap { layer in (layer["layer"] as? String).map { ($0, layer) } })
    }

    @Test("dates: TempEval-3 strict and relaxed extent F1, type accuracy and value F1")
    func dates() throws {
        let dates = try #require(try layers()["dates"])
        let untyped = try #require(dates["untyped"] as? [String: Any])
        #expect(untyped["gold"] as? Int == 3 && untyped["predicted"] as? Int == 3)
        #expect(untyped["exactMatches"] as? Int == 1 && untyped["overlapMatches"] as? Int == 2)
        #expect(untyped["exactF1"] as? Double == 0.3333)
        #expect(untyped["overlapF1"] as? Double == 0.6667)
        #expect(untyped["typeAccuracy"] as? Double == 0.5)
        #expect(untyped["valueAccuracy"] as? Double == 0.5)
        #expect(untyped["valueF1"] as? Double == 0.3333)
        let total = try #require(dates["total"] as? [String: Any])
        #expect(total["exactMatches"] as? Int == 0 && total["overlapMatches"] as? Int == 1)
        let byType = try #require(dates["byType"] as? [String: [String: Any]])
        #expect(byType["DATE"]?["gold"] as? Int == 2 && byType["DATE"]?["goldFound"] as? Int == 1)
        #expect(byType["DURATION"]?["predicted"] as? Int == 2 && byType["DURATION"]?["predictedCorrect"] as? Int == 2)
        let errors = try #require(dates["errors"] as? [[String: Any]])
        let kinds = Set(errors.compactMap { error in (error["kind"] as? String).map { "\($0) \(error["label"] as? String ?? "")" } })
        #expect(kinds == ["missed DATE", "type DATE→DURATION", "extent DURATION", "value DURATION", "spurious DATE"])
        #expect(errors.contains { ($0["examples"] as? [String]) == ["two weeks: P2W → P3W ×1"] })
    }

    @Test("quotes: speaker accuracy and quote + speaker end-to-end F1")
    func quotes() throws {
        let quotes = try #require(try layers()["quotes"])
        let untyped = try #require(quotes["untyped"] as? [String: Any])
        #expect(untyped["overlapMatches"] as? Int == 2 && untyped["exactMatches"] as? Int == 1)
        #expect(untyped["speakerAccuracy"] as? Double == 1)
        #expect(untyped["endToEndPrecision"] as? Double == 0.5)
        #expect(untyped["endToEndRecall"] as? Double == 0.5)
        #expect(untyped["endToEndF1"] as? Double == 0.5)
        let errors = try #require(quotes["errors"] as? [[String: Any]])
        #expect(errors.contains { $0["kind"] as? String == "speaker" && ($0["examples"] as? [String]) == ["none → Tom ×1"] })
        // Entities have no speaker fields: no end-to-end figure is made up for them.
        let entities = try CLI.run(["eval", "--gold", "Tests/NewsReadingTests/Fixtures/eval/gold.json", "--pred", "Tests/NewsReadingTests/Fixtures/eval/pred.json", "--format", "json"])
        #expect(!entities.stdout.contains("endToEndF1"))
    }

    @Test("--text: bag-of-tokens F1 per page, near-empty pages, worst pages and the threshold")
    func bodyText() throws {
        let arguments = ["eval", "--text", "--gold", Self.fixtures + "/text-gold.jsonl", "--pred", Self.fixtures + "/text-pred.jsonl"]
        let json = try CLI.run(arguments + ["--format", "json"])
        #expect(json.status == 0, "\(json.stderr)")
        let report = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        let summary = try #require(report["summary"] as? [String: Any])
        #expect(summary["documents"] as? Int == 2)
        #expect(abs((summary["meanF1"] as? Double ?? 0) - (0.5 + 1.0 / 6) / 2) < 1e-9)
        #expect(abs((summary["microF1"] as? Double ?? 0) - 0.3) < 1e-9)
        #expect(summary["empty"] as? Int == 0 && summary["nearEmpty"] as? Int == 1 && summary["belowHalf"] as? Int == 1)
        let pages = try #require(report["pages"] as? [[String: Any]])
        #expect(pages.first?["commonTokens"] as? Int == 2 && pages.first?["f1"] as? Double == 0.5)

        let table = try CLI.run(arguments + ["--errors", "1", "--min-f1", "text=0.3"])
        #expect(table.status == 0)
        let lines = table.stdout.split(separator: "\n").map(String.init)
        #expect(lines.first == "text  documents 2  mean P/R/F1 0.750/0.295/0.333  micro F1 0.300")
        #expect(lines.count == 4 && lines[3].hasPrefix("  page-b "))
        let failing = try CLI.run(arguments + ["--min-f1", "text=0.5"])
        #expect(failing.status == 1)
        #expect(failing.stderrLines == ["news-annotate: error: text mean F1 0.333 is below the threshold 0.500"])
    }
}
