extension CorpusReport {
    /// The report as one self-contained HTML page: the stylesheet, the SVG charts and a few
    /// lines of script to sort the tables are inline, and the view's Content Security Policy
    /// forbids every network request. Everything but the sorting works without JavaScript.
    ///
    /// The share of quotes with no resolved speaker is stated at the top and drawn as its own
    /// bar wherever quotes are shared out; the gender column, when asked for, is labelled an
    /// estimate with its method. All names and messages are escaped.
    public func html() -> String {
        var html = HTMLView.head(title: "Corpus report", language: "en", allowsScript: true, extraStyle: ReportChart.style + Self.pageStyle, generator: "news-annotate report")
        html += "<body>\n<header class=\"meta\">\n<h1>Corpus report</h1>\n"
        let quotes = quotesByKind.values.reduce(0, +)
        html += "<ul class=\"counts\">"
        html += "<li><b id=\"total-documents\">\(documents)</b> documents</li>"
        html += "<li><b id=\"total-words\">\(words)</b> words</li>"
        html += "<li><b id=\"total-entities\">\(entitiesByType.values.reduce(0, +))</b> entity mentions</li>"
        html += "<li><b id=\"total-quotes\">\(quotes)</b> quotes</li>"
        html += "<li><b id=\"total-quoted-sources\">\(sources.count)</b> quoted sources</li>"
        if failureCount > 0 { html += "<li class=\"failed\"><b id=\"total-failed\">\(failureCount)</b> inputs could not be read (<a href=\"#failures\">listed below</a>)</li>" }
        html += "</ul>\n"
        let whole = attributableQuotes
        html += "<p class=\"unresolved-note\" id=\"unresolved\"><strong><span id=\"unresolved-share\">\(ReportChart.percent(unresolvedQuotes, of: whole))</span> of quotes "
        html += "(<span id=\"unresolved-quotes\">\(unresolvedQuotes)</span> of <span id=\"counted-quotes\">\(whole)</span>) have no resolved speaker.</strong> "
        html += "They are counted as “unresolved” in every share below, never left out.</p>\n"
        for layer in Self.layersRead {
            if let missing = documentsWithoutLayer[layer], missing > 0 {
                html += "<p class=\"warning\">\(missing) document\(missing == 1 ? " has" : "s have") no <code>\(layer)</code> layer (the stage did not run): "
                html += "nothing of theirs is counted there, which is not the same as none found.</p>\n"
            }
        }
        html += "<nav><a href=\"#heard\">Who is heard</a> · <a href=\"#time\">Over time</a> · <a href=\"#publishers\">Publishers</a> · "
        html += "<a href=\"#sources\">Most quoted sources</a> · <a href=\"#named\">Who is named</a> · <a href=\"#totals\">Totals</a> · <a href=\"#method\">How this is counted</a></nav>\n</header>\n<main class=\"report\">\n"

        html += "<section id=\"heard\">\n<h2>Who is heard</h2>\n"
        html += ReportChart.horizontal(Self.ranked(sourceKindShares).map { ReportChart.Bar(label: $0.key, value: $0.value, isUnresolved: $0.key == Self.unresolved) },
                                       title: "Quotes by kind of source (scare quotes left out)", id: "chart-source-kind", total: whole)
        let familyTotal = quotesByRoleFamily.values.reduce(0, +)
        html += ReportChart.horizontal(Self.ranked(quotesByRoleFamily).map { ReportChart.Bar(label: $0.key, value: $0.value) },
                                       title: "Quotes of people and anonymous sources by role family", id: "chart-role-family", total: familyTotal)
        if let genders = quotesByGender, let method = genderMethod {
            html += "<p class=\"estimate\"><strong>Gender is an estimate</strong>: \(method.markupEscaped).</p>\n"
            html += ReportChart.horizontal(Self.ranked(genders).map { ReportChart.Bar(label: $0.key, value: $0.value) },
                                           title: "Quotes of people by gender estimate", id: "chart-gender", total: genders.values.reduce(0, +))
        }
        html += "</section>\n"

        html += "<section id=\"time\">\n<h2>Over time</h2>\n"
        let months = sortedMonths
        html += ReportChart.columns(months.map { (label: $0.key, value: $0.value.quotes, unresolved: $0.value.unresolvedQuotes) },
                                    title: "Quotes per month of publication, the unresolved part on top in vermillion, outlined in dashes", id: "chart-months")
        html += groupTable(months, label: "month", id: "months-table")
        html += "</section>\n"

        html += "<section id=\"publishers\">\n<h2>Publishers</h2>\n" + groupTable(rankedPublishers, label: "publisher", id: "publishers-table") + "</section>\n"

        html += "<section id=\"sources\">\n<h2>Most quoted sources</h2>\n"
        let ranked = rankedSources
        html += ReportChart.horizontal(ranked.prefix(15).map { ReportChart.Bar(label: $0.name, value: $0.quotes) },
                                       title: "The 15 most quoted sources, by quotes", id: "chart-sources")
        html += sourcesTable(Array(ranked.prefix(options.topSources)))
        if ranked.count > options.topSources {
            html += "<p>\(ranked.count - options.topSources) more sources are in <code>report.json</code> and <code>report-sources.csv</code>.</p>\n"
        }
        html += "</section>\n"

        html += namedSection()
        html += "<section id=\"totals\">\n<h2>Totals</h2>\n"
        html += ReportChart.horizontal(Self.ranked(entitiesByType).map { ReportChart.Bar(label: $0.key, value: $0.value) }, title: "Entity mentions by type", id: "chart-entities")
        html += ReportChart.horizontal(Self.ranked(quotesByKind).map { ReportChart.Bar(label: $0.key, value: $0.value) }, title: "Quotes by kind", id: "chart-quote-kinds")
        html += ReportChart.horizontal(Self.ranked(sourcesByKind).map { ReportChart.Bar(label: $0.key, value: $0.value) },
                                       title: "Sources by kind (every relation: quoted, bylines, publishers, accounts)", id: "chart-source-kinds-all")
        html += "</section>\n"

        html += Self.methodSection
        if failureCount > 0 {
            html += "<section id=\"failures\">\n<h2>Inputs that could not be read</h2>\n<ul>\n" + failures.map { "<li>\($0.markupEscaped)</li>\n" }.joined() + "</ul>\n"
            if failureCount > failures.count { html += "<p>and \(failureCount - failures.count) more.</p>\n" }
            html += "</section>\n"
        }
        html += "</main>\n<footer>Made by news-annotate report from annotated JSON (\(AnnotatedDocument.formatID)). "
        html += "The same numbers are in report.json and report.csv.</footer>\n<script>\n\(Self.sortScript)\n</script>\n</body>\n</html>\n"
        return html
    }

