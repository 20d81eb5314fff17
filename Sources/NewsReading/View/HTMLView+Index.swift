extension HTMLView {
    /// The index page of a batch: one row per document with a link to its page and the
    /// number of items in each layer (`–` for a layer that did not run), and the inputs that
    /// failed.
    ///
    /// - Parameters:
    ///   - documents: The documents converted, in input order.
    ///   - failures: One message per failed input.
    /// - Returns: The HTML, self-contained like the document pages.
    public static func index(_ documents: [ConversionRunner.DocumentSummary], failures: [String]) -> String {
        var html = head(title: "Annotated documents", language: "en", allowsScript: false, extraStyle: "\n.index-table { overflow-x: auto; }") + """
        <body>
        <header class="meta">
        <h1>Annotated documents</h1>
        <p>\(documents.count) document\(documents.count == 1 ? "" : "s")\(failures.isEmpty ? "" : ", \(failures.count) failed").</p>
        </header>
        <main class="layout" style="display:block">
        <div class="index-table">
        <table>
        <caption class="visually-hidden">Documents with the number of annotations per layer</caption>
        <thead><tr><th scope="col">document</th><th scope="col">title</th><th scope="col">language</th>
        """
        html += (countedLayers + ["diagnostics"]).map { "<th scope=\"col\" class=\"num\">\($0)</th>" }.joined() + "</tr></thead>\n<tbody>\n"
        for document in documents {
            html += "<tr><th scope=\"row\"><a href=\"\((document.outputName + ".html").markupEscaped)\">\(document.id.markupEscaped)</a></th>"
            html += "<td>\(document.title.markupEscaped)</td><td>\((document.language ?? "").markupEscaped)</td>"
            html += countedLayers.map { layer in "<td class=\"num\">\(document.counts[layer].map(String.init) ?? "–")</td>" }.joined()
            html += "<td class=\"num\">\(document.diagnostics)</td></tr>\n"
        }
        html += "</tbody>\n</table>\n</div>\n"
        if !failures.isEmpty {
            html += "<section class=\"extra\" style=\"padding:0\"><h2>Failed inputs</h2>\n<ul>\n" + failures.map { "<li>\($0.markupEscaped)</li>\n" }.joined() + "</ul>\n</section>\n"
        }
        return html + "</main>\n<footer>Made by news-annotate view. “–” marks a layer no stage produced.</footer>\n</body>\n</html>\n"
    }
}
