import Foundation
import NewsAnnotation
import NewsAnnotationTesting
import NewsAnnotators
import NewsIngest
import Testing

@Suite("Samples against their golden files")
struct GoldenSampleTests {
    @Test("each sample annotates to its expected JSON", arguments: try sampleInputs())
    func golden(name: String) throws {
        let annotated = try StandardPipeline.make().annotate(try ingestSample(name))
        let bytes = try AnnotatedJSON.encode(annotated)
        let stem = name.split(separator: ".").dropLast().joined(separator: ".")
        switch GoldenFile.compare(bytes, withFileAt: packageRoot + "/Samples/\(stem).expected.json") {
        case .matched: break
        case .recorded(let path): Issue.record("recorded \(path); run again without RECORD_GOLDENS to check it")
        case .mismatch(let report): Issue.record(Comment(rawValue: report))
        }
    }

    @Test("every span of every layer covers the text it claims, in code points", arguments: try sampleInputs())
    func spansMatchText(name: String) throws {
        let annotated = try StandardPipeline.make().annotate(try ingestSample(name))
        let scalars = Array(annotated.text.unicodeScalars)
        let json = try #require(try JSONSerialization.jsonObject(with: Data(AnnotatedJSON.encode(annotated))) as? [String: Any])
        let layers = try #require(json["layers"] as? [String: [[String: Any]]])
        #expect(Set(layers.keys) == ["blocks", "markup", "tokens", "sentences", "entities", "dates", "quotes", "sources"])
        for date in (layers["dates"] ?? []) + (layers["entities"] ?? []) {
            let start = try #require(date["start"] as? Int)
            let end = try #require(date["end"] as? Int)
            #expect(String(String.UnicodeScalarView(scalars[start..<end])) == date["text"] as? String)
        }
        for (layer, items) in layers {
            for item in items {
                // Sources from metadata alone have no place in the text.
                if layer == "sources", item["start"] == nil { continue }
                let start = try #require(item["start"] as? Int)
                let end = try #require(item["end"] as? Int)
                #expect(0 <= start && start <= end && end <= scalars.count, "\(layer) \(start)..<\(end)")
            }
        }
        #expect(json["text"] as? String == annotated.text)
    }

    @Test("the same input gives the same bytes on every run")
    func deterministic() throws {
        for name in try sampleInputs() {
            let first = try AnnotatedJSON.encode(StandardPipeline.make().annotate(ingestSample(name)))
            let second = try AnnotatedJSON.encode(StandardPipeline.make().annotate(ingestSample(name)))
            #expect(first == second)
        }
    }
}

/// `--resume` and every output's `pipeline` record trust stage versions: a stage whose output
/// changes for the same input must get a new version. This guard keeps a digest of what each
/// stage (and ingest) writes on the samples; when a digest moves and the version did not, the
/// test fails and recording refuses, naming the stage to bump.
@Suite("Stage versions follow their output")
struct StageVersionTests {
    private static let path = fixturesDirectory + "/stage-versions.json"

    /// FNV-1a, 64 bits: stable across runs and platforms, unlike `Hasher`.
    private static func digest(_ bytes: [UInt8]) -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in bytes { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3 }
        return String(hash, radix: 16)
    }

    /// The canonical JSON of one field or layer (keys sorted), for every sample in turn.
    private static func current() throws -> [String: (version: String, digest: String)] {
        let pipeline = try StandardPipeline.make()
        var parts: [String: [UInt8]] = [:]
        for name in try sampleInputs().sorted() {
            let annotated = try pipeline.annotate(try ingestSample(name))
            let json = try #require(try JSONSerialization.jsonObject(with: Data(AnnotatedJSON.encode(annotated))) as? [String: Any])
            let layers = try #require(json["layers"] as? [String: Any])
            func canonical(_ value: Any?) throws -> [UInt8] {
                guard let value else { return Array("null".utf8) }
                return [UInt8](try JSONSerialization.data(withJSONObject: value, options: [.sortedKeys, .fragmentsAllowed]))
            }
            parts["ingest", default: []] += try canonical(json["text"]) + canonical(json["metadata"]) + canonical(layers["blocks"]) + canonical(layers["markup"])
            for stage in pipeline.stages {
                for layer in stage.descriptor.produces.sorted() { parts[stage.descriptor.id, default: []] += try canonical(layers[layer.rawValue]) }
            }
        }
        var result: [String: (version: String, digest: String)] = ["ingest": (Ingestor.version, digest(parts["ingest"] ?? []))]
        for stage in pipeline.stages { result[stage.descriptor.id] = (stage.descriptor.version, digest(parts[stage.descriptor.id] ?? [])) }
        return result
    }

    @Test("a stage whose output on the samples changed has a new version")
    func versionsFollowOutput() throws {
        let now = try Self.current()
        let data = FileManager.default.contents(atPath: Self.path) ?? Data("{}".utf8)
        let recorded = (try JSONSerialization.jsonObject(with: data) as? [String: [String: String]]) ?? [:]
        var stale: [String] = []
        for (stage, value) in now.sorted(by: { $0.key < $1.key }) {
            guard let before = recorded[stage], let version = before["version"], let digest = before["digest"] else { stale.append(stage); continue }
            if digest != value.digest, version == value.version {
                Issue.record("stage '\(stage)' writes other output on the samples than at version \(version), which it still has: bump its version (AnnotatorDescriptor.version, or Ingestor.version for ingest), then re-record with RECORD_GOLDENS=1")
            } else if digest != value.digest || version != value.version {
                stale.append(stage)
            }
        }
        guard !stale.isEmpty else { return }
        if GoldenFile.isRecording {
            // Recorded only when every changed stage has a new version (checked above).
            guard !now.contains(where: { stage, value in recorded[stage].map { $0["digest"] != value.digest && $0["version"] == value.version } ?? false }) else { return }
            let object = now.mapValues { ["version": $0.version, "digest": $0.digest] }
            let bytes = try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .prettyPrinted])
            try (bytes + Data("\n".utf8)).write(to: URL(fileURLWithPath: Self.path))
            Issue.record("recorded \(Self.path) for \(stale.joined(separator: ", ")); run again without RECORD_GOLDENS to check it")
        } else {
            Issue.record("stage versions changed for \(stale.joined(separator: ", ")); re-record \(Self.path) with RECORD_GOLDENS=1")
        }
    }
}