    /// The people and organisations most named, with how often each is quoted: who is named
    /// beside who is heard.
    private func namedSection() -> String {
        let ranked = rankedNamed.prefix(options.topSources)
        var html = "<section id=\"named\">\n<h2>Who is named</h2>\n"
        html += "<p>People and organisations (entity types PER and ORG) by mentions, merged across documents by name as sources are, "
        html += "with the quotes of the source of the same name: named often and quoted never is worth a look.</p>\n"
        html += "<div class=\"table\"><table class=\"sortable\" id=\"named-table\">\n<thead><tr>"
        html += Self.header("name", numeric: false) + Self.header("type", numeric: false)
        html += ["mentions", "documents", "quotes"].map { Self.header($0, numeric: true) }.joined() + "</tr></thead>\n<tbody>\n"
        for entity in ranked {
            html += "<tr><th scope=\"row\">\(entity.name.markupEscaped)</th><td>\(entity.type.markupEscaped)</td><td class=\"num\">\(entity.mentions)</td>"
            html += "<td class=\"num\">\(entity.documents)</td><td class=\"num\">\(quotes(of: entity))</td></tr>\n"
        }
        html += "</tbody>\n</table></div>\n"
        if named.count > ranked.count { html += "<p>\(named.count - ranked.count) more are in <code>report.json</code>.</p>\n" }
        return html + "</section>\n"
    }

