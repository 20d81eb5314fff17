public import Foundation
import NewsAnnotation

/// A trained tagger: BIO tags over PER, ORG, LOC and MISC, scored by a linear model (a
/// structured averaged perceptron) and decoded with Viterbi over the whole sentence.
///
/// A sentence's score is the sum, over its tokens, of the token's feature weights for its tag,
/// the transition weight from the previous tag, and the weights of the features conjoined with
/// the previous tag (``TaggerFeatures/pairBases(_:at:into:)``). The decoder finds the best
/// sequence among the valid ones: an `I-X` only after `B-X` or `I-X`, never after `O` or at
/// the start.
///
/// Weights are looked up by feature hash in an open-addressing table; a model file holds the
/// sorted hashes and weights quantised to 16 bits with one scale, plus a JSON header that says
/// what it was trained on, its licence and its dev-set scores.
public struct TaggerModel: Sendable {
    /// The tags, `O` first.
    public static let labels = ["O", "B-PER", "I-PER", "B-ORG", "I-ORG", "B-LOC", "I-LOC", "B-MISC", "I-MISC"]
    static let classCount = labels.count
    /// The "previous tag" of the first token: transitions and pair features have one more
    /// previous state than there are tags.
    static let start = classCount
    static let previousCount = classCount + 1

    /// What a model file says about itself.
    public struct Header: Sendable, Codable, Hashable {
        /// The language the model was trained for.
        public var language: String
        /// The feature templates' version it was trained with.
        public var featureVersion: Int
        /// The tags the training data used; the others are never predicted.
        public var seenLabels: [String]
        /// The training data, with its licence.
        public var trainedOn: [String]
        /// The licence of the model file (it follows the training data's).
        public var licence: String
        /// Training settings and results, for the record.
        public var epochs: Int
        public var seed: UInt64
        public var bestEpoch: Int
        public var devF1: [String: Double]
        /// The number of tag features (one weight per tag each).
        public var features: Int
        /// The number of pair features and transitions (one weight per previous tag and tag each).
        public var pairFeatures: Int?
        public var scale: Double
        /// Lowercase words the training data writes in lowercase at least three times.
        public var commonWords: [String]
        /// How many runs (seeds `seed`, `seed + 1`, …) were averaged into the weights; absent for one.
        public var seeds: Int? = nil
        /// The smallest largest weight a row needed to be kept; absent when every row was kept.
        public var minimumWeight: Double? = nil
    }

    public let header: Header
    private let commonWords: Set<String>
    /// Tag features: `classCount` weights per key.
    private let tagWeights: WeightTable
    /// Pair features: `previousCount × classCount` weights per key.
    private let pairWeights: WeightTable
    private let allowed: [Bool]
    /// `previousCount × classCount` transition weights.
    private let transitions: [Float]

    init(header: Header, entries: [(key: UInt64, weights: [Float])], pairEntries: [(key: UInt64, weights: [Float])]) {
        self.header = header
        self.commonWords = Set(header.commonWords)
        self.tagWeights = WeightTable(entries, width: Self.classCount)
        self.pairWeights = WeightTable(pairEntries, width: Self.previousCount * Self.classCount)
        self.allowed = Self.labels.map { header.seenLabels.contains($0) }
        let width = Self.previousCount * Self.classCount
        if let row = pairWeights.row(of: TaggerFeatures.transitionKey) {
            transitions = Array(pairWeights.weights[(row * width)..<((row + 1) * width)])
        } else {
            transitions = [Float](repeating: 0, count: width)
        }
    }

    /// Whether the training data writes the lowercase word `lower` in lowercase at least three times.
    func isCommon(_ lower: String) -> Bool { commonWords.contains(lower) }

    /// The tokens as the features see them: common words marked, and in a Title Case or ALL
    /// CAPS line recased (``TaggerFeatures/recase(_:commonWords:)``), with this model's common words.
    func recased(_ tokens: [TaggerToken]) -> [TaggerToken] {
        var tokens = tokens
        TaggerFeatures.recase(&tokens, commonWords: commonWords)
        return tokens
    }

