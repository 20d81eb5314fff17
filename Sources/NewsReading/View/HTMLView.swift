import NewsAnnotation

/// Self-contained HTML pages of annotated documents: one page per document and an index
/// page for a batch.
///
/// A page shows the metadata at the top with a count per layer and a legend; the article
/// text with entities highlighted by type, dates underlined with their TIMEX3 value on hover
/// and on keyboard focus, quotes marked with their speaker; a panel of sources (role,
/// affiliation, quote count) where a speaker's button highlights all their quotes; a table
/// of dates and the diagnostics at the end. The stylesheet and a small script are inline,
/// and a Content Security Policy forbids every network request. Pages work with the
/// keyboard, reflow on a phone (the panel goes below the text) and print.
///
/// The text is built from code point offsets with ``SpanNesting``, so overlapping spans
/// (an entity or a date inside a quote, a quote over two paragraphs) nest correctly, and all
/// text is escaped. The same document always gives the same bytes.
public enum HTMLView {
    /// Ranks: which element goes outside when two spans are the same.
    private enum Rank {
        static let block = 0, quote = 1, speaker = 2, source = 3, cue = 3, entity = 4, timex = 5
    }

    /// The page of one document.
    ///
    /// - Parameters:
    ///   - document: The annotated document.
    ///   - indexPath: The index page relative to this page, for a link back; `nil` for none.
    /// - Returns: The HTML, UTF-8 when encoded.
    public static func page(for document: AnnotatedDocument, indexPath: String? = nil) -> String {
        let entities = document.entityItems ?? []
        let timexes = document.timexItems ?? []
        let quotes = document.quoteItems ?? []
        let sources = document.sourceItems ?? []
        let language = document.metadataString("language") ?? "und"
        var html = head(title: document.title, language: language, allowsScript: true, extraStyle: "") + """
        <body>
        <a class="skip" href="#text">Skip to the article text</a>
        <a class="skip" href="#sources">Skip to the sources</a>
        <header class="meta">

        """
        if let indexPath { html += "<nav><a href=\"\(indexPath.markupEscaped)\">← All documents</a></nav>\n" }
        html += "<h1>\(document.title.markupEscaped)</h1>\n"
        html += metadataList(document)
        html += counts(document)
        html += legend(entities: entities, hasDates: !timexes.isEmpty, hasQuotes: !quotes.isEmpty)
        html += "</header>\n<div class=\"layout\">\n<main id=\"text\" tabindex=\"-1\">\n<h2 class=\"visually-hidden\">Article text</h2>\n"
        html += "<div class=\"text\" lang=\"\(language.markupEscaped)\">"
        html += SpanNesting.render(document.text, marks: marks(document, entities: entities, timexes: timexes, quotes: quotes, sources: sources))
        html += "</div>\n</main>\n"
        html += sourcePanel(sources: sources, quotes: quotes, hasLayer: document.layers["sources"] != nil)
        html += "</div>\n"
        html += datesTable(document, timexes)
        html += diagnosticsList(document)
        html += """
        <footer>Made by news-annotate view from annotated JSON (\(AnnotatedDocument.formatID)). Offsets are code points, end exclusive.</footer>
        <script>
        \(ViewAssets.script)
        </script>
        </body>
        </html>

        """
        return html
    }

    /// The start of a page up to `<body>`: no network (a Content Security Policy allowing
    /// only inline styles, and inline scripts when `allowsScript`), the inline stylesheet.
    static func head(title: String, language: String, allowsScript: Bool, extraStyle: String, generator: String = "news-annotate view") -> String {
        let policy = "default-src 'none'; style-src 'unsafe-inline'" + (allowsScript ? "; script-src 'unsafe-inline'" : "") + "; img-src data:"
        return """
        <!DOCTYPE html>
        <html lang="\(language.markupEscaped)">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <meta http-equiv="Content-Security-Policy" content="\(policy)">
        <meta name="generator" content="\(generator.markupEscaped)">
        <title>\(title.markupEscaped) · news-annotate</title>
        <style>
        \(ViewAssets.stylesheet)\(extraStyle)
        </style>
        </head>

        """
    }

    // MARK: - The text

