/// A document's immutable text together with its Unicode scalars, indexed once.
///
/// Every offset in this library counts Unicode scalars (code points) with an exclusive end,
/// as Python's `text[start:end]` does. This type is the one place that converts between those
/// offsets and Swift string indices or UTF-8 offsets: no stage rescans the text to convert.
public struct DocumentText: Sendable, Hashable {
    /// The text as a Swift string.
    public let string: String
    /// The text's Unicode scalars; `scalars[i]` is the scalar at offset `i`.
    public let scalars: [Unicode.Scalar]
    /// `utf8Starts[i]` is the UTF-8 offset of scalar `i`; the last element is the UTF-8 length.
    private let utf8Starts: [Int]

    /// Indexes `string` once.
    public init(_ string: String) {
        var scalars: [Unicode.Scalar] = []
        var starts: [Int] = []
        scalars.reserveCapacity(string.utf8.count)
        starts.reserveCapacity(string.utf8.count + 1)
        var offset = 0
        for scalar in string.unicodeScalars {
            scalars.append(scalar)
            starts.append(offset)
            offset += UTF8.width(scalar)
        }
        starts.append(offset)
        self.string = string
        self.scalars = scalars
        self.utf8Starts = starts
    }

    /// The number of Unicode scalars in the text.
    public var count: Int { scalars.count }

    /// The span of the whole text.
    public var fullSpan: TextSpan { TextSpan(start: 0, end: scalars.count) }

    /// The text covered by `span` (scalar offsets, end exclusive).
    public subscript(span: TextSpan) -> String {
        let lower = Swift.min(span.start, scalars.count)
        let upper = Swift.min(span.end, scalars.count)
        var result = String.UnicodeScalarView()
        result.append(contentsOf: scalars[lower..<upper])
        return String(result)
    }

    /// The UTF-8 offset at which the scalar at `scalarOffset` starts.
    public func utf8Offset(ofScalar scalarOffset: Int) -> Int {
        utf8Starts[Swift.min(Swift.max(scalarOffset, 0), utf8Starts.count - 1)]
    }

    /// The scalar offset of the scalar that contains UTF-8 offset `utf8Offset` (binary search).
    public func scalarOffset(ofUTF8 utf8Offset: Int) -> Int {
        var low = 0
        var high = utf8Starts.count - 1
        while low < high {
            let mid = (low + high + 1) / 2
            if utf8Starts[mid] <= utf8Offset { low = mid } else { high = mid - 1 }
        }
        return low
    }

    /// The scalar span of a range of ``string``'s indices, as a regular expression or a string
    /// search returns it.
    public func span(of range: Range<String.Index>) -> TextSpan {
        let start = string.utf8.distance(from: string.startIndex, to: range.lowerBound)
        let end = string.utf8.distance(from: string.startIndex, to: range.upperBound)
        return TextSpan(start: scalarOffset(ofUTF8: start), end: scalarOffset(ofUTF8: end))
    }

    /// The string indices of a scalar span, for APIs that take `String.Index`.
    public func range(of span: TextSpan) -> Range<String.Index> {
        let utf8 = string.utf8
        let lower = utf8.index(utf8.startIndex, offsetBy: utf8Offset(ofScalar: span.start))
        let upper = utf8.index(utf8.startIndex, offsetBy: utf8Offset(ofScalar: span.end))
        return lower..<upper
    }

    public static func == (lhs: DocumentText, rhs: DocumentText) -> Bool { lhs.string == rhs.string }
    public func hash(into hasher: inout Hasher) { hasher.combine(string) }
}
