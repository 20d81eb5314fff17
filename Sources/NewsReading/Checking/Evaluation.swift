import Foundation
import NewsAnnotation

/// Precision, recall and F1 of predicted spans against gold spans, per layer and per type.
///
/// Each layer is scored twice:
/// - **typed** (per type and in `total`): a predicted span matches a gold span of the same
///   type (`type`, else `kind`), exactly (same start and end) or by overlap;
/// - **untyped** (`untyped`): spans match whatever their type, as TempEval-3 scores TIMEX3
///   extents (strict = exact, relaxed = overlap) and CoNLL's "span only" figure does; type
///   agreement, `value` agreement (value F1) and speaker agreement (quote + speaker
///   end-to-end F1) are counted over these matches, and `byType` says how many gold items of
///   each type were found, and how many predicted items of each type were right, whatever
///   the other side's type.
///
/// Overlap matching pairs each gold span, in text order, with the unpaired predicted span
/// that overlaps it most (an exact span first). A speaker agrees when the predicted
/// speaker's span overlaps the gold speaker's span, or their `speaker.text` is the same
/// (case and surrounding spaces aside); a gold item without a speaker agrees with a
/// prediction without one.
///
/// Gold and predictions are ``AnnotatedDocument`` values, whatever file format they were read
/// from, and items are compared as ``LayerItem`` values, which keep every field of the layer
/// (a date's `type`, `value` and `mod`, a quote's `parts`, `cue` and `speaker`…).
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
        /// Overlap matches whose speaker agrees, among those with a gold speaker.
        public var speakerCorrect = 0
        public var speakerCompared = 0
        /// Overlap matches whose type agrees (untyped scores only).
        public var typeCorrect = 0
        /// Overlap matches whose speaker agrees, or that have no speaker on either side: the
        /// true positives of quote + speaker end-to-end scoring.
        public var endToEndCorrect = 0
        /// Whether any gold item carried a `speaker` field (null included).
        public var hasSpeakers = false

        static func ratio(_ part: Int, _ whole: Int) -> Double { whole == 0 ? 0 : Double(part) / Double(whole) }
        static func f1(_ precision: Double, _ recall: Double) -> Double { precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall) }
        func f1(correct: Int) -> Double { gold == 0 && predicted == 0 ? 1 : Self.f1(Self.ratio(correct, predicted), Self.ratio(correct, gold)) }

        public var exactPrecision: Double { Self.ratio(exactMatches, predicted) }
        public var exactRecall: Double { Self.ratio(exactMatches, gold) }
        /// 1 when there is nothing to find and nothing was found.
        public var exactF1: Double { f1(correct: exactMatches) }
        public var overlapPrecision: Double { Self.ratio(overlapMatches, predicted) }
        public var overlapRecall: Double { Self.ratio(overlapMatches, gold) }
        public var overlapF1: Double { f1(correct: overlapMatches) }
        public var valueAccuracy: Double? { valueCompared == 0 ? nil : Self.ratio(valueCorrect, valueCompared) }
        /// TempEval-3's value F1: matches with the right value over all predicted and all gold items.
        public var valueF1: Double? { valueCompared == 0 ? nil : f1(correct: valueCorrect) }
        public var speakerAccuracy: Double? { speakerCompared == 0 ? nil : Self.ratio(speakerCorrect, speakerCompared) }
        public var typeAccuracy: Double? { overlapMatches == 0 ? nil : Self.ratio(typeCorrect, overlapMatches) }
        /// Quote + speaker end-to-end F1: a match counts only with the right speaker.
        public var endToEndPrecision: Double? { hasSpeakers ? Self.ratio(endToEndCorrect, predicted) : nil }
        public var endToEndRecall: Double? { hasSpeakers ? Self.ratio(endToEndCorrect, gold) : nil }
        public var endToEndF1: Double? { hasSpeakers ? f1(correct: endToEndCorrect) : nil }

        mutating func add(_ other: Score) {
            gold += other.gold
            predicted += other.predicted
            exactMatches += other.exactMatches
            overlapMatches += other.overlapMatches
            valueCorrect += other.valueCorrect
            valueCompared += other.valueCompared
            speakerCorrect += other.speakerCorrect
            speakerCompared += other.speakerCompared
            typeCorrect += other.typeCorrect
            endToEndCorrect += other.endToEndCorrect
            hasSpeakers = hasSpeakers || other.hasSpeakers
        }

        enum CodingKeys: String, CodingKey {
            case gold, predicted, exactMatches, overlapMatches, exactPrecision, exactRecall, exactF1, overlapPrecision, overlapRecall, overlapF1
            case valueAccuracy, valueF1, speakerAccuracy, typeAccuracy, endToEndPrecision, endToEndRecall, endToEndF1
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
            try container.encodeIfPresent(valueF1.map(rounded), forKey: .valueF1)
            try container.encodeIfPresent(speakerAccuracy.map(rounded), forKey: .speakerAccuracy)
            try container.encodeIfPresent(typeAccuracy.map(rounded), forKey: .typeAccuracy)
            try container.encodeIfPresent(endToEndPrecision.map(rounded), forKey: .endToEndPrecision)
            try container.encodeIfPresent(endToEndRecall.map(rounded), forKey: .endToEndRecall)
            try container.encodeIfPresent(endToEndF1.map(rounded), forKey: .endToEndF1)
        }
    }

    /// Under untyped matching, how the items of one type fared whatever the other side's type.
    public struct TypeRecall: Sendable, Hashable, Encodable {
        public var gold = 0
        /// Gold items of this type that overlap a predicted item.
        public var goldFound = 0
        public var predicted = 0
        /// Predicted items of this type that overlap a gold item.
        public var predictedCorrect = 0
        /// Of the found gold items, those whose speaker agrees (or neither has one).
        public var endToEndCorrect = 0
        public var predictedEndToEndCorrect = 0
        public var recall: Double { Score.ratio(goldFound, gold) }
        public var precision: Double { Score.ratio(predictedCorrect, predicted) }
        public var f1: Double { Score.f1(precision, recall) }

        mutating func add(_ other: TypeRecall) {
            gold += other.gold
            goldFound += other.goldFound
            predicted += other.predicted
            predictedCorrect += other.predictedCorrect
            endToEndCorrect += other.endToEndCorrect
            predictedEndToEndCorrect += other.predictedEndToEndCorrect
        }

        enum CodingKeys: String, CodingKey { case gold, goldFound, predicted, predictedCorrect, precision, recall, f1, endToEndCorrect, predictedEndToEndCorrect }

        public func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            func rounded(_ value: Double) -> Double { (value * 10_000).rounded() / 10_000 }
            try container.encode(gold, forKey: .gold)
            try container.encode(goldFound, forKey: .goldFound)
            try container.encode(predicted, forKey: .predicted)
            try container.encode(predictedCorrect, forKey: .predictedCorrect)
            try container.encode(rounded(precision), forKey: .precision)
            try container.encode(rounded(recall), forKey: .recall)
            try container.encode(rounded(f1), forKey: .f1)
            try container.encode(endToEndCorrect, forKey: .endToEndCorrect)
            try container.encode(predictedEndToEndCorrect, forKey: .predictedEndToEndCorrect)
        }
    }

    /// One kind of error and how often it happened, with the most frequent texts.
    public struct ErrorKind: Sendable, Hashable, Encodable {
        /// `missed`, `spurious`, `extent`, `type`, `value` or `speaker`.
        public var kind: String
        /// The gold type (`missed`, `extent`, `value`, `speaker`), the predicted one
        /// (`spurious`), or `GOLD→PREDICTED` (`type`).
        public var label: String
        public var count: Int
        /// The most frequent texts of this error, with their counts (`"now" ×5`).
        public var examples: [String]
    }

    /// Scores of one layer: overall and per type.
    public struct LayerScore: Sendable, Encodable {
        public var layer: String
        public var total: Score
        public var types: [String: Score]
        /// Scores with spans matched whatever their type.
        public var untyped: Score
        /// Per type, under untyped matching.
        public var byType: [String: TypeRecall]
        /// The most frequent errors under untyped matching, most frequent first.
        public var errors: [ErrorKind]
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
    /// - Parameters:
    ///   - layers: The layers to score; `nil` for every layer the gold has.
    ///   - errorKinds: How many error kinds to keep per layer.
    public init(gold: [AnnotatedDocument], predicted: [AnnotatedDocument], layers selected: Set<String>? = nil, errorKinds: Int = 20) throws(CheckInputError) {
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
        var errorCounts: [String: [ErrorKey: [String: Int]]] = [:]
        for (goldDocument, predictedDocument) in pairs {
            let goldLayers = goldDocument.itemLayers
            let predictedLayers = try Self.align(predictedDocument, to: goldDocument)
            let scalars = goldDocument.text.scalars
            for layer in goldLayers.keys.sorted() where selected?.contains(layer) ?? true {
                let goldSpans = goldLayers[layer] ?? []
                let predictedSpans = predictedLayers[layer] ?? []
                var perType: [String: Score] = [:]
                for label in Set(goldSpans.map(\.label)).union(predictedSpans.map(\.label)) {
                    perType[label] = Self.match(goldSpans.filter { $0.label == label }, predictedSpans.filter { $0.label == label }).score
                }
                var total = Score()
                for score in perType.values { total.add(score) }
                let untyped = Self.match(goldSpans, predictedSpans)
                documents.append(DocumentScore(document: goldDocument.id, layer: layer, score: total))
                var layerScore = totals[layer] ?? LayerScore(layer: layer, total: Score(), types: [:], untyped: Score(), byType: [:], errors: [])
                layerScore.total.add(total)
                layerScore.untyped.add(untyped.score)
                for (label, score) in perType { layerScore.types[label, default: Score()].add(score) }
                for (label, counts) in untyped.byType { layerScore.byType[label, default: TypeRecall()].add(counts) }
                totals[layer] = layerScore
                var errors = errorCounts[layer] ?? [:]
                for error in untyped.errors(gold: goldSpans, predicted: predictedSpans, scalars: scalars) {
                    errors[error.key, default: [:]][error.example, default: 0] += 1
                }
                errorCounts[layer] = errors
            }
        }
        for (layer, errors) in errorCounts {
            totals[layer]?.errors = errors.map { key, examples in
                let top = examples.sorted { ($0.value, $1.key) > ($1.value, $0.key) }.prefix(3).map { "\($0.key) ×\($0.value)" }
                return ErrorKind(kind: key.kind, label: key.label, count: examples.values.reduce(0, +), examples: Array(top))
            }
            .sorted { ($0.count, $1.kind, $1.label) > ($1.count, $0.kind, $0.label) }
            .prefix(errorKinds).map { $0 }
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

    struct ErrorKey: Hashable {
        var kind: String
        var label: String
    }

    /// The pairs that overlap matching found, with the counts derived from them.
    struct Matching {
        var score = Score()
        var byType: [String: TypeRecall] = [:]
        /// Gold index → predicted index, for overlap matches.
        var pairs: [Int: Int] = [:]

        /// Each error of these matches, with the text it shows.
        func errors(gold: [LayerItem], predicted: [LayerItem], scalars: [Unicode.Scalar]) -> [(key: ErrorKey, example: String)] {
            func text(_ item: LayerItem) -> String { Evaluation.slice(scalars, item.span.start, item.span.end) }
            var result: [(ErrorKey, String)] = []
            let matched = Set(pairs.values)
            for (index, item) in gold.enumerated() {
                guard let other = pairs[index].map({ predicted[$0] }) else {
                    result.append((ErrorKey(kind: "missed", label: item.label), text(item)))
                    continue
                }
                if other.span.start != item.span.start || other.span.end != item.span.end {
                    result.append((ErrorKey(kind: "extent", label: item.label), "\(text(item)) → \(text(other))"))
                }
                if other.label != item.label {
                    result.append((ErrorKey(kind: "type", label: "\(item.label)→\(other.label)"), text(item)))
                }
                if let value = item["value"], other["value"] != value {
                    result.append((ErrorKey(kind: "value", label: item.label), "\(text(item)): \(value.stringValue ?? "?") → \(other["value"]?.stringValue ?? "none")"))
                }
                if Evaluation.hasSpeakerField(item), !Evaluation.speakerAgrees(item, other) {
                    let goldSpeaker = item["speaker.text"]?.stringValue ?? "none"
                    let predictedSpeaker = other["speaker.text"]?.stringValue ?? "none"
                    result.append((ErrorKey(kind: "speaker", label: item.label), "\(goldSpeaker) → \(predictedSpeaker)"))
                }
            }
            for (index, item) in predicted.enumerated() where !matched.contains(index) {
                result.append((ErrorKey(kind: "spurious", label: item.label), text(item)))
            }
            return result
        }
    }

    /// Matches gold and predicted spans of one document: exact pairs, then overlap pairs.
    static func match(_ gold: [LayerItem], _ predicted: [LayerItem]) -> Matching {
        var matching = Matching()
        var score = Score()
        score.gold = gold.count
        score.predicted = predicted.count
        score.hasSpeakers = gold.contains(where: hasSpeakerField)
        // Predicted spans sorted by start, so each gold span looks only at those that can
        // overlap it.
        let order = predicted.indices.sorted { (predicted[$0].span.start, predicted[$0].span.end, $0) < (predicted[$1].span.start, predicted[$1].span.end, $1) }
        var maximumLength = 0
        for item in predicted { maximumLength = max(maximumLength, item.span.end - item.span.start) }
        func candidates(_ item: LayerItem) -> ArraySlice<Int> {
            // Every predicted span starting in [item.span.start - maximumLength, item.span.end).
            var low = 0, high = order.count
            while low < high {
                let middle = (low + high) / 2
                if predicted[order[middle]].span.start < item.span.start - maximumLength { low = middle + 1 } else { high = middle }
            }
            var end = low
            while end < order.count, predicted[order[end]].span.start < item.span.end || (item.span.start == item.span.end && predicted[order[end]].span.start == item.span.start) { end += 1 }
            return order[low..<end]
        }
        var usedExact = Set<Int>()
        for item in gold {
            if let index = candidates(item).first(where: { !usedExact.contains($0) && predicted[$0].span.start == item.span.start && predicted[$0].span.end == item.span.end }) {
                usedExact.insert(index)
                score.exactMatches += 1
            }
        }
        var usedOverlap = Set<Int>()
        for (goldIndex, item) in gold.enumerated() {
            let label = item.label
            matching.byType[label, default: TypeRecall()].gold += 1
            // Prefer the exact span, then the largest overlap.
            let overlapping = candidates(item).filter { !usedOverlap.contains($0) && predicted[$0].span.start < item.span.end && item.span.start < predicted[$0].span.end }
            guard let index = overlapping.max(by: { (overlap(predicted[$0], item), -$0) < (overlap(predicted[$1], item), -$1) }) else { continue }
            usedOverlap.insert(index)
            matching.pairs[goldIndex] = index
            score.overlapMatches += 1
            let match = predicted[index]
            matching.byType[label]?.goldFound += 1
            matching.byType[match.label, default: TypeRecall()].predictedCorrect += 1
            if match.label == label { score.typeCorrect += 1 }
            if let value = item["value"] {
                score.valueCompared += 1
                if match["value"] == value { score.valueCorrect += 1 }
            }
            if hasSpeaker(item) {
                score.speakerCompared += 1
                if speakerAgrees(item, match) { score.speakerCorrect += 1 }
            }
            if speakerAgrees(item, match) {
                score.endToEndCorrect += 1
                matching.byType[label]?.endToEndCorrect += 1
                matching.byType[match.label, default: TypeRecall()].predictedEndToEndCorrect += 1
            }
        }
        for item in predicted { matching.byType[item.label, default: TypeRecall()].predicted += 1 }
        matching.score = score
        return matching
    }

    /// Whether the item names a speaker (a span or a text).
    static func hasSpeaker(_ item: LayerItem) -> Bool {
        item["speaker.start"]?.intValue != nil || item["speaker.text"]?.stringValue != nil
    }

    /// Whether the item has a `speaker` field at all, `null` included: a layer of quotes.
    static func hasSpeakerField(_ item: LayerItem) -> Bool {
        item["speaker"] != nil || hasSpeaker(item)
    }

    /// Speakers agree when their spans overlap or their texts are the same; two items
    /// without a speaker agree.
    static func speakerAgrees(_ gold: LayerItem, _ predicted: LayerItem) -> Bool {
        guard hasSpeaker(gold) else { return !hasSpeaker(predicted) }
        if let goldStart = gold["speaker.start"]?.intValue, let goldEnd = gold["speaker.end"]?.intValue,
           let start = predicted["speaker.start"]?.intValue, let end = predicted["speaker.end"]?.intValue,
           start < goldEnd, goldStart < end {
            return true
        }
        func normalized(_ value: JSONValue?) -> String? {
            value?.stringValue.map { $0.trimmingCharacters(in: .whitespacesAndNewlines).lowercased() }.flatMap { $0.isEmpty ? nil : $0 }
        }
        guard let goldText = normalized(gold["speaker.text"]) else { return false }
        return goldText == normalized(predicted["speaker.text"])
    }

    /// The text of a span, clamped to the text.
    static func slice(_ scalars: [Unicode.Scalar], _ start: Int, _ end: Int) -> String {
        let lower = min(max(start, 0), scalars.count)
        let upper = min(max(end, lower), scalars.count)
        var result = String.UnicodeScalarView()
        result.append(contentsOf: scalars[lower..<upper])
        return String(result).replacingOccurrences(of: "\n", with: " ")
    }

    private static func overlap(_ a: LayerItem, _ b: LayerItem) -> Int {
        max(0, min(a.span.end, b.span.end) - max(a.span.start, b.span.start)) + (a.span.start == b.span.start && a.span.end == b.span.end ? 1_000_000 : 0)
    }

    /// Layers whose F1 is below their threshold: layer, F1, threshold.
    public func failures(minimumF1: [String: Double], overlap: Bool) -> [(layer: String, f1: Double, threshold: Double)] {
        minimumF1.keys.sorted().compactMap { layer in
            guard let threshold = minimumF1[layer] else { return nil }
            let f1 = layers.first { $0.layer == layer }.map { overlap ? $0.total.overlapF1 : $0.total.exactF1 } ?? 0
            return f1 + 1e-9 < threshold ? (layer, f1, threshold) : nil
        }
    }

    /// An aligned table for a terminal: per layer the typed rows (all, then each type), the
    /// untyped row with type accuracy, value F1 and speaker figures where they apply, and the
    /// most frequent errors.
    public var table: String {
        func f(_ value: Double) -> String { String(format: "%.3f", value) }
        func pad(_ text: String, _ width: Int) -> String { text.padding(toLength: max(width, text.count), withPad: " ", startingAt: 0) }
        var lines = ["layer       type            gold  pred  exact P/R/F1          overlap P/R/F1        value   speaker"]
        for layer in layers {
            let rows = [("(all)", layer.total)] + layer.types.keys.sorted().map { ($0.isEmpty ? "-" : $0, layer.types[$0]!) } + [("(untyped)", layer.untyped)]
            for (label, score) in rows {
                lines.append(
                    pad(layer.layer, 11) + " " + pad(label, 14)
                        + String(format: " %5d %5d  ", score.gold, score.predicted)
                        + "\(f(score.exactPrecision))/\(f(score.exactRecall))/\(f(score.exactF1))   "
                        + "\(f(score.overlapPrecision))/\(f(score.overlapRecall))/\(f(score.overlapF1))   "
                        + (score.valueAccuracy.map(f) ?? "  -  ") + "   " + (score.speakerAccuracy.map(f) ?? "  -"))
            }
            let untyped = layer.untyped
            var extras: [String] = []
            if let accuracy = untyped.typeAccuracy { extras.append("type accuracy \(f(accuracy))") }
            if let valueF1 = untyped.valueF1 { extras.append("value F1 \(f(valueF1))") }
            if let endToEnd = untyped.endToEndF1, let precision = untyped.endToEndPrecision, let recall = untyped.endToEndRecall {
                extras.append("with speaker P/R/F1 \(f(precision))/\(f(recall))/\(f(endToEnd))")
            }
            if !extras.isEmpty { lines.append(pad(layer.layer, 11) + " (untyped)      " + extras.joined(separator: ", ")) }
            if !layer.errors.isEmpty {
                lines.append(pad(layer.layer, 11) + " most frequent errors:")
                for error in layer.errors {
                    lines.append("  " + String(format: "%5d  ", error.count) + pad(error.kind, 9) + " " + pad(error.label, 16) + " " + error.examples.joined(separator: "; "))
                }
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
