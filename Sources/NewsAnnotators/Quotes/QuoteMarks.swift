import NewsAnnotation

/// Finds quoted stretches in one block: pairs of quotation marks of many conventions (“ ” « » „ “
/// ‚ ‘ ‹ › ” ” » « " ', and the doubled '' and `` of typewritten news), nested quotes inside them, apostrophes that are not marks, and the
/// long-dash dialogue style. A quote still open at the end of the block is returned unclosed.
enum QuoteMarks {
    struct Segment: Sendable, Hashable {
        /// The opening mark's offset.
        var open: Int
        /// The closing mark's offset; `nil` when the block ends first.
        var close: Int?
        /// The quoted words, marks excluded, spaces trimmed.
        var content: TextSpan
        /// The opening mark.
        var opener: Unicode.Scalar
    }

    private struct Open {
        var position: Int
        var opener: Unicode.Scalar
        var closers: [Unicode.Scalar]
        /// 2 for a doubled mark (`''` or ``` `` ```), else 1.
        var length = 1
    }

    /// Stands for the doubled marks of typewritten news (`''…''`, ``` ``…'' ```: the New York
    /// Times archive, TimeBank, PolNeAR): a double quotation mark made of two scalars.
    static let doubledMark: Unicode.Scalar = "\u{201D}"

    /// Whether two apostrophes or two backticks start at `index`.
    private static func isDoubled(_ scalars: [Unicode.Scalar], _ index: Int, _ end: Int, _ mark: Unicode.Scalar) -> Bool {
        index + 1 < end && scalars[index] == mark && scalars[index + 1] == mark
    }

    static func isLetterOrDigit(_ scalar: Unicode.Scalar) -> Bool {
        scalar.properties.isAlphabetic || scalar.properties.numericType != nil
    }

    /// Whether an opening mark may stand here: after a space, the block start or an opening
    /// bracket or dash, and before something other than a space or a closing punctuation mark.
    /// A guillemet may be followed by a space: French typography spaces its marks (`« texte »`,
    /// with a no-break or thin space), and so does much web text; `afterSpace` is then the
    /// scalar after that space.
    private static func canOpen(_ scalar: Unicode.Scalar, previous: Unicode.Scalar?, next: Unicode.Scalar?, afterSpace: Unicode.Scalar? = nil) -> Bool {
        guard var next else { return false }
        if next.properties.isWhitespace {
            guard scalar == "«" || scalar == "‹", let afterSpace, !afterSpace.properties.isWhitespace else { return false }
            next = afterSpace
        }
        if ".,;:!?)]}".unicodeScalars.contains(next) { return false }
        guard let previous else { return true }
        return previous.properties.isWhitespace || "([{–—-:/".unicodeScalars.contains(previous) || previous == "\u{00A0}"
    }

    static func segments(in scalars: [Unicode.Scalar], block: TextSpan) -> [Segment] {
        var segments: [Segment] = []
        var stack: [Open] = []
        var index = block.start
        // Dialogue: a paragraph that opens with a long dash is speech up to the next spaced dash.
        if block.end - block.start > 2, "—―".unicodeScalars.contains(scalars[block.start]), scalars[block.start + 1].properties.isWhitespace {
            var end = block.start + 2
            while end < block.end, !(scalars[end].properties.isWhitespace && end + 1 < block.end && "—―".unicodeScalars.contains(scalars[end + 1])) { end += 1 }
            segments.append(Segment(open: block.start, close: end < block.end ? end + 1 : nil, content: trimmed(TextSpan(start: block.start + 2, end: end), scalars), opener: scalars[block.start]))
            index = end
        }
        while index < block.end {
            let scalar = scalars[index]
            let previous: Unicode.Scalar? = index > block.start ? scalars[index - 1] : nil
            // Doubled marks: '' closes a quote they opened (or `` opened), else opens one.
            if isDoubled(scalars, index, block.end, "'") || isDoubled(scalars, index, block.end, "`") {
                let afterPair: Unicode.Scalar? = index + 2 < block.end ? scalars[index + 2] : nil
                if scalar == "'", let top = stack.last, top.length == 2, previous.map({ !$0.properties.isWhitespace }) ?? false {
                    stack.removeLast()
                    if stack.isEmpty {
                        segments.append(Segment(open: top.position, close: index, content: trimmed(TextSpan(start: top.position + 2, end: index), scalars), opener: doubledMark))
                    }
                    index += 2
                    continue
                }
                if stack.allSatisfy({ $0.length != 2 }), canOpen(scalar, previous: previous, next: afterPair) {
                    stack.append(Open(position: index, opener: doubledMark, closers: [], length: 2))
                    index += 2
                    continue
                }
            }
            let next: Unicode.Scalar? = index + 1 < block.end ? scalars[index + 1] : nil
            // An apostrophe between letters (l’Italia, don't) closes nothing; only apostrophes
            // need the neighbours' Unicode properties looked up.
            let isApostrophe = scalar == "’" || scalar == "'"
            let betweenLetters = isApostrophe && previous.map(isLetterOrDigit) == true && next.map(isLetterOrDigit) == true
            if let top = stack.last, top.closers.contains(scalar), !isApostrophe || !betweenLetters,
               previous.map({ !$0.properties.isWhitespace }) ?? false || scalar == "»" || scalar == "›" {
                stack.removeLast()
                if stack.isEmpty {
                    segments.append(Segment(open: top.position, close: index, content: trimmed(TextSpan(start: top.position + top.length, end: index), scalars), opener: top.opener))
                }
            } else if let closers = openers(scalar, stackIsEmpty: stack.isEmpty, insideDouble: stack.contains { isDouble($0.opener) }),
                      canOpen(scalar, previous: previous, next: next, afterSpace: index + 2 < block.end ? scalars[index + 2] : nil) {
                stack.append(Open(position: index, opener: scalar, closers: closers))
            }
            index += 1
        }
        if let first = stack.first {
            segments.append(Segment(open: first.position, close: nil, content: trimmed(TextSpan(start: first.position + first.length, end: block.end), scalars), opener: first.opener))
        }
        return segments
    }

    private static func isDouble(_ scalar: Unicode.Scalar) -> Bool { "“„«»\"”".unicodeScalars.contains(scalar) }

    /// The closing marks for an opening mark, or `nil` when `scalar` does not open here.
    private static func openers(_ scalar: Unicode.Scalar, stackIsEmpty: Bool, insideDouble: Bool) -> [Unicode.Scalar]? {
        switch scalar {
        case "“": ["”"]
        case "„": ["“", "”"]
        case "«": ["»"]
        case "‹": ["›"]
        case "‚": ["‘", "’"]
        case "‘": ["’"]
        case "\"": ["\""]
        // Swedish and Finnish ”…”, Danish »…«: only where no other quote is open.
        case "”": stackIsEmpty ? ["”"] : nil
        case "»": stackIsEmpty ? ["«"] : nil
        case "›": stackIsEmpty ? ["‹"] : nil
        // A straight single quote opens only inside double quotes, where apostrophes are rarer than nesting.
        case "'": insideDouble ? ["'"] : nil
        default: nil
        }
    }

    private static func trimmed(_ span: TextSpan, _ scalars: [Unicode.Scalar]) -> TextSpan {
        var start = span.start, end = span.end
        while start < end, scalars[start].properties.isWhitespace { start += 1 }
        while end > start, scalars[end - 1].properties.isWhitespace { end -= 1 }
        return TextSpan(start: start, end: end)
    }
}
