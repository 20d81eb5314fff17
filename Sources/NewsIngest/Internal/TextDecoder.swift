#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The outcome of decoding input bytes: UTF-8 text and how it was obtained.
struct DecodedText {
    var text: String
    /// The WHATWG-style name of the encoding used (`utf-8`, `windows-1252`…).
    var encoding: String
    /// Diagnostics about the decision: `(id, message)` pairs.
    var notes: [(id: String, message: String)] = []
}

/// Decides the character encoding of input bytes and decodes them to UTF-8.
///
/// Order: a byte-order mark; an encoding the user named; for HTML, a `<meta charset>` or
/// `http-equiv` declaration in the first bytes; UTF-8 when the bytes are valid UTF-8; else
/// Windows-1252, which decodes any byte sequence. Bytes that are mostly UTF-8 with a few
/// invalid sequences are decoded as UTF-8 with U+FFFD in their place, which keeps more text
/// than reading the whole file as Windows-1252.
enum TextDecoder {
    static func decode(_ bytes: [UInt8], declared: String?, sniffHTML: Bool) throws(IngestError) -> DecodedText {
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) {
            return utf8(Array(bytes.dropFirst(3)), label: "utf-8")
        }
        if bytes.starts(with: [0xFF, 0xFE]) {
            return DecodedText(text: utf16(bytes.dropFirst(2), bigEndian: false), encoding: "utf-16le")
        }
        if bytes.starts(with: [0xFE, 0xFF]) {
            return DecodedText(text: utf16(bytes.dropFirst(2), bigEndian: true), encoding: "utf-16be")
        }
        if let declared {
            guard let encoding = Encoding(label: declared) else { throw .unknownEncoding(label: declared) }
            return try decode(bytes, as: encoding)
        }
        if sniffHTML, let label = metaCharset(in: bytes) {
            if let encoding = Encoding(label: label) {
                if encoding == .utf8 {
                    // A page that says UTF-8 but is not: fall through to detection.
                    if let text = String(validating: bytes, as: UTF8.self) {
                        return DecodedText(text: text, encoding: "utf-8")
                    }
                } else if let decoded = try? decode(bytes, as: encoding) {
                    return decoded
                }
            } else {
                var result = detect(bytes)
                result.notes.append((
                    "unknown_declared_encoding",
                    "the page declares the unknown encoding '\(label)'; decoded as \(result.encoding)"))
                return result
            }
        }
        return detect(bytes)
    }

    /// UTF-8 if valid; mostly-UTF-8 with replacements; otherwise Windows-1252.
    static func detect(_ bytes: [UInt8]) -> DecodedText {
        if let text = String(validating: bytes, as: UTF8.self) {
            return DecodedText(text: text, encoding: "utf-8")
        }
        let (valid, invalid) = utf8SequenceCounts(bytes)
        if valid >= 8 && valid >= invalid * 4 {
            var result = DecodedText(text: String(decoding: bytes, as: UTF8.self), encoding: "utf-8")
            result.notes.append((
                "invalid_utf8_replaced",
                "\(invalid) invalid UTF-8 sequence\(invalid == 1 ? "" : "s") replaced with U+FFFD"))
            return result
        }
        var result = DecodedText(text: windows1252(bytes[...]), encoding: "windows-1252")
        result.notes.append((
            "decoded_as_windows_1252",
            "the input is not valid UTF-8; decoded as windows-1252 (pass --encoding to choose another)"))
        return result
    }

    private static func utf8(_ bytes: [UInt8], label: String) -> DecodedText {
        if let text = String(validating: bytes, as: UTF8.self) { return DecodedText(text: text, encoding: label) }
        var result = DecodedText(text: String(decoding: bytes, as: UTF8.self), encoding: label)
        let (_, invalid) = utf8SequenceCounts(bytes)
        result.notes.append(("invalid_utf8_replaced", "\(invalid) invalid UTF-8 sequence\(invalid == 1 ? "" : "s") replaced with U+FFFD"))
        return result
    }

    /// Counts valid multi-byte sequences and invalid sequences in one pass.
    static func utf8SequenceCounts(_ bytes: [UInt8]) -> (validMultibyte: Int, invalid: Int) {
        var valid = 0
        var invalid = 0
        var index = 0
        let count = bytes.count
        while index < count {
            let lead = bytes[index]
            if lead < 0x80 { index += 1; continue }
            let length: Int
            switch lead {
            case 0xC2...0xDF: length = 2
            case 0xE0...0xEF: length = 3
            case 0xF0...0xF4: length = 4
            default: invalid += 1; index += 1; continue
            }
            var ok = index + length <= count
            if ok {
                for offset in 1..<length where bytes[index + offset] & 0xC0 != 0x80 { ok = false; break }
            }
            if ok {
                let second = bytes[index + 1]
                if (lead == 0xE0 && second < 0xA0) || (lead == 0xED && second > 0x9F)
                    || (lead == 0xF0 && second < 0x90) || (lead == 0xF4 && second > 0x8F) { ok = false }
            }
            if ok { valid += 1; index += length } else { invalid += 1; index += 1 }
        }
        return (valid, invalid)
    }

    /// The encodings decoded here; anything else goes through iconv.
    enum Encoding: Equatable {
        case utf8
        case windows1252
        case iso885915
        case utf16(bigEndian: Bool)
        case iconv(String)

        init?(label raw: String) {
            let label = raw.trimmingWhitespace().lowercased()
            switch label {
            case "utf-8", "utf8", "unicode-1-1-utf-8", "x-unicode20utf8":
                self = .utf8
            // WHATWG decodes all of these as windows-1252, a superset of Latin-1.
            case "windows-1252", "cp1252", "x-cp1252", "iso-8859-1", "iso8859-1", "iso_8859-1", "latin1",
                 "l1", "ascii", "us-ascii", "iso-ir-100", "cp819", "ibm819", "iso88591", "csisolatin1":
                self = .windows1252
            case "iso-8859-15", "iso8859-15", "iso_8859-15", "latin9", "l9", "iso885915", "latin-9":
                self = .iso885915
            case "utf-16", "utf-16le": self = .utf16(bigEndian: false)
            case "utf-16be": self = .utf16(bigEndian: true)
            case "": return nil
            default:
                guard label.utf8.allSatisfy({ $0 < 0x80 && $0 > 0x20 }), IconvDecoder.isSupported(label) else { return nil }
                self = .iconv(label)
            }
        }

        var name: String {
            switch self {
            case .utf8: "utf-8"
            case .windows1252: "windows-1252"
            case .iso885915: "iso-8859-15"
            case .utf16(let bigEndian): bigEndian ? "utf-16be" : "utf-16le"
            case .iconv(let label): label
            }
        }
    }

    static func decode(_ bytes: [UInt8], as encoding: Encoding) throws(IngestError) -> DecodedText {
        switch encoding {
        case .utf8: return utf8(bytes, label: "utf-8")
        case .windows1252: return DecodedText(text: windows1252(bytes[...]), encoding: "windows-1252")
        case .iso885915: return DecodedText(text: iso885915(bytes), encoding: "iso-8859-15")
        case .utf16(let bigEndian): return DecodedText(text: utf16(bytes[...], bigEndian: bigEndian), encoding: encoding.name)
        case .iconv(let label):
            guard let text = IconvDecoder.decode(bytes, from: label) else {
                var result = detect(bytes)
                result.notes.append(("undecodable_bytes", "the bytes are not valid \(label); decoded as \(result.encoding)"))
                return result
            }
            return DecodedText(text: text, encoding: label)
        }
    }

    private static let cp1252High: [UInt32] = [
        0x20AC, 0x0081, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0x008D, 0x017D, 0x008F,
        0x0090, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x009D, 0x017E, 0x0178,
    ]

    static func windows1252(_ bytes: ArraySlice<UInt8>) -> String {
        var scalars = String.UnicodeScalarView()
        for byte in bytes {
            let value = (0x80...0x9F).contains(byte) ? cp1252High[Int(byte) - 0x80] : UInt32(byte)
            scalars.append(Unicode.Scalar(value) ?? "\u{FFFD}")
        }
        return String(scalars)
    }

    private static func iso885915(_ bytes: [UInt8]) -> String {
        let differences: [UInt8: UInt32] = [0xA4: 0x20AC, 0xA6: 0x0160, 0xA8: 0x0161, 0xB4: 0x017D, 0xB8: 0x017E, 0xBC: 0x0152, 0xBD: 0x0153, 0xBE: 0x0178]
        var scalars = String.UnicodeScalarView()
        for byte in bytes {
            scalars.append(Unicode.Scalar(differences[byte] ?? UInt32(byte)) ?? "\u{FFFD}")
        }
        return String(scalars)
    }

    private static func utf16(_ bytes: ArraySlice<UInt8>, bigEndian: Bool) -> String {
        var units: [UInt16] = []
        units.reserveCapacity(bytes.count / 2)
        var iterator = bytes.makeIterator()
        while let first = iterator.next(), let second = iterator.next() {
            units.append(bigEndian ? UInt16(first) << 8 | UInt16(second) : UInt16(second) << 8 | UInt16(first))
        }
        return String(decoding: units, as: UTF16.self)
    }

    /// Finds a charset declared in a `<meta>` tag within the first 4 KiB (the HTML prescan).
    static func metaCharset(in bytes: [UInt8]) -> String? {
        let head = Array(bytes.prefix(4096)).map { ($0 >= 0x41 && $0 <= 0x5A) ? $0 + 0x20 : $0 }
        let meta = Array("<meta".utf8)
        let charset = Array("charset".utf8)
        var index = 0
        while let metaStart = find(meta, in: head, from: index) {
            let tagEnd = head[metaStart...].firstIndex(of: UInt8(ascii: ">")) ?? head.count
            var cursor = metaStart
            while let found = find(charset, in: head, from: cursor), found < tagEnd {
                var position = found + charset.count
                while position < tagEnd, head[position] == UInt8(ascii: " ") { position += 1 }
                guard position < tagEnd, head[position] == UInt8(ascii: "=") else { cursor = position; continue }
                position += 1
                while position < tagEnd, [UInt8(ascii: " "), UInt8(ascii: "\""), UInt8(ascii: "'")].contains(head[position]) { position += 1 }
                var end = position
                while end < tagEnd, !([UInt8(ascii: " "), UInt8(ascii: "\""), UInt8(ascii: "'"), UInt8(ascii: ";"), UInt8(ascii: "/"), UInt8(ascii: ">")].contains(head[end])) {
                    end += 1
                }
                if end > position { return String(decoding: head[position..<end], as: UTF8.self) }
                cursor = end
            }
            index = tagEnd
        }
        return nil
    }

    private static func find(_ needle: [UInt8], in haystack: [UInt8], from start: Int) -> Int? {
        guard needle.count <= haystack.count, start <= haystack.count - needle.count else { return nil }
        var index = start
        while index <= haystack.count - needle.count {
            if haystack[index] == needle[0] && haystack[index..<(index + needle.count)].elementsEqual(needle) { return index }
            index += 1
        }
        return nil
    }
}

