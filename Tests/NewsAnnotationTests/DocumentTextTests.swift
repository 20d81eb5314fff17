import Foundation
import NewsAnnotation
import Testing

@Suite("Document text and offsets")
struct DocumentTextTests {
    @Test("offsets count Unicode scalars, not graphemes, UTF-16 units or bytes")
    func scalarOffsets() {
        // "é" precomposed (1 scalar), "e\u{301}" decomposed (2 scalars, 1 grapheme), 👍🏽 (2 scalars, 4 UTF-16 units), 🇮🇹 (2 scalars).
        let text = DocumentText("Ciao é e\u{301} 👍🏽 🇮🇹 “Reeve”")
        #expect(text.count == text.string.unicodeScalars.count)
        #expect(text.count != text.string.count)
        let reeve = text.span(of: text.string.range(of: "Reeve")!)
        #expect(reeve == TextSpan(start: 17, end: 22))
        #expect(text[reeve] == "Reeve")
        #expect(text[TextSpan(start: 10, end: 12)] == "👍🏽")
    }

    @Test("UTF-8 and scalar offsets convert both ways")
    func conversions() {
        let text = DocumentText("a€b😀c")
        #expect(text.utf8Offset(ofScalar: 0) == 0)
        #expect(text.utf8Offset(ofScalar: 2) == 4)
        #expect(text.utf8Offset(ofScalar: 4) == 9)
        #expect(text.utf8Offset(ofScalar: 5) == 10)
        #expect(text.scalarOffset(ofUTF8: 4) == 2)
        #expect(text.scalarOffset(ofUTF8: 5) == 3)
        #expect(text.scalarOffset(ofUTF8: 9) == 4)
        let range = text.range(of: TextSpan(start: 3, end: 5))
        #expect(text.string[range] == "😀c")
    }

    @Test("spans compare, contain and overlap")
    func spans() {
        let a = TextSpan(start: 2, end: 8)
        #expect(a.contains(TextSpan(start: 3, end: 8)))
        #expect(!a.contains(TextSpan(start: 3, end: 9)))
        #expect(a.overlaps(TextSpan(start: 7, end: 12)))
        #expect(!a.overlaps(TextSpan(start: 8, end: 12)))
        #expect(TextSpan(start: 1, end: 9) < a)
        #expect(a.length == 6)
    }
}
