public import NewsAnnotation

/// Text with expected spans written inline, for tests: `"⟦PER Richard Reeve⟧ dice che …"`.
///
/// `⟦` opens a span and `⟧` closes it. An optional label follows `⟦` up to the first space
/// when it is at least two characters written in capitals, digits, `_`, `-` or `#` and starts
/// with a capital (`PER`, `DATE`, `QUOTE#1`); otherwise the span is unlabelled, so `⟦E poi⟧`
/// marks "E poi" and `⟦300 dollars⟧` marks "300 dollars". Spans may nest. Offsets are Unicode scalar offsets into the text with
/// the markers removed, end exclusive, so marked text with emoji and accents tests the offset
/// unit too.
public struct MarkedText: Sendable, Hashable {
    /// One expected span.
    public struct Mark: Sendable, Hashable, Comparable, CustomStringConvertible {
        /// The label, such as `PER`, or `nil` for an unlabelled span.
        public var label: String?
        /// Where the span lies in ``MarkedText/text``.
        public var span: TextSpan

        /// Creates a mark.
        public init(label: String?, span: TextSpan) {
            self.label = label
            self.span = span
        }

        public static func < (lhs: Mark, rhs: Mark) -> Bool {
            (lhs.span.start, lhs.span.end, lhs.label ?? "") < (rhs.span.start, rhs.span.end, rhs.label ?? "")
        }

        public var description: String { "\(label.map { $0 + " " } ?? "")\(span)" }
    }

    /// The text without markers.
    public var text: String
    /// The marked spans, sorted by start, end and label.
    public var marks: [Mark]

    /// Parses marked text.
    ///
    /// - Throws: ``MarkedTextError`` for an unbalanced `⟦` or `⟧`.
    public init(_ marked: String) throws(MarkedTextError) {
        var text = String.UnicodeScalarView()
        var offset = 0
        var open: [(label: String?, start: Int)] = []
        var marks: [Mark] = []
        let scalars = Array(marked.unicodeScalars)
        var index = 0
        while index < scalars.count {
            let scalar = scalars[index]
            if scalar == "⟦" {
                var labelEnd = index + 1
                while labelEnd < scalars.count, Self.isLabelCharacter(scalars[labelEnd]) { labelEnd += 1 }
                if labelEnd > index + 2, labelEnd < scalars.count, scalars[labelEnd] == " ", ("A"..."Z").contains(scalars[index + 1]) {
                    let label = String(String.UnicodeScalarView(scalars[(index + 1)..<labelEnd]))
                    open.append((label, offset))
                    index = labelEnd + 1
                } else {
                    open.append((nil, offset))
                    index += 1
                }
                continue
            }
            if scalar == "⟧" {
                guard let (label, start) = open.popLast() else { throw MarkedTextError(message: "'⟧' at scalar \(index) closes no span", marked: marked) }
                marks.append(Mark(label: label, span: TextSpan(start: start, end: offset)))
                index += 1
                continue
            }
            text.append(scalar)
            offset += 1
            index += 1
        }
        guard open.isEmpty else { throw MarkedTextError(message: "\(open.count) '⟦' never closed", marked: marked) }
        self.text = String(text)
        self.marks = marks.sorted()
    }

    private static func isLabelCharacter(_ scalar: Unicode.Scalar) -> Bool {
        ("A"..."Z").contains(scalar) || ("0"..."9").contains(scalar) || scalar == "_" || scalar == "#" || scalar == "-"
    }

    /// Writes `text` with `marks` inline, the inverse of parsing.
    public static func render(_ text: String, marks: [Mark]) -> String {
        let scalars = Array(text.unicodeScalars)
        var opens: [Int: [Mark]] = [:]
        var closes: [Int: Int] = [:]
        for mark in marks {
            opens[mark.span.start, default: []].append(mark)
            closes[mark.span.end, default: 0] += 1
        }
        var result = String.UnicodeScalarView()
        for offset in 0...scalars.count {
            for _ in 0..<(closes[offset] ?? 0) { result.append("⟧") }
            for mark in (opens[offset] ?? []).sorted(by: { $0.span.end > $1.span.end }) {
                result.append("⟦")
                if let label = mark.label { result.append(contentsOf: (label + " ").unicodeScalars) }
            }
            if offset < scalars.count { result.append(scalars[offset]) }
        }
        return String(result)
    }

    /// Compares actual spans with the marked ones.
    ///
    /// - Parameters:
    ///   - actual: The spans a stage produced.
    ///   - compareLabels: Whether labels must match too; when false, only spans are compared.
    /// - Returns: `nil` when they match, or a readable report of the difference: both texts
    ///   rendered with their marks, and the spans missing and unexpected.
    public func difference(from actual: [Mark], compareLabels: Bool = true) -> String? {
        let normalize: (Mark) -> Mark = { compareLabels ? $0 : Mark(label: nil, span: $0.span) }
        let expected = Set(marks.map(normalize))
        let got = Set(actual.map(normalize))
        guard expected != got else { return nil }
        let missing = expected.subtracting(got).sorted()
        let unexpected = got.subtracting(expected).sorted()
        let content = DocumentText(text)
        func show(_ mark: Mark) -> String { "\(mark.label.map { $0 + " " } ?? "")\(mark.span) “\(content[mark.span])”" }
        var lines = [
            "expected: " + Self.render(text, marks: marks.map(normalize)),
            "actual:   " + Self.render(text, marks: actual.map(normalize).sorted()),
        ]
        lines += missing.map { "missing:    " + show($0) }
        lines += unexpected.map { "unexpected: " + show($0) }
        return lines.joined(separator: "\n")
    }
}

/// Marked text that cannot be parsed.
public struct MarkedTextError: Error, Sendable, CustomStringConvertible {
    /// What is wrong.
    public var message: String
    /// The marked text.
    public var marked: String
    public var description: String { "\(message) in marked text: \(marked)" }
}
