import NewsAnnotation
import NewsIngest
import Testing

/// One hand-written page per body-extraction heuristic (Docs/Ingest.md, "Finding the article
/// body"); each fails without its heuristic.
@Suite("HTML body extraction")
struct BodyExtractionTests {
    @Test("a script that spells its own end tag in pieces cannot end early and cut the article")
    func scriptContentCannotCloseElements() throws {
        let html = """
        <html lang="en"><body><div class="story"><h1>Harbour reopens</h1>
        <p>The harbour reopened on Tuesday morning, after crews worked through the night.</p>
        <script>var end = '</script' + '>'; var slot = '</div></div><div class="promo">';</script>
        <p>Ferries will run to the usual timetable from Wednesday, the port authority said.</p></div>
        <div class="sidebar"><p>Most read: a story about something else entirely, with commas, here.</p></div></body></html>
        """
        let document = try ingestHTML(html)
        #expect(document.blockTexts() == [
            "Harbour reopens", "The harbour reopened on Tuesday morning, after crews worked through the night.",
            "Ferries will run to the usual timetable from Wednesday, the port authority said.",
        ])
        #expect(!document.text.contains("var slot"))
    }

    @Test("JSON-LD keeps its content when scripts are emptied, markup-like strings included")
    func jsonLDSurvivesNeutralizing() throws {
        let html = """
        <html><head><script type="application/ld+json">{"@type":"NewsArticle","headline":"Quay <b>closed</b>",
        "author":{"name":"Ada Byrne"},"description":"A line with </p> in it"}</script>
        <script>document.write("<div class='promo'>");</script></head>
        <body><article><p>The quay closed on Monday, the council said, after the storm damaged it.</p></article></body></html>
        """
        let document = try ingestHTML(html)
        #expect(document.metadata.title == "Quay <b>closed</b>")
        #expect(document.metadata.authors == ["Ada Byrne"])
        #expect(document.metadata.description == "A line with </p> in it")
        #expect(document.blockTexts() == ["The quay closed on Monday, the council said, after the storm damaged it."])
    }
}
