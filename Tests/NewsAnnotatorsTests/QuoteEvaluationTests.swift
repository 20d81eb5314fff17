import Foundation
import NewsAnnotation
import NewsAnnotators
import NewsIngest
import Testing

/// One article of the quotation gold data (Fixtures/quotes, written for this project).
private struct GoldArticle: Decodable {
    struct GoldQuote: Decodable {
        var kind: String
        var content: [String]
        var speaker: String?
    }
    var id: String
    var language: String
    var published: String?
    var text: String
    var quotes: [GoldQuote]
}

/// Found / right-speaker counts for one language and kind.
struct QuoteScore: CustomStringConvertible {
    var gold = 0, found = 0, rightSpeaker = 0, predicted = 0, correctPredicted = 0
    var recall: Double { gold == 0 ? 0 : Double(found) / Double(gold) }
    var speakerAccuracy: Double { found == 0 ? 0 : Double(rightSpeaker) / Double(found) }
    var precision: Double { predicted == 0 ? 0 : Double(correctPredicted) / Double(predicted) }
    var description: String {
        String(format: "gold %3d  found %3d (%.2f)  right speaker %3d (%.2f of found)  predicted %3d  precision %.2f",
               gold, found, recall, rightSpeaker, speakerAccuracy, predicted, precision)
    }
}

/// Scores the quotes stage on the gold articles of `language`.
func evaluateQuotes(language: String, set: String = "quotes") throws -> [String: QuoteScore] {
    let path = fixturesDirectory + "/\(set)/quotes-\(language).jsonl"
    let pipeline = try StandardPipeline.make([SegmentationAnnotator.id, EntityAnnotator.id, QuoteAnnotator.id])
    var scores: [String: QuoteScore] = [:]
    for line in try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n") where !line.isEmpty {
        let article = try JSONDecoder().decode(GoldArticle.self, from: Data(line.utf8))
        let ingestor = try Ingestor(options: IngestOptions(mediaType: .text, language: article.language, overridesLanguage: true, published: article.published))
        let document = try pipeline.annotate(try ingestor.ingest(bytes: Array(article.text.utf8), id: article.id, path: nil))
        let scalars = document.content.scalars
        let predicted = (document[Layers.quotes] ?? []).filter { $0.kind != .scare }
        // Gold spans: each content string found in order in the document text.
        let text = String(String.UnicodeScalarView(scalars))
        var cursor = text.startIndex
        var matched = Set<String>()
        for quote in article.quotes {
            let kind = quote.kind == "indirect" ? "indirect" : "direct+mixed"
            scores[kind, default: QuoteScore()].gold += 1
            scores["all", default: QuoteScore()].gold += 1
            // Every part of the gold quote, found in order; a prediction matches when one of its
            // parts overlaps one of them.
            var spans: [TextSpan] = []
            var partCursor = cursor
            for part in quote.content {
                guard let range = text.range(of: part, range: partCursor..<text.endIndex) else { continue }
                if spans.isEmpty { cursor = range.lowerBound }
                partCursor = range.upperBound
                let start = text.unicodeScalars.distance(from: text.unicodeScalars.startIndex, to: range.lowerBound)
                spans.append(TextSpan(start: start, end: start + part.unicodeScalars.count))
            }
            guard !spans.isEmpty else { continue }
            let hit = predicted.first { quote in
                !matched.contains(quote.id) && (kind == "indirect") == (quote.kind == .indirect)
                    && quote.parts.contains { part in spans.contains { $0.start < part.end && part.start < $0.end } }
            }
            guard let hit else { continue }
            matched.insert(hit.id)
            scores[kind]?.found += 1
            scores["all"]?.found += 1
            if hit.speakerName == quote.speaker {
                scores[kind]?.rightSpeaker += 1
                scores["all"]?.rightSpeaker += 1
            }
        }
        for quote in predicted {
            let kind = quote.kind == .indirect ? "indirect" : "direct+mixed"
            for key in [kind, "all"] {
                scores[key, default: QuoteScore()].predicted += 1
                if matched.contains(quote.id) { scores[key]?.correctPredicted += 1 }
            }
        }
        _ = scalars
    }
    return scores
}

