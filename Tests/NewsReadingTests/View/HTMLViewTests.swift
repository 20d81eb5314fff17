import Foundation
import NewsAnnotation
@testable import NewsReading
import Testing

/// The text inside `<div class="text" …>…</div>` with every tag removed and entities decoded.
private func visibleText(of page: String) throws -> String {
    let start = try #require(page.range(of: "<div class=\"text\""))
    let open = try #require(page.range(of: ">", range: start.upperBound..<page.endIndex))
    let close = try #require(page.range(of: "</div>\n</main>", range: open.upperBound..<page.endIndex))
    let inner = String(page[open.upperBound..<close.lowerBound])
    let stripped = inner.replacingOccurrences(of: "<[^>]*>", with: "", options: .regularExpression)
    return stripped.replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(of: "&gt;", with: ">")
        .replacingOccurrences(of: "&quot;", with: "\"").replacingOccurrences(of: "&amp;", with: "&")
}

/// Checks that start and end tags of `names` nest properly, returning the first problem.
private func nestingProblem(in html: String, names: Set<String>) -> String? {
    var stack: [String] = []
    let regex = try? NSRegularExpression(pattern: "<(/?)([a-z]+)[^>]*>")
    let range = NSRange(html.startIndex..., in: html)
    for match in regex?.matches(in: html, range: range) ?? [] {
        guard let closing = Range(match.range(at: 1), in: html), let name = Range(match.range(at: 2), in: html).map({ String(html[$0]) }),
              names.contains(name) else { continue }
        if html[closing].isEmpty {
            stack.append(name)
        } else if stack.popLast() != name {
            return "</\(name)> does not close the innermost open element"
        }
    }
    return stack.isEmpty ? nil : "unclosed: \(stack)"
}

@Suite("HTML view")
struct HTMLViewTests {
    @Test("crossing spans are split into fragments that nest, and later fragments use the reopen tag")
    func crossingSpans() {
        let text = DocumentText("“a <b> c” d e")
        let marks = [
            SpanMark(span: TextSpan(start: 0, end: 9), rank: 1, open: "<q>", reopen: "<q class=cont>", close: "</q>"),
            SpanMark(span: TextSpan(start: 7, end: 11), rank: 4, open: "<m>", reopen: "<m class=cont>", close: "</m>"),
            SpanMark(span: TextSpan(start: 3, end: 6), rank: 5, open: "<t>", reopen: "<t class=cont>", close: "</t>"),
        ]
        #expect(SpanNesting.render(text, marks: marks) == "<q>“a <t>&lt;b&gt;</t> <m>c”</m></q><m class=cont> d</m> e")
    }

    @Test("identical spans nest by rank; empty spans and spans past the text are left out")
    func sameSpan() {
        let text = DocumentText("Roma 🙂")
        let marks = [
            SpanMark(span: TextSpan(start: 0, end: 4), rank: 5, open: "<inner>", reopen: "", close: "</inner>"),
            SpanMark(span: TextSpan(start: 0, end: 4), rank: 1, open: "<outer>", reopen: "", close: "</outer>"),
            SpanMark(span: TextSpan(start: 2, end: 2), rank: 1, open: "<empty>", reopen: "", close: "</empty>"),
            SpanMark(span: TextSpan(start: 5, end: 6), rank: 1, open: "<emoji>", reopen: "", close: "</emoji>"),
            SpanMark(span: TextSpan(start: 5, end: 9), rank: 1, open: "<bad>", reopen: "", close: "</bad>"),
        ]
        #expect(SpanNesting.render(text, marks: marks) == "<outer><inner>Roma</inner></outer> <emoji>🙂</emoji>")
    }

    @Test("the page's text, tags removed, is exactly the document text, and its elements nest", arguments: ["unicode.it.json", "bbc-newsbeat-russia-syria.it.json"])
    func textSurvives(_ fixture: String) throws {
        let document = try viewFixture(fixture)
        let page = HTMLView.page(for: document, indexPath: "index.html")
        #expect(try visibleText(of: page) == document.text.string)
        #expect(nestingProblem(in: page, names: ["span", "mark", "div", "main", "aside", "section", "table", "tr", "td", "ul", "li", "dl", "header", "button"]) == nil)
        #expect(page == HTMLView.page(for: document, indexPath: "index.html"))
    }