    static func marks(_ document: AnnotatedDocument, entities: [EntityItem], timexes: [TimexItem], quotes: [QuoteItem], sources: [SourceItem]) -> [SpanMark] {
        var marks: [SpanMark] = []
        for block in document.plainSpans("blocks") ?? [] {
            guard let kind = block.kind, kind != "paragraph" else { continue }
            let open = "<span class=\"blk blk-\(kind.nameSafe)\">"
            marks.append(SpanMark(span: block.span, rank: Rank.block, open: open, reopen: open, close: "</span>"))
        }
        var quoteCounts: [String: Set<String>] = [:]
        for quote in quotes { if let key = quote.speakerKey { quoteCounts[key, default: []].insert(quote.id) } }
        for quote in quotes {
            let speaker = quote.speakerName ?? "unknown speaker"
            let label = "\(quote.kind) quote, \(quote.speakerKey == nil ? "no speaker found" : "by " + speaker)"
            var attributes = "data-quote=\"\(quote.id.markupEscaped)\" title=\"\(label.markupEscaped)\""
            if let key = quote.speakerKey { attributes += " data-speaker=\"\(key.markupEscaped)\"" }
            let kind = "k-\(quote.kind.nameSafe)"
            for (index, part) in quote.parts.enumerated() {
                let first = index == 0 ? " qfirst\" id=\"quote-\(quote.id.nameSafe)\" data-label=\"\((quote.speakerKey == nil ? "?" : speaker).markupEscaped)" : ""
                marks.append(SpanMark(span: part, rank: Rank.quote, open: "<span class=\"quote \(kind)\(first)\" \(attributes)>",
                                      reopen: "<span class=\"quote \(kind) cont\" \(attributes)>", close: "</span>"))
            }
            if let span = quote.cue?.span {
                marks.append(SpanMark(span: span, rank: Rank.cue, open: "<span class=\"cue\" title=\"quote cue\">", reopen: "<span class=\"cue cont\">", close: "</span>"))
            }
            if let span = quote.speaker?.span, let key = quote.speakerKey {
                let count = quoteCounts[key]?.count ?? 1
                let name = speaker.markupEscaped
                let button = "role=\"button\" tabindex=\"0\" aria-pressed=\"false\" data-speaker=\"\(key.markupEscaped)\" data-name=\"\(name)\" title=\"\(name): highlight \(count) quote\(count == 1 ? "" : "s")\""
                marks.append(SpanMark(span: span, rank: Rank.speaker, open: "<span class=\"speaker\" \(button)>",
                                      reopen: "<span class=\"speaker cont\" data-speaker=\"\(key.markupEscaped)\">", close: "</span>"))
            }
        }
        let speakerSpans = Set(quotes.compactMap(\.speaker?.span))
        for source in sources {
            for mention in source.mentions where !speakerSpans.contains(mention) {
                let open = "<span class=\"source-mention\" data-source=\"\(source.id.markupEscaped)\" title=\"source: \(source.name.markupEscaped)\">"
                marks.append(SpanMark(span: mention, rank: Rank.source, open: open, reopen: open, close: "</span>"))
            }
        }
        for entity in entities {
            var title = entity.type + (entity.subtype.map { " (\($0))" } ?? "")
            if let canonical = entity.canonical { title += ": " + canonical }
            let attributes = "t-\(entity.type.nameSafe)\" data-type=\"\(entity.type.markupEscaped)\" data-entity=\"\(entity.id.markupEscaped)\""
            marks.append(SpanMark(span: entity.span, rank: Rank.entity, open: "<mark class=\"ent \(attributes) title=\"\(title.markupEscaped)\">",
                                  reopen: "<mark class=\"ent cont \(attributes)>", close: "</mark>"))
        }
        for timex in timexes {
            let tip = ([timex.type, timex.value ?? "no value"] + (timex.mod.map { ["mod \($0)"] } ?? [])).joined(separator: " ")
            let attributes = "data-timex=\"\(timex.id.markupEscaped)\" data-type=\"\(timex.type.markupEscaped)\" data-value=\"\((timex.value ?? "").markupEscaped)\""
            let open = "<span class=\"timex\" tabindex=\"0\" \(attributes) data-tip=\"\(tip.markupEscaped)\" title=\"\(tip.markupEscaped)\" aria-describedby=\"timex-\(timex.id.nameSafe)\">"
            marks.append(SpanMark(span: timex.span, rank: Rank.timex, open: open, reopen: "<span class=\"timex cont\" \(attributes)>", close: "</span>"))
        }
        return marks
    }