@Suite("Quote evaluation on the project's own gold articles")
struct QuoteEvaluationTests {
    @Test("Italian and English: quotes found and right speakers stay above their floors", arguments: [
        // First run (before fixes driven by these files): it found 0.96 / speaker 0.62, en 0.92 / 0.68.
        ("it", 0.94, 0.85, 0.85),
        ("en", 0.88, 0.80, 0.90),
    ])
    func floors(_ language: String, _ minimumRecall: Double, _ minimumSpeaker: Double, _ minimumPrecision: Double) throws {
        let scores = try evaluateQuotes(language: language)
        for key in ["direct+mixed", "indirect", "all"] { print("quotes \(language) \(key.padding(toLength: 12, withPad: " ", startingAt: 0)) \(scores[key] ?? QuoteScore())") }
        let direct = try #require(scores["direct+mixed"]), all = try #require(scores["all"])
        #expect(direct.recall >= minimumRecall, "\(direct)")
        #expect(all.speakerAccuracy >= minimumSpeaker, "\(all)")
        #expect(all.precision >= minimumPrecision, "\(all)")
    }

    @Test("held-out articles (never used to tune the stage): quotes found and right speakers above their floors", arguments: [
        // First run: it found 0.84 (direct + mixed) / speaker 0.64 / precision 0.63 (split quotes
        // were counted twice); en 0.98 / 0.67 / 0.84. See Docs/Quotes.md for what changed since.
        ("it", 0.95, 0.74, 0.84),
        ("en", 0.97, 0.77, 0.90),
    ])
    func heldOut(_ language: String, _ minimumRecall: Double, _ minimumSpeaker: Double, _ minimumPrecision: Double) throws {
        let scores = try evaluateQuotes(language: language, set: "quotes-heldout")
        for key in ["direct+mixed", "indirect", "all"] { print("held-out \(language) \(key.padding(toLength: 12, withPad: " ", startingAt: 0)) \(scores[key] ?? QuoteScore())") }
        let direct = try #require(scores["direct+mixed"]), all = try #require(scores["all"])
        #expect(direct.recall >= minimumRecall, "\(direct)")
        #expect(all.speakerAccuracy >= minimumSpeaker, "\(all)")
        #expect(all.precision >= minimumPrecision, "\(all)")
    }
}

/// Cited sources against the speakers of the gold quotes: a named speaker of a gold quote must
/// be a person or organisation source; a named source must be a gold speaker.
func evaluateSources(language: String, set: String) throws -> (gold: Int, found: Int, predicted: Int) {
    struct Article: Decodable {
        struct GoldQuote: Decodable { var speaker: String? }
        var id: String
        var language: String
        var published: String?
        var text: String
        var quotes: [GoldQuote]
    }
    let pipeline = try StandardPipeline.make()
    var gold = 0, found = 0, predicted = 0
    for line in try String(contentsOfFile: fixturesDirectory + "/\(set)/quotes-\(language).jsonl", encoding: .utf8).split(separator: "\n") where !line.isEmpty {
        let article = try JSONDecoder().decode(Article.self, from: Data(line.utf8))
        let ingestor = try Ingestor(options: IngestOptions(mediaType: .text, language: article.language, overridesLanguage: true, published: article.published))
        let document = try pipeline.annotate(try ingestor.ingest(bytes: Array(article.text.utf8), id: article.id, path: nil))
        let speakers = Set(article.quotes.compactMap(\.speaker))
        let cited = Set((document[Layers.sources] ?? []).filter { ($0.kind == .person || $0.kind == .organisation) && ($0.relation == .quoted || $0.relation == .accordingTo) }.compactMap(\.name))
        gold += speakers.count
        predicted += cited.count
        found += speakers.intersection(cited).count
    }
    return (gold, found, predicted)
}

@Suite("Source evaluation against the gold quotes' speakers")
struct SourceEvaluationTests {
    // "A Department for Transport source said…" is an unnamed source of the department, not the
    // department (the Viterbi tagger of #18 finds the name, which first cost English precision).
    @Test("cited people and organisations: recall and precision stay above their floors", arguments: [
        ("quotes", "it", 0.85, 0.90), ("quotes", "en", 0.85, 0.90),
        ("quotes-heldout", "it", 0.90, 0.78), ("quotes-heldout", "en", 0.90, 0.80),
    ])
    func citedSources(_ set: String, _ language: String, _ minimumRecall: Double, _ minimumPrecision: Double) throws {
        let (gold, found, predicted) = try evaluateSources(language: language, set: set)
        let recall = Double(found) / Double(max(gold, 1)), precision = Double(found) / Double(max(predicted, 1))
        print(String(format: "sources %@ %@ gold %d found %d (%.2f) predicted %d precision %.2f", set, language, gold, found, recall, predicted, precision))
        #expect(recall >= minimumRecall)
        #expect(precision >= minimumPrecision)
    }
}
