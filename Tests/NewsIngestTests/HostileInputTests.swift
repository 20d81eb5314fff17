import Foundation
import NewsAnnotation
@testable import NewsIngest
import Testing

/// Inputs built to be costly (issue #22): ingest stays linear on them, and stops at the
/// document's time budget instead of reading a huge page to the end. No test asserts a timing
/// except a bound minutes away from a quadratic cost and far above the linear one.
@Suite("Hostile inputs in ingest")
struct HostileInputTests {
    static let bound: Duration = .seconds(120)

    /// A page of about `size` bytes: paragraphs in an article, between navigation and a footer.
    static func page(bytes size: Int) -> String {
        var html = "<!DOCTYPE html><html lang=\"en\"><head><title>Big</title></head><body><nav><a href=\"/\">Home</a></nav><article>"
        let paragraph = "<p>The council said on Tuesday that the harbour wall, built in 1911, would be raised, <a href=\"/x\">a report</a> says.</p>\n"
        let chunk = String(repeating: paragraph, count: 1000)
        while html.utf8.count < size { html += chunk }
        return html + "</article><footer>Contact us</footer></body></html>"
    }

    @Test("a 12 MB text node is read in linear time, cut at libxml2's limit of 10,000,000 bytes")
    func hugeTextNode() throws {
        let words = ["harbour", "wall", "council", "said,", "raised", "the", "report", "Tuesday"]
        var text = ""
        var index = 0
        while text.utf8.count < 12_000_000 {
            text += words[index % words.count] + " "
            index += 1
        }
        let html = "<html lang=\"en\"><body><article><p>" + text + "</p></article></body></html>"
        let clock = ContinuousClock()
        let started = clock.now
        let document = try ingest(Array(html.utf8), path: "node.html", options: IngestOptions(maxBytes: 20_000_000))
        #expect(clock.now - started < Self.bound)
        // libxml2 (without its "huge" option) keeps the first 10,000,000 bytes of a text node
        // (less a space it ended on, trimmed).
        #expect((9_999_990...10_000_000).contains(document.text.utf8.count))
        #expect(text.utf8.starts(with: document.text.utf8))
        #expect(document.diagnostics.contains { $0.id == "html_recovered" && $0.message.contains("huge text node") })
        #expect(document[Layers.blocks]?.map(\.kind) == [.paragraph])
    }

    @Test("a 50 MB page past its time budget stops in ingest with timeBudgetExceeded")
    func hugePagePastItsBudget() throws {
        let bytes = Array(Self.page(bytes: 50_000_000).utf8)
        let clock = ContinuousClock()
        let started = clock.now
        let error = #expect(throws: IngestError.self) {
            try WorkBudget.$deadline.withValue(.now + .milliseconds(300)) {
                try ingest(bytes, path: "big.html", options: IngestOptions(maxBytes: 60_000_000))
            }
        }
        // Reading the page whole takes many seconds in a debug build; ingest stops at its next
        // check, inside libxml2's parse or the extractor's loops.
        #expect(clock.now - started < Self.bound)
        guard case .timeBudgetExceeded(let path, let seconds)? = error else {
            Issue.record("expected timeBudgetExceeded, got \(String(describing: error))")
            return
        }
        #expect(path == "big.html")
        #expect(seconds >= 0.3)
        #expect(error?.interruption.map { StageFailure(stage: "ingest", document: "big", reason: $0).message }?.hasPrefix("time budget exceeded after ") == true)
        #expect(error?.description.hasPrefix("'big.html': time budget exceeded after ") == true)
    }

    @Test("a budget that ran out before ingest stops it before the page is parsed")
    func exhaustedBudget() throws {
        let html = Self.page(bytes: 200_000)
        #expect(throws: IngestError.self) {
            try WorkBudget.$deadline.withValue(.now - .seconds(1)) { try ingestHTML(html) }
        }
        // Without a budget the same page is read.
        #expect(try ingestHTML(html).text.hasPrefix("The council said on Tuesday"))
    }

    @Test("the parser stops inside libxml2 once the budget has run out")
    func parseStopsPastTheBudget() {
        let bytes = Array(Self.page(bytes: 400_000).utf8)
        let whole = HTMLParser.parse(utf8: bytes)
        #expect(whole.tree.nodes.count > 10_000)
        let stopped = WorkBudget.$deadline.withValue(.now - .seconds(1)) { HTMLParser.parse(utf8: bytes) }
        #expect(stopped.tree.nodes.count == 1)
    }

    /// Node by node: tag, text, attributes and parent.
    private static func nodes(_ tree: HTMLTree) -> [String] {
        tree.nodes.map { "\($0.tag)|\($0.parent)|\($0.text)|\($0.attributes.sorted { $0.key < $1.key })" }
    }

    @Test("the budget checks inside the parse leave the tree as it was", arguments: ["bbc-newsbeat-russia-syria-page.it.html", "riverton-harbour-flood.en.html"])
    func checkedParseIsTheSame(_ name: String) throws {
        let bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: sample(name))))
        let cleaned = MarkupPrepass.neutralizingRawText(MarkupPrepass.removingInternalSubset(bytes))
        let unbudgeted = HTMLParser.parse(utf8: cleaned)
        let budgeted = WorkBudget.$deadline.withValue(.now + .seconds(3600)) { HTMLParser.parse(utf8: cleaned) }
        #expect(Self.nodes(budgeted.tree) == Self.nodes(unbudgeted.tree))
        #expect(budgeted.recoveredError == unbudgeted.recoveredError)
        #expect(budgeted.tree.nodes.count > 100)
    }

    @Test("a page nested too deep still hits the depth limit under a budget")
    func deepNestingUnderABudget() {
        let depth = 10_000
        let html = "<html><body>" + String(repeating: "<div>", count: depth) + "<p>Deep inside.</p>" + String(repeating: "</div>", count: depth) + "</body></html>"
        let budgeted = WorkBudget.$deadline.withValue(.now + .seconds(3600)) { HTMLParser.parse(utf8: Array(html.utf8)) }
        #expect(budgeted.hitDepthLimit)
    }
}
