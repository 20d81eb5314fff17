import Foundation
import Testing
@testable import NewsAnnotators

/// The tagger's Viterbi decoder, on score tables built by hand or from a seeded generator.
@Suite("Entity tagger decoding")
struct TaggerDecodingTests {
    private let classCount = TaggerModel.classCount
    private let previousCount = TaggerModel.previousCount
    private let everyLabel = [Bool](repeating: true, count: TaggerModel.classCount)

    private func label(_ name: String) -> Int { TaggerModel.labels.firstIndex(of: name) ?? -1 }

    /// Emission and pair tables for `count` tokens, filled from a seeded generator in -4...4.
    private func randomTables(count: Int, generator: inout SplitMix64) -> (emissions: [Float], pairs: [Float]) {
        func next() -> Float { Float(generator.next() % 8001) / 1000 - 4 }
        let emissions = (0..<(count * classCount)).map { _ in next() }
        let pairs = (0..<(count * previousCount * classCount)).map { _ in next() }
        return (emissions, pairs)
    }

    /// The score of one tag sequence under the tables, or nil when it is not a valid BIO sequence.
    private func score(_ tags: [Int], emissions: [Float], pairs: [Float], allowed: [Bool]) -> Float? {
        var total: Float = 0
        for (index, tag) in tags.enumerated() {
            let previous = index == 0 ? TaggerModel.start : tags[index - 1]
            guard allowed[tag], TaggerModel.isValid(tag, after: previous) else { return nil }
            total += emissions[index * classCount + tag] + pairs[(index * previousCount + previous) * classCount + tag]
        }
        return total
    }

    /// What the old decoder did: the best valid tag at each position given the one before.
    private func greedy(emissions: [Float], pairs: [Float], count: Int) -> [Int] {
        var tags: [Int] = []
        for index in 0..<count {
            let previous = index == 0 ? TaggerModel.start : tags[index - 1]
            var best = 0, bestScore = -Float.infinity
            for tag in 0..<classCount where TaggerModel.isValid(tag, after: previous) {
                let value = emissions[index * classCount + tag] + pairs[(index * previousCount + previous) * classCount + tag]
                if value > bestScore { best = tag; bestScore = value }
            }
            tags.append(best)
        }
        return tags
    }

    private func sequences(length: Int) -> [[Int]] {
        guard length > 0 else { return [[]] }
        return sequences(length: length - 1).flatMap { prefix in (0..<classCount).map { prefix + [$0] } }
    }

    @Test("never emits I- after O, after another type, or first, even when the scores ask for it")
    func neverInvalid() {
        let names = ["O", "I-PER", "I-PER", "O", "I-ORG", "B-LOC", "I-PER", "I-LOC"]
        var emissions = [Float](repeating: 0, count: names.count * classCount)
        for (index, name) in names.enumerated() { emissions[index * classCount + label(name)] = 10 }
        let pairs = [Float](repeating: 0, count: names.count * previousCount * classCount)
        let tags = TaggerModel.viterbi(emissions: emissions, pairs: pairs, count: names.count, allowed: everyLabel).tags
        #expect(score(tags, emissions: emissions, pairs: pairs, allowed: everyLabel) != nil, "\(tags.map { TaggerModel.labels[$0] })")

        var generator = SplitMix64(seed: 7)
        for _ in 0..<300 {
            let count = Int(generator.next() % 12) + 1
            let (emissions, pairs) = randomTables(count: count, generator: &generator)
            let tags = TaggerModel.viterbi(emissions: emissions, pairs: pairs, count: count, allowed: everyLabel).tags
            #expect(tags.count == count)
            #expect(score(tags, emissions: emissions, pairs: pairs, allowed: everyLabel) != nil, "\(tags.map { TaggerModel.labels[$0] })")
        }
    }

