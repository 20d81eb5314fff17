import NewsAnnotation

/// spaCy's JSON document format, as `Doc.to_json` writes it and `Doc.from_json` reads it:
/// `text`, `tokens` (`id`, `start`, `end`), `ents` and `sents` (`start`, `end`, `label`),
/// and `spans` groups (`start`, `end`, `label`, `kb_id`).
///
/// Offsets are characters of a Python `str`, which are code points: the same unit as
/// annotated JSON. `Doc.from_json` needs every entity, sentence and span to start and end on
/// token boundaries, and the tokens with the white space between them to rebuild the text
/// exactly, so the token list is made for spaCy: the `tokens` layer (or white space
/// splitting when it is absent), cut wherever an annotation starts or ends inside a token,
/// plus any uncovered text, plus the white-space tokens spaCy itself makes (a single space
/// after a token is that token's trailing space; any other gap is one white-space token).
///
/// `ents` holds the entities that do not overlap (the longest first); every entity is also in
/// the span group `entities` with its canonical name as `kb_id`. The groups `dates` (label
/// the TIMEX3 type, `kb_id` the value), `quotes` (one span per part, label the kind, `kb_id`
/// the speaker) and `sources` (one span per mention, label the kind, `kb_id` the name) hold
/// the other layers.
enum SpacyExport {
    /// The spaCy JSON for a document.
    static func json(_ document: AnnotatedDocument) -> OrderedJSON {
        let entities = document.entityItems ?? []
        let timexes = document.timexItems ?? []
        let quotes = document.quoteItems ?? []
        let sources = document.sourceItems ?? []
        let sentences = document.plainSpans("sentences")?.map(\.span).filter { !$0.isEmpty }
        var cuts = Set<Int>()
        for span in entities.map(\.span) + timexes.map(\.span) + quotes.flatMap(\.parts) + sources.flatMap(\.mentions) + (sentences ?? []) {
            cuts.insert(span.start)
            cuts.insert(span.end)
        }
        let tokens = spacyTokens(document, cuts: cuts)
        func spanObject(_ span: TextSpan, label: String, kb: String) -> OrderedJSON {
            .object([("start", .int(span.start)), ("end", .int(span.end)), ("label", .string(label)), ("kb_id", .string(kb))])
        }
        var ents: [OrderedJSON] = []
        var taken: [TextSpan] = []
        for entity in entities.sorted(by: { ($0.span.length, -$0.span.start) > ($1.span.length, -$1.span.start) })
        where !taken.contains(where: { $0.overlaps(entity.span) }) {
            taken.append(entity.span)
        }
        for span in taken.sorted() {
            guard let entity = entities.first(where: { $0.span == span }) else { continue }
            ents.append(.object([("start", .int(span.start)), ("end", .int(span.end)), ("label", .string(entity.type))]))
        }
        var members: [(String, OrderedJSON)] = [("text", .string(document.text.string)), ("ents", .array(ents))]
        if let sentences {
            members.append(("sents", .array(sentences.sorted().map { .object([("start", .int($0.start)), ("end", .int($0.end))]) })))
        }
        var groups: [(String, OrderedJSON)] = []
        if document.layers["entities"] != nil {
            groups.append(("entities", .array(entities.map { spanObject($0.span, label: $0.type, kb: $0.canonical ?? "") })))
        }
        if document.layers["dates"] != nil {
            groups.append(("dates", .array(timexes.map { spanObject($0.span, label: $0.type, kb: $0.value ?? "") })))
        }
        if document.layers["quotes"] != nil {
            groups.append(("quotes", .array(quotes.flatMap { quote in quote.parts.map { spanObject($0, label: quote.kind, kb: quote.speakerName ?? "") } })))
        }
        if document.layers["sources"] != nil {
            groups.append(("sources", .array(sources.flatMap { source in source.mentions.map { spanObject($0, label: source.kind ?? "source", kb: source.name) } })))
        }
        members.append(("spans", .object(groups)))
        members.append(("tokens", .array(tokens.enumerated().map { .object([("id", .int($0.offset)), ("start", .int($0.element.start)), ("end", .int($0.element.end))]) })))
        return .object(members)
    }

    /// The tokens spaCy rebuilds the text from (see the type's documentation).
    static func spacyTokens(_ document: AnnotatedDocument, cuts: Set<Int>) -> [TextSpan] {
        let scalars = document.text.scalars
        let isSpace = { (offset: Int) in scalars[offset].properties.isWhitespace }
        // Words: the tokens layer, or runs of non-space, plus uncovered non-space text.
        var words: [TextSpan] = []
        var position = 0
        let layer = (document.plainSpans("tokens")?.map(\.span) ?? []).filter { !$0.isEmpty }.sorted()
        func addUncovered(upTo end: Int) {
            var offset = position
            while offset < end {
                if isSpace(offset) { offset += 1; continue }
                let start = offset
                while offset < end && !isSpace(offset) { offset += 1 }
                words.append(TextSpan(start: start, end: offset))
            }
        }
        for token in layer where token.start >= position {
            addUncovered(upTo: token.start)
            words.append(token)
            position = token.end
        }
        addUncovered(upTo: scalars.count)
        // Cut words where an annotation starts or ends inside one.
        var cutWords: [TextSpan] = []
        for word in words {
            var start = word.start
            for offset in (word.start + 1)..<max(word.end, word.start + 1) where cuts.contains(offset) {
                cutWords.append(TextSpan(start: start, end: offset))
                start = offset
            }
            cutWords.append(TextSpan(start: start, end: word.end))
        }
        // The white-space tokens spaCy's get_words_and_spaces makes between words.
        var result: [TextSpan] = []
        position = 0
        for word in cutWords {
            if word.start > position { result.append(TextSpan(start: position, end: word.start)) }
            result.append(word)
            position = word.end
            if position < scalars.count && scalars[position] == " " { position += 1 }
        }
        if position < scalars.count { result.append(TextSpan(start: position, end: scalars.count)) }
        return result
    }
}
