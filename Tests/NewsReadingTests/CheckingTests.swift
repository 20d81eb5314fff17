import Foundation
import NewsAnnotation
import NewsReading
import Testing

private let evalDirectory = fixturesDirectory + "/eval"

/// A fixture of `Fixtures/eval` with one piece of its JSON text replaced, read as annotated JSON.
private func edited(_ name: String, replacing old: String, with new: String) throws -> AnnotatedDocument {
    let text = try String(contentsOfFile: evalDirectory + "/" + name, encoding: .utf8)
    try #require(text.contains(old))
    return try AnnotatedDocument(json: Data(text.replacingOccurrences(of: old, with: new).utf8), path: name)
}

/// The hand-computed example in Fixtures/eval, text "Richard Reeve dice che la Russia e la Siria
/// sono alleate a Mosca.":
///
///     gold: PER "Richard Reeve", LOC "Russia", LOC "Siria", LOC "Mosca"            (4)
///     pred: PER "Richard Reeve", LOC "la Russia", ORG "Siria", LOC "Mosca"         (4)
///
/// Exact (same span and type): Richard Reeve, Mosca = 2 → P = 2/4 = 0.5, R = 2/4 = 0.5, F1 = 0.5.
/// Overlap (overlapping span, same type): + "la Russia"~"Russia" = 3 → P = R = F1 = 0.75.
/// Per type: PER 1/1 exact → P = R = F1 = 1. LOC: gold 3, pred 2 (la Russia, Mosca);
/// exact 1 → P = 1/2, R = 1/3, F1 = 2·(1/2·1/3)/(1/2+1/3) = 0.4; overlap 2 → P = 1, R = 2/3,
/// F1 = 0.8. ORG: gold 0, pred 1 → P = R = F1 = 0.
@Suite("Evaluation and checking")
struct CheckingTests {
    @Test("the hand-computed example scores the same from JSON, CoNLL and brat", arguments: [
        ("gold.json", "pred.json"), ("gold.conll", "pred.conll"), ("gold.ann", "pred.ann"), ("gold.conll", "pred.json"), ("gold.json", "pred.ann"),
    ])
    func handComputed(gold: String, pred: String) throws {
        let evaluation = try Evaluation(
            gold: try AnnotatedDocument.read(evalDirectory + "/" + gold),
            predicted: try AnnotatedDocument.read(evalDirectory + "/" + pred))
        let entities = try #require(evaluation.layers.first { $0.layer == "entities" })
        #expect(entities.total.gold == 4 && entities.total.predicted == 4)
        #expect(entities.total.exactMatches == 2 && entities.total.overlapMatches == 3)
        #expect(abs(entities.total.exactPrecision - 0.5) < 1e-9 && abs(entities.total.exactRecall - 0.5) < 1e-9 && abs(entities.total.exactF1 - 0.5) < 1e-9)
        #expect(abs(entities.total.overlapF1 - 0.75) < 1e-9)
        let location = try #require(entities.types["LOC"])
        #expect(abs(location.exactPrecision - 0.5) < 1e-9 && abs(location.exactRecall - 1.0 / 3) < 1e-9 && abs(location.exactF1 - 0.4) < 1e-9)
        #expect(abs(location.overlapPrecision - 1) < 1e-9 && abs(location.overlapRecall - 2.0 / 3) < 1e-9 && abs(location.overlapF1 - 0.8) < 1e-9)
        #expect(entities.types["PER"]?.exactF1 == 1)
        #expect(entities.types["ORG"]?.exactF1 == 0)
    }

    @Test("thresholds fail on the layer below them, and JUnit names document and layer")
    func thresholdsAndJUnit() throws {
        let evaluation = try Evaluation(gold: try AnnotatedDocument.read(evalDirectory + "/gold.json"), predicted: try AnnotatedDocument.read(evalDirectory + "/pred.json"))
        #expect(evaluation.failures(minimumF1: ["entities": 0.5], overlap: false).isEmpty)
        let failures = evaluation.failures(minimumF1: ["entities": 0.8], overlap: false)
        #expect(failures.map(\.layer) == ["entities"])
        #expect(evaluation.failures(minimumF1: ["entities": 0.75], overlap: true).isEmpty)
        let xml = evaluation.junit(minimumF1: ["entities": 0.8], overlap: false)
        #expect(xml.contains("<testcase classname=\"entities\" name=\"alleati\">"))
        #expect(xml.contains("<failure message=\"entities F1 0.500 below 0.800\">"))
        #expect(xml.contains("tests=\"1\" failures=\"1\""))
    }

    @Test("a changed type is one difference, shown with its text and context")
    func diffOneType() throws {
        let gold = try AnnotatedDocument.read(evalDirectory + "/gold.json")
        let changed = [try edited("gold.json", replacing: "\"Mosca\",\n    \"type\": \"LOC\"", with: "\"Mosca\",\n    \"type\": \"ORG\"")]
        let diff = AnnotationDiff(expected: gold, actual: changed)
        #expect(diff.entries.count == 1)
        #expect(diff.report.contains("alleati entities ~ 59..<64 “Mosca”"))
        #expect(diff.report.contains("type: \"LOC\" → \"ORG\""))
        #expect(diff.report.contains("in: …sia e la Siria sono alleate a ⟦Mosca⟧.…"))
        let ignored = AnnotationDiff(expected: gold, actual: changed, options: .init(ignoredFields: ["type"]))
        #expect(ignored.isEmpty)
    }

    @Test("added and removed spans, metadata and missing documents are reported")
    func diffKinds() throws {
        let gold = try AnnotatedDocument.read(evalDirectory + "/gold.json")
        let pred = try AnnotatedDocument.read(evalDirectory + "/pred.json")
        let diff = AnnotationDiff(expected: gold, actual: pred)
        let kinds = diff.entries.map(\.kind.rawValue)
        #expect(kinds == ["+", "-", "~"])
        #expect(diff.report.contains("alleati entities + 23..<32 “la Russia” LOC"))
        #expect(diff.report.contains("alleati entities - 26..<32 “Russia” LOC"))
        let missing = AnnotationDiff(expected: gold, actual: [])
        #expect(missing.entries.map(\.kind) == [.missingDocument])
    }
}