    @Test("finds the best valid sequence: the same score as trying every sequence")
    func optimal() throws {
        var generator = SplitMix64(seed: 11)
        let noMISC = TaggerModel.labels.map { !$0.hasSuffix("MISC") }
        for length in 1...3 {
            let candidates = sequences(length: length)
            for round in 0..<20 {
                let allowed = round.isMultiple(of: 2) ? everyLabel : noMISC
                let (emissions, pairs) = randomTables(count: length, generator: &generator)
                let best = try #require(candidates.compactMap { score($0, emissions: emissions, pairs: pairs, allowed: allowed) }.max())
                let (tags, margins) = TaggerModel.viterbi(emissions: emissions, pairs: pairs, count: length, allowed: allowed)
                let found = try #require(score(tags, emissions: emissions, pairs: pairs, allowed: allowed))
                #expect(abs(found - best) < 1e-3)
                #expect(margins.allSatisfy { $0 >= 0 })
                if allowed == noMISC { #expect(!tags.contains { TaggerModel.labels[$0].hasSuffix("MISC") }) }
            }
        }
    }

    @Test("beats greedy decoding where a locally weaker tag leads to a better sentence")
    func beatsGreedy() {
        // "Sean Penn": on its own "Sean" looks slightly more like O, but "Penn" is strongly I-PER,
        // which is only possible after B-PER. Greedy commits to O and loses the name.
        var emissions = [Float](repeating: 0, count: 2 * classCount)
        emissions[label("O")] = 1
        emissions[label("B-PER")] = 0.9
        emissions[classCount + label("I-PER")] = 5
        emissions[classCount + label("B-LOC")] = 0.5
        let pairs = [Float](repeating: 0, count: 2 * previousCount * classCount)
        let greedyTags = greedy(emissions: emissions, pairs: pairs, count: 2)
        let (tags, margins) = TaggerModel.viterbi(emissions: emissions, pairs: pairs, count: 2, allowed: everyLabel)
        #expect(greedyTags.map { TaggerModel.labels[$0] } == ["O", "B-LOC"])
        #expect(tags.map { TaggerModel.labels[$0] } == ["B-PER", "I-PER"])
        // The margin of "Sean" is the whole sentence's: B-PER I-PER (5.9) over O B-LOC (1.5).
        #expect(abs(margins[0] - 4.4) < 1e-4)

        // And on random tables Viterbi never scores below greedy.
        var generator = SplitMix64(seed: 3)
        for _ in 0..<200 {
            let count = Int(generator.next() % 10) + 1
            let (emissions, pairs) = randomTables(count: count, generator: &generator)
            let viterbi = TaggerModel.viterbi(emissions: emissions, pairs: pairs, count: count, allowed: everyLabel).tags
            let fromViterbi = score(viterbi, emissions: emissions, pairs: pairs, allowed: everyLabel) ?? -.infinity
            let fromGreedy = score(greedy(emissions: emissions, pairs: pairs, count: count), emissions: emissions, pairs: pairs, allowed: everyLabel) ?? -.infinity
            #expect(fromViterbi >= fromGreedy - 1e-4)
        }
    }

    @Test("an empty sentence has no tags")
    func empty() {
        let result = TaggerModel.viterbi(emissions: [], pairs: [], count: 0, allowed: everyLabel)
        #expect(result.tags.isEmpty && result.margins.isEmpty)
    }

    @Test("a model trained with structured updates tags whole names the greedy way cannot, deterministically")
    func structuredTraining() throws {
        // "Sean" is O three times as often as it starts a name, but "Sean Penn" is a person every time.
        var sentences: [TaggedSentence] = []
        for _ in 0..<3 { sentences.append(TaggedSentence(forms: ["Sean", "arrivò", "ieri", "."], tags: ["O", "O", "O", "O"])) }
        for _ in 0..<3 { sentences.append(TaggedSentence(forms: ["Ieri", "Sean", "disse", "."], tags: ["O", "O", "O", "O"])) }
        for _ in 0..<2 { sentences.append(TaggedSentence(forms: ["Sean", "Penn", "vive", "a", "Roma", "."], tags: ["B-PER", "I-PER", "O", "O", "B-LOC", "O"])) }
        var trainer = TaggerTrainer(language: "it", gazetteer: .empty)
        trainer.epochs = 5
        trainer.minimumCount = 1
        let first = try trainer.train(sentences, dev: [])
        let second = try trainer.train(sentences, dev: [])
        #expect(first.data == second.data)
        let scores = TaggerTrainer.evaluate(model: first.model, gazetteer: .empty, on: [TaggedSentence(forms: ["Sean", "Penn", "vive", "a", "Roma", "."], tags: ["B-PER", "I-PER", "O", "O", "B-LOC", "O"])])
        #expect(scores.f1() == 1, "\(scores.report)")
    }

    @Test("several seeds train several models and keep the average of their weights, deterministically")
    func averagedSeeds() throws {
        let averaged = TaggerTrainer.average([[(key: 7, weights: [1, 2]), (key: 9, weights: [4, 4])], [(key: 9, weights: [2, 0]), (key: 5, weights: [2, 2])]])
        #expect(averaged.map(\.key) == [7, 9, 5])
        #expect(averaged.map(\.weights) == [[0.5, 1], [3, 2], [1, 1]])

        var sentences: [TaggedSentence] = []
        for _ in 0..<3 { sentences.append(TaggedSentence(forms: ["Sean", "arrivò", "ieri", "."], tags: ["O", "O", "O", "O"])) }
        for _ in 0..<2 { sentences.append(TaggedSentence(forms: ["Sean", "Penn", "vive", "a", "Roma", "."], tags: ["B-PER", "I-PER", "O", "O", "B-LOC", "O"])) }
        for _ in 0..<2 { sentences.append(TaggedSentence(forms: ["Ieri", "Anna", "Rossi", "è", "a", "Milano", "."], tags: ["O", "B-PER", "I-PER", "O", "O", "B-LOC", "O"])) }
        var trainer = TaggerTrainer(language: "it", gazetteer: .empty)
        trainer.epochs = 3
        trainer.minimumCount = 1
        let single = try trainer.train(sentences, dev: sentences)
        trainer.seeds = 3
        let first = try trainer.train(sentences, dev: sentences), second = try trainer.train(sentences, dev: sentences)
        #expect(first.data == second.data)
        #expect(first.model.header.seeds == 3 && single.model.header.seeds == nil)
        #expect(first.epochScores.count == 9 && single.epochScores.count == 3)
        #expect(first.averageScores != nil && single.averageScores == nil)
        #expect(first.data != single.data)

        // Rows whose largest weight is below the minimum are left out; the transitions stay.
        trainer.minimumWeight = 0.5
        let pruned = try trainer.train(sentences, dev: sentences)
        #expect(pruned.model.header.features < first.model.header.features)
        #expect(pruned.model.header.minimumWeight == 0.5 && first.model.header.minimumWeight == nil)
        trainer.minimumWeight = 1e9
        let bare = try trainer.train(sentences, dev: sentences)
        #expect(bare.model.header.features == 0 && bare.model.header.pairFeatures == 1)
    }

    @Test("a model file from another feature version is a typed error, not a crash")
    func oldFeatureVersion() throws {
        let header = TaggerModel.Header(language: "it", featureVersion: TaggerFeatures.version - 1, seenLabels: ["O"], trainedOn: [], licence: "",
                                        epochs: 1, seed: 1, bestEpoch: 1, devF1: [:], features: 0, pairFeatures: 0, scale: 1, commonWords: [])
        let data = try TaggerModel.encode(header: header, entries: [(key: 42, weights: [Double](repeating: 0.5, count: TaggerModel.classCount))], pairEntries: [])
        #expect(throws: ResourceError.self) { try TaggerModel.load(data: data, name: "old.model") }
        let truncated = data.prefix(data.count - 3)
        #expect(throws: ResourceError.self) { try TaggerModel.load(data: Data(truncated), name: "short.model") }
        // A header that claims more features than any file could hold is damage, not an overflow.
        var huge = header
        huge.featureVersion = TaggerFeatures.version
        huge.features = Int.max / 4
        huge.pairFeatures = Int.max / 4
        let headerBytes = try JSONEncoder().encode(huge)
        var bytes = TaggerModel.magic
        for shift in stride(from: 0, to: 32, by: 8) { bytes.append(UInt8(truncatingIfNeeded: headerBytes.count >> shift)) }
        bytes += headerBytes
        bytes += [UInt8](repeating: 0, count: 64)
        #expect(throws: ResourceError.self) { try TaggerModel.load(data: Data(bytes), name: "huge.model") }
    }
}

/// What the tagger's features see of a sentence.
@Suite("Entity tagger features")
struct TaggerFeatureTests {
    private func tokens(_ text: String) -> [TaggerToken] { text.split(separator: " ").map { TaggerToken(form: String($0)) } }

