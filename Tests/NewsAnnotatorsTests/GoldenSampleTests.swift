import Foundation
import NewsAnnotation
import NewsAnnotationTesting
import NewsAnnotators
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
