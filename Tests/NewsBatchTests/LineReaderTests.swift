import Foundation
@testable import NewsBatch
import Testing

/// A reader over `bytes` handed out in chunks of `size`.
private func reader(_ bytes: [UInt8], chunk size: Int, cap: Int = 1 << 20) -> LineReader {
    var offset = 0
    return LineReader(maxLineBytes: cap) {
        defer { offset = min(bytes.count, offset + size) }
        return Array(bytes[offset..<min(bytes.count, offset + size)])
    }
}

private func lines(_ reader: LineReader) -> [LineReader.Line] {
    var all: [LineReader.Line] = []
    while let line = reader.nextLine() { all.append(line) }
    return all
}

@Suite("Reading request lines")
struct LineReaderTests {
    @Test("lines come out whole whatever the chunk boundaries; a last line without newline counts", arguments: [1, 2, 7, 64, 1 << 16])
    func chunkBoundaries(size: Int) {
        let text = "first\n\nsecond line\n{\"id\": 3}\nno newline at the end"
        let expected = text.split(separator: "\n", omittingEmptySubsequences: false).map { LineReader.Line.bytes(Array($0.utf8)) }
        #expect(lines(reader(Array(text.utf8), chunk: size)) == expected)
    }

    @Test("a line over the cap is skipped to its newline and reported with its length; the next line is intact", arguments: [3, 50, 4096])
    func cap(size: Int) {
        let long = String(repeating: "x", count: 1000)
        let text = "short\n\(long)\nafter\n\(long)"
        #expect(lines(reader(Array(text.utf8), chunk: size, cap: 100)) == [.bytes(Array("short".utf8)), .tooLong(bytes: 1000), .bytes(Array("after".utf8)), .tooLong(bytes: 1000)])
    }

    @Test("one 16 MB line and 200,000 short lines read back exactly (the scan resumes, consumed lines are not shifted one by one)")
    func longAndMany() {
        let big = [UInt8](repeating: UInt8(ascii: "a"), count: 16 << 20)
        let longLines = lines(reader(big + [10] + Array("tail".utf8), chunk: 65536, cap: 32 << 20))
        #expect(longLines.count == 2)
        #expect(longLines.first == .bytes(big))
        var many: [UInt8] = []
        for index in 0..<200_000 { many += Array("\(index)\n".utf8) }
        let read = lines(reader(many, chunk: 1 << 20))
        #expect(read.count == 200_000)
        #expect(read.last == .bytes(Array("199999".utf8)))
    }
}