    @Test("Title Case and ALL CAPS lines are recognised, and their capitals undone for common words", arguments: [
        ("Johnson Asks Macron To Back Brexit Deal", TaggerToken.LineCase.title, "Johnson asks Macron to back Brexit deal"),
        ("MATTARELLA RICEVE DRAGHI AL QUIRINALE", .upper, "Mattarella riceve Draghi al Quirinale"),
        ("Johnson asks Macron to back the deal", .normal, "Johnson asks Macron to back the deal"),
        ("Il presidente Sergio Mattarella riceve Mario Draghi al Quirinale", .normal, "Il presidente Sergio Mattarella riceve Mario Draghi al Quirinale"),
    ])
    func headlines(_ text: String, _ lineCase: TaggerToken.LineCase, _ recased: String) {
        let common: Set<String> = ["asks", "to", "back", "deal", "the", "riceve", "al", "il", "presidente"]
        var tokens = tokens(text)
        var marked = tokens
        for index in marked.indices { marked[index].isCommonWord = common.contains(marked[index].lower) }
        #expect(TaggerFeatures.lineCase(of: marked) == lineCase)
        TaggerFeatures.recase(&tokens, commonWords: common)
        #expect(tokens.allSatisfy { $0.lineCase == lineCase })
        #expect(tokens.map(\.form).joined(separator: " ") == recased)
    }

