/// Byte-level clean-ups of HTML before libxml2 sees it.
enum MarkupPrepass {
    /// Removes a DOCTYPE's internal subset (`<!DOCTYPE html [ … ]>`). HTML has none; libxml2's
    /// HTML parser does not read one and would show its declarations as text.
    static func removingInternalSubset(_ bytes: [UInt8]) -> [UInt8] {
        let limit = min(bytes.count, 1 << 20)
        var index = 0
        while index < limit, bytes[index] == 0x20 || bytes[index] == 0x0A || bytes[index] == 0x0D || bytes[index] == 0x09 { index += 1 }
        let doctype = Array("<!doctype".utf8)
        guard index + doctype.count < limit,
              zip(bytes[index..<(index + doctype.count)], doctype).allSatisfy({ ($0 | 0x20) == ($1 | 0x20) }) else { return bytes }
        var cursor = index + doctype.count
        while cursor < limit, bytes[cursor] != UInt8(ascii: ">"), bytes[cursor] != UInt8(ascii: "[") { cursor += 1 }
        guard cursor < limit, bytes[cursor] == UInt8(ascii: "[") else { return bytes }
        var end = cursor
        while end + 1 < bytes.count, !(bytes[end] == UInt8(ascii: "]") && bytes[end + 1] == UInt8(ascii: ">")) { end += 1 }
        guard end + 1 < bytes.count else { return bytes }
        return Array(bytes[..<cursor]) + [UInt8(ascii: ">")] + Array(bytes[(end + 2)...])
    }

    /// Elements whose content is never text of the page and may hold strings that look like
    /// markup (`"</div>"` in a script, `<` in a style sheet, a whole document in a template).
    /// `script` and `style` are raw text in HTML5; the others nest.
    private static let rawTextElements: [[UInt8]] = [Array("script".utf8), Array("style".utf8)]
    private static let opaqueElements: [[UInt8]] = [Array("template".utf8), Array("noscript".utf8), Array("svg".utf8)]

    /// Empties the content of `script`, `style`, `template`, `noscript` and `svg`, so that no
    /// string inside them can close or open an element of the page when libxml2 parses it.
    ///
    /// The end of a `script` or `style` is found as HTML5 finds it: the first `</script` or
    /// `</style` followed by whitespace, `/` or `>`, in any case. `template`, `noscript` and
    /// `svg` end at their matching end tag, counting nested ones; `<svg/>` has no content.
    /// A JSON-LD script (`type="application/ld+json"`) keeps its content, with `</` written
    /// `<\/` (the same JSON string), because the metadata is read from it. Comments are copied
    /// as they are. An element whose end is missing is left as it is.
    static func neutralizingRawText(_ bytes: [UInt8]) -> [UInt8] {
        let count = bytes.count
        var output: [UInt8] = []
        var copied = 0
        var index = 0
        // Names whose end tag was once not found: later ones are left alone, so a page of
        // unclosed `<noscript>`s costs one scan, not one per tag.
        var unclosed = Set<Int>()
        func hasName(_ name: [UInt8], at position: Int) -> Bool {
            guard position + name.count < count else { return false }
            for offset in 0..<name.count where bytes[position + offset] | 0x20 != name[offset] { return false }
            return isNameEnd(bytes[position + name.count])
        }
        while index < count {
            guard bytes[index] == UInt8(ascii: "<"), index + 1 < count else { index += 1; continue }
            let next = bytes[index + 1]
            if next == UInt8(ascii: "!") {
                if index + 3 < count, bytes[index + 2] == UInt8(ascii: "-"), bytes[index + 3] == UInt8(ascii: "-") {
                    index = commentEnd(bytes, from: index + 4)
                } else {
                    index += 2
                }
                continue
            }
            guard next | 0x20 >= UInt8(ascii: "n"), next | 0x20 <= UInt8(ascii: "t") else { index += 1; continue }
            let nameStart = index + 1
            let raw = rawTextElements.first { hasName($0, at: nameStart) }
            let nested = raw == nil ? opaqueElements.first { hasName($0, at: nameStart) } : nil
            guard let name = raw ?? nested, !unclosed.contains(Int(name[0]) << 8 | name.count) else { index += 1; continue }
            let (tagEnd, selfClosing) = startTagEnd(bytes, from: nameStart + name.count)
            guard tagEnd < count else { break }
            let contentStart = tagEnd + 1
            if nested != nil && selfClosing && name == opaqueElements[2] { index = contentStart; continue }
            var cursor = contentStart
            var depth = 1
            var contentEnd = -1
            while cursor + 1 < count {
                if bytes[cursor] == UInt8(ascii: "<") {
                    if bytes[cursor + 1] == UInt8(ascii: "/"), hasName(name, at: cursor + 2) {
                        depth -= 1
                        if depth == 0 || raw != nil { contentEnd = cursor; break }
                    } else if raw == nil, hasName(name, at: cursor + 1) {
                        depth += 1
                    }
                }
                cursor += 1
            }
            guard contentEnd >= 0 else { unclosed.insert(Int(name[0]) << 8 | name.count); index = contentStart; continue }
            if output.isEmpty { output.reserveCapacity(count) }
            output.append(contentsOf: bytes[copied..<contentStart])
            if raw != nil, name == rawTextElements[0], isJSONLD(bytes[nameStart..<tagEnd]) {
                var position = contentStart
                while position < contentEnd {
                    output.append(bytes[position])
                    if bytes[position] == UInt8(ascii: "<"), bytes[position + 1] == UInt8(ascii: "/") { output.append(UInt8(ascii: "\\")) }
                    position += 1
                }
            }
            copied = contentEnd
            index = contentEnd + 2
        }
        guard copied > 0 else { return bytes }
        output.append(contentsOf: bytes[copied...])
        return output
    }

