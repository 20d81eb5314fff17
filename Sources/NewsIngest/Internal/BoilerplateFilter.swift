/// Recognises the blocks of an HTML body that are page furniture by their text alone, as
/// jusText and trafilatura do with their stop lists: widget and prompt lines ("Advertisement",
/// "Share this", "Loading…", "12 Comments"), photo credits ("Photo by Ann Lee/Getty Images",
/// "Reuters") and slideshow counters ("3 of 12", "3/12"). The lists are data, per language, in
/// `layout.json`; every language's entries apply to every page.
///
/// Only a whole block is judged, and only a short one, so a sentence that mentions an
/// advertisement or a photographer stays.
struct BoilerplateFilter: Sendable {
    private let lines: Set<String>
    private let creditPrefixes: [String]
    private let creditNames: Set<String>
    private let counterWords: Set<String>

    /// Credits longer than this are captions with a credit in them, and stay.
    static let maxCreditLength = 120
    /// Lines longer than this are never widget lines.
    static let maxLineLength = 60

    init(resources: LayoutResources) {
        lines = Set(LayoutResources.all(resources.boilerplateLines))
        creditPrefixes = LayoutResources.all(resources.creditPrefixes)
        creditNames = Set(LayoutResources.all(resources.creditNames))
        counterWords = Set(LayoutResources.all(resources.counterWords))
    }

    /// Whether a block of extracted text is furniture and leaves the body.
    func isFurniture(_ text: String.UnicodeScalarView) -> Bool {
        guard text.count <= Self.maxCreditLength else { return false }
        let lowered = Self.collapsed(String(text).lowercased())
        if lowered.count <= Self.maxLineLength {
            let line = Self.stripped(lowered)
            if lines.contains(line) || isCounter(line) { return true }
        }
        return isCredit(lowered)
    }

    /// A credit starts with a credit prefix, or holds only agency names and separators
    /// ("Getty Images", "Reuters/Corbis", "AFP via Getty Images").
    private func isCredit(_ lowered: String) -> Bool {
        if creditPrefixes.contains(where: { lowered.hasPrefix($0) }) { return true }
        var words: [String] = []
        var word = ""
        for character in lowered {
            if character.isLetter || character.isNumber || character == "-" {
                word.append(character)
            } else if character == " " {
                if !word.isEmpty { words.append(word); word = "" }
            } else if ["/", ",", ";", "|", "&", "(", ")", ":", "."].contains(character) {
                if !word.isEmpty { words.append(word); word = "" }
                words.append("/")
            } else {
                return false
            }
        }
        if !word.isEmpty { words.append(word) }
        // Agency names may have two words ("getty images"): join greedily.
        var index = 0
        var sawName = false
        while index < words.count {
            if words[index] == "/" { index += 1; continue }
            if index + 1 < words.count, creditNames.contains(words[index] + " " + words[index + 1]) {
                index += 2
            } else if creditNames.contains(words[index]) {
                index += 1
            } else {
                return false
            }
            sawName = true
        }
        return sawName && words.contains { $0 != "/" && !["via", "for", "and", "file"].contains($0) }
    }

    /// "3 of 12", "3/12", "3 / 12", and the same after one word ("Photo 3 of 12").
    private func isCounter(_ line: String) -> Bool {
        var parts = line.split(separator: " ").map(String.init)
        if parts.count == 2 || parts.count == 4, parts[0].allSatisfy(\.isLetter) { parts.removeFirst() }
        if parts.count == 1, let slash = parts[0].firstIndex(of: "/") {
            parts = [String(parts[0][..<slash]), "/", String(parts[0][parts[0].index(after: slash)...])]
        }
        guard parts.count == 3, Self.isSmallNumber(parts[0]), Self.isSmallNumber(parts[2]) else { return false }
        return parts[1] == "/" || counterWords.contains(parts[1])
    }

    private static func isSmallNumber(_ text: String) -> Bool {
        !text.isEmpty && text.count <= 4 && text.allSatisfy { $0.isASCII && $0.isNumber }
    }

    /// Runs of whitespace (non-breaking spaces too) as one space, trimmed.
    private static func collapsed(_ text: String) -> String {
        text.split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
    }

    /// Without trailing punctuation and ellipses, leading bullets and a leading count
    /// ("12 comments" → "comments", "Loading..." → "loading").
    private static func stripped(_ line: String) -> String {
        let edge: Set<Character> = [".", "…", ":", "!", "|", "»", "›", ">", "<", "«", "‹", "-", "–", "—", "+", "•", "·", "*", "(", ")", " "]
        var result = Substring(line)
        while let last = result.last, edge.contains(last) { result = result.dropLast() }
        while let first = result.first, edge.contains(first) { result = result.dropFirst() }
        if let space = result.firstIndex(of: " "), result[..<space].allSatisfy({ $0.isNumber || $0 == "," || $0 == "." }),
           result[..<space].contains(where: \.isNumber) {
            let rest = result[result.index(after: space)...]
            // A count before a line of the list: "12 comments"; a counter stays whole.
            if !rest.contains(where: \.isNumber) { result = rest }
        }
        return String(result)
    }
}