/// Decodes legacy encodings that have no table here through the C library's iconv.
enum IconvDecoder {
    static func isSupported(_ label: String) -> Bool {
        let handle = iconv_open("UTF-8", label)
        guard handle != iconv_t(bitPattern: -1) else { return false }
        iconv_close(handle)
        return true
    }

    static func decode(_ bytes: [UInt8], from label: String) -> String? {
        let handle = iconv_open("UTF-8", label)
        guard handle != iconv_t(bitPattern: -1) else { return nil }
        defer { iconv_close(handle) }
        var input = bytes.map { CChar(bitPattern: $0) }
        var output = [CChar](repeating: 0, count: bytes.count * 4 + 16)
        let produced: Int? = input.withUnsafeMutableBufferPointer { inBuffer in
            output.withUnsafeMutableBufferPointer { outBuffer in
                var inPointer = inBuffer.baseAddress
                var inLeft = inBuffer.count
                var outPointer = outBuffer.baseAddress
                var outLeft = outBuffer.count
                let result = iconv(handle, &inPointer, &inLeft, &outPointer, &outLeft)
                if result == -1 || inLeft != 0 { return nil }
                return outBuffer.count - outLeft
            }
        }
        guard let produced else { return nil }
        return String(validating: output[..<produced].map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }
}

extension String {
    func trimmingWhitespace() -> String {
        let scalars = unicodeScalars
        guard let first = scalars.firstIndex(where: { !$0.properties.isWhitespace }),
              let last = scalars.lastIndex(where: { !$0.properties.isWhitespace }) else { return "" }
        return String(scalars[first...last])
    }
}