    /// One tag per token (`isRecased` when the tokens come from ``recased(_:)``), and for each the margin of the chosen tag over the best other one:
    /// how much worse the best whole sequence with another tag there scores (max-marginals).
    func tag(_ tokens: [TaggerToken], isRecased: Bool = false) -> (tags: [Int], margins: [Float]) {
        guard !tokens.isEmpty else { return ([], []) }
        var tokens = tokens
        if !isRecased { TaggerFeatures.recase(&tokens, commonWords: commonWords) }
        let classCount = Self.classCount, previousCount = Self.previousCount
        var emissions = [Float](repeating: 0, count: tokens.count * classCount)
        var pairs = [Float](repeating: 0, count: tokens.count * previousCount * classCount)
        var features: [UInt64] = []
        features.reserveCapacity(48)
        var bases: [UInt64] = []
        bases.reserveCapacity(TaggerFeatures.pairTemplateCount)
        let tagWidth = classCount, pairWidth = previousCount * classCount
        // Unsafe buffers: this is the tagger's inner loop, and every index is in range by construction.
        tagWeights.weights.withUnsafeBufferPointer { weights in
            pairWeights.weights.withUnsafeBufferPointer { pairRows in
                transitions.withUnsafeBufferPointer { transitions in
                    emissions.withUnsafeMutableBufferPointer { emissions in
                        pairs.withUnsafeMutableBufferPointer { pairs in
                            for index in tokens.indices {
                                // Past the time budget, stop (one huge sentence): the pipeline
                                // fails the document, so the rest of the scores never count.
                                if index & 4095 == 4095, WorkBudget.isExhausted { break }
                                features.removeAll(keepingCapacity: true)
                                TaggerFeatures.staticFeatures(tokens, at: index, into: &features)
                                let emission = index * classCount
                                for feature in features {
                                    guard let row = tagWeights.row(of: feature) else { continue }
                                    let base = row * tagWidth
                                    for label in 0..<classCount { emissions[emission + label] += weights[base + label] }
                                }
                                // Only the start state precedes the first token; only tags precede the others.
                                let first = index == 0 ? Self.start * classCount : 0, last = index == 0 ? pairWidth : classCount * classCount
                                let pair = index * pairWidth
                                for slot in first..<last { pairs[pair + slot] = transitions[slot] }
                                bases.removeAll(keepingCapacity: true)
                                TaggerFeatures.pairBases(tokens, at: index, into: &bases)
                                for base in bases {
                                    guard let row = pairWeights.row(of: TaggerFeatures.pairKey(base)) else { continue }
                                    let offset = row * pairWidth
                                    for slot in first..<last { pairs[pair + slot] += pairRows[offset + slot] }
                                }
                            }
                        }
                    }
                }
            }
        }
        return Self.viterbi(emissions: emissions, pairs: pairs, count: tokens.count, allowed: allowed)
    }

    /// The best valid tag sequence, and for each position the margin of its tag: the best
    /// sequence's score minus the best score of a valid sequence with another tag there
    /// (`.infinity` when no other tag is possible).
    ///
    /// - Parameters:
    ///   - emissions: `count × classCount` scores of each tag at each position.
    ///   - pairs: `count × previousCount × classCount` scores of each tag after each previous
    ///     tag (``start`` for the first position; the other previous states there are ignored).
    ///   - allowed: which tags may be predicted at all.
    /// Ties go to the lower tag index, so decoding is deterministic.
    static func viterbi(emissions: [Float], pairs: [Float], count: Int, allowed: [Bool]) -> (tags: [Int], margins: [Float]) {
        guard count > 0 else { return ([], []) }
        let classCount = Self.classCount, previousCount = Self.previousCount
        let impossible = -Float.infinity
        var forward = [Float](repeating: impossible, count: count * classCount)
        var pointers = [Int](repeating: 0, count: count * classCount)
        for label in 0..<classCount where allowed[label] && isValid(label, after: start) {
            forward[label] = emissions[label] + pairs[start * classCount + label]
        }
        if count > 1 {
            for index in 1..<count {
                for label in 0..<classCount where allowed[label] {
                    var best = impossible, pointer = -1
                    for previous in 0..<classCount where isValid(label, after: previous) {
                        let score = forward[(index - 1) * classCount + previous]
                        guard score > impossible else { continue }
                        let total = score + pairs[(index * previousCount + previous) * classCount + label]
                        if pointer < 0 || total > best { best = total; pointer = previous }
                    }
                    guard pointer >= 0 else { continue }
                    forward[index * classCount + label] = best + emissions[index * classCount + label]
                    pointers[index * classCount + label] = pointer
                }
            }
        }
        // The backward pass: the best score of the rest of the sentence after each tag.
        var backward = [Float](repeating: 0, count: count * classCount)
        if count > 1 {
            for index in stride(from: count - 2, through: 0, by: -1) {
                for label in 0..<classCount {
                    var best = impossible
                    for next in 0..<classCount where allowed[next] && isValid(next, after: label) {
                        let rest = backward[(index + 1) * classCount + next]
                        guard rest > impossible else { continue }
                        let total = pairs[((index + 1) * previousCount + label) * classCount + next] + emissions[(index + 1) * classCount + next] + rest
                        if total > best { best = total }
                    }
                    backward[index * classCount + label] = best
                }
            }
        }
        var tags = [Int](repeating: 0, count: count)
        var last = -1, lastScore = impossible
        for label in 0..<classCount where forward[(count - 1) * classCount + label] > impossible {
            let score = forward[(count - 1) * classCount + label]
            if last < 0 || score > lastScore { last = label; lastScore = score }
        }
        // Every sentence has a valid sequence (all `O`), so `last` is found unless scores are not finite.
        tags[count - 1] = max(last, 0)
        if count > 1 {
            for index in stride(from: count - 1, to: 0, by: -1) { tags[index - 1] = pointers[index * classCount + tags[index]] }
        }
        var margins = [Float](repeating: .infinity, count: count)
        for index in 0..<count {
            let chosen = tags[index]
            let best = forward[index * classCount + chosen] + backward[index * classCount + chosen]
            var other = impossible
            for label in 0..<classCount where label != chosen {
                let forwardScore = forward[index * classCount + label], backwardScore = backward[index * classCount + label]
                guard forwardScore > impossible, backwardScore > impossible else { continue }
                other = max(other, forwardScore + backwardScore)
            }
            if other > impossible, best.isFinite { margins[index] = best - other }
        }
        return (tags, margins)
    }

