import NewsAnnotation

/// Finds the blocks of a plain text by its layout: headings, paragraphs, list items, and the
/// publisher's closing lines.
///
/// Two layouts are told apart. Text with one paragraph per line (as the seed article) gives a
/// block per line. Text hard-wrapped into paragraphs separated by blank lines gives a block per
/// paragraph, its inner line breaks kept inside the block.
struct TextLayout: Sendable {
    let footerCues: [String]

    func blocks(of scalars: [Unicode.Scalar]) -> [Block] {
        let lines = Self.lines(of: scalars)
        let nonBlank = lines.filter { !$0.isBlank }
        let blankCount = lines.count - nonBlank.count
        // Hard-wrapped paragraphs: blank lines separate groups holding several lines each.
        var groups: [[Line]] = []
        var current: [Line] = []
        for line in lines {
            if line.isBlank {
                if !current.isEmpty { groups.append(current); current = [] }
            } else {
                current.append(line)
            }
        }
        if !current.isEmpty { groups.append(current) }
        let isWrapped = blankCount > 0 && Double(nonBlank.count) / Double(max(groups.count, 1)) > 1.5

        var blocks: [Block] = []
        for group in groups {
            if !isWrapped {
                for line in group { blocks.append(classify(line.content, in: scalars, alone: true)) }
                continue
            }
            var run: [Line] = []
            func flushRun() {
                guard let first = run.first, let last = run.last else { return }
                let span = TextSpan(start: first.content.start, end: last.content.end)
                blocks.append(classify(span, in: scalars, alone: run.count == 1 && group.count == 1))
                run = []
            }
            for line in group {
                if let marker = Self.listMarkerLength(scalars, at: line.content.start), marker < line.content.length {
                    flushRun()
                    blocks.append(Block(span: TextSpan(start: line.content.start + marker, end: line.content.end), kind: .listItem))
                } else {
                    run.append(line)
                }
            }
            flushRun()
        }
        markFooters(&blocks, in: scalars)
        return blocks
    }

    static let footerScalarLimit = 4096

    /// Marks the trailing blocks that are publisher furniture as footers.
    func markFooters(_ blocks: inout [Block], in scalars: [Unicode.Scalar]) {
        var index = blocks.count - 1
        var examined = 0
        while index >= 0 && examined < 6 {
            let block = blocks[index]
            if block.kind == .boilerplate || block.kind == .caption { index -= 1; continue }
            // A footer line has at most 300 characters. A block of more code points than
            // `footerScalarLimit` has more than 300 in any text (it would take over 13
            // combining marks on every letter), so a 12 MB paragraph is not lowercased whole
            // just to be measured.
            guard block.end - block.start <= Self.footerScalarLimit else { break }
            let lowered = String(String.UnicodeScalarView(scalars[block.start..<block.end])).lowercased()
            guard lowered.count <= 300, footerCues.contains(where: { lowered.contains($0) }) else { break }
            blocks[index].kind = .footer
            blocks[index].level = nil
            index -= 1
            examined += 1
        }
    }

    private func classify(_ span: TextSpan, in scalars: [Unicode.Scalar], alone: Bool) -> Block {
        let content = scalars[span.start..<span.end]
        if !content.contains(where: { $0.properties.isAlphabetic || $0.properties.numericType != nil }) {
            return Block(span: span, kind: .boilerplate)
        }
        // The marker ("- ", "1. ") stays in the text but out of the item's span.
        if let markerLength = Self.listMarkerLength(scalars, at: span.start), markerLength < span.length {
            return Block(span: TextSpan(start: span.start + markerLength, end: span.end), kind: .listItem)
        }
        var hashes = 0
        while hashes < content.count, content[span.start + hashes] == "#" { hashes += 1 }
        if (1...6).contains(hashes), span.start + hashes + 1 < span.end, scalars[span.start + hashes] == " " {
            return Block(span: TextSpan(start: span.start + hashes + 1, end: span.end), kind: .heading, level: hashes)
        }
        if alone, Self.looksLikeHeading(content) {
            return Block(span: span, kind: .heading)
        }
        return Block(span: span, kind: .paragraph)
    }

    /// A short line that starts like a title and does not end like a sentence; a question is a
    /// heading only when it is short ("E il futuro?").
    static func looksLikeHeading(_ content: ArraySlice<Unicode.Scalar>) -> Bool {
        guard let first = content.first, let last = content.last, content.count <= 100 else { return false }
        guard first.properties.isUppercase || first.properties.numericType != nil else { return false }
        var words = 0
        var inWord = false
        for scalar in content {
            let isSpace = scalar.properties.isWhitespace
            if !isSpace && !inWord { words += 1 }
            inWord = !isSpace
        }
        if last == "?" { return words <= 10 }
        let sentenceEnders: Set<Unicode.Scalar> = [".", ",", ";", ":", "!", "…", "”", "»", "\"", "’", "'", ")", "-", "–", "—"]
        return words <= 12 && !sentenceEnders.contains(last)
    }

    /// The length of a list marker ("- ", "• ", "1. ", "a) ") at `start`, if there is one.
    static func listMarkerLength(_ scalars: [Unicode.Scalar], at start: Int) -> Int? {
        guard start < scalars.count else { return nil }
        let bullets: Set<Unicode.Scalar> = ["-", "*", "•", "·", "◦", "▪", "‣", "–"]
        if bullets.contains(scalars[start]) {
            return start + 1 < scalars.count && (scalars[start + 1] == " " || scalars[start + 1] == "\t") ? 2 : nil
        }
        var index = start
        while index < scalars.count, index - start < 3, scalars[index].properties.numericType != nil { index += 1 }
        if index == start, start + 1 < scalars.count, scalars[start].properties.isLowercase, scalars[start + 1] == ")" { index += 1 }
        guard index > start, index + 1 < scalars.count, scalars[index] == "." || scalars[index] == ")", scalars[index + 1] == " " else { return nil }
        return index + 2 - start
    }

    struct Line {
        /// The line without its break and without surrounding whitespace.
        var content: TextSpan
        var isBlank: Bool { content.isEmpty }
    }

    static func lines(of scalars: [Unicode.Scalar]) -> [Line] {
        var lines: [Line] = []
        var start = 0
        let count = scalars.count
        var index = 0
        while index <= count {
            if index == count || scalars[index] == "\n" {
                var lower = start
                var upper = index
                while lower < upper, scalars[lower].properties.isWhitespace { lower += 1 }
                while upper > lower, scalars[upper - 1].properties.isWhitespace { upper -= 1 }
                if index < count || start < count { lines.append(Line(content: TextSpan(start: lower, end: upper))) }
                start = index + 1
            }
            index += 1
        }
        return lines
    }
}