    private func groupTable(_ groups: [(key: String, value: GroupTotals)], label: String, id: String) -> String {
        var html = "<div class=\"table\"><table class=\"sortable\" id=\"\(id)\">\n<thead><tr>"
        html += Self.header(label, numeric: false) + ["documents", "words", "entities", "sources", "quotes", "unresolved quotes", "unresolved share"].map { Self.header($0, numeric: true) }.joined()
        html += "</tr></thead>\n<tbody>\n"
        for (name, totals) in groups {
            let share = Self.share(totals.unresolvedQuotes, of: totals.quotes)
            html += "<tr><th scope=\"row\">\(name.markupEscaped)</th><td class=\"num\">\(totals.documents)</td><td class=\"num\">\(totals.words)</td>"
            html += "<td class=\"num\">\(totals.entities)</td><td class=\"num\">\(totals.sources)</td>"
            html += "<td class=\"num\">\(totals.quotes)</td><td class=\"num\">\(totals.unresolvedQuotes)</td>"
            html += "<td class=\"num\" data-sort=\"\(share)\">\(ReportChart.percent(totals.unresolvedQuotes, of: totals.quotes))</td></tr>\n"
        }
        return html + "</tbody>\n</table></div>\n"
    }

    private func sourcesTable(_ sources: [SourceTally]) -> String {
        var html = "<div class=\"table\"><table class=\"sortable\" id=\"sources-table\">\n<thead><tr>"
        html += Self.header("rank", numeric: true) + Self.header("source", numeric: false) + Self.header("kind", numeric: false)
        html += Self.header("roles", numeric: false) + Self.header("affiliations", numeric: false)
        html += Self.header("quotes", numeric: true) + Self.header("words quoted", numeric: true) + Self.header("documents", numeric: true)
        if options.hasGenderColumn { html += Self.header("gender (estimate)", numeric: false) + Self.header("method", numeric: false) }
        html += Self.header("quoted in", numeric: false) + "</tr></thead>\n<tbody>\n"
        for (rank, source) in sources.enumerated() {
            html += "<tr><td class=\"num\">\(rank + 1)</td><th scope=\"row\">\(source.name.markupEscaped)"
            let others = Self.ranked(source.names).map(\.key).filter { $0 != source.name }
            if !others.isEmpty { html += "<br><small>also: \(others.map(\.markupEscaped).joined(separator: "; "))</small>" }
            html += "</th><td>\(source.kind.markupEscaped)</td>"
            html += "<td>\(Self.ranked(source.roles).map { $0.key.markupEscaped }.joined(separator: "; "))</td>"
            html += "<td>\(Self.ranked(source.affiliations).map { $0.key.markupEscaped }.joined(separator: "; "))</td>"
            html += "<td class=\"num\">\(source.quotes)</td><td class=\"num\">\(source.wordsQuoted)</td><td class=\"num\">\(source.documents)</td>"
            if options.hasGenderColumn {
                let estimate = genderEstimate(of: source)
                html += "<td class=\"gender\">\((estimate?.label ?? "–").markupEscaped)</td><td>\((estimate?.method ?? "not a person").markupEscaped)</td>"
            }
            let links = source.links.map { link in
                let title = link.title.markupEscaped
                return link.href.map { "<a href=\"\($0.markupEscaped)\" title=\"\(title)\">\(link.id.markupEscaped)</a>" } ?? "<span title=\"\(title)\">\(link.id.markupEscaped)</span>"
            }
            let more = source.documents > source.links.count ? " and \(source.documents - source.links.count) more" : ""
            html += "<td class=\"docs\">\(links.joined(separator: ", "))\(more)</td></tr>\n"
        }
        return html + "</tbody>\n</table></div>\n"
    }

