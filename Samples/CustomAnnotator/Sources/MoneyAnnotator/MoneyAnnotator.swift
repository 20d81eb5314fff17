public import NewsAnnotation

/// An amount of money as written: "diversi miliardi di dollari", "$2bn", "£4.2m", "5 euro".
public struct MoneyMention: Sendable, Hashable, Codable, Spanned {
    public var start: Int
    public var end: Int
    public var text: String
    /// ISO 4217 code when the currency is named (`USD`, `EUR`, `GBP`).
    public var currency: String?

    public var span: TextSpan { TextSpan(start: start, end: end) }
}

extension Layers {
    /// Amounts of money, produced by ``MoneyAnnotator``.
    public static let money = LayerKey<[MoneyMention]>("money")
}

/// Finds amounts of money in Italian and English, as a user's own stage would.
///
/// - Requires: `tokens` (amounts are whole tokens).
/// - Produces: `money`, a custom layer with its own Swift type, written into the same JSON.
/// - Leaves out: normalising amounts to numbers.
public struct MoneyAnnotator: Annotator {
    public static let id = "money"

    public let descriptor = AnnotatorDescriptor(
        id: MoneyAnnotator.id,
        summary: "Finds amounts of money: a number or a quantity word followed by a currency, or a currency sign before a number.",
        version: "1",
        requires: [Layers.tokens],
        produces: [Layers.money],
        languages: ["it", "en"],
        examples: [
            AnnotatorExample(language: "it", layer: Layers.money.id, marked: "Aveva ⟦diversi miliardi di dollari⟧ di vendite e ⟦5 euro⟧."),
            AnnotatorExample(language: "en", layer: Layers.money.id, marked: "Repairs cost ⟦£4.2m⟧, not ⟦$2bn⟧ or ⟦300 dollars⟧."),
        ])

    private static let currencies: [String: String] = [
        "dollari": "USD", "dollaro": "USD", "dollars": "USD", "dollar": "USD", "euro": "EUR", "euros": "EUR",
        "sterline": "GBP", "sterlina": "GBP", "pounds": "GBP", "pound": "GBP", "$": "USD", "€": "EUR", "£": "GBP",
    ]
    private static let quantities: Set<String> = [
        "milioni", "miliardi", "mila", "million", "millions", "billion", "billions", "thousand", "diversi", "molti", "several", "many",
    ]
    private static let connectors: Set<String> = ["di", "of"]

    /// Creates the stage; its word lists are built in.
    public init() {}

    public func annotate(_ document: Document) throws -> LayerBundle {
        let tokens = document[Layers.tokens] ?? []
        let words = tokens.map { document.text(of: $0.span) }
        var found: [MoneyMention] = []
        var index = 0
        while index < tokens.count {
            var end = index
            if let currency = Self.currencies[words[index]], words[index].count == 1, index + 1 < tokens.count,
               tokens[index + 1].start == tokens[index].end, tokens[index + 1].kind == .number {
                // $2bn, £4.2m: a sign glued to a number.
                end = index + 2
                found.append(mention(tokens, from: index, to: end, currency: currency, in: document))
                index = end
                continue
            }
            // A number or quantity words, optionally "di"/"of", then a currency word.
            while end < tokens.count, tokens[end].kind == .number || Self.quantities.contains(words[end].lowercased()) { end += 1 }
            if end > index {
                var cursor = end
                if cursor < tokens.count, Self.connectors.contains(words[cursor].lowercased()) { cursor += 1 }
                if cursor < tokens.count, let currency = Self.currencies[words[cursor].lowercased()], words[cursor].count > 1 {
                    found.append(mention(tokens, from: index, to: cursor + 1, currency: currency, in: document))
                    index = cursor + 1
                    continue
                }
            }
            index += 1
        }
        var bundle = LayerBundle()
        bundle[Layers.money] = found
        return bundle
    }

    private func mention(_ tokens: [Token], from first: Int, to end: Int, currency: String, in document: Document) -> MoneyMention {
        let span = TextSpan(start: tokens[first].start, end: tokens[end - 1].end)
        return MoneyMention(start: span.start, end: span.end, text: document.text(of: span), currency: currency)
    }
}
