public import Foundation

/// One sentence of BIO training data: token forms and their tags.
public struct TaggedSentence: Sendable, Hashable {
    public var forms: [String]
    public var tags: [String]

    public init(forms: [String], tags: [String]) {
        self.forms = forms
        self.tags = tags
    }

    /// Reads CoNLL-style TSV: `token<TAB>tag` per line (the tag in the last column), a blank
    /// line between sentences.
    ///
    /// - Throws: ``ConfigurationError`` naming the file and line of the first bad line.
    public static func read(path: String) throws(ConfigurationError) -> [TaggedSentence] {
        guard let data = FileManager.default.contents(atPath: path) else { throw ConfigurationError(file: path, message: "cannot read the training file") }
        var sentences: [TaggedSentence] = []
        var current = TaggedSentence(forms: [], tags: [])
        var lineNumber = 0
        for line in String(decoding: data, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false) {
            lineNumber += 1
            let trimmed = line.trimmingCharacters(in: .whitespacesAndNewlines)
            if trimmed.isEmpty || trimmed.hasPrefix("-DOCSTART-") {
                if !current.forms.isEmpty { sentences.append(current) }
                current = TaggedSentence(forms: [], tags: [])
                continue
            }
            let columns = trimmed.split(whereSeparator: { $0 == "\t" || $0 == " " })
            guard columns.count >= 2, let tag = columns.last.map(String.init), TaggerModel.labels.contains(tag) else {
                throw ConfigurationError(file: path, line: lineNumber, message: "expected `token<TAB>tag` with a tag among \(TaggerModel.labels.joined(separator: ", ")), found '\(trimmed.prefix(60))'")
            }
            current.forms.append(String(columns[0]))
            current.tags.append(tag)
        }
        if !current.forms.isEmpty { sentences.append(current) }
        return sentences
    }
}

/// Entity-level scores: exact span and type.
public struct TaggerScores: Sendable, Hashable {
    public var truePositives: [String: Int] = [:]
    public var predicted: [String: Int] = [:]
    public var gold: [String: Int] = [:]

    public func precision(_ type: String? = nil) -> Double { ratio(count(truePositives, type), count(predicted, type)) }
    public func recall(_ type: String? = nil) -> Double { ratio(count(truePositives, type), count(gold, type)) }
    public func f1(_ type: String? = nil) -> Double {
        let p = precision(type), r = recall(type)
        return p + r > 0 ? 2 * p * r / (p + r) : 0
    }
    public var types: [String] { Set(gold.keys).union(predicted.keys).sorted() }

    private func count(_ table: [String: Int], _ type: String?) -> Int { type.map { table[$0] ?? 0 } ?? table.values.reduce(0, +) }
    private func ratio(_ a: Int, _ b: Int) -> Double { b == 0 ? 0 : Double(a) / Double(b) }

    mutating func add(gold goldTags: [String], predicted predictedTags: [String]) {
        let goldSpans = Self.spans(goldTags), predictedSpans = Self.spans(predictedTags)
        for span in goldSpans { gold[span.type, default: 0] += 1 }
        for span in predictedSpans {
            predicted[span.type, default: 0] += 1
            if goldSpans.contains(span) { truePositives[span.type, default: 0] += 1 }
        }
    }

    struct Span: Hashable { var start: Int; var end: Int; var type: String }

    static func spans(_ tags: [String]) -> Set<Span> {
        var spans: Set<Span> = []
        var start = -1
        var type = ""
        for (index, tag) in (tags + ["O"]).enumerated() {
            let isInside = tag.hasPrefix("I-") && start >= 0 && String(tag.dropFirst(2)) == type
            if isInside { continue }
            if start >= 0 { spans.insert(Span(start: start, end: index, type: type)) }
            if tag == "O" { start = -1 } else { start = index; type = String(tag.dropFirst(2)) }
        }
        return spans
    }

    /// One line per type and one for all: `PER  P 0.912  R 0.887  F1 0.899  (n=532)`.
    public var report: String {
        (types + ["all"]).map { type in
            let key = type == "all" ? nil : type
            return "\(type.padding(toLength: 4, withPad: " ", startingAt: 0))  P \(format(precision(key)))  R \(format(recall(key)))  F1 \(format(f1(key)))  (n=\(count(gold, key)))"
        }.joined(separator: "\n")
    }

    private func format(_ value: Double) -> String { String(format: "%.3f", value) }
}

