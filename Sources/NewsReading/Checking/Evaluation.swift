import Foundation
import NewsAnnotation

/// Precision, recall and F1 of predicted spans against gold spans, per layer and per type,
/// with exact matching (same span and type) and overlap matching (overlapping spans, same
/// type); for layers whose items carry a `value` (dates) also value accuracy over overlap
/// matches, and for items with a `speaker.text` (quotes) speaker accuracy.
///
/// Gold and predictions are ``AnnotatedDocument`` values, whatever file format they were read
/// from, and items are compared as ``LayerItem`` values, which keep every field of the layer
/// (a date's `type`, `value` and `mod`, a quote's `parts`, `cue` and `speaker`…): a new
/// measure reads the field it needs from the same items.
public struct Evaluation: Sendable {
    /// Counts and derived scores for one group (a layer, or a type within a layer).
    public struct Score: Sendable, Hashable, Encodable {
        public var gold = 0
        public var predicted = 0
        public var exactMatches = 0
        public var overlapMatches = 0
        /// Overlap matches whose `value` agrees, among those with a gold value.
        public var valueCorrect = 0
        public var valueCompared = 0
        /// Overlap matches whose `speaker.text` agrees, among those with a gold speaker.
        public var speakerCorrect = 0
        public var speakerCompared = 0

        static func ratio(_ part: Int, _ whole: Int) -> Double { whole == 0 ? 0 : Double(part) / Double(whole) }
        static func f1(_ precision: Double, _ recall: Double) -> Double { precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall) }

        public var exactPrecision: Double { Self.ratio(exactMatches, predicted) }
        public var exactRecall: Double { Self.ratio(exactMatches, gold) }
        /// 1 when there is nothing to find and nothing was found.
        public var exactF1: Double { gold == 0 && predicted == 0 ? 1 : Self.f1(exactPrecision, exactRecall) }
        public var overlapPrecision: Double { Self.ratio(overlapMatches, predicted) }
        public var overlapRecall: Double { Self.ratio(overlapMatches, gold) }
        public var overlapF1: Double { gold == 0 && predicted == 0 ? 1 : Self.f1(overlapPrecision, overlapRecall) }
        public var valueAccuracy: Double? { valueCompared == 0 ? nil : Self.ratio(valueCorrect, valueCompared) }
        public var speakerAccuracy: Double? { speakerCompared == 0 ? nil : Self.ratio(speakerCorrect, speakerCompared) }

        mutating func add(_ other: Score) {
            gold += other.gold
            predicted += other.predicted
            exactMatches += other.exactMatches
            overlapMatches += other.overlapMatches
            valueCorrect += other.valueCorrect
            valueCompared += other.valueCompared
            speakerCorrect += other.speakerCorrect
            speakerCompared += other.speakerCompared
        }

        enum CodingKeys: String, CodingKey {
            case gold, predicted, exactMatches, overlapMatches, exactPrecision, exactRecall, exactF1, overlapPrecision, overlapRecall, overlapF1, valueAccuracy, speakerAccuracy
        }

