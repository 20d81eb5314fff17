import Foundation
import NewsAnnotation
import NewsAnnotationTesting
import Testing

@Suite("Annotated JSON")
struct AnnotatedJSONTests {
    private func document() -> Document {
        var bundle = LayerBundle()
        bundle[Layers.blocks] = [Block(span: TextSpan(start: 0, end: 11), kind: .heading, level: 1)]
        bundle[Layers.markup] = []
        return Document(id: "d1", text: "“Ciao” 👍🏽 \"x\"\n\tz", metadata: DocumentMetadata(title: "T", authors: ["A", "B"], language: "it"), layers: bundle)
    }

    @Test("key order is fixed, a layer that ran empty is [], one that did not run is absent")
    func shape() throws {
        let bytes = try AnnotatedJSON.encode(document())
        let text = String(decoding: bytes, as: UTF8.self)
        let keys = ["\"format\"", "\"id\"", "\"metadata\"", "\"text\"", "\"layers\"", "\"pipeline\"", "\"diagnostics\""]
        let positions = keys.map { text.range(of: $0)!.lowerBound }
        #expect(positions == positions.sorted())
        #expect(text.contains("\"markup\": []"))
        #expect(!text.contains("\"tokens\""))
        #expect(!text.contains("\"source\""))
        #expect(text.contains("{\"start\": 0, \"end\": 11, \"kind\": \"heading\", \"level\": 1}"))
        let object = try #require(try JSONSerialization.jsonObject(with: Data(bytes)) as? [String: Any])
        #expect(object["format"] as? String == "news-annotation/1")
        #expect(object["text"] as? String == document().text)
    }

    @Test("the same document gives the same bytes every time")
    func deterministic() throws {
        let first = try AnnotatedJSON.encode(document())
        for _ in 0..<20 { #expect(try AnnotatedJSON.encode(document()) == first) }
        let compact = try AnnotatedJSON.encode(document(), style: .compact)
        #expect(compact.filter { $0 == UInt8(ascii: "\n") }.count == 1)
    }

    @Test("custom layers and string-keyed dictionaries encode deterministically")
    func customLayer() throws {
        struct Amount: Codable, Sendable { var start: Int; var end: Int; var currency: String; var extra: [String: Int] }
        let key = LayerKey<[Amount]>("money")
        var bundle = LayerBundle()
        bundle[key] = [Amount(start: 0, end: 3, currency: "USD", extra: ["z": 1, "a": 2, "m": 3])]
        let document = Document(id: "m", text: "$2bn", layers: bundle)
        let text = String(decoding: try AnnotatedJSON.encode(document), as: UTF8.self)
        // An object holding another object is spread over lines; the inner scalar-only one stays on one.
        #expect(text.contains("\"currency\": \"USD\",\n        \"extra\": {\"a\": 2, \"m\": 3, \"z\": 1}\n"))
    }

    @Test("marked text parses labels, nesting and emoji offsets")
    func markedText() throws {
        let marked = try MarkedText("⟦PER Richard Reeve⟧ 👍🏽 dice ⟦QUOTE#1 “⟦ciao⟧”⟧")
        #expect(marked.text == "Richard Reeve 👍🏽 dice “ciao”")
        #expect(marked.marks == [
            .init(label: "PER", span: TextSpan(start: 0, end: 13)),
            .init(label: "QUOTE#1", span: TextSpan(start: 22, end: 28)),
            .init(label: nil, span: TextSpan(start: 23, end: 27)),
        ])
        #expect(MarkedText.render(marked.text, marks: marked.marks) == "⟦PER Richard Reeve⟧ 👍🏽 dice ⟦QUOTE#1 “⟦ciao⟧”⟧")
        #expect(throws: MarkedTextError.self) { try MarkedText("⟦PER open") }
        let report = try #require(marked.difference(from: [.init(label: "PER", span: TextSpan(start: 0, end: 7))]))
        #expect(report.contains("missing:    QUOTE#1 22..<28 ““ciao””"))
        #expect(report.contains("unexpected: PER 0..<7 “Richard”"))
    }

    @Test("golden files match, report differences, and a recording run says it recorded")
    func golden() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("golden-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("a.json").path
        #expect(GoldenFile.compare(Array("a\nb\n".utf8), withFileAt: path, record: false) == .recorded(path: path))
        #expect(GoldenFile.compare(Array("a\nb\n".utf8), withFileAt: path, record: false) == .matched)
        guard case .mismatch(let report) = GoldenFile.compare(Array("a\nc\n".utf8), withFileAt: path, record: false) else {
            Issue.record("expected a mismatch")
            return
        }
        #expect(report.contains("line 2:\n- b\n+ c"))
        #expect(GoldenFile.compare(Array("a\nc\n".utf8), withFileAt: path, record: true) == .recorded(path: path))
    }
}
