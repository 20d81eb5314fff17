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
