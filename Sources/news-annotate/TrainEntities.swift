import ArgumentParser
import Foundation
import NewsAnnotators
import NewsBatch

struct TrainEntities: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "train-entities",
        abstract: "Train the entity tagger (averaged perceptron over BIO tags) from CoNLL-style TSV.",
        discussion: """
        Training files have one `token<TAB>tag` per line (IOB2 tags over PER, ORG, LOC, MISC) and a blank line \
        between sentences. Without --dev, the last --dev-fraction of each training file is held out as the dev set. \
        Each epoch prints the dev set's precision, recall and F1 per type; the model keeps the epoch with the best \
        overall F1. The same data, seed and settings give the same model bytes.
        """
    )

    @Option(help: ArgumentHelp("A training file (repeat for several).", valueName: "file.tsv"))
    var train: [String]

    @Option(help: ArgumentHelp("A dev file (repeat for several).", valueName: "file.tsv"))
    var dev: [String] = []

    @Option(name: .customLong("dev-fraction"), help: "Without --dev: the share of each training file, taken from its end, held out as dev data.")
    var devFraction: Double = 0.1

    @Option(help: "The language the model is for (its gazetteer feeds the features).")
    var language: String

    @Option(help: ArgumentHelp("Where to write the model.", valueName: "file"))
    var out: String

    @Option(help: "Passes over the training data.")
    var epochs: Int = 10

    @Option(help: "Seed of the sentence order.")
    var seed: UInt64 = 1

    @Option(help: "Train this many models, with seeds --seed, --seed + 1, …, and write the average of their weights.")
    var seeds: Int = 1

    @Option(name: .customLong("min-weight"), help: "Leave out features whose largest weight in the model is below this (0 keeps all).")
    var minWeight: Double = 0

    @Option(name: .customLong("min-count"), help: "Leave out features seen fewer times than this.")
    var minCount: Int = 2

    @Option(help: "The licence written into the model file (it follows the training data's).")
    var licence: String = "see the training data's licence"

    @Option(help: ArgumentHelp("A gazetteer JSON file instead of the bundled one for --language.", valueName: "file"))
    var gazetteer: String?

    func validate() throws {
        guard (0..<1).contains(devFraction) else { throw ValidationError("--dev-fraction must be at least 0 and below 1") }
        guard epochs >= 1, epochs <= 100 else { throw ValidationError("--epochs must be between 1 and 100") }
        guard minCount >= 1 else { throw ValidationError("--min-count must be at least 1") }
        guard seeds >= 1, seeds <= 20 else { throw ValidationError("--seeds must be between 1 and 20") }
        guard minWeight >= 0 else { throw ValidationError("--min-weight must be at least 0") }
    }

    func run() throws {
        try Terminal.orExit {
            let gazetteer = try gazetteer.map { try Gazetteer.load(from: URL(fileURLWithPath: $0)) } ?? Gazetteer.bundled(language)
            var trainSentences: [TaggedSentence] = []
            var devSentences: [TaggedSentence] = []
            for path in train {
                let sentences = try TaggedSentence.read(path: path)
                if dev.isEmpty {
                    let cut = sentences.count - Int((Double(sentences.count) * devFraction).rounded())
                    trainSentences += sentences[..<cut]
                    devSentences += sentences[cut...]
                } else {
                    trainSentences += sentences
                }
            }
            for path in dev { devSentences += try TaggedSentence.read(path: path) }
            Terminal.note("training on \(trainSentences.count) sentences (\(trainSentences.reduce(0) { $0 + $1.forms.count }) tokens), dev \(devSentences.count) sentences")
            var trainer = TaggerTrainer(language: language, gazetteer: gazetteer)
            trainer.epochs = epochs
            trainer.seed = seed
            trainer.seeds = seeds
            trainer.minimumWeight = minWeight
            trainer.minimumCount = minCount
            trainer.licence = licence
            trainer.trainedOn = train.map { URL(fileURLWithPath: $0).lastPathComponent } + dev.map { "dev: " + URL(fileURLWithPath: $0).lastPathComponent }
            let result = try trainer.train(trainSentences, dev: devSentences) { epoch, scores in
                Terminal.writeOut(Array("epoch \(epoch)\n\(scores.report)\n".utf8))
            }
            if let average = result.averageScores {
                let what = seeds > 1 ? "average of \(seeds) runs (best epochs of seeds \(seed)–\(seed + UInt64(seeds) - 1))" : "best epoch"
                Terminal.writeOut(Array("\(what)\(minWeight > 0 ? ", features with a weight of \(minWeight) or more" : "")\n\(average.report)\n".utf8))
            }
            try BatchRunner.writeAtomically(Array(result.data), to: out)
            let header = result.model.header
            Terminal.writeOut(Array("best epoch \(result.bestEpoch); \(header.features) features; \(result.data.count) bytes; \(String(format: "%.1f", result.seconds)) s; written to \(out)\n".utf8))
        }
    }
}
