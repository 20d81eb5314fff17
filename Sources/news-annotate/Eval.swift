import ArgumentParser
import Foundation
import NewsAnnotation
import NewsBatch
import NewsReading

struct Eval: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Score predicted annotations against gold ones: precision, recall and F1 per layer and type.",
        discussion: """
        Gold and predictions may be annotated JSON, JSON Lines, CoNLL-style BIO (.conll, .bio, .tsv) or brat standoff (.ann with its .txt), \
        as files or directories. Each layer is scored typed (per type) and untyped (spans matched whatever their type, with type \
        accuracy, TIMEX3 value F1 and quote + speaker end-to-end F1 where the gold has values or speakers), followed by its most \
        frequent errors. With --text, the documents' texts are compared instead: bag-of-tokens F1 per page, as main-text \
        extraction is scored (gold may be any JSON Lines with "id" and "text"). \
        Exits 1 when a --min-f1 threshold is not met, 2 on input errors, 64 on usage errors.
        """
    )

    enum Output: String, ExpressibleByArgument, CaseIterable { case table, json }
    enum Matching: String, ExpressibleByArgument, CaseIterable { case exact, overlap }

    @Option(help: "Gold annotations: a file or a directory.")
    var gold: String

    @Option(help: "Predicted annotations: a file or a directory.")
    var pred: String

    @Option(help: "Only these layers, comma-separated (default: every layer of the gold).")
    var layers: String?

    @Option(help: "The layer CoNLL and brat annotations belong to.")
    var layer: String = "entities"

    @Option(name: .customLong("min-f1"), help: ArgumentHelp("Thresholds, such as entities=0.80,dates=0.85.", valueName: "layer=f1,…"))
    var minF1: String?

    @Option(help: "Which F1 the thresholds and JUnit use: exact or overlap.")
    var match: Matching = .exact

    @Option(help: "table or json.")
    var format: Output = .table

    @Flag(help: "Score the documents' text (bag-of-tokens F1, for body-text extraction) instead of their layers; --min-f1 text=… applies to the mean F1.")
    var text = false

    @Option(help: "How many error kinds to list per layer (text: how many worst pages).")
    var errors = 10

    @Option(help: ArgumentHelp("Also write a JUnit XML report here (one test case per document and layer).", valueName: "file"))
    var junit: String?

    func validate() throws {
        _ = try thresholds()
    }

    func thresholds() throws -> [String: Double] {
        var result: [String: Double] = [:]
        for part in (minF1 ?? "").split(separator: ",") {
            let pair = part.split(separator: "=").map { $0.trimmingCharacters(in: .whitespaces) }
            guard pair.count == 2, let value = Double(pair[1]), (0...1).contains(value) else {
                throw ValidationError("--min-f1 takes layer=value pairs with values from 0 to 1, such as entities=0.80; got '\(part)'")
            }
            result[pair[0]] = value
        }
        return result
    }

    func run() throws {
        let thresholds = try thresholds()
        if text { return try runText(thresholds: thresholds) }
        let selected = layers.map { Set($0.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }) }
        let evaluation = try Terminal.orExit {
            try Evaluation(gold: try AnnotatedDocument.read(gold, layer: layer), predicted: try AnnotatedDocument.read(pred, layer: layer), layers: selected,
                           errorKinds: max(0, errors))
        }
        switch format {
        case .table: Terminal.writeOut(Array(evaluation.table.utf8))
        case .json: Terminal.writeOut(try AnnotatedJSON.encode(value: evaluation.layers))
        }
        if let junit {
            try Terminal.orExit { try BatchRunner.writeAtomically(Array(evaluation.junit(minimumF1: thresholds, overlap: match == .overlap).utf8), to: junit) }
        }
        let failures = evaluation.failures(minimumF1: thresholds, overlap: match == .overlap)
        for failure in failures {
            Terminal.error(String(format: "%@ %@ F1 %.3f is below the threshold %.3f", failure.layer, match.rawValue, failure.f1, failure.threshold))
        }
        if !failures.isEmpty { throw ExitCode.failure }
    }

    /// `--text`: body-text token F1 per page.
    func runText(thresholds: [String: Double]) throws {
        let evaluation = try Terminal.orExit {
            TextEvaluation(gold: try AnnotatedDocument.read(gold, layer: layer), predicted: try AnnotatedDocument.read(pred, layer: layer))
        }
        struct Report: Encodable {
            var summary: TextEvaluation.Summary
            var pages: [TextEvaluation.Page]
            var unmatchedDocuments: [String]
        }
        switch format {
        case .table: Terminal.writeOut(Array(evaluation.table(worst: max(0, errors)).utf8))
        case .json: Terminal.writeOut(try AnnotatedJSON.encode(value: Report(summary: evaluation.summary, pages: evaluation.pages, unmatchedDocuments: evaluation.unmatchedDocuments)))
        }
        if let threshold = thresholds["text"], evaluation.summary.meanF1 + 1e-9 < threshold {
            Terminal.error(String(format: "text mean F1 %.3f is below the threshold %.3f", evaluation.summary.meanF1, threshold))
            throw ExitCode.failure
        }
    }
}