    private static func header(_ name: String, numeric: Bool) -> String {
        "<th scope=\"col\"\(numeric ? " class=\"num\"" : "")><button type=\"button\">\(name.markupEscaped)</button></th>"
    }

    private static let methodSection = """
    <section id="method">
    <h2>How this is counted</h2>
    <ul>
    <li><b>Words</b>: runs of characters between spaces holding a letter or a digit, in the document text and in each quote's parts.</li>
    <li><b>Quotes</b>: every item of the <code>quotes</code> layer. Scare quotes (a term in quotation marks, no speech) count in “Quotes by kind” but not in the shares.</li>
    <li><b>Unresolved</b>: a quote with no source, no resolved speaker name, and no named speaker in the text (a bare pronoun names no one).</li>
    <li><b>Sources</b> are merged across documents by name, with case and accents folded; an anonymous source (“a council official”) is never merged across documents.
    Roles and affiliations are listed as the documents give them; “also” lists the other spellings found.</li>
    <li><b>Role family</b>: the first family whose word appears in the source's role (for an anonymous source, its description), from a fixed English and Italian word list; never from a name.</li>
    <li><b>Gender</b>, when shown, is an estimate with its method: the text's own titles and the pronouns the quotes stage resolved to the source, or a name list the user supplied. No gender is guessed from a name without that list.</li>
    <li><b>Month</b>: the first seven characters of <code>metadata.published</code> (<code>YYYY-MM</code>); <b>publisher</b>: <code>metadata.publisher</code>, else <code>siteName</code>, else the publisher source.</li>
    </ul>
    </section>

    """

    private static let pageStyle = """

    main.report, header.meta { max-width: 78rem; margin: 0 auto; padding: 0 1.25rem; }
    main.report section { margin: 1.5rem 0; }
    main.report h2 { font-size: 1.25rem; border-bottom: 1px solid var(--rule); }
    .unresolved-note { border-left: 6px solid var(--vermillion); background: #fdf0e8; padding: .5rem .8rem; }
    .warning, .estimate { border-left: 6px solid var(--orange); background: #fdf6e3; padding: .4rem .8rem; }
    div.table { overflow-x: auto; }
    th button { font: inherit; font-weight: 700; border: 0; background: none; padding: 0; cursor: pointer; color: inherit; text-align: inherit; }
    th[aria-sort="ascending"] button::after { content: " ▲"; }
    th[aria-sort="descending"] button::after { content: " ▼"; }
    td.docs { max-width: 24rem; overflow-wrap: anywhere; font-size: .85rem; }
    """

    /// Sorts a table by a clicked column header: by `data-sort` or the cell text, as numbers
    /// when both are numbers.
    private static let sortScript = """
    document.querySelectorAll("table.sortable th button").forEach(function (button) {
      button.addEventListener("click", function () {
        var th = button.parentNode, table = th.closest("table"), body = table.tBodies[0];
        var column = Array.prototype.indexOf.call(th.parentNode.children, th);
        var ascending = th.getAttribute("aria-sort") !== "ascending";
        table.querySelectorAll("th[aria-sort]").forEach(function (other) { other.removeAttribute("aria-sort"); });
        th.setAttribute("aria-sort", ascending ? "ascending" : "descending");
        function key(row) { var cell = row.cells[column]; return cell.getAttribute("data-sort") || cell.textContent; }
        Array.prototype.slice.call(body.rows).sort(function (a, b) {
          var x = key(a), y = key(b), nx = parseFloat(x), ny = parseFloat(y);
          var order = !isNaN(nx) && !isNaN(ny) ? nx - ny : x.localeCompare(y);
          return ascending ? order : -order;
        }).forEach(function (row) { body.appendChild(row); });
      });
    });
    """
}
