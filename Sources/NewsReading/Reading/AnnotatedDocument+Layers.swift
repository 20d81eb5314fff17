import NewsAnnotation

// Typed views of the layers the views and exports know (shapes in Docs/Layers.md). Each
// reads leniently: optional keys may be missing, unknown keys are ignored, and an item
// without a usable span is passed over. Spans were checked against the text on reading.

/// An entity mention: `{id, start, end, type, subtype?, canonical?, cluster?}`.
struct EntityItem {
    var id: String
    var span: TextSpan
    var type: String
    var subtype: String?
    var canonical: String?
}

/// A temporal expression: `{id, start, end, type, value?, mod?}`.
struct TimexItem {
    var id: String
    var span: TextSpan
    var type: String
    var value: String?
    var mod: String?
}

/// A span with the text it covers as the layer states it (speaker, cue, role, affiliation).
struct LabelledSpan {
    var span: TextSpan?
    var text: String?
}

/// A quotation: its parts, cue and speaker, and the key that groups one speaker's quotes.
struct QuoteItem {
    var id: String
    var kind: String
    var span: TextSpan
    /// The content spans; the quote's own span when it gives no parts.
    var parts: [TextSpan]
    var cue: LabelledSpan?
    var speaker: LabelledSpan?
    /// The source id, cluster or name that groups quotes by speaker; `nil` when unattributed.
    var speakerKey: String?
    /// The name to show for the speaker.
    var speakerName: String?
    var attribution: String?
}

/// A source of information: `{id, kind, name, relation, mentions, quotes, role?, affiliation?, …}`.
struct SourceItem {
    var id: String
    var kind: String?
    var name: String
    var relation: String?
    var mentions: [TextSpan]
    var quoteIDs: [String]
    var role: LabelledSpan?
    var affiliation: LabelledSpan?
    /// How the text describes the affiliation ("un think-tank sulla sicurezza").
    var affiliationDescription: LabelledSpan?
    var platform: String?
    var handle: String?
}

/// A plain span with an optional kind (tokens, sentences, blocks).
struct PlainSpan {
    var span: TextSpan
    var kind: String?
}

extension AnnotatedDocument {
    static func span(_ object: [String: JSONValue]?) -> TextSpan? {
        object.flatMap(TextSpan.init)
    }

    static func labelled(_ value: JSONValue?) -> LabelledSpan? {
        guard let object = value?.objectValue else { return nil }
        return LabelledSpan(span: span(object), text: object["text"]?.stringValue)
    }

    /// The `id` of an item, or a stable one made from the layer's prefix and the index.
    static func identifier(_ object: [String: JSONValue], prefix: String, index: Int) -> String {
        object["id"]?.stringValue ?? "\(prefix)\(index + 1)"
    }

    var entityItems: [EntityItem]? {
        items("entities").map { items in
            items.enumerated().compactMap { index, object in
                guard let span = Self.span(object), !span.isEmpty else { return nil }
                return EntityItem(id: Self.identifier(object, prefix: "e", index: index), span: span,
                                  type: object["type"]?.stringValue ?? object["kind"]?.stringValue ?? "ENTITY",
                                  subtype: object["subtype"]?.stringValue, canonical: object["canonical"]?.stringValue)
            }
        }
    }

    var timexItems: [TimexItem]? {
        items("dates").map { items in
            items.enumerated().compactMap { index, object in
                guard let span = Self.span(object), !span.isEmpty else { return nil }
                return TimexItem(id: Self.identifier(object, prefix: "t", index: index), span: span, type: object["type"]?.stringValue ?? "DATE",
                                 value: object["value"]?.stringValue, mod: object["mod"]?.stringValue)
            }
        }
    }

    var sourceItems: [SourceItem]? {
        items("sources").map { items in
            items.enumerated().map { index, object in
                var mentions = (object["mentions"]?.arrayValue ?? []).compactMap { Self.span($0.objectValue) }
                // A source written as one span (a social handle in a footer) is its own mention.
                if mentions.isEmpty, let own = Self.span(object) { mentions = [own] }
                let id = Self.identifier(object, prefix: "s", index: index)
                let name = object["name"]?.stringValue ?? object["handle"]?.stringValue ?? mentions.first.map { slice($0) } ?? id
                return SourceItem(id: id, kind: object["kind"]?.stringValue, name: name, relation: object["relation"]?.stringValue,
                                  mentions: mentions.filter { !$0.isEmpty }, quoteIDs: (object["quotes"]?.arrayValue ?? []).compactMap(\.stringValue),
                                  role: Self.labelled(object["role"]), affiliation: Self.labelled(object["affiliation"]),
                                  affiliationDescription: Self.labelled(object["affiliationDescription"]),
                                  platform: object["platform"]?.stringValue, handle: object["handle"]?.stringValue)
            }
        }
    }

    var quoteItems: [QuoteItem]? {
        guard let items = items("quotes") else { return nil }
        var sourceOfQuote: [String: SourceItem] = [:]
        var sourceByID: [String: SourceItem] = [:]
        for source in sourceItems ?? [] {
            sourceByID[source.id] = source
            for quote in source.quoteIDs where sourceOfQuote[quote] == nil { sourceOfQuote[quote] = source }
        }
        return items.enumerated().compactMap { index, object in
            let id = Self.identifier(object, prefix: "q", index: index)
            let parts = (object["parts"]?.arrayValue ?? []).compactMap { Self.span($0.objectValue) }.filter { !$0.isEmpty }
            guard let span = Self.span(object) ?? parts.first.map({ TextSpan(start: $0.start, end: parts.last?.end ?? $0.end) }) else { return nil }
            let speaker = Self.labelled(object["speaker"])
            let source = object["source"]?.stringValue.flatMap { sourceByID[$0] } ?? sourceOfQuote[id]
            let name = source?.name ?? object["speakerName"]?.stringValue ?? speaker?.text
            let key = source.map { "source:" + $0.id } ?? object["cluster"]?.stringValue.map { "cluster:" + $0 } ?? name.map { "name:" + $0 }
            return QuoteItem(id: id, kind: object["kind"]?.stringValue ?? "direct", span: span, parts: parts.isEmpty ? [span] : parts,
                             cue: Self.labelled(object["cue"]), speaker: speaker, speakerKey: key, speakerName: name,
                             attribution: object["attribution"]?.stringValue)
        }
    }

    func plainSpans(_ layer: String) -> [PlainSpan]? {
        items(layer).map { items in
            items.compactMap { object in Self.span(object).map { PlainSpan(span: $0, kind: object["kind"]?.stringValue) } }
        }
    }

    /// The key grouping a source's quotes, the same one ``quoteItems`` gives its quotes.
    static func speakerKey(of source: SourceItem) -> String { "source:" + source.id }

    /// A string field of the metadata.
    func metadataString(_ key: String) -> String? { metadata[key]?.stringValue }

    /// The document's title, or its id when it has none.
    var title: String { metadataString("title") ?? id }
}