    private static func isNameEnd(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: ">") || byte == UInt8(ascii: "/") || byte == 0x20 || byte == 0x0A || byte == 0x09 || byte == 0x0D || byte == 0x0C
    }

    /// The index just past a comment's `-->` (or the end of the input).
    private static func commentEnd(_ bytes: [UInt8], from start: Int) -> Int {
        var index = start
        while index + 2 < bytes.count {
            if bytes[index] == UInt8(ascii: "-"), bytes[index + 1] == UInt8(ascii: "-"), bytes[index + 2] == UInt8(ascii: ">") { return index + 3 }
            index += 1
        }
        return bytes.count
    }

    /// The index of the `>` that ends a start tag, and whether it is written `/>`. A quote
    /// opens a value only right after `=`, as in HTML5, so a stray apostrophe cannot swallow
    /// the page.
    private static func startTagEnd(_ bytes: [UInt8], from start: Int) -> (Int, Bool) {
        var index = start
        var afterEquals = false
        while index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: ">") { return (index, index > start && bytes[index - 1] == UInt8(ascii: "/")) }
            if afterEquals, byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "'") {
                var close = index + 1
                while close < bytes.count, bytes[close] != byte { close += 1 }
                index = close + 1
                afterEquals = false
                continue
            }
            if byte == UInt8(ascii: "=") { afterEquals = true } else if !(byte == 0x20 || byte == 0x0A || byte == 0x09 || byte == 0x0D) { afterEquals = false }
            index += 1
        }
        return (bytes.count, false)
    }

    /// Whether the attributes of a `<script` start tag declare JSON-LD.
    private static func isJSONLD(_ attributes: ArraySlice<UInt8>) -> Bool {
        let needle = Array("ld+json".utf8)
        guard attributes.count >= needle.count else { return false }
        var position = attributes.startIndex
        while position + needle.count <= attributes.endIndex {
            if zip(attributes[position..<(position + needle.count)], needle).allSatisfy({ $0 | 0x20 == $1 }) { return true }
            position += 1
        }
        return false
    }

    /// Tags that only wrap other content; dropping them keeps every word of the page.
    private static let blockWrappers: Set<String> = [
        "div", "section", "center", "blockquote", "article", "main", "aside", "header", "footer", "nav", "table",
        "tbody", "thead", "tr", "td", "th", "ul", "ol", "li", "dl", "dd", "dt",
    ]
    private static let inlineWrappers: Set<String> = [
        "span", "font", "b", "i", "u", "em", "strong", "small", "big", "sub", "sup", "a", "abbr", "cite", "q", "mark",
        "s", "strike", "tt", "code", "label",
    ]

    /// Removes the start and end tags of wrapper elements, keeping their content, so that a
    /// page nested thousands deep parses flat. Quoted attribute values may hold `>`.
    static func removingWrapperTags(_ bytes: [UInt8]) -> [UInt8] {
        var output: [UInt8] = []
        output.reserveCapacity(bytes.count)
        var index = 0
        let count = bytes.count
        while index < count {
            let byte = bytes[index]
            guard byte == UInt8(ascii: "<") else { output.append(byte); index += 1; continue }
            var nameStart = index + 1
            if nameStart < count, bytes[nameStart] == UInt8(ascii: "/") { nameStart += 1 }
            var nameEnd = nameStart
            while nameEnd < count, nameEnd - nameStart < 12, (bytes[nameEnd] | 0x20) >= UInt8(ascii: "a"), (bytes[nameEnd] | 0x20) <= UInt8(ascii: "z") { nameEnd += 1 }
            let name = String(decoding: bytes[nameStart..<nameEnd].map { $0 | 0x20 }, as: UTF8.self)
            let followsName = nameEnd < count ? bytes[nameEnd] : 0
            let isBlock = blockWrappers.contains(name)
            guard isBlock || inlineWrappers.contains(name), [UInt8(ascii: ">"), UInt8(ascii: " "), UInt8(ascii: "/"), 0x0A, 0x09, 0x0D].contains(followsName) else {
                output.append(byte)
                index += 1
                continue
            }
            var cursor = nameEnd
            var quote: UInt8 = 0
            while cursor < count {
                let current = bytes[cursor]
                if quote != 0 {
                    if current == quote { quote = 0 }
                } else if current == UInt8(ascii: "\"") || current == UInt8(ascii: "'") {
                    quote = current
                } else if current == UInt8(ascii: ">") {
                    break
                }
                cursor += 1
            }
            // Block wrappers leave a line break, so words of adjacent blocks stay apart; inline
            // ones leave nothing, so "Bash<b>ar</b>" stays one word.
            if isBlock { output.append(0x0A) }
            index = cursor + 1
        }
        return output
    }
}