    // MARK: - Header

    static func metadataList(_ document: AnnotatedDocument) -> String {
        var rows: [(String, String)] = [("id", document.id)]
        let fields = [("authors", "authors"), ("byline", "byline"), ("published", "published"), ("modified", "modified"), ("language", "language"),
                      ("siteName", "site"), ("publisher", "publisher"), ("section", "section"), ("url", "url")]
        for (key, label) in fields {
            switch document.metadata[key] {
            case .string(let value)?: rows.append((label, value))
            case .array(let items)?: rows.append((label, items.compactMap(\.stringValue).joined(separator: ", ")))
            default: break
            }
        }
        if let path = document.sourcePath { rows.append(("source", path)) }
        let stages = document.pipeline.compactMap { item -> String? in
            guard let stage = item.objectValue?["stage"]?.stringValue else { return nil }
            return stage + (item.objectValue?["version"]?.stringValue.map { " \($0)" } ?? "")
        }
        if !stages.isEmpty { rows.append(("pipeline", stages.joined(separator: " → "))) }
        return "<dl class=\"metadata\">\n" + rows.map { "<dt>\($0.0.markupEscaped)</dt><dd>\($0.1.markupEscaped)</dd>\n" }.joined() + "</dl>\n"
    }

    /// The layers counted on pages and in the index, in this order.
    static let countedLayers = ["entities", "dates", "quotes", "sources", "sentences", "tokens"]

    static func counts(_ document: AnnotatedDocument) -> String {
        let items = countedLayers.map { layer in
            let count = document.layers[layer]?.arrayValue.map { String($0.count) } ?? "not run"
            return "<li>\(layer) <b>\(count)</b></li>"
        } + ["<li>diagnostics <b>\(document.diagnostics.count)</b></li>"]
        return "<ul class=\"counts\" aria-label=\"Annotations per layer\">" + items.joined() + "</ul>\n"
    }

    static let typeNames = ["PER": "person", "ORG": "organisation", "LOC": "place", "GPE": "geopolitical entity", "MISC": "other name"]

    static func legend(entities: [EntityItem], hasDates: Bool, hasQuotes: Bool) -> String {
        let types = Set(entities.map(\.type))
        let ordered = ["PER", "ORG", "LOC", "GPE", "MISC"].filter(types.contains) + types.subtracting(typeNames.keys).sorted()
        var items = ordered.map { type in
            "<li><mark class=\"ent cont t-\(type.nameSafe) swatch\">\(type.markupEscaped)</mark>\(typeNames[type] ?? "entity")</li>"
        }
        if hasDates { items.append("<li><span class=\"timex cont\">date</span>&nbsp;TIMEX3 value on hover or focus</li>") }
        if hasQuotes {
            items.append("<li><span class=\"quote cont\">quote</span>&nbsp;with its speaker’s name</li>")
            items.append("<li><span class=\"speaker cont\">speaker</span>&nbsp;click or press Enter to highlight their quotes</li>")
        }
        guard !items.isEmpty else { return "" }
        return "<ul class=\"legend\" aria-label=\"Legend\">" + items.joined() + "</ul>\n"
    }

    // MARK: - Panel and tables