/// Trains a ``TaggerModel`` as a structured averaged perceptron: each training sentence is
/// decoded whole with the model's Viterbi decoder, and when the predicted sequence differs from
/// the gold one, the features of the gold sequence gain and those of the predicted one lose
/// (tag features where the tags differ, transition and pair features where the tag pairs
/// differ). The model keeps the average of the weights over all steps.
///
/// Deterministic for a given seed: the sentence order of each epoch comes from a seeded
/// generator, features are hashes, and ties go to the first label.
public struct TaggerTrainer: Sendable {
    public var language: String
    public var gazetteer: Gazetteer
    public var epochs = 10
    public var seed: UInt64 = 1
    /// How many models to train, with the seeds `seed`, `seed + 1`, …: each keeps its best
    /// epoch, and the model written is the average of their weights. One seed's sentence order is
    /// a lottery on a small training set; the average is steadier.
    public var seeds = 1
    /// Rows of the model whose largest weight (in absolute value) is below this are left out: the
    /// average of several runs keeps every feature any run had, mostly with weights too small to
    /// change a decision, and a smaller table is faster to look up. 0 keeps every row.
    public var minimumWeight = 0.0
    /// Features seen fewer times than this in the training data are left out of the model.
    public var minimumCount = 2
    public var trainedOn: [String] = []
    public var licence = ""

    public init(language: String, gazetteer: Gazetteer) {
        self.language = language
        self.gazetteer = gazetteer
    }

    /// The result of a training run.
    public struct Result: Sendable {
        public var model: TaggerModel
        public var data: Data
        /// The dev scores after each epoch.
        public var epochScores: [TaggerScores]
        public var bestEpoch: Int
        /// How long training took (not written into the model, so that its bytes are reproducible).
        public var seconds: Double
        /// With several ``TaggerTrainer/seeds`` or a ``TaggerTrainer/minimumWeight``: the dev scores
        /// of the model written, the average of the runs without its smallest rows (`epochScores`
        /// holds every run's epochs, one run after the other).
        public var averageScores: TaggerScores? = nil
    }

