import Foundation
import NewsAnnotation

extension AnnotatedDocument {
    /// Reads brat standoff: `T1<TAB>PER 0 13<TAB>Richard Reeve` lines, offsets in code points
    /// into the `.txt` file beside the `.ann` file (brat's own unit), other lines ignored.
    ///
    /// A discontinuous span (`0 5;8 12`) becomes the span covering it. The document's id is
    /// the file's stem, and its spans go into `layer` as `{start, end, type}`, sorted by
    /// offset. Offsets past the text are refused as in annotated JSON.
    ///
    /// - Throws: ``ReadError`` when the text file is missing, or naming the file and line of
    ///   a malformed annotation.
    public init(brat content: String, path: String, layer: String) throws(ReadError) {
        let textPath = String(path.dropLast(4)) + ".txt"
        guard let textData = FileManager.default.contents(atPath: textPath) else {
            throw ReadError("'\(path)': brat annotations need their text in '\(textPath)'")
        }
        var spans: [(start: Int, end: Int, type: String)] = []
        for (number, line) in content.split(separator: "\n", omittingEmptySubsequences: false).enumerated() where line.hasPrefix("T") {
            let place = Self.place(path, number + 1)
            let columns = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            guard columns.count >= 2 else { throw ReadError("\(place): malformed text-bound annotation") }
            let header = columns[1].split(separator: " ", maxSplits: 1).map(String.init)
            guard header.count == 2 else { throw ReadError("\(place): expected 'TYPE START END'") }
            let offsets = header[1].split(whereSeparator: { $0 == " " || $0 == ";" }).compactMap { Int($0) }
            guard offsets.count >= 2, offsets.count % 2 == 0, let low = offsets.min(), let high = offsets.max() else {
                throw ReadError("\(place): bad offsets '\(header[1])'")
            }
            spans.append((low, high, header[0]))
        }
        spans.sort { ($0.start, $0.end) < ($1.start, $1.end) }
        try self.init(interchange: String(decoding: textData, as: UTF8.self), spans: spans, path: path, layer: layer)
    }
}
