import NewsAnnotation

/// An element to wrap around a span of the text in the HTML view.
struct SpanMark {
    /// The span (code point offsets, end exclusive).
    var span: TextSpan
    /// Which element goes outside when two marks cover the same span: lower is outer.
    var rank: Int
    /// The start tag of the first fragment.
    var open: String
    /// The start tag of later fragments, when crossing marks split the element.
    var reopen: String
    /// The end tag.
    var close: String
}

/// Builds well-nested HTML from overlapping spans with an event sweep over code point
/// offsets.
///
/// Marks are ordered by start, then by end (longer first), then by rank: that order is the
/// nesting order. At every offset where a mark starts or ends, the elements open so far are
/// compared with the marks that cover the next stretch of text: the open elements past their
/// common prefix are closed (innermost first), and the missing ones are opened (outermost
/// first). A mark that crosses another's end is thereby split into fragments, the later
/// ones opened with ``SpanMark/reopen``. Every stretch of text is escaped.
enum SpanNesting {
    static func render(_ text: DocumentText, marks unsorted: [SpanMark]) -> String {
        let marks = unsorted.filter { !$0.span.isEmpty && $0.span.end <= text.count }
            .enumerated()
            .sorted { ($0.element.span.start, -$0.element.span.end, $0.element.rank, $0.offset) < ($1.element.span.start, -$1.element.span.end, $1.element.rank, $1.offset) }
            .map(\.element)
        var points = Set([0, text.count])
        var startsAt: [Int: [Int]] = [:]
        for (index, mark) in marks.enumerated() {
            points.insert(mark.span.start)
            points.insert(mark.span.end)
            startsAt[mark.span.start, default: []].append(index)
        }
        let ordered = points.sorted()
        var html = ""
        var active: [Int] = []      // marks covering the coming stretch, in nesting order
        var stack: [Int] = []       // elements open in the output, outermost first
        var opened = Set<Int>()
        for (position, point) in ordered.enumerated() {
            active.removeAll { marks[$0].span.end <= point }
            if let starting = startsAt[point] { active = (active + starting).sorted() }
            var common = 0
            while common < stack.count && common < active.count && stack[common] == active[common] { common += 1 }
            for index in stack[common...].reversed() { html += marks[index].close }
            stack.removeSubrange(common...)
            for index in active[common...] {
                html += opened.contains(index) ? marks[index].reopen : marks[index].open
                opened.insert(index)
                stack.append(index)
            }
            guard position + 1 < ordered.count else { break }
            html += text[TextSpan(start: point, end: ordered[position + 1])].markupEscaped
        }
        for index in stack.reversed() { html += marks[index].close }
        return html
    }
}