    /// Trains on `train`, keeping the epoch whose averaged weights score best on `dev`.
    ///
    /// - Parameters:
    ///   - train: The training sentences.
    ///   - dev: The held-out sentences that choose the epoch (the last epoch when empty).
    ///   - progress: Called after each epoch with its number and dev scores.
    public func train(_ train: [TaggedSentence], dev: [TaggedSentence], progress: (Int, TaggerScores) -> Void = { _, _ in }) throws -> Result {
        guard !train.isEmpty else { throw ConfigurationError(file: trainedOn.first ?? "training data", message: "no training sentences: expected `token<TAB>tag` lines with a blank line between sentences") }
        let started = Date()
        let labelIndex = Dictionary(uniqueKeysWithValues: TaggerModel.labels.enumerated().map { ($1, $0) })
        let classCount = TaggerModel.classCount, previousCount = TaggerModel.previousCount, start = TaggerModel.start
        var prepared = train.map { gazetteer.featureTokens($0.forms) }
        // Words the training data writes in lowercase at least three times.
        var lowercaseCounts: [String: Int] = [:]
        for tokens in prepared {
            for token in tokens where token.form == token.lower && token.lower.unicodeScalars.contains(where: { $0.properties.isAlphabetic }) { lowercaseCounts[token.lower, default: 0] += 1 }
        }
        let commonWords = Set(lowercaseCounts.filter { $0.value >= 3 }.keys)
        for sentence in prepared.indices {
            TaggerFeatures.recase(&prepared[sentence], commonWords: commonWords)
        }
        let goldTags = train.map { $0.tags.map { labelIndex[$0] ?? 0 } }
        let seenLabels = TaggerModel.labels.filter { label in label == "O" || train.contains { $0.tags.contains(label) } }
        let allowed = TaggerModel.labels.map { seenLabels.contains($0) }

        // Features are computed once: every token's static feature rows and pair-feature rows,
        // numbered in order of first appearance among those seen at least `minimumCount` times.
        var staticCounts: [UInt64: Int] = [:], pairCounts: [UInt64: Int] = [:]
        var features: [UInt64] = [], bases: [UInt64] = []
        for tokens in prepared {
            for index in tokens.indices {
                features.removeAll(keepingCapacity: true)
                TaggerFeatures.staticFeatures(tokens, at: index, into: &features)
                for feature in features { staticCounts[feature, default: 0] += 1 }
                bases.removeAll(keepingCapacity: true)
                TaggerFeatures.pairBases(tokens, at: index, into: &bases)
                for base in bases { pairCounts[base, default: 0] += 1 }
            }
        }
        var staticRowOf: [UInt64: Int32] = [:], pairRowOf: [UInt64: Int32] = [:]
        var staticKeys: [UInt64] = [], pairBaseKeys: [UInt64] = []
        /// Per sentence: the static rows of all its tokens, where each token's start in it, and
        /// `pairTemplateCount` pair rows per token (-1 for a feature left out).
        var sentenceRows: [(rows: [Int32], starts: [Int32], pairs: [Int32])] = []
        sentenceRows.reserveCapacity(prepared.count)
        for tokens in prepared {
            var rows: [Int32] = [], starts: [Int32] = [], pairs: [Int32] = []
            for index in tokens.indices {
                starts.append(Int32(rows.count))
                features.removeAll(keepingCapacity: true)
                TaggerFeatures.staticFeatures(tokens, at: index, into: &features)
                for feature in features where staticCounts[feature, default: 0] >= minimumCount {
                    if let row = staticRowOf[feature] { rows.append(row); continue }
                    staticRowOf[feature] = Int32(staticKeys.count)
                    rows.append(Int32(staticKeys.count))
                    staticKeys.append(feature)
                }
                bases.removeAll(keepingCapacity: true)
                TaggerFeatures.pairBases(tokens, at: index, into: &bases)
                for base in bases {
                    guard pairCounts[base, default: 0] >= minimumCount else { pairs.append(-1); continue }
                    if let row = pairRowOf[base] { pairs.append(row); continue }
                    pairRowOf[base] = Int32(pairBaseKeys.count)
                    pairs.append(Int32(pairBaseKeys.count))
                    pairBaseKeys.append(base)
                }
            }
            starts.append(Int32(rows.count))
            sentenceRows.append((rows, starts, pairs))
        }
        staticCounts = [:]
        pairCounts = [:]

        // Flat weights and, for averaging, the sums of step × update (the average is
        // weight − sum / steps): static rows × tags, pair rows × previous states × tags, and
        // previous states × tags of transitions.
        let pairWidth = previousCount * classCount
        var epochScores: [TaggerScores] = []
        var runs: [(epoch: Int, entries: [(key: UInt64, weights: [Double])], pairEntries: [(key: UInt64, weights: [Double])])] = []
        var emissions: [Float] = [], pairScores: [Float] = []
        var scores = [Double](repeating: 0, count: classCount)
        let pairTemplates = TaggerFeatures.pairTemplateCount
        for run in 0..<max(1, seeds) {
            var staticWeights = [Double](repeating: 0, count: staticKeys.count * classCount)
            var staticSums = staticWeights
            var pairWeights = [Double](repeating: 0, count: pairBaseKeys.count * pairWidth)
            var pairSums = pairWeights
            var transitionWeights = [Double](repeating: 0, count: pairWidth)
            var transitionSums = transitionWeights
            var step = 1.0
            var generator = SplitMix64(seed: seed &+ UInt64(run))
            var order = Array(prepared.indices)
            var best: (epoch: Int, f1: Double, entries: [(key: UInt64, weights: [Double])], pairEntries: [(key: UInt64, weights: [Double])])?
            for epoch in 1...max(1, epochs) {
                // Fisher–Yates with the seeded generator.
                for index in stride(from: order.count - 1, to: 0, by: -1) {
                    let other = Int(generator.next() % UInt64(index + 1))
                    order.swapAt(index, other)
                }
                for sentence in order {
                    let (rows, starts, pairs) = sentenceRows[sentence]
                    let count = starts.count - 1
                    let gold = goldTags[sentence]
                    emissions.removeAll(keepingCapacity: true)
                    emissions.append(contentsOf: repeatElement(0, count: count * classCount))
                    pairScores.removeAll(keepingCapacity: true)
                    pairScores.append(contentsOf: repeatElement(0, count: count * pairWidth))
                    for index in 0..<count {
                        for label in 0..<classCount { scores[label] = 0 }
                        for position in Int(starts[index])..<Int(starts[index + 1]) {
                            let base = Int(rows[position]) * classCount
                            for label in 0..<classCount { scores[label] += staticWeights[base + label] }
                        }
                        for label in 0..<classCount { emissions[index * classCount + label] = Float(scores[label]) }
                        let tokenPairs = pairs[(index * pairTemplates)..<((index + 1) * pairTemplates)]
                        for previous in index == 0 ? start..<previousCount : 0..<classCount {
                            for label in 0..<classCount {
                                var score = transitionWeights[previous * classCount + label]
                                for row in tokenPairs where row >= 0 { score += pairWeights[Int(row) * pairWidth + previous * classCount + label] }
                                pairScores[index * pairWidth + previous * classCount + label] = Float(score)
                            }
                        }
                    }
                    let predicted = TaggerModel.viterbi(emissions: emissions, pairs: pairScores, count: count, allowed: allowed).tags
                    if predicted != gold {
                        func update(_ weights: inout [Double], _ sums: inout [Double], _ slot: Int, _ delta: Double) {
                            weights[slot] += delta
                            sums[slot] += step * delta
                        }
                        for index in 0..<count {
                            let truth = gold[index], guess = predicted[index]
                            if truth != guess {
                                for position in Int(starts[index])..<Int(starts[index + 1]) {
                                    let base = Int(rows[position]) * classCount
                                    update(&staticWeights, &staticSums, base + truth, 1)
                                    update(&staticWeights, &staticSums, base + guess, -1)
                                }
                            }
                            let truthBefore = index == 0 ? start : gold[index - 1], guessBefore = index == 0 ? start : predicted[index - 1]
                            guard truth != guess || truthBefore != guessBefore else { continue }
                            update(&transitionWeights, &transitionSums, truthBefore * classCount + truth, 1)
                            update(&transitionWeights, &transitionSums, guessBefore * classCount + guess, -1)
                            for position in (index * pairTemplates)..<((index + 1) * pairTemplates) where pairs[position] >= 0 {
                                let base = Int(pairs[position]) * pairWidth
                                update(&pairWeights, &pairSums, base + truthBefore * classCount + truth, 1)
                                update(&pairWeights, &pairSums, base + guessBefore * classCount + guess, -1)
                            }
                        }
                    }
                    step += 1
                }
                // The averaged weights of this epoch, as model entries (rows with any weight left).
                var entries: [(key: UInt64, weights: [Double])] = []
                entries.reserveCapacity(staticKeys.count + pairBaseKeys.count)
                func averaged(_ weights: [Double], _ sums: [Double], from offset: Int) -> [Double]? {
                    var row = [Double](repeating: 0, count: classCount)
                    var nonZero = false
                    for label in 0..<classCount {
                        row[label] = weights[offset + label] - sums[offset + label] / step
                        if abs(row[label]) > 1e-4 { nonZero = true }
                    }
                    return nonZero ? row : nil
                }
                for (row, key) in staticKeys.enumerated() {
                    if let weights = averaged(staticWeights, staticSums, from: row * classCount) { entries.append((key, weights)) }
                }
                var pairEntries: [(key: UInt64, weights: [Double])] = []
                pairEntries.reserveCapacity(pairBaseKeys.count + 1)
                func averagedPairs(_ weights: [Double], _ sums: [Double], from offset: Int) -> [Double]? {
                    let row = (0..<pairWidth).map { weights[offset + $0] - sums[offset + $0] / step }
                    return row.contains { abs($0) > 1e-4 } ? row : nil
                }
                for (row, base) in pairBaseKeys.enumerated() {
                    if let weights = averagedPairs(pairWeights, pairSums, from: row * pairWidth) { pairEntries.append((TaggerFeatures.pairKey(base), weights)) }
                }
                pairEntries.append((TaggerFeatures.transitionKey, averagedPairs(transitionWeights, transitionSums, from: 0) ?? [Double](repeating: 0, count: pairWidth)))
                let model = try makeModel(entries: entries, pairEntries: pairEntries, seenLabels: seenLabels, epoch: epoch, scores: nil, commonWords: commonWords).model
                let epochScore = Self.evaluate(model: model, gazetteer: gazetteer, on: dev)
                epochScores.append(epochScore)
                progress(epoch, epochScore)
                if best.map({ epochScore.f1() > $0.f1 }) ?? true || dev.isEmpty { best = (epoch, epochScore.f1(), entries, pairEntries) }
            }
            guard let best else { throw ConfigurationError(file: "training", message: "no epoch was trained") }
            runs.append((best.epoch, best.entries, best.pairEntries))
        }
        guard let first = runs.first else { throw ConfigurationError(file: "training", message: "no epoch was trained") }
        let seconds = Date().timeIntervalSince(started)
        if runs.count == 1 && minimumWeight <= 0 {
            let made = try makeModel(entries: first.entries, pairEntries: first.pairEntries, seenLabels: seenLabels, epoch: first.epoch, scores: epochScores[first.epoch - 1], commonWords: commonWords)
            return Result(model: made.model, data: made.data, epochScores: epochScores, bestEpoch: first.epoch, seconds: seconds)
        }
        // The average of the runs' weights (a feature a run does not have weighs 0 there), without
        // the rows too small to matter; the transitions always stay.
        func isKept(_ entry: (key: UInt64, weights: [Double])) -> Bool {
            entry.key == TaggerFeatures.transitionKey || entry.weights.contains { abs($0) >= minimumWeight }
        }
        let entries = Self.average(runs.map(\.entries)).filter(isKept), pairEntries = Self.average(runs.map(\.pairEntries)).filter(isKept)
        let averaged = try makeModel(entries: entries, pairEntries: pairEntries, seenLabels: seenLabels, epoch: first.epoch, scores: nil, commonWords: commonWords)
        let averageScores = Self.evaluate(model: averaged.model, gazetteer: gazetteer, on: dev)
        let made = try makeModel(entries: entries, pairEntries: pairEntries, seenLabels: seenLabels, epoch: first.epoch, scores: averageScores, commonWords: commonWords)
        return Result(model: made.model, data: made.data, epochScores: epochScores, bestEpoch: first.epoch, seconds: seconds, averageScores: averageScores)
    }

