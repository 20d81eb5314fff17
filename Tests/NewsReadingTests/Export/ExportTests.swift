import Foundation
import NewsAnnotation
import NewsAnnotators
@testable import NewsReading
import Testing

/// Reads a fixture of `Fixtures/view` as an annotated document.
func viewFixture(_ name: String) throws -> AnnotatedDocument {
    let path = fixturesDirectory + "/view/" + name
    return try AnnotatedDocument(json: try Data(contentsOf: URL(fileURLWithPath: path)), path: path)
}

/// The text of a JSON layer item's span, sliced by code points.
private func slice(_ document: AnnotatedDocument, _ object: [String: JSONValue]) -> String? {
    guard let start = object["start"]?.intValue, let end = object["end"]?.intValue else { return nil }
    return document.slice(TextSpan(start: start, end: end))
}

private func utf8(_ file: OutputFile) -> String { String(decoding: file.bytes, as: UTF8.self) }

@Suite("exports keep the offsets of annotated JSON")
struct ExportTests {
    @Test("the Unicode fixture has accents, typographic quotes and an emoji outside the BMP before its spans")
    func fixtureIsHard() throws {
        let document = try viewFixture("unicode.it.json")
        let text = document.text.string
        #expect(text.contains("🙂") && text.contains("“") && text.contains("ă"))
        // Code points, UTF-16 units and graphemes differ here, so a wrong unit would show.
        #expect(text.unicodeScalars.count != text.utf16.count)
        let entities = try #require(document.items("entities"))
        #expect(entities.allSatisfy { slice(document, $0) == $0["text"]?.stringValue })
    }

