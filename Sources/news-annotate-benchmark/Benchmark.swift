import ArgumentParser
import Foundation
import NewsAnnotation
import NewsAnnotators
import NewsBatch
import NewsIngest
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Measures the pipeline on a corpus: documents/s and MB/s on one core and on all cores,
/// time per stage (ingest, each stage, JSON writing) and peak memory.
///
/// Timings belong here, never in unit tests. Build with `-c release` for meaningful numbers.
@main
struct Benchmark: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "news-annotate-benchmark",
        abstract: "Measure documents/s, MB/s, per-stage time and peak memory over a corpus.")

    @Argument(help: "Files or directories to read.")
    var inputs: [String] = ["Samples"]

    @Option(help: "How many times to run over the corpus in each pass.")
    var iterations: Int = 10

    @Option(help: "Workers for the all-cores pass; by default one per core.")
    var jobs: Int = ProcessInfo.processInfo.activeProcessorCount

    @Option(help: "Stages to run, comma-separated (default: all).")
    var stages: String?

    @Flag(help: "Print the report as JSON.")
    var json = false

    func run() throws {
        let ids = stages.map { $0.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty } }
        let pipeline = try StandardPipeline.make(ids)
        let ingestor = try Ingestor()
        let corpus = try BatchInput.expand(inputs).compactMap { input -> (String, [UInt8])? in
            guard let path = input.path else { return nil }
            guard let data = FileManager.default.contents(atPath: path) else { throw ValidationError("cannot read '\(path)'") }
            return (path, [UInt8](data))
        }
        guard !corpus.isEmpty else { throw ValidationError("no readable inputs in \(inputs.joined(separator: ", "))") }
        let bytesPerPass = corpus.reduce(0) { $0 + $1.1.count }

        // Warm-up: resources, caches and lazy initialisation are not measured. It also counts
        // the tokens and text bytes a pass has, for per-stage rates.
        var tokensPerPass = 0
        var textBytesPerPass = 0
        for (path, bytes) in corpus {
            let annotated = try pipeline.annotate(try ingestor.ingest(bytes: bytes, id: Ingestor.documentID(forPath: path), path: path))
            tokensPerPass += annotated[Layers.tokens]?.count ?? 0
            textBytesPerPass += annotated.text.utf8.count
        }

        var single = StageTimings()
        let clock = ContinuousClock()
        let singleStart = clock.now
        for _ in 0..<iterations { single.add(try Self.pass(corpus, ingestor: ingestor, pipeline: pipeline)) }
        let singleElapsed = clock.now - singleStart

        let workers = max(1, jobs)
        let parallelStart = clock.now
        let failures = Self.parallelPass(corpus, iterations: iterations, workers: workers, ingestor: ingestor, pipeline: pipeline)
        let parallelElapsed = clock.now - parallelStart
        guard failures == 0 else { throw ValidationError("\(failures) documents failed during the parallel pass") }

        let report = Report(
            documents: corpus.count, bytes: bytesPerPass, iterations: iterations, workers: workers,
            single: Throughput(documents: corpus.count * iterations, bytes: bytesPerPass * iterations, elapsed: singleElapsed),
            parallel: Throughput(documents: corpus.count * iterations, bytes: bytesPerPass * iterations, elapsed: parallelElapsed),
            stages: single.stages.map {
                StageShare(stage: $0, total: single.totals[$0] ?? .zero, documents: corpus.count * iterations,
                           tokens: tokensPerPass * iterations, textBytes: textBytesPerPass * iterations)
            },
            peakMemoryMB: Self.peakMemoryMB())
        if json {
            FileHandle.standardOutput.write(Data(try AnnotatedJSON.encode(value: report)))
        } else {
            print(report.text)
        }
    }

    /// Ingests, annotates and encodes every document once, timing each step.
    static func pass(_ corpus: [(String, [UInt8])], ingestor: Ingestor, pipeline: Pipeline) throws -> StageTimings {
        var timings = StageTimings()
        let clock = ContinuousClock()
        for (path, bytes) in corpus {
            var started = clock.now
            let document = try ingestor.ingest(bytes: bytes, id: Ingestor.documentID(forPath: path), path: path)
            timings.add(clock.now - started, to: "ingest")
            let annotated = try pipeline.annotate(document, timings: &timings)
            started = clock.now
            _ = try AnnotatedJSON.encode(annotated)
            timings.add(clock.now - started, to: "json")
        }
        return timings
    }

    /// Runs `iterations` passes spread over `workers` threads; returns the number of failures.
    static func parallelPass(_ corpus: [(String, [UInt8])], iterations: Int, workers: Int, ingestor: Ingestor, pipeline: Pipeline) -> Int {
        let jobs = (0..<iterations).flatMap { _ in corpus.indices }
        let failures = FailureCounter()
        DispatchQueue.concurrentPerform(iterations: workers) { worker in
            var index = worker
            while index < jobs.count {
                let (path, bytes) = corpus[jobs[index]]
                do {
                    let document = try ingestor.ingest(bytes: bytes, id: Ingestor.documentID(forPath: path), path: path)
                    _ = try AnnotatedJSON.encode(try pipeline.annotate(document))
                } catch {
                    failures.increment()
                }
                index += workers
            }
        }
        return failures.value
    }

    static func peakMemoryMB() -> Double {
        var usage = rusage()
        #if os(Linux)
        getrusage(RUSAGE_SELF.rawValue, &usage)
        #else
        getrusage(RUSAGE_SELF, &usage)
        #endif
        #if os(Linux)
        return Double(usage.ru_maxrss) / 1024 // kilobytes on Linux
        #else
        return Double(usage.ru_maxrss) / 1_048_576 // bytes on Darwin
        #endif
    }
}

