/// A half-open range of a document's text, counted in Unicode scalars (code points).
///
/// `start` is the offset of the first scalar and `end` the offset just past the last one,
/// so the span covers the same characters as Python's `text[start:end]`. Offsets are never
/// grapheme clusters, UTF-16 code units or bytes.
public struct TextSpan: Sendable, Hashable, Codable, Comparable, CustomStringConvertible {
    /// Offset of the first scalar, in Unicode scalars from the start of the text.
    public var start: Int
    /// Offset just past the last scalar (exclusive), in Unicode scalars.
    public var end: Int

    /// Creates a span from scalar offsets; `end` is exclusive.
    ///
    /// A valid span has `0 <= start <= end <= ` the text's length. The initialiser does not trap
    /// on others (a stage's output is input too): the ``Pipeline`` checks every span a stage
    /// returns and fails that document with ``StageFailure/Reason/spanOutsideText(layer:start:end:length:)``.
    public init(start: Int, end: Int) {
        self.start = start
        self.end = end
    }

    /// Whether the span lies inside a text of `length` scalars: `0 <= start <= end <= length`.
    public func isValid(in length: Int) -> Bool { 0 <= start && start <= end && end <= length }

    /// The number of scalars the span covers.
    public var length: Int { end - start }

    /// Whether the span covers no scalar at all.
    public var isEmpty: Bool { start == end }

    /// Whether `other` lies entirely inside this span.
    public func contains(_ other: TextSpan) -> Bool { start <= other.start && other.end <= end }

    /// Whether the two spans share at least one scalar.
    public func overlaps(_ other: TextSpan) -> Bool { start < other.end && other.start < end }

    public static func < (lhs: TextSpan, rhs: TextSpan) -> Bool {
        (lhs.start, lhs.end) < (rhs.start, rhs.end)
    }

    public var description: String { "\(start)..<\(end)" }
}

/// A value that lies over a span of the document text.
public protocol Spanned {
    /// Where the value lies, in Unicode scalar offsets with an exclusive end.
    var span: TextSpan { get }
}

/// An annotation with an id that is unique within its layer; the pipeline checks it.
public protocol Identified {
    /// The annotation's id, such as `"e3"`.
    var id: String { get }
}
