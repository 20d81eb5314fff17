/// Tells binary data from text, and HTML from plain text, by looking at the first bytes.
enum ContentSniffer {
    private static let signatures: [(bytes: [UInt8], kind: String)] = [
        ([0x89, 0x50, 0x4E, 0x47], "a PNG image"),
        ([0xFF, 0xD8, 0xFF], "a JPEG image"),
        (Array("GIF87a".utf8), "a GIF image"),
        (Array("GIF89a".utf8), "a GIF image"),
        (Array("%PDF-".utf8), "a PDF document"),
        ([0x50, 0x4B, 0x03, 0x04], "a ZIP archive (or an office document)"),
        ([0x1F, 0x8B], "gzip-compressed data"),
        ([0x42, 0x5A, 0x68], "bzip2-compressed data"),
        ([0xFD, 0x37, 0x7A, 0x58, 0x5A, 0x00], "xz-compressed data"),
        ([0x28, 0xB5, 0x2F, 0xFD], "zstd-compressed data"),
        ([0x7F, 0x45, 0x4C, 0x46], "an executable (ELF)"),
        (Array("OggS".utf8) + [0], "audio or video (Ogg)"),
        (Array("ID3".utf8) + [3], "an MP3 file"),
        (Array("ID3".utf8) + [4], "an MP3 file"),
        ([0x00, 0x00, 0x01, 0x00], "an icon"),
        (Array("wOFF".utf8), "a web font"),
        (Array("wOF2".utf8), "a web font"),
        ([0x53, 0x51, 0x4C, 0x69, 0x74, 0x65], "an SQLite database"),
    ]

    /// A description of the binary format when the bytes are not text, else `nil`.
    static func binaryKind(of bytes: [UInt8]) -> String? {
        for signature in signatures where bytes.starts(with: signature.bytes) {
            return signature.kind
        }
        if bytes.count >= 12, bytes.starts(with: Array("RIFF".utf8)),
           [Array("WAVE".utf8), Array("AVI ".utf8), Array("WEBP".utf8)].contains(Array(bytes[8..<12])) {
            return "audio, video or an image (RIFF)"
        }
        if bytes.starts(with: [0xFF, 0xFE]) || bytes.starts(with: [0xFE, 0xFF]) { return nil }
        let sample = bytes.prefix(8192)
        var controls = 0
        for byte in sample {
            if byte == 0 { return "binary data (it contains NUL bytes)" }
            if byte < 0x20 && byte != 0x09 && byte != 0x0A && byte != 0x0D && byte != 0x0C && byte != 0x1B { controls += 1 }
        }
        if controls * 10 > sample.count { return "binary data (\(controls) control bytes in the first \(sample.count))" }
        return nil
    }

    /// Whether the bytes look like HTML: a doctype, an `<html>`, `<head>` or `<body>` tag, or
    /// several block tags near the start.
    static func looksLikeHTML(_ bytes: [UInt8]) -> Bool {
        let head = String(decoding: bytes.prefix(2048), as: UTF8.self).lowercased()
        let trimmed = head.drop { $0.isWhitespace || $0 == "\u{FEFF}" }
        if trimmed.hasPrefix("<!doctype html") || trimmed.hasPrefix("<html") || trimmed.hasPrefix("<?xml") && head.contains("<html") {
            return true
        }
        let markers = ["<html", "<head", "<body", "<p>", "<p ", "<div", "<article", "<br", "<meta "]
        return markers.filter { head.contains($0) }.count >= 2
    }
}
