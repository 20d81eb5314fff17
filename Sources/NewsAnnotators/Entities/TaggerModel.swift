public import Foundation

/// A trained averaged-perceptron tagger: BIO tags over PER, ORG, LOC and MISC, decoded greedily
/// left to right with the BIO constraint (an `I-X` only after `B-X` or `I-X`).
///
/// Weights are looked up by feature hash in an open-addressing table; a model file holds the
/// sorted hashes and weights quantised to 16 bits with one scale, plus a JSON header that says
/// what it was trained on, its licence and its dev-set scores.
public struct TaggerModel: Sendable {
    /// The tags, `O` first.
    public static let labels = ["O", "B-PER", "I-PER", "B-ORG", "I-ORG", "B-LOC", "I-LOC", "B-MISC", "I-MISC"]
    static let classCount = labels.count

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
        public var features: Int
        public var scale: Double
        /// Lowercase words the training data writes in lowercase at least three times.
        public var commonWords: [String]
    }

    public let header: Header
    private let commonWords: Set<String>
    private let keys: [UInt64]
    private let rows: [Int32]
    private let weights: [Float]
    private let mask: Int
    private let allowed: [Bool]

    init(header: Header, entries: [(key: UInt64, weights: [Float])]) {
        var capacity = 16
        while capacity < entries.count * 2 { capacity <<= 1 }
        var keys = [UInt64](repeating: 0, count: capacity)
        var rows = [Int32](repeating: -1, count: capacity)
        var weights: [Float] = []
        weights.reserveCapacity(entries.count * Self.classCount)
        for (row, entry) in entries.enumerated() {
            var slot = Int(truncatingIfNeeded: entry.key) & (capacity - 1)
            while keys[slot] != 0 { slot = (slot + 1) & (capacity - 1) }
            keys[slot] = entry.key
            rows[slot] = Int32(row)
            weights += entry.weights
        }
        self.header = header
        self.commonWords = Set(header.commonWords)
        self.keys = keys
        self.rows = rows
        self.weights = weights
        self.mask = capacity - 1
        self.allowed = Self.labels.map { header.seenLabels.contains($0) }
    }

    @inline(__always) private func row(of key: UInt64) -> Int? {
        var slot = Int(truncatingIfNeeded: key) & mask
        while true {
            let stored = keys[slot]
            if stored == key { return Int(rows[slot]) }
            if stored == 0 { return nil }
            slot = (slot + 1) & mask
        }
    }

    /// Adds the weights of `features` to `scores`.
    @inline(__always) func score(_ features: [UInt64], into scores: inout [Float]) {
        for feature in features {
            guard let row = row(of: feature) else { continue }
            let base = row * Self.classCount
            for label in 0..<Self.classCount { scores[label] += weights[base + label] }
        }
    }

    /// One tag per token, and for each the margin of the chosen tag over the best other one.
    func tag(_ tokens: [TaggerToken]) -> (tags: [Int], margins: [Float]) {
        var tokens = tokens
        for index in tokens.indices { tokens[index].isCommonWord = commonWords.contains(tokens[index].lower) }
        var tags: [Int] = []
        var margins: [Float] = []
        tags.reserveCapacity(tokens.count)
        var features: [UInt64] = []
        features.reserveCapacity(40)
        var scores = [Float](repeating: 0, count: Self.classCount)
        for index in tokens.indices {
            features.removeAll(keepingCapacity: true)
            TaggerFeatures.staticFeatures(tokens, at: index, into: &features)
            let previous = index > 0 ? Self.labels[tags[index - 1]] : TaggerFeatures.boundary
            let beforePrevious = index > 1 ? Self.labels[tags[index - 2]] : TaggerFeatures.boundary
            TaggerFeatures.historyFeatures(tokens, at: index, previous: previous, beforePrevious: beforePrevious, into: &features)
            for label in 0..<Self.classCount { scores[label] = 0 }
            score(features, into: &scores)
            let (best, margin) = Self.best(scores, allowed: allowed, previous: index > 0 ? tags[index - 1] : 0)
            tags.append(best)
            margins.append(margin)
        }
        return (tags, margins)
    }

    /// The best allowed label after `previous`, and its margin over the runner-up.
    static func best(_ scores: [Float], allowed: [Bool], previous: Int) -> (Int, Float) {
        var best = -1
        var bestScore = -Float.infinity
        var second = -Float.infinity
        for label in 0..<classCount where allowed[label] && isValid(label, after: previous) {
            let score = scores[label]
            if score > bestScore {
                second = bestScore
                best = label
                bestScore = score
            } else if score > second {
                second = score
            }
        }
        return (max(best, 0), second == -.infinity ? .infinity : bestScore - second)
    }

    /// BIO: `I-X` (odd-even pairs 2, 4, 6, 8) only after `B-X` or `I-X`.
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
        let count = header.features
        guard bytes.count == cursor + count * (8 + 2 * classCount) else { throw damaged("expected \(count) features") }
        let scale = Float(header.scale)
        var entries: [(key: UInt64, weights: [Float])] = []
        entries.reserveCapacity(count)
        var weightCursor = cursor + count * 8
        for index in 0..<count {
            var key: UInt64 = 0
            let base = cursor + index * 8
            for byte in 0..<8 { key |= UInt64(bytes[base + byte]) << (8 * UInt64(byte)) }
            var row = [Float](repeating: 0, count: classCount)
            for label in 0..<classCount {
                let raw = Int16(bitPattern: UInt16(bytes[weightCursor]) | UInt16(bytes[weightCursor + 1]) << 8)
                row[label] = Float(raw) * scale
                weightCursor += 2
            }
            entries.append((key, row))
        }
        return TaggerModel(header: header, entries: entries)
    }

    /// The bytes of a model file: magic, header, sorted keys, quantised weights.
    static func encode(header: Header, entries: [(key: UInt64, weights: [Double])]) throws -> Data {
        let sorted = entries.sorted { $0.key < $1.key }
        let largest = sorted.lazy.flatMap(\.weights).map(abs).max() ?? 1
        var header = header
        header.features = sorted.count
        header.scale = largest > 0 ? largest / 32767 : 1
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let headerBytes = try encoder.encode(header)
        var bytes = magic
        func append(_ value: UInt32) { for shift in stride(from: 0, to: 32, by: 8) { bytes.append(UInt8(truncatingIfNeeded: value >> UInt32(shift))) } }
        append(UInt32(headerBytes.count))
        bytes += headerBytes
        for entry in sorted { for shift in stride(from: 0, to: 64, by: 8) { bytes.append(UInt8(truncatingIfNeeded: entry.key >> UInt64(shift))) } }
        for entry in sorted {
            for weight in entry.weights {
                let raw = UInt16(bitPattern: Int16((weight / header.scale).rounded()))
                bytes.append(UInt8(truncatingIfNeeded: raw))
                bytes.append(UInt8(truncatingIfNeeded: raw >> 8))
            }
        }
        return Data(bytes)
    }
}