    /// The key-wise average of several runs' rows, in order of first appearance (so the same runs
    /// give the same bytes).
    static func average(_ runs: [[(key: UInt64, weights: [Double])]]) -> [(key: UInt64, weights: [Double])] {
        var rowOf: [UInt64: Int] = [:]
        var rows: [(key: UInt64, weights: [Double])] = []
        for entries in runs {
            for entry in entries {
                if let row = rowOf[entry.key] {
                    for index in entry.weights.indices { rows[row].weights[index] += entry.weights[index] }
                } else {
                    rowOf[entry.key] = rows.count
                    rows.append(entry)
                }
            }
        }
        let count = Double(runs.count)
        return rows.map { (key: $0.key, weights: $0.weights.map { $0 / count }) }
    }

    private func makeModel(entries: [(key: UInt64, weights: [Double])], pairEntries: [(key: UInt64, weights: [Double])], seenLabels: [String], epoch: Int, scores: TaggerScores?, commonWords: Set<String>) throws -> (model: TaggerModel, data: Data) {
        var devF1: [String: Double] = [:]
        if let scores {
            for type in scores.types {
                devF1["\(type) P"] = (scores.precision(type) * 1000).rounded() / 1000
                devF1["\(type) R"] = (scores.recall(type) * 1000).rounded() / 1000
                devF1["\(type) F1"] = (scores.f1(type) * 1000).rounded() / 1000
            }
            devF1["all F1"] = (scores.f1() * 1000).rounded() / 1000
        }
        let header = TaggerModel.Header(language: language, featureVersion: TaggerFeatures.version, seenLabels: seenLabels, trainedOn: trainedOn, licence: licence,
                                        epochs: epochs, seed: seed, bestEpoch: epoch, devF1: devF1, features: 0, pairFeatures: 0, scale: 1, commonWords: commonWords.sorted(),
                                        seeds: seeds > 1 ? seeds : nil, minimumWeight: minimumWeight > 0 ? minimumWeight : nil)
        let data = try TaggerModel.encode(header: header, entries: entries, pairEntries: pairEntries)
        return (try TaggerModel.load(data: data, name: "trained model"), data)
    }

    /// Tags `sentences` with `model` and scores the result against their gold tags.
    public static func evaluate(model: TaggerModel, gazetteer: Gazetteer, on sentences: [TaggedSentence]) -> TaggerScores {
        var scores = TaggerScores()
        for sentence in sentences {
            let tags = model.tag(gazetteer.featureTokens(sentence.forms)).tags.map { TaggerModel.labels[$0] }
            scores.add(gold: sentence.tags, predicted: tags)
        }
        return scores
    }
}

/// A small seeded generator (SplitMix64), so shuffles are the same on every platform.
struct SplitMix64: RandomNumberGenerator {
    private var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var value = state
        value = (value ^ (value >> 30)) &* 0xBF58_476D_1CE4_E5B9
        value = (value ^ (value >> 27)) &* 0x94D0_49BB_1331_11EB
        return value ^ (value >> 31)
    }
}