    @Test("every annotation is in the DOM: entities by type, dates with their value, quotes with their speaker")
    func annotationsPresent() throws {
        let document = try viewFixture("unicode.it.json")
        let page = HTMLView.page(for: document)
        #expect(page.components(separatedBy: "<mark class=\"ent t-").count - 1 == 7)
        #expect(page.contains("data-type=\"LOC\"") && page.contains("t-ORG"))
        for value in ["2024-03-04", "2024-03-05", "P6M"] { #expect(page.contains("data-value=\"\(value)\"")) }
        #expect(page.contains("data-tip=\"DURATION P6M\"") && page.contains("aria-describedby=\"timex-t3\"") && page.contains("<tr id=\"timex-t3\">"))
        // q1 has two parts, q2 runs over a blank line: both are quote elements of the same speaker.
        #expect(page.components(separatedBy: "data-quote=\"q1\"").count - 1 == 2)
        #expect(page.contains("class=\"quote k-direct qfirst\" id=\"quote-q2\" data-label=\"Zoë Bălan\" data-quote=\"q2\""))
        #expect(page.contains("<span class=\"speaker\" role=\"button\" tabindex=\"0\" aria-pressed=\"false\" data-speaker=\"source:s1\""))
        // The date inside the quote and the entity inside the speaker are nested inside them.
        #expect(page.contains("“ma 🙂 <span class=\"timex\""))
        #expect(page.contains("la signora <span class=\"source-mention\" data-source=\"s1\" title=\"source: Zoë Bălan\"><mark class=\"ent t-PER\""))
        // The panel: both sources with role, affiliation and quote count.
        #expect(page.contains("<button type=\"button\" class=\"speaker-button\" data-speaker=\"source:s1\" data-name=\"Zoë Bălan\" aria-pressed=\"false\" title=\"Zoë Bălan: highlight 2 quotes\">"))
        #expect(page.contains("<dt>role</dt><dd>portavoce</dd><dt>affiliation</dt><dd>ONU</dd><dt>quotes</dt><dd>2</dd>"))
    }

    @Test("everything from the document is escaped, and nothing is loaded from the network")
    func escapingAndNoNetwork() throws {
        let page = HTMLView.page(for: try viewFixture("unicode.it.json"))
        #expect(!page.contains("<script>alert"))
        #expect(page.contains("&lt;script&gt;alert(1)&lt;/script&gt; &amp; “quotes”"))
        #expect(page.contains("Esempio &lt;Notizie&gt; &amp; co"))
        #expect(page.components(separatedBy: "<script").count - 1 == 1)
        for external in ["<link", "src=", "url(", "@import", "href=\"http"] { #expect(!page.contains(external), "\(external)") }
        #expect(page.contains("default-src 'none'"))
    }

    @Test("accessibility and layout hooks: focus styles, a live region, a phone layout, print styles, Okabe–Ito colours")
    func accessibility() throws {
        let page = HTMLView.page(for: try viewFixture("unicode.it.json"))
        for needle in [":focus-visible", "role=\"status\" aria-live=\"polite\"", "@media (max-width: 52rem)", "@media print",
                       "<meta name=\"viewport\"", "#E69F00", "#56B4E9", "#009E73", "#0072B2", "#D55E00", "#CC79A7", "lang=\"it\"",
                       "class=\"skip\"", "event.key !== \"Enter\""] {
            #expect(page.contains(needle), "\(needle)")
        }
    }

    @Test("a document without entity, quote or source layers says they did not run")
    func missingLayers() throws {
        // The English golden without the layers of the later stages.
        let golden = packageRoot + "/Samples/riverton-harbour-flood.en.expected.json"
        var json = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: golden))) as? [String: Any])
        var layers = try #require(json["layers"] as? [String: Any])
        for layer in ["entities", "quotes", "sources"] { layers[layer] = nil }
        json["layers"] = layers
        let page = HTMLView.page(for: try AnnotatedDocument(json: try JSONSerialization.data(withJSONObject: json), path: golden))
        #expect(page.contains("<li>entities <b>not run</b></li>") && page.contains("<li>dates <b>22</b></li>"))
        #expect(page.contains("No sources layer: the sources stage did not run."))
        #expect(!page.contains("<mark class=\"ent t-"))
    }

    @Test("the index lists each document with a link and its counts, – for layers that did not run, and the failures")
    func index() throws {
        let documents = try ["unicode.it.json", "bbc-newsbeat-russia-syria.it.json"].map { name in
            ConversionRunner.summary(of: try viewFixture(name), outputName: "sub/" + name.replacingOccurrences(of: ".json", with: ""), labels: [:])
        }
        let page = HTMLView.index(documents, failures: ["'missing.txt': no such file"])
        #expect(page.contains("<a href=\"sub/unicode.it.html\">unicode.it</a>"))
        #expect(page.contains("<td class=\"num\">7</td><td class=\"num\">3</td><td class=\"num\">3</td><td class=\"num\">2</td>"))
        #expect(page.contains("<li>&#39;missing.txt&#39;: no such file</li>") || page.contains("<li>'missing.txt': no such file</li>"))
        #expect(page.contains("2 documents, 1 failed."))
    }
}