    @Test("a headline line adds its own features, so a model can learn to distrust its capitals")
    func headlineFeatures() {
        var normal = tokens("Johnson asks Macron to back the deal"), title = tokens("Johnson Asks Macron To Back The Deal")
        let common: Set<String> = ["asks", "to", "back", "deal", "the"]
        TaggerFeatures.recase(&normal, commonWords: common)
        TaggerFeatures.recase(&title, commonWords: common)
        var normalFeatures: [UInt64] = [], titleFeatures: [UInt64] = []
        TaggerFeatures.staticFeatures(normal, at: 1, into: &normalFeatures)
        TaggerFeatures.staticFeatures(title, at: 1, into: &titleFeatures)
        // "Asks" in the headline gets every feature of "asks" in running text, plus the headline's.
        #expect(Set(normalFeatures).isSubset(of: Set(titleFeatures)))
        #expect(titleFeatures.count == normalFeatures.count + 2)
    }

    private func features(_ tokens: [TaggerToken], at index: Int) -> [UInt64] {
        var features: [UInt64] = []
        TaggerFeatures.staticFeatures(tokens, at: index, into: &features)
        return features
    }

    @Test("the bundled organisation words hold heads learned from the training data and written by hand")
    func bundledOrganisationWords() throws {
        let english = try OrganisationWords.bundled("en"), italian = try OrganisationWords.bundled("it")
        #expect(english.last.isSuperset(of: ["party", "inc", "association"]))
        #expect(english.first.contains("university"))
        #expect(italian.first.isSuperset(of: ["ministero", "università", "partito", "consiglio"]))
        #expect(italian.last.contains("spa"))
        #expect(try Gazetteer.bundled("it").organisationWords == italian)
        #expect(try OrganisationWords.bundled("xx") == .empty)
    }

    @Test("a word before an organisation's last word, or after its first word, gets a feature for it")
    func organisationWordFeatures() {
        var gazetteer = Gazetteer(language: "en", entries: [], titles: [], roles: [])
        let plain = gazetteer.featureTokens(["the", "Labour", "Party", "and", "the", "Ministry", "of", "Defence"])
        gazetteer.organisationWords = OrganisationWords(first: ["Ministry"], last: ["party"])
        let marked = gazetteer.featureTokens(["the", "Labour", "Party", "and", "the", "Ministry", "of", "Defence"])
        #expect(marked[2].organisationWord == .last && marked[5].organisationWord == .first)
        // "Labour" (one word before "Party"), "Party" itself, "Ministry" itself, "of" and "Defence"
        // (one and two words after "Ministry") each gain one feature; "and" gains none.
        for index in [1, 2, 5, 6, 7] {
            #expect(features(marked, at: index).count == features(plain, at: index).count + 1)
            #expect(Set(features(plain, at: index)).isSubset(of: Set(features(marked, at: index))))
        }
        #expect(features(marked, at: 3) == features(plain, at: 3))
    }

    @Test("two to six capitals make an acronym, which has a feature of its own", arguments: [
        ("BBC", true), ("AT&T", true), ("U.N.", true), ("CGIL", true), ("I", false), ("Bbc", false), ("ABCDEFGH", false), ("2011", false),
    ])
    func acronyms(_ form: String, _ isAcronym: Bool) {
        #expect(TaggerFeatures.isAcronym(form) == isAcronym)
    }

    @Test("an acronym gets a feature that a longer word in capitals does not")
    func acronymFeature() {
        let acronym = features(tokens("the NATO summit"), at: 1), long = features(tokens("the NATOSUMMIT summit"), at: 1)
        #expect(acronym.count == long.count + 1)
    }

    @Test("'the X of Y': a name two words before a connector is seen from the name after it")
    func connectorShapes() {
        let named = features(tokens("the Bank of England said"), at: 3), common = features(tokens("the bank of England said"), at: 3)
        #expect(named.count == common.count)
        #expect(Set(named).subtracting(common).count == 1)
    }
}
