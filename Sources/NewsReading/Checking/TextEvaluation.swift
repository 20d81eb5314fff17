import Foundation
import NewsAnnotation

/// How close extracted body text is to a reference text: bag-of-tokens precision, recall and
/// F1 per document, the measure of the main-text extraction literature (CleanEval,
/// Bevendorff et al. 2023, trafilatura's benchmark).
///
/// Tokens are the runs of non-whitespace in each text; a token counts as found as many times
/// as it occurs on both sides (multiset intersection). A document whose extraction holds less
/// than a tenth of the reference's tokens (recall below 0.1) is *near-empty*.
public struct TextEvaluation: Sendable {
    /// The scores of one document.
    public struct Page: Sendable, Hashable, Encodable {
        public var document: String
        public var goldTokens: Int
        public var predictedTokens: Int
        public var commonTokens: Int
        public var precision: Double { Evaluation.Score.ratio(commonTokens, predictedTokens) }
        public var recall: Double { Evaluation.Score.ratio(commonTokens, goldTokens) }
        /// 1 when both texts are empty.
        public var f1: Double { goldTokens == 0 && predictedTokens == 0 ? 1 : Evaluation.Score.f1(precision, recall) }
        public var isEmpty: Bool { predictedTokens == 0 }
        public var isNearEmpty: Bool { goldTokens > 0 && recall < 0.1 }

        enum CodingKeys: String, CodingKey { case document, goldTokens, predictedTokens, commonTokens, precision, recall, f1 }

        public func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            func rounded(_ value: Double) -> Double { (value * 10_000).rounded() / 10_000 }
            try container.encode(document, forKey: .document)
            try container.encode(goldTokens, forKey: .goldTokens)
            try container.encode(predictedTokens, forKey: .predictedTokens)
            try container.encode(commonTokens, forKey: .commonTokens)
            try container.encode(rounded(precision), forKey: .precision)
            try container.encode(rounded(recall), forKey: .recall)
            try container.encode(rounded(f1), forKey: .f1)
        }
    }

    /// The summary over all documents.
    public struct Summary: Sendable, Hashable, Encodable {
        public var documents: Int
        /// Means of the per-document figures (each page weighs the same).
        public var meanPrecision: Double
        public var meanRecall: Double
        public var meanF1: Double
        /// F1 of the token counts summed over all documents.
        public var microF1: Double
        public var empty: Int
        public var nearEmpty: Int
        public var belowHalf: Int
    }

    /// One entry per gold document with a prediction, in gold order.
    public private(set) var pages: [Page] = []
    /// Gold documents with no prediction, and predictions with no gold document.
    public private(set) var unmatchedDocuments: [String] = []

    /// Compares the `text` of each predicted document with its gold document's, matched by id
    /// (or by position when both sides hold one document).
    public init(gold: [AnnotatedDocument], predicted: [AnnotatedDocument]) {
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
        pages = pairs.map { Self.compare(id: $0.0.id, gold: $0.0.text.string, predicted: $0.1.text.string) }
    }

    /// Scores one pair of texts.
    public static func compare(id: String, gold: String, predicted: String) -> Page {
        let goldCounts = tokenCounts(gold)
        let predictedCounts = tokenCounts(predicted)
        var common = 0
        for (token, count) in predictedCounts { common += min(count, goldCounts[token] ?? 0) }
        return Page(document: id, goldTokens: goldCounts.values.reduce(0, +), predictedTokens: predictedCounts.values.reduce(0, +), commonTokens: common)
    }

    /// The whitespace-separated tokens of a text, counted.
    static func tokenCounts(_ text: String) -> [Substring: Int] {
        var counts: [Substring: Int] = [:]
        for token in text.split(whereSeparator: { $0.isWhitespace }) { counts[token, default: 0] += 1 }
        return counts
    }

    /// Means, micro F1 and the counts of empty, near-empty and poor pages.
    public var summary: Summary {
        let count = Double(max(pages.count, 1))
        let gold = pages.reduce(0) { $0 + $1.goldTokens }
        let predicted = pages.reduce(0) { $0 + $1.predictedTokens }
        let common = pages.reduce(0) { $0 + $1.commonTokens }
        return Summary(
            documents: pages.count,
            meanPrecision: pages.reduce(0) { $0 + $1.precision } / count,
            meanRecall: pages.reduce(0) { $0 + $1.recall } / count,
            meanF1: pages.reduce(0) { $0 + $1.f1 } / count,
            microF1: Evaluation.Score.f1(Evaluation.Score.ratio(common, predicted), Evaluation.Score.ratio(common, gold)),
            empty: pages.filter(\.isEmpty).count,
            nearEmpty: pages.filter { !$0.isEmpty && $0.isNearEmpty }.count,
            belowHalf: pages.filter { $0.f1 < 0.5 }.count)
    }

    /// The `count` pages with the lowest F1, lowest first (ties by id).
    public func worst(_ count: Int) -> [Page] {
        Array(pages.sorted { ($0.f1, $0.document) < ($1.f1, $1.document) }.prefix(count))
    }

    /// An aligned table for a terminal: the summary, then the worst pages.
    public func table(worst count: Int = 10) -> String {
        let summary = self.summary
        var lines = [
            String(format: "text  documents %d  mean P/R/F1 %.3f/%.3f/%.3f  micro F1 %.3f", summary.documents, summary.meanPrecision, summary.meanRecall, summary.meanF1, summary.microF1),
            String(format: "text  empty %d (%.1f%%)  near-empty %d (%.1f%%)  below 0.5 F1 %d", summary.empty, 100 * Double(summary.empty) / Double(max(summary.documents, 1)),
                   summary.nearEmpty, 100 * Double(summary.nearEmpty) / Double(max(summary.documents, 1)), summary.belowHalf),
        ]
        if count > 0, !pages.isEmpty {
            lines.append("worst pages:           F1      P      R   gold  pred")
            for page in worst(count) {
                lines.append("  " + page.document.padding(toLength: max(20, page.document.count), withPad: " ", startingAt: 0)
                             + String(format: " %.3f  %.3f  %.3f  %5d %5d", page.f1, page.precision, page.recall, page.goldTokens, page.predictedTokens))
            }
        }
        if !unmatchedDocuments.isEmpty { lines.append("unmatched documents: \(unmatchedDocuments.joined(separator: ", "))") }
        return lines.joined(separator: "\n") + "\n"
    }
}
