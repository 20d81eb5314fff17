import Foundation
import NewsAnnotation
import NewsReading
import Testing

/// A fresh temporary directory, removed by the caller.
private func scratchDirectory() throws -> String {
    let path = FileManager.default.temporaryDirectory.appendingPathComponent("reading-\(UUID().uuidString)").path
    try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    return path
}

@Suite("one reader of annotated documents")
struct ReadingTests {
    @Test("layer items keep every field: a quote's parts, cue and speaker, a date's type and value, nested spans")
    func itemsKeepEveryField() throws {
        let path = fixturesDirectory + "/view/unicode.it.json"
        let document = try #require(try AnnotatedDocument.read(path).first)
        let quote = try #require(document.layerItems("quotes")?.first)
        #expect(quote.label == "direct" && quote.string("id") == "q1")
        #expect(quote.spans(at: "parts") == [TextSpan(start: 92, end: 106), TextSpan(start: 131, end: 166)])
        #expect(quote.spans(at: "parts").map(document.slice) == ["“Non è finita”", "“ma 🙂 domani si riparte con l’ONU.”"])
        let cue = try #require(quote.span(at: "cue"))
        #expect(document.slice(cue) == quote.string("cue.text") && quote.string("cue.text") == "dice")
        let speaker = try #require(quote.span(at: "speaker"))
        #expect(document.slice(speaker) == "la signora Bălan" && quote["speaker.text"] == .string("la signora Bălan"))
        #expect(quote["speakerName"] == .string("Zoë Bălan") && quote["confidence"] == .number(0.9))
        #expect(quote["speaker.missing"] == nil && quote["kind.text"] == nil)
        // Nothing is lost: the item's fields are its JSON object without start and end.
        let object = try #require(document.items("quotes")?.first)
        #expect(quote.fields == object.filter { $0.key != "start" && $0.key != "end" })
        #expect(quote.flattenedFields["speaker.start"] == .number(113) && quote.flattenedFields["parts"] == object["parts"])

        let dates = try #require(document.layerItems("dates"))
        #expect(dates.map { "\($0.label) \($0.string("value") ?? "-") \(document.slice($0.span))" } == ["DATE 2024-03-04 lunedì", "DATE 2024-03-05 domani", "DURATION P6M sei mesi"])
        // Sources known by their mentions only have no span of their own: they are items, not layer items.
        #expect(document.items("sources")?.count == 2 && document.layerItems("sources") == [])
        let social = try #require(LayerItem(["start": .number(21), "end": .number(30), "mentions": .array([.object(["start": .number(124), "end": .number(129)])]),
                                             "role": .object(["start": .number(32), "end": .number(41), "text": .string("portavoce")])]))
        #expect(social.spans(at: "mentions").map(document.slice) == ["Bălan"] && document.slice(social.span) == "Zoë Bălan")
        #expect(social.string("role.text") == "portavoce" && social.span(at: "role").map(document.slice) == "portavoce")
    }

    @Test("CoNLL, brat and annotated JSON are read into the same type with the same entities", arguments: ["gold.conll", "gold.ann"])
    func interchangeFormats(name: String) throws {
        let json = try #require(try AnnotatedDocument.read(fixturesDirectory + "/eval/gold.json").first)
        let other = try #require(try AnnotatedDocument.read(fixturesDirectory + "/eval/" + name).first)
        #expect(other.id == "gold" && other.json == nil)
        func entities(_ document: AnnotatedDocument) throws -> [String] {
            try #require(document.layerItems("entities")).map { "\($0.label) \(document.slice($0.span))" }
        }
        #expect(try entities(other) == entities(json))
        #expect(try entities(json) == ["PER Richard Reeve", "LOC Russia", "LOC Siria", "LOC Mosca"])
    }

    @Test("a span past the text is refused once, on reading, naming the file and the span")
    func spanPastText() throws {
        let json = #"{"format": "news-annotation/1", "id": "x", "text": "Roma è bella.", "layers": {"entities": [{"start": 0, "end": 4}, {"start": 9, "end": 99}]}}"#
        #expect(throws: ReadError("'x.json': layers/entities/1: span 9..<99 lies outside the text (13 code points); is the JSON from another text?")) {
            try AnnotatedDocument(json: Data(json.utf8), path: "x.json")
        }
        #expect(throws: ReadError("'x.jsonl' line 4: layers/entities/1: span 9..<99 lies outside the text (13 code points); is the JSON from another text?")) {
            try AnnotatedDocument(json: Data(json.utf8), path: "x.jsonl", line: 4)
        }
        #expect(throws: ReadError("'x.conll' line 2: unknown tag 'X-LOC'; expected O, B-TYPE or I-TYPE")) {
            try AnnotatedDocument(conll: "Roma\tB-LOC\nè\tX-LOC\n", path: "x.conll", layer: "entities")
        }
    }

    @Test("a byte order mark inside the text is a code point like any other: spans after it stay inside the text")
    func byteOrderMarkInText() throws {
        let json = "{\"format\": \"news-annotation/1\", \"text\": \"Uno.\\n\u{FEFF}\\nDue.\", \"layers\": {\"sentences\": [{\"start\": 7, \"end\": 11}]}}"
        let document = try AnnotatedDocument(json: Data(json.utf8), path: "bom.json")
        #expect(document.text.count == 11)
        #expect(try #require(document.layerItems("sentences")).map { document.slice($0.span) } == ["Due."])
    }

    @Test("in a directory, JSON that is no document is passed over; broken JSON and other formats are not")
    func directories() throws {
        let directory = try scratchDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let document = #"{"format": "news-annotation/1", "id": "roma", "text": "Roma è bella.", "layers": {"entities": [{"start": 0, "end": 4, "type": "LOC"}]}}"#
        try Data(document.utf8).write(to: URL(fileURLWithPath: directory + "/roma.json"))
        try Data(#"{"stages": ["segmentation"]}"#.utf8).write(to: URL(fileURLWithPath: directory + "/pipeline.json"))
        try Data(#"{"format": "news-annotation/1"}"#.utf8).write(to: URL(fileURLWithPath: directory + "/.hidden.json"))
        #expect(try AnnotatedDocument.read(directory).map(\.id) == ["roma"])
        try Data(#"{"format": "news-annotation/2", "text": "Roma"}"#.utf8).write(to: URL(fileURLWithPath: directory + "/later.json"))
        #expect(throws: ReadError("'\(directory)/later.json': not annotated JSON ('news-annotation/2'; expected 'news-annotation/1')")) {
            try AnnotatedDocument.read(directory)
        }
        try FileManager.default.removeItem(atPath: directory + "/later.json")
        try Data("{\"format\": \"news-annotation/1\", \"text\": ".utf8).write(to: URL(fileURLWithPath: directory + "/cut.json"))
        #expect(throws: ReadError("'\(directory)/cut.json': not valid JSON")) { try AnnotatedDocument.read(directory) }
        // Named as a file, JSON that is no document is an error.
        #expect(throws: ReadError("'\(directory)/pipeline.json': not annotated JSON (no \"format\"; expected 'news-annotation/1')")) {
            try AnnotatedDocument.read(directory + "/pipeline.json")
        }
    }

    @Test("JSON Lines: one document per line, each failing alone; lines without an id are told apart")
    func jsonLines() throws {
        let directory = try scratchDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let path = directory + "/batch.jsonl"
        let lines = [
            #"{"format": "news-annotation/1", "text": "Uno."}"#, "",
            #"{"format": "news-annotation/1", "text": "Due.", "layers": {"sentences": [{"start": 0, "end": 5}]}}"#,
            #"{"format": "news-annotation/1", "text": "Tre."}"#,
        ]
        try Data(lines.joined(separator: "\n").utf8).write(to: URL(fileURLWithPath: path))
        let results = AnnotatedDocument.documents(inFile: path)
        #expect(results.count == 3)
        #expect((try? results[0].get())?.id == "batch:1" && (try? results[2].get())?.id == "batch:4")
        #expect(throws: ReadError("'\(path)' line 3: layers/sentences/0: span 0..<5 lies outside the text (4 code points); is the JSON from another text?")) {
            try results[1].get()
        }
        #expect(throws: ReadError.self) { try AnnotatedDocument.read(path) }
    }

    @Test("eval reads nested fields from the items: a date's value and a quote's speaker text")
    func evaluationUsesFields() throws {
        func document(_ layers: String) throws -> AnnotatedDocument {
            let json = #"{"format": "news-annotation/1", "id": "d", "text": "Ieri, dice Anna, è piovuto.", "layers": "# + layers + "}"
            return try AnnotatedDocument(json: Data(json.utf8), path: "d.json")
        }
        let gold = try document(#"{"dates": [{"start": 0, "end": 4, "type": "DATE", "value": "2024-03-03"}], "quotes": [{"start": 17, "end": 26, "kind": "indirect", "speaker": {"start": 11, "end": 15, "text": "Anna"}}]}"#)
        let pred = try document(#"{"dates": [{"start": 0, "end": 4, "type": "DATE", "value": "2024-03-04"}], "quotes": [{"start": 17, "end": 26, "kind": "indirect", "speaker": {"start": 11, "end": 15, "text": "Anna"}}]}"#)
        let evaluation = try Evaluation(gold: [gold], predicted: [pred])
        let dates = try #require(evaluation.layers.first { $0.layer == "dates" })
        #expect(dates.total.exactF1 == 1 && dates.total.valueCompared == 1 && dates.total.valueCorrect == 0)
        let quotes = try #require(evaluation.layers.first { $0.layer == "quotes" })
        #expect(quotes.total.speakerCompared == 1 && quotes.total.speakerAccuracy == 1)
        #expect(quotes.types.keys.sorted() == ["indirect"])
    }
}