    @Test("brat: every T fragment is the .txt slice, quotes are discontinuous and split at line breaks, relations point at T lines")
    func brat() throws {
        let document = try viewFixture("unicode.it.json")
        let files = try ExportFormat.brat.files(for: document)
        #expect(files.map(\.path) == [".txt", ".ann"])
        #expect(utf8(files[0]) == document.text.string)
        let scalars = Array(utf8(files[0]).unicodeScalars)
        var textBounds: [String: (type: String, fragments: [(Int, Int)])] = [:]
        var lines = utf8(files[1]).split(separator: "\n").map(String.init)
        for line in lines where line.hasPrefix("T") {
            let columns = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            try #require(columns.count == 3, "bad T line: \(line)")
            let header = columns[1].split(separator: " ", maxSplits: 1).map(String.init)
            let fragments = header[1].split(separator: ";").map { pair -> (Int, Int) in
                let numbers = pair.split(separator: " ").compactMap { Int($0) }
                return (numbers[0], numbers[1])
            }
            let texts = fragments.map { String(String.UnicodeScalarView(scalars[$0.0..<$0.1])) }
            #expect(texts.joined(separator: " ") == columns[2], "\(line)")
            #expect(texts.allSatisfy { !$0.contains("\n") }, "\(line)")
            textBounds[columns[0]] = (header[0], fragments)
        }
        // Each entity and date is a T line with the JSON's offsets and type.
        for layer in ["entities", "dates"] {
            for item in try #require(document.items(layer)) {
                let start = try #require(item["start"]?.intValue), end = try #require(item["end"]?.intValue)
                #expect(textBounds.values.contains { $0.type == item["type"]?.stringValue && $0.fragments.count == 1 && $0.fragments[0] == (start, end) })
            }
        }
        // The two-part quote is one discontinuous T; the quote over two paragraphs is split at the blank line.
        let quotes = textBounds.values.filter { $0.type == "Quote" }.sorted { $0.fragments[0].0 < $1.fragments[0].0 }
        #expect(quotes.map { $0.fragments.map { "\($0.0) \($0.1)" }.joined(separator: ";") } == ["92 106;131 166", "168 194;196 243", "273 297"])
        // Relations and attributes refer to T lines that exist; every quote has a speaker relation.
        lines = lines.filter { $0.hasPrefix("R") || $0.hasPrefix("A") || $0.hasPrefix("#") }
        for line in lines {
            let references = line.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == ":" }).filter { $0.hasPrefix("T") && Int($0.dropFirst()) != nil }
            #expect(!references.isEmpty && references.allSatisfy { textBounds[String($0)] != nil }, "\(line)")
        }
        #expect(lines.filter { $0.contains("\tSpeaker ") }.count == 3)
        #expect(lines.contains("#10\tAnnotatorNotes T10\tvalue=P6M"))
    }

    @Test("brat's annotation.conf declares every type the documents use")
    func bratConfiguration() throws {
        let labels = ExportFormat.brat.collectionLabels(of: try viewFixture("unicode.it.json"))
        let configuration = utf8(try #require(ExportFormat.brat.collectionFiles(labels: labels).first))
        for type in ["PER", "ORG", "LOC", "DATE", "DURATION", "Quote", "Source"] { #expect(configuration.contains("\n\(type)\n")) }
        #expect(configuration.contains("Kind\tArg:Quote, Value:direct|indirect"))
    }

    @Test("CoNLL BIO read back gives the entities' texts and types, one sentence per block of tokens")
    func conll() throws {
        let document = try viewFixture("unicode.it.json")
        let bio = utf8(try ExportFormat.conll.files(for: document)[0])
        #expect(bio.hasPrefix("-DOCSTART-\tO\n\n"))
        let read = try AnnotatedDocument(conll: bio, path: "unicode.conll", layer: "entities")
        let readEntities = try #require(read.layerItems("entities")).map { "\($0.label) \(read.slice($0.span))" }
        let expected = try #require(document.items("entities")).map { "\($0["type"]?.stringValue ?? "") \(slice(document, $0) ?? "")" }
        #expect(readEntities == expected)
        // A blank line after -DOCSTART- and after each sentence.
        #expect(bio.components(separatedBy: "\n\n").count - 1 == 1 + (document.items("sentences")?.count ?? 0))
        #expect(bio.contains("🙂\tO\n"))
    }

    @Test("CoNLL without a tokens layer is an error that says what to do")
    func conllNeedsTokens() throws {
        let json = #"{"format": "news-annotation/1", "id": "bare", "text": "Roma è bella.", "layers": {"entities": [{"start": 0, "end": 4, "type": "LOC"}]}}"#
        let document = try AnnotatedDocument(json: Data(json.utf8), path: "bare.json")
        #expect(throws: ExportError("'bare': CoNLL needs the tokens layer, which the document lacks; annotate it with the segmentation stage")) {
            try ExportFormat.conll.files(for: document)
        }
        // The other formats work on whatever layers there are.
        #expect(utf8(try ExportFormat.brat.files(for: document)[1]) == "T1\tLOC 0 4\tRoma\n")
        #expect(utf8(try ExportFormat.spacy.files(for: document, compact: true)[0]).contains(#""ents":[{"start":0,"end":4,"label":"LOC"}]"#))
    }

    @Test("W3C: every annotation has the Web Annotation fields, and each selector's start/end slice is its exact text")
    func webAnnotation() throws {
        let document = try viewFixture("unicode.it.json")
        let collection = try JSONValue(parsing: Data(try ExportFormat.w3c.files(for: document)[0].bytes)).objectValue ?? [:]
        #expect(collection["type"]?.stringValue == "AnnotationCollection")
        #expect(collection["@context"]?.stringValue == "http://www.w3.org/ns/anno.jsonld")
        let items = try #require(collection["first"]?.objectValue?["items"]?.arrayValue).compactMap(\.objectValue)
        let layerItems = ["entities", "dates", "quotes", "sources"].map { document.items($0)?.count ?? 0 }.reduce(0, +)
        #expect(items.count == layerItems && collection["total"]?.intValue == layerItems)
        var selectors = 0
        for item in items {
            #expect(item["@context"]?.stringValue == "http://www.w3.org/ns/anno.jsonld")
            #expect(item["type"]?.stringValue == "Annotation")
            #expect(item["id"]?.stringValue?.hasPrefix("urn:news-annotation:unicode.it/annotations/") == true)
            let bodies = try #require(item["body"]?.arrayValue).compactMap(\.objectValue)
            #expect(!bodies.isEmpty && bodies.allSatisfy { $0["type"]?.stringValue == "TextualBody" && $0["purpose"] != nil && $0["value"] != nil })
            let targets = item["target"]?.arrayValue?.compactMap(\.objectValue) ?? [item["target"]?.objectValue].compactMap { $0 }
            for target in targets {
                #expect(target["source"]?.stringValue == "urn:news-annotation:unicode.it")
                let pieces = try #require(target["selector"]?.arrayValue).compactMap(\.objectValue)
                let position = try #require(pieces.first { $0["type"]?.stringValue == "TextPositionSelector" })
                let quote = try #require(pieces.first { $0["type"]?.stringValue == "TextQuoteSelector" })
                let exact = try #require(slice(document, position))
                #expect(quote["exact"]?.stringValue == exact)
                let before = document.slice(TextSpan(start: max(0, (position["start"]?.intValue ?? 0) - 32), end: position["start"]?.intValue ?? 0))
                #expect((quote["prefix"]?.stringValue ?? "") == before)
                selectors += 1
            }
        }
        #expect(selectors == 7 + 3 + 5 + 3)
    }

    @Test("spaCy: entities, sentences and spans start and end on token boundaries and slice to the JSON's texts")
    func spacy() throws {
        let document = try viewFixture("unicode.it.json")
        let object = try JSONValue(parsing: Data(try ExportFormat.spacy.files(for: document)[0].bytes)).objectValue ?? [:]
        #expect(object["text"]?.stringValue == document.text.string)
        let tokens = try #require(object["tokens"]?.arrayValue).compactMap(\.objectValue)
        let starts = Set(tokens.compactMap { $0["start"]?.intValue }), ends = Set(tokens.compactMap { $0["end"]?.intValue })
        // Tokens are in order, do not overlap, and leave out only single spaces after a token.
        var position = 0
        for (index, token) in tokens.enumerated() {
            let start = try #require(token["start"]?.intValue), end = try #require(token["end"]?.intValue)
            #expect(token["id"]?.intValue == index && start < end)
            #expect(start == position || (start == position + 1 && document.text.scalars[position] == " "), "gap before token \(index)")
            position = end
        }
        let ents = try #require(object["ents"]?.arrayValue).compactMap(\.objectValue)
        #expect(ents.map { "\($0["label"]?.stringValue ?? "") \(slice(document, $0) ?? "")" }
            == (document.items("entities") ?? []).map { "\($0["type"]?.stringValue ?? "") \(slice(document, $0) ?? "")" })
        let spans = (object["spans"]?.objectValue ?? [:]).values.flatMap { $0.arrayValue ?? [] }.compactMap(\.objectValue)
        for span in ents + spans + (object["sents"]?.arrayValue ?? []).compactMap(\.objectValue) {
            #expect(starts.contains(span["start"]?.intValue ?? -1) && ends.contains(span["end"]?.intValue ?? -1), "\(span)")
        }
        let dates = try #require(object["spans"]?.objectValue?["dates"]?.arrayValue).compactMap(\.objectValue)
        #expect(dates.map { "\(slice(document, $0) ?? "") \($0["kb_id"]?.stringValue ?? "")" } == ["lunedì 2024-03-04", "domani 2024-03-05", "sei mesi P6M"])
    }

    @Test("reading rejects what is not annotated JSON and spans outside the text, naming the place")
    func readingErrors() {
        #expect(throws: ReadError("'x.json': not annotated JSON (no \"format\"; expected 'news-annotation/1')")) {
            try AnnotatedDocument(json: Data(#"{"id": "a", "stages": []}"#.utf8), path: "x.json")
        }
        #expect(throws: ReadError("'w.json': not annotated JSON ('news-annotation/2'; expected 'news-annotation/1')")) {
            try AnnotatedDocument(json: Data(#"{"format": "news-annotation/2", "text": "a"}"#.utf8), path: "w.json")
        }
        // Gold data from other tools often has no "format": a text is enough.
        #expect((try? AnnotatedDocument(json: Data(#"{"id": "g", "text": "a", "layers": {}}"#.utf8), path: "g.json"))?.id == "g")
        #expect(throws: ReadError("'y.json': layers/quotes/0/parts/1: span 3..<9 lies outside the text (4 code points); is the JSON from another text?")) {
            try AnnotatedDocument(json: Data(#"{"format": "news-annotation/1", "text": "Ciao", "layers": {"quotes": [{"start": 0, "end": 4, "parts": [{"start": 0, "end": 2}, {"start": 3, "end": 9}]}]}}"#.utf8), path: "y.json")
        }
        #expect(throws: ReadError("'z.json': not valid JSON")) { try AnnotatedDocument(json: Data("{".utf8), path: "z.json") }
    }

    @Test("exports are deterministic and the same for a fresh document and its JSON read back", arguments: ExportFormat.allCases)
    func deterministic(_ format: ExportFormat) throws {
        let golden = packageRoot + "/Samples/riverton-harbour-flood.en.expected.json"
        let stored = try AnnotatedDocument(json: try Data(contentsOf: URL(fileURLWithPath: golden)), path: golden)
        let fresh = try AnnotatedDocument(try StandardPipeline.make().annotate(try ingestSample("riverton-harbour-flood.en.html")))
        #expect(try format.files(for: stored) == format.files(for: stored))
        #expect(try format.files(for: fresh) == format.files(for: stored))
    }
}