        public func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(gold, forKey: .gold)
            try container.encode(predicted, forKey: .predicted)
            try container.encode(exactMatches, forKey: .exactMatches)
            try container.encode(overlapMatches, forKey: .overlapMatches)
            func rounded(_ value: Double) -> Double { (value * 10_000).rounded() / 10_000 }
            try container.encode(rounded(exactPrecision), forKey: .exactPrecision)
            try container.encode(rounded(exactRecall), forKey: .exactRecall)
            try container.encode(rounded(exactF1), forKey: .exactF1)
            try container.encode(rounded(overlapPrecision), forKey: .overlapPrecision)
            try container.encode(rounded(overlapRecall), forKey: .overlapRecall)
            try container.encode(rounded(overlapF1), forKey: .overlapF1)
            try container.encodeIfPresent(valueAccuracy.map(rounded), forKey: .valueAccuracy)
            try container.encodeIfPresent(speakerAccuracy.map(rounded), forKey: .speakerAccuracy)
        }
    }

    /// Scores of one layer: overall and per type.
    public struct LayerScore: Sendable, Encodable {
        public var layer: String
        public var total: Score
        public var types: [String: Score]
    }

    /// Scores of one document and layer, for JUnit test cases.
    public struct DocumentScore: Sendable {
        public var document: String
        public var layer: String
        public var score: Score
    }

    /// Per layer, over all documents (micro-averaged).
    public private(set) var layers: [LayerScore] = []
    /// Per document and layer.
    public private(set) var documents: [DocumentScore] = []
    /// Gold documents with no prediction, and predictions with no gold document.
    public private(set) var unmatchedDocuments: [String] = []

    /// Evaluates predictions against gold, documents matched by id (or, when both sides hold
    /// a single document, by position).
    ///
    /// - Parameter layers: The layers to score; `nil` for every layer the gold has.
    public init(gold: [AnnotatedDocument], predicted: [AnnotatedDocument], layers selected: Set<String>? = nil) throws(CheckInputError) {
        var pairs: [(AnnotatedDocument, AnnotatedDocument)] = []
        if gold.count == 1, predicted.count == 1 {
            pairs = [(gold[0], predicted[0])]
        } else {
            let byID = Dictionary(predicted.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
            for document in gold {
                if let other = byID[document.id] { pairs.append((document, other)) } else { unmatchedDocuments.append(document.id) }
            }
            let goldIDs = Set(gold.map(\.id))
            unmatchedDocuments += predicted.map(\.id).filter { !goldIDs.contains($0) }
        }
        var totals: [String: LayerScore] = [:]
        for (goldDocument, predictedDocument) in pairs {
            let goldLayers = goldDocument.itemLayers
            let predictedLayers = try Self.align(predictedDocument, to: goldDocument)
            for layer in goldLayers.keys.sorted() where selected?.contains(layer) ?? true {
                let goldSpans = goldLayers[layer] ?? []
                let predictedSpans = predictedLayers[layer] ?? []
                var perType: [String: Score] = [:]
                for label in Set(goldSpans.map(\.label)).union(predictedSpans.map(\.label)) {
                    perType[label] = Self.score(goldSpans.filter { $0.label == label }, predictedSpans.filter { $0.label == label })
                }
                var total = Score()
                for score in perType.values { total.add(score) }
                documents.append(DocumentScore(document: goldDocument.id, layer: layer, score: total))
                var layerScore = totals[layer] ?? LayerScore(layer: layer, total: Score(), types: [:])
                layerScore.total.add(total)
                for (label, score) in perType { layerScore.types[label, default: Score()].add(score) }
                totals[layer] = layerScore
            }
        }
        layers = totals.keys.sorted().compactMap { totals[$0] }
    }

    /// The prediction's layer items with their offsets on the gold text: as they are when
    /// the texts are the same, else mapped when the texts differ only in whitespace (a CoNLL
    /// file's tokens joined by spaces against the original article).
    static func align(_ predicted: AnnotatedDocument, to gold: AnnotatedDocument) throws(CheckInputError) -> [String: [LayerItem]] {
        guard predicted.text != gold.text else { return predicted.itemLayers }
        let source = predicted.text.scalars
        let target = gold.text.scalars
        var map = Array(repeating: -1, count: source.count + 1)
        var j = 0
        for i in 0..<source.count {
            if source[i].properties.isWhitespace { map[i] = j; continue }
            while j < target.count, target[j].properties.isWhitespace { j += 1 }
            guard j < target.count, target[j] == source[i] else {
                throw CheckInputError(message: "'\(predicted.path)': its text differs from the gold text of '\(gold.id)' beyond whitespace (at code point \(i)); cannot align offsets")
            }
            map[i] = j
            j += 1
        }
        map[source.count] = target.count
        // Spans were checked against the prediction's text when it was read.
        func moved(_ span: TextSpan) -> TextSpan {
            let start = map[span.start]
            // The end maps past the last scalar of the span.
            return TextSpan(start: start, end: span.isEmpty ? start : map[span.end - 1] + 1)
        }
        return predicted.itemLayers.mapValues { items in
            items.map { LayerItem(span: moved($0.span), fields: $0.fields) }
        }
    }

    static func score(_ gold: [LayerItem], _ predicted: [LayerItem]) -> Score {
        var score = Score()
        score.gold = gold.count
        score.predicted = predicted.count
        var usedExact = Set<Int>()
        for item in gold {
            if let index = predicted.indices.first(where: { !usedExact.contains($0) && predicted[$0].span == item.span }) {
                usedExact.insert(index)
                score.exactMatches += 1
            }
        }
        var usedOverlap = Set<Int>()
        for item in gold {
            let candidates = predicted.indices.filter { !usedOverlap.contains($0) && predicted[$0].span.overlaps(item.span) }
            // Prefer the exact span, then the largest overlap.
            guard let index = candidates.max(by: { overlap(predicted[$0], item) < overlap(predicted[$1], item) }) else { continue }
            usedOverlap.insert(index)
            score.overlapMatches += 1
            let match = predicted[index]
            if let value = item["value"] {
                score.valueCompared += 1
                if match["value"] == value { score.valueCorrect += 1 }
            }
            if let speaker = item["speaker.text"] {
                score.speakerCompared += 1
                if match["speaker.text"] == speaker { score.speakerCorrect += 1 }
            }
        }
        return score
    }

    private static func overlap(_ a: LayerItem, _ b: LayerItem) -> Int {
        max(0, min(a.span.end, b.span.end) - max(a.span.start, b.span.start)) + (a.span == b.span ? 1_000_000 : 0)
    }

    /// Layers whose F1 is below their threshold: layer, F1, threshold.
    public func failures(minimumF1: [String: Double], overlap: Bool) -> [(layer: String, f1: Double, threshold: Double)] {
        minimumF1.keys.sorted().compactMap { layer in
            guard let threshold = minimumF1[layer] else { return nil }
            let f1 = layers.first { $0.layer == layer }.map { overlap ? $0.total.overlapF1 : $0.total.exactF1 } ?? 0
            return f1 + 1e-9 < threshold ? (layer, f1, threshold) : nil
        }
    }

    /// An aligned table for a terminal.
    public var table: String {
        func f(_ value: Double) -> String { String(format: "%.3f", value) }
        var lines = ["layer       type            gold  pred  exact P/R/F1          overlap P/R/F1        value   speaker"]
        for layer in layers {
            let rows = [("(all)", layer.total)] + layer.types.keys.sorted().map { ($0.isEmpty ? "-" : $0, layer.types[$0]!) }
            for (label, score) in rows {
                lines.append(
                    layer.layer.padding(toLength: 11, withPad: " ", startingAt: 0) + " " + label.padding(toLength: 14, withPad: " ", startingAt: 0)
                        + String(format: " %5d %5d  ", score.gold, score.predicted)
                        + "\(f(score.exactPrecision))/\(f(score.exactRecall))/\(f(score.exactF1))   "
                        + "\(f(score.overlapPrecision))/\(f(score.overlapRecall))/\(f(score.overlapF1))   "
                        + (score.valueAccuracy.map(f) ?? "  -  ") + "   " + (score.speakerAccuracy.map(f) ?? "  -"))
            }
        }
        if !unmatchedDocuments.isEmpty { lines.append("unmatched documents: \(unmatchedDocuments.joined(separator: ", "))") }
        return lines.joined(separator: "\n") + "\n"
    }

    /// JUnit XML: one test case per document and layer, failing when its F1 is below the
    /// layer's threshold.
    public func junit(minimumF1: [String: Double], overlap: Bool) -> String {
        func escape(_ text: String) -> String { text.markupEscaped }
        var cases: [String] = []
        var failures = 0
        for entry in documents {
            let f1 = overlap ? entry.score.overlapF1 : entry.score.exactF1
            let summary = String(format: "gold %d, predicted %d, %@ F1 %.3f", entry.score.gold, entry.score.predicted, overlap ? "overlap" : "exact", f1)
            var element = "    <testcase classname=\"\(escape(entry.layer))\" name=\"\(escape(entry.document))\">"
            if let threshold = minimumF1[entry.layer], f1 + 1e-9 < threshold {
                failures += 1
                element += "\n      <failure message=\"\(escape(String(format: "%@ F1 %.3f below %.3f", entry.layer, f1, threshold)))\">\(escape(summary))</failure>\n    "
            } else {
                element += "\n      <system-out>\(escape(summary))</system-out>\n    "
            }
            cases.append(element + "</testcase>")
        }
        return """
        <?xml version="1.0" encoding="UTF-8"?>
        <testsuites name="news-annotate eval" tests="\(documents.count)" failures="\(failures)">
          <testsuite name="news-annotate eval" tests="\(documents.count)" failures="\(failures)" errors="0">
        \(cases.joined(separator: "\n"))
          </testsuite>
        </testsuites>

        """
    }
}
