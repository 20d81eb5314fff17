/// A compiled rule pattern: a sequence of elements matched against normalised tokens.
///
/// Elements: `word`, `a|b` (alternatives), `<class>` (a word class), a trailing `?` (optional),
/// and a first element in brackets, `[alle|at]`, that must match but stays out of the span.
struct TimexPattern: Sendable {
    enum Element: Sendable {
        case literal(Set<String>)
        case wordClass(String)
    }

    struct Item: Sendable {
        var element: Element
        var isOptional: Bool
        /// The capture name of a class element (`month`, or `month2` for a second one).
        var capture: String?
    }

    static let classes: Set<String> = [
        "month", "weekday", "number", "ordinal", "unit", "season", "partofday", "dir", "mod", "year", "day", "decade",
        "decadenum", "century", "centuryname", "clock", "hour", "ampm", "numberunit", "modyear", "modmonth", "ordinalquarter",
    ]

    var items: [Item]
    /// Whether the first element is context only (`[alle]`): required, but outside the span.
    var hasLeadingContext = false

    /// Compiles a pattern; throws a message naming the bad element.
    init(_ pattern: String) throws(PatternError) {
        var items: [Item] = []
        var seen: [String: Int] = [:]
        for (position, raw) in pattern.split(separator: " ").enumerated() {
            var text = String(raw)
            let isOptional = text.hasSuffix("?") && text.count > 1
            if isOptional { text.removeLast() }
            if text.hasPrefix("[") && text.hasSuffix("]") && text.count > 2 {
                guard position == 0, !isOptional else { throw PatternError(message: "only the first element may be context ([…]), and it cannot be optional: '\(pattern)'") }
                hasLeadingContext = true
                text = String(text.dropFirst().dropLast())
            }
            if text.hasPrefix("<") && text.hasSuffix(">") {
                let name = String(text.dropFirst().dropLast())
                guard Self.classes.contains(name) else {
                    throw PatternError(message: "unknown word class '<\(name)>'; available: \(Self.classes.sorted().map { "<\($0)>" }.joined(separator: ", "))")
                }
                let count = (seen[name] ?? 0) + 1
                seen[name] = count
                items.append(Item(element: .wordClass(name), isOptional: isOptional, capture: count == 1 ? name : "\(name)\(count)"))
            } else {
                let words = Set(text.split(separator: "|").map { TimexPattern.normalize(String($0)) })
                guard !words.isEmpty else { throw PatternError(message: "empty element in '\(pattern)'") }
                items.append(Item(element: .literal(words), isOptional: isOptional, capture: nil))
            }
        }
        guard items.contains(where: { !$0.isOptional }) else { throw PatternError(message: "pattern '\(pattern)' has no required element") }
        self.items = items
    }

    /// Lowercases and writes every apostrophe as `'`.
    static func normalize(_ word: String) -> String {
        let lowered = word.lowercased()
        // Most words hold no typographic apostrophe: they are their lowercase form as it is.
        guard lowered.unicodeScalars.contains(where: { $0 == "’" || $0 == "ʼ" || $0 == "‘" }) else { return lowered }
        var result = ""
        for scalar in lowered.unicodeScalars {
            result.unicodeScalars.append(scalar == "’" || scalar == "ʼ" || scalar == "‘" ? "'" : scalar)
        }
        return result
    }
}

/// A rule pattern that cannot be compiled.
struct PatternError: Error, Sendable {
    var message: String
}
