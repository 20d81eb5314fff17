import Foundation
import NewsAnnotation
import Testing

@Suite("JSONValue")
struct JSONValueTests {
    @Test("parsing keeps every code point, a U+FEFF after an escape sequence included")
    func keepsByteOrderMarks() throws {
        // Foundation's JSONSerialization on Linux drops this U+FEFF; the text of a real page
        // (a CNN Arabic article) has one between two paragraphs.
        let json = "{\"text\": \"a\\n\u{FEFF}\\nb\u{FEFF}c\\u00e9\"}"
        let text = try #require(try JSONValue(parsing: Data(json.utf8)).objectValue?["text"]?.stringValue)
        #expect(Array(text.unicodeScalars) == ["a", "\n", "\u{FEFF}", "\n", "b", "\u{FEFF}", "c", "é"])
    }

    @Test("every kind of value is told apart: null, booleans, numbers, strings, arrays, objects")
    func kinds() throws {
        let value = try JSONValue(parsing: Data(#"[null, true, false, 0, 1, -2.5, "1", [], {}, {"a": [1, {"b": null}]}]"#.utf8))
        #expect(value == .array([.null, .bool(true), .bool(false), .number(0), .number(1), .number(-2.5), .string("1"), .array([]), .object([:]),
                                 .object(["a": .array([.number(1), .object(["b": .null])])])]))
        #expect(try JSONValue(parsing: Data("42".utf8)) == .number(42))
    }

    @Test("invalid JSON throws JSONSerialization's error, which says where")
    func invalidJSON() {
        let error = #expect(throws: (any Error).self) { try JSONValue(parsing: Data("{\n  \"a\": [1,,]\n}".utf8)) }
        #expect("\(error.map { "\($0)" } ?? "")".contains("character"))
    }
}