    /// BIO: `I-X` (odd-even pairs 2, 4, 6, 8) only after `B-X` or `I-X`; never first (after ``start``).
    @inline(__always) static func isValid(_ label: Int, after previous: Int) -> Bool {
        guard label > 0, label % 2 == 0 else { return true }
        return previous == label || previous == label - 1
    }

    // MARK: - Files

    static let magic = Array("NEWS-ANNOTATION-TAGGER 1\n".utf8)

    /// Reads a model file.
    ///
    /// - Throws: ``ResourceError`` when the file is not a model or is damaged.
    public static func load(contentsOf url: URL) throws(ResourceError) -> TaggerModel {
        let data: Data
        do { data = try Data(contentsOf: url) } catch { throw ResourceError(resource: url.lastPathComponent, message: "cannot read the model: \(error.localizedDescription)") }
        return try load(data: data, name: url.lastPathComponent)
    }

    static func load(data: Data, name: String) throws(ResourceError) -> TaggerModel {
        let bytes = [UInt8](data)
        func damaged(_ why: String) -> ResourceError { ResourceError(resource: name, message: "not a tagger model or damaged (\(why)); retrain it with `news-annotate train-entities`") }
        guard bytes.count > magic.count + 4, Array(bytes[0..<magic.count]) == magic else { throw damaged("bad magic") }
        var cursor = magic.count
        func readUInt32() -> Int {
            defer { cursor += 4 }
            return Int(bytes[cursor]) | Int(bytes[cursor + 1]) << 8 | Int(bytes[cursor + 2]) << 16 | Int(bytes[cursor + 3]) << 24
        }
        let headerLength = readUInt32()
        guard cursor + headerLength <= bytes.count else { throw damaged("short header") }
        let header: Header
        do { header = try JSONDecoder().decode(Header.self, from: Data(bytes[cursor..<(cursor + headerLength)])) } catch { throw damaged("header: \(error)") }
        cursor += headerLength
        guard header.featureVersion == TaggerFeatures.version else {
            throw ResourceError(resource: name, message: "the model uses feature version \(header.featureVersion), this build uses \(TaggerFeatures.version); retrain it with `news-annotate train-entities`")
        }
        let count = header.features, pairCount = header.pairFeatures ?? 0
        let tagWidth = classCount, pairWidth = previousCount * classCount
        // Counts no larger than the file first, so that the sizes below cannot overflow.
        guard (0...bytes.count).contains(count), (0...bytes.count).contains(pairCount),
              bytes.count == cursor + count * (8 + 2 * tagWidth) + pairCount * (8 + 2 * pairWidth) else {
            throw damaged("expected \(count) tag features and \(pairCount) pair features")
        }
        let scale = Float(header.scale)
        func section(count: Int, width: Int) -> [(key: UInt64, weights: [Float])] {
            var entries: [(key: UInt64, weights: [Float])] = []
            entries.reserveCapacity(count)
            var weightCursor = cursor + count * 8
            for index in 0..<count {
                var key: UInt64 = 0
                let base = cursor + index * 8
                for byte in 0..<8 { key |= UInt64(bytes[base + byte]) << (8 * UInt64(byte)) }
                var row = [Float](repeating: 0, count: width)
                for slot in 0..<width {
                    let raw = Int16(bitPattern: UInt16(bytes[weightCursor]) | UInt16(bytes[weightCursor + 1]) << 8)
                    row[slot] = Float(raw) * scale
                    weightCursor += 2
                }
                entries.append((key, row))
            }
            cursor = weightCursor
            return entries
        }
        let entries = section(count: count, width: tagWidth)
        let pairEntries = section(count: pairCount, width: pairWidth)
        return TaggerModel(header: header, entries: entries, pairEntries: pairEntries)
    }