final class FailureCounter: @unchecked Sendable {
    private let lock = NSLock()
    private var count = 0
    func increment() { lock.lock(); count += 1; lock.unlock() }
    var value: Int { lock.lock(); defer { lock.unlock() }; return count }
}

struct Throughput: Encodable {
    var documentsPerSecond: Double
    var megabytesPerSecond: Double
    var seconds: Double

    init(documents: Int, bytes: Int, elapsed: Duration) {
        let seconds = elapsed.seconds
        self.seconds = seconds
        documentsPerSecond = seconds > 0 ? Double(documents) / seconds : 0
        megabytesPerSecond = seconds > 0 ? Double(bytes) / 1_000_000 / seconds : 0
    }
}

struct StageShare: Encodable {
    var stage: String
    var millisecondsPerDocument: Double
    var totalSeconds: Double
    /// Tokens of the annotated text per second of this stage.
    var tokensPerSecond: Double
    /// Megabytes of extracted text (UTF-8) per second of this stage.
    var textMegabytesPerSecond: Double

    init(stage: String, total: Duration, documents: Int, tokens: Int, textBytes: Int) {
        let seconds = total.seconds
        self.stage = stage
        totalSeconds = seconds
        millisecondsPerDocument = seconds * 1000 / Double(max(documents, 1))
        tokensPerSecond = seconds > 0 ? Double(tokens) / seconds : 0
        textMegabytesPerSecond = seconds > 0 ? Double(textBytes) / 1_000_000 / seconds : 0
    }
}

struct Report: Encodable {
    var documents: Int
    var bytes: Int
    var iterations: Int
    var workers: Int
    var single: Throughput
    var parallel: Throughput
    var stages: [StageShare]
    var peakMemoryMB: Double

    var text: String {
        func format(_ value: Double, _ digits: Int = 1) -> String { String(format: "%.\(digits)f", value) }
        var lines = [
            "corpus: \(documents) documents, \(bytes) bytes, \(iterations) iterations",
            "one core:        \(format(single.documentsPerSecond)) documents/s, \(format(single.megabytesPerSecond, 2)) MB/s (\(format(single.seconds, 3)) s)",
            "\(workers) worker\(workers == 1 ? "" : "s"):       \(format(parallel.documentsPerSecond)) documents/s, \(format(parallel.megabytesPerSecond, 2)) MB/s (\(format(parallel.seconds, 3)) s)",
            "time per stage (one core):",
        ]
        let total = stages.reduce(0) { $0 + $1.totalSeconds }
        for stage in stages {
            let share = format(total > 0 ? stage.totalSeconds / total * 100 : 0).padding(toLength: 5, withPad: " ", startingAt: 0)
            lines.append("  \(stage.stage.padding(toLength: 14, withPad: " ", startingAt: 0)) \(format(stage.millisecondsPerDocument, 3)) ms/document  \(share)%  \(format(stage.tokensPerSecond / 1000, 0))k tokens/s  \(format(stage.textMegabytesPerSecond, 2)) MB text/s")
        }
        lines.append("peak memory: \(format(peakMemoryMB)) MB")
        return lines.joined(separator: "\n")
    }
}

extension Duration {
    /// The duration in seconds, as a floating-point number.
    var seconds: Double { Double(components.seconds) + Double(components.attoseconds) / 1e18 }
}
