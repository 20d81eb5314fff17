/// Writes a ``JSONNode`` as UTF-8 bytes, either compact (one line, for JSON Lines) or pretty.
///
/// Pretty output puts an object or array whose members are all scalars on one line, so a
/// layer reads one annotation per line and diffs stay small.
struct JSONWriter {
    var pretty: Bool
    private(set) var bytes: [UInt8] = []

    init(pretty: Bool) { self.pretty = pretty }

    mutating func write(_ node: JSONNode) {
        write(node, indent: 0)
    }

    private mutating func write(_ node: JSONNode, indent: Int) {
        switch node.kind {
        case .unset, .null: append("null")
        case .bool: append(node.boolValue ? "true" : "false")
        case .number: append(node.scalarText)
        case .string: writeString(node.scalarText)
        case .array:
            let items = node.items
            if items.isEmpty { append("[]"); return }
            let inline = !pretty || items.allSatisfy(\.isScalar)
            bytes.append(UInt8(ascii: "["))
            for (index, item) in items.enumerated() {
                if index > 0 { bytes.append(UInt8(ascii: ",")); if inline && pretty { bytes.append(UInt8(ascii: " ")) } }
                if !inline { newline(indent + 1) }
                write(item, indent: indent + 1)
            }
            if !inline { newline(indent) }
            bytes.append(UInt8(ascii: "]"))
        case .inlineArray:
            let ends = node.inlineEnds
            if ends.isEmpty { append("[]"); return }
            bytes.append(UInt8(ascii: "["))
            var start = 0
            for (index, end) in ends.enumerated() {
                if index > 0 { bytes.append(UInt8(ascii: ",")) }
                if pretty { newline(indent + 1) }
                bytes.append(contentsOf: node.inlineBytes[start..<end])
                start = end
            }
            if pretty { newline(indent) }
            bytes.append(UInt8(ascii: "]"))
        case .object:
            let keys = node.keys
            let members = node.members
            if keys.isEmpty { append("{}"); return }
            let inline = !pretty || members.allSatisfy(\.isScalar)
            bytes.append(UInt8(ascii: "{"))
            for (index, key) in keys.enumerated() {
                if index > 0 { bytes.append(UInt8(ascii: ",")); if inline && pretty { bytes.append(UInt8(ascii: " ")) } }
                if !inline { newline(indent + 1) }
                writeString(key)
                bytes.append(UInt8(ascii: ":"))
                if pretty { bytes.append(UInt8(ascii: " ")) }
                write(members[index], indent: indent + 1)
            }
            if !inline { newline(indent) }
            bytes.append(UInt8(ascii: "}"))
        }
    }

    private mutating func newline(_ indent: Int) {
        bytes.append(UInt8(ascii: "\n"))
        bytes.append(contentsOf: repeatElement(UInt8(ascii: " "), count: indent * 2))
    }

    private mutating func append(_ text: String) { bytes.append(contentsOf: text.utf8) }

    private static let hex: [UInt8] = Array("0123456789abcdef".utf8)

    private mutating func writeString(_ text: String) {
        JSONWriter.appendString(text, to: &bytes)
    }

    /// Appends `text` as a JSON string: quotes, backslashes and control characters escaped,
    /// everything else as UTF-8.
    static func appendString(_ text: String, to bytes: inout [UInt8]) {
        func append(_ literal: String) { bytes.append(contentsOf: literal.utf8) }
        bytes.append(UInt8(ascii: "\""))
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "\""): append("\\\"")
            case UInt8(ascii: "\\"): append("\\\\")
            case UInt8(ascii: "\n"): append("\\n")
            case UInt8(ascii: "\r"): append("\\r")
            case UInt8(ascii: "\t"): append("\\t")
            case 0..<0x20, 0x7F:
                append("\\u00")
                bytes.append(Self.hex[Int(byte >> 4)])
                bytes.append(Self.hex[Int(byte & 0xF)])
            default: bytes.append(byte)
            }
        }
        bytes.append(UInt8(ascii: "\""))
    }
}