    /// The bytes of a model file: magic, header, then for tag features and then pair features
    /// their sorted keys and quantised weights (one scale for all).
    static func encode(header: Header, entries: [(key: UInt64, weights: [Double])], pairEntries: [(key: UInt64, weights: [Double])]) throws -> Data {
        let sorted = entries.sorted { $0.key < $1.key }, sortedPairs = pairEntries.sorted { $0.key < $1.key }
        let largest = max(sorted.lazy.flatMap(\.weights).map(abs).max() ?? 0, sortedPairs.lazy.flatMap(\.weights).map(abs).max() ?? 0)
        var header = header
        header.features = sorted.count
        header.pairFeatures = sortedPairs.count
        header.scale = largest > 0 ? largest / 32767 : 1
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let headerBytes = try encoder.encode(header)
        var bytes = magic
        func append(_ value: UInt32) { for shift in stride(from: 0, to: 32, by: 8) { bytes.append(UInt8(truncatingIfNeeded: value >> UInt32(shift))) } }
        append(UInt32(headerBytes.count))
        bytes += headerBytes
        for section in [sorted, sortedPairs] {
            for entry in section { for shift in stride(from: 0, to: 64, by: 8) { bytes.append(UInt8(truncatingIfNeeded: entry.key >> UInt64(shift))) } }
            for entry in section {
                for weight in entry.weights {
                    let raw = UInt16(bitPattern: Int16((weight / header.scale).rounded()))
                    bytes.append(UInt8(truncatingIfNeeded: raw))
                    bytes.append(UInt8(truncatingIfNeeded: raw >> 8))
                }
            }
        }
        return Data(bytes)
    }
}

/// Weight rows looked up by feature hash in an open-addressing table. A slot holds the key
/// and its row together, so a look-up touches one cache line before the weights.
struct WeightTable: Sendable {
    private struct Slot: Sendable {
        var key: UInt64
        var row: Int32
    }

    private let slots: [Slot]
    /// `width` weights per row, rows in the order of the entries.
    let weights: [Float]
    private let mask: Int

    init(_ entries: [(key: UInt64, weights: [Float])], width: Int) {
        var capacity = 16
        while capacity < entries.count * 2 { capacity <<= 1 }
        var slots = [Slot](repeating: Slot(key: 0, row: -1), count: capacity)
        var weights: [Float] = []
        weights.reserveCapacity(entries.count * width)
        for (row, entry) in entries.enumerated() {
            var slot = Int(truncatingIfNeeded: entry.key) & (capacity - 1)
            while slots[slot].key != 0 { slot = (slot + 1) & (capacity - 1) }
            slots[slot] = Slot(key: entry.key, row: Int32(row))
            weights += entry.weights.count == width ? entry.weights : [Float](repeating: 0, count: width)
        }
        self.slots = slots
        self.weights = weights
        self.mask = capacity - 1
    }

    @inline(__always) func row(of key: UInt64) -> Int? {
        slots.withUnsafeBufferPointer { slots in
            var slot = Int(truncatingIfNeeded: key) & mask
            while true {
                let stored = slots[slot]
                if stored.key == key { return Int(stored.row) }
                if stored.key == 0 { return nil }
                slot = (slot + 1) & mask
            }
        }
    }
}