    static func sourcePanel(sources: [SourceItem], quotes: [QuoteItem], hasLayer: Bool) -> String {
        var quoteCounts: [String: Set<String>] = [:]
        for quote in quotes { if let key = quote.speakerKey { quoteCounts[key, default: []].insert(quote.id) } }
        var html = "<aside id=\"sources\" aria-labelledby=\"sources-heading\" tabindex=\"-1\">\n<h2 id=\"sources-heading\">Sources</h2>\n"
        html += "<p id=\"status\" class=\"status\" role=\"status\" aria-live=\"polite\"></p>\n<ul>\n"
        var listed = Set<String>()
        for source in sources {
            let key = AnnotatedDocument.speakerKey(of: source)
            listed.insert(key)
            let count = quoteCounts[key, default: []].union(source.quoteIDs).count
            html += "<li class=\"source\" data-source=\"\(source.id.markupEscaped)\">" + speakerName(source.name, key: key, count: count)
            var rows: [(String, String)] = []
            if let kind = source.kind { rows.append(("kind", kind)) }
            if let relation = source.relation { rows.append(("relation", relation)) }
            if let role = source.role?.text { rows.append(("role", role)) }
            if let affiliation = source.affiliation?.text {
                let description = source.affiliationDescription?.text.map { " (\($0))" } ?? ""
                rows.append(("affiliation", affiliation + description))
            }
            if let platform = source.platform { rows.append(("platform", platform)) }
            if let handle = source.handle { rows.append(("handle", handle)) }
            rows.append(("quotes", String(count)))
            rows.append(("mentions", String(source.mentions.count)))
            html += "<dl>" + rows.map { "<dt>\($0.0)</dt><dd>\($0.1.markupEscaped)</dd>" }.joined() + "</dl></li>\n"
        }
        // Speakers the quotes name without a source entry (a cluster or a bare name).
        var others: [(String, String)] = []
        for quote in quotes {
            guard let key = quote.speakerKey, !listed.contains(key) else { continue }
            listed.insert(key)
            others.append((key, quote.speakerName ?? key))
        }
        for (key, name) in others {
            let count = quoteCounts[key]?.count ?? 0
            html += "<li class=\"source\">" + speakerName(name, key: key, count: count) + "<dl><dt>quotes</dt><dd>\(count)</dd></dl></li>\n"
        }
        if sources.isEmpty && others.isEmpty {
            html += "<li>" + (hasLayer ? "No sources found." : "No sources layer: the sources stage did not run.") + "</li>\n"
        }
        return html + "</ul>\n</aside>\n"
    }

    static func speakerName(_ name: String, key: String, count: Int) -> String {
        guard count > 0 else { return "<strong>\(name.markupEscaped)</strong>" }
        let label = "\(name): highlight \(count) quote\(count == 1 ? "" : "s")"
        return "<button type=\"button\" class=\"speaker-button\" data-speaker=\"\(key.markupEscaped)\" data-name=\"\(name.markupEscaped)\" aria-pressed=\"false\" title=\"\(label.markupEscaped)\">\(name.markupEscaped)</button>"
    }

    static func datesTable(_ document: AnnotatedDocument, _ timexes: [TimexItem]) -> String {
        guard !timexes.isEmpty else { return "" }
        var html = "<section class=\"extra\" aria-labelledby=\"dates-heading\">\n<h2 id=\"dates-heading\">Dates</h2>\n<table>\n"
        html += "<thead><tr><th scope=\"col\">expression</th><th scope=\"col\">type</th><th scope=\"col\">value</th><th scope=\"col\">mod</th><th class=\"num\" scope=\"col\">offsets</th></tr></thead>\n<tbody>\n"
        for timex in timexes {
            html += "<tr id=\"timex-\(timex.id.nameSafe)\"><td>\(document.slice(timex.span).markupEscaped)</td><td>\(timex.type.markupEscaped)</td>"
            html += "<td><code>\((timex.value ?? "–").markupEscaped)</code></td><td>\((timex.mod ?? "").markupEscaped)</td><td class=\"num\">\(timex.span.start)–\(timex.span.end)</td></tr>\n"
        }
        return html + "</tbody>\n</table>\n</section>\n"
    }

    static func diagnosticsList(_ document: AnnotatedDocument) -> String {
        var html = "<section class=\"extra\" aria-labelledby=\"diagnostics-heading\">\n<h2 id=\"diagnostics-heading\">Diagnostics</h2>\n"
        guard !document.diagnostics.isEmpty else { return html + "<p>None.</p>\n</section>\n" }
        html += "<table>\n<thead><tr><th scope=\"col\">id</th><th scope=\"col\">stage</th><th scope=\"col\">severity</th><th scope=\"col\">message</th><th scope=\"col\">text</th></tr></thead>\n<tbody>\n"
        for diagnostic in document.diagnostics {
            let object = diagnostic.objectValue ?? [:]
            let text = AnnotatedDocument.span(object).map { document.slice($0) } ?? ""
            let cells = [object["id"]?.stringValue, object["stage"]?.stringValue, object["severity"]?.stringValue, object["message"]?.stringValue, text]
            html += "<tr>" + cells.map { "<td>\(($0 ?? "").markupEscaped)</td>" }.joined() + "</tr>\n"
        }
        return html + "</tbody>\n</table>\n</section>\n"
    }
}
