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

    @Test("a container with a furniture word in its class is kept when it holds most of the paragraphs")
    func furnitureNamedContainerWithTheParagraphs() throws {
        let menu = (1...40).map { "<li><a href=\"/s\($0)\">Section number \($0) of the site</a></li>" }.joined()
        let html = """
        <html lang="en"><body><nav><ul>\(menu)</ul></nav>
        <div class="box article modal-enabled"><h1>Council approves the new bridge</h1>
        <p>The council approved the new bridge on Monday, after a debate that ran late into the night.</p>
        <p>Work will start in the spring, the mayor said, and the bridge should open in two years.</p></div>
        </body></html>
        """
        let document = try ingestHTML(html)
        #expect(document.blockTexts() == [
            "Council approves the new bridge",
            "The council approved the new bridge on Monday, after a debate that ran late into the night.",
            "Work will start in the spring, the mayor said, and the bridge should open in two years.",
        ])
    }

    @Test("text written straight into nested divs scores as paragraphs, so a sidebar of <p> teasers does not win")
    func textInDivsScores() throws {
        let chapter = (1...6).map { number in
            "<div><div><span>Paragraph \(number) of the chapter goes on for a while, with a comma, and then it ends.</span></div></div>"
        }.joined(separator: "\n")
        let html = """
        <html lang="en"><body><div class="chapter-content"><div>\(chapter)</div></div>
        <div class="column"><p>A teaser for another story, long enough to score, with a comma.</p>
        <p>One more teaser for another story, long enough to score as well.</p></div></body></html>
        """
        let document = try ingestHTML(html)
        let body = document.blockTexts()
        #expect(body.count == 6)
        #expect(body.first == "Paragraph 1 of the chapter goes on for a while, with a comma, and then it ends.")
        #expect(!document.text.contains("teaser"))
    }

    @Test("a story split into blocks between ad slots is kept whole")
    func storyInSiblingBlocks() throws {
        let blocks = (1...4).map { number in
            "<div class=\"block\"><div class=\"text\"><p>Part \(number) of the story starts here, with a comma, and goes on.</p>"
                + "<p>It ends with a second sentence of part \(number), about the harbour.</p><p>A third sentence of part \(number) closes it.</p></div></div>"
                + "<div class=\"ad-slot\">Advertisement</div>"
        }.joined(separator: "\n")
        let document = try ingestHTML("<html lang=\"en\"><body><div class=\"story-wrap\"><h1>Harbour story</h1>\(blocks)</div></body></html>")
        #expect(document.blockTexts().count == 13)
        #expect(document.blockTexts().last == "A third sentence of part 4 closes it.")
        #expect(!document.text.contains("Advertisement"))
    }

    @Test("of several <article>s in a list of teasers, none is taken for the story")
    func teaserArticlesAreNotTheStory() throws {
        let html = """
        <html lang="en"><body><div class="story"><h1>Flood defences to be rebuilt</h1>
        <p>The city will rebuild its flood defences, the council said on Monday, after a winter of storms.</p>
        <p>Engineers expect the work, which will cost more than planned, to take three years to finish.</p>
        <p>Residents asked for the quay to stay open while the wall is built, and the council agreed.</p>
        <p>The old wall, built in 1890, was overtopped twice in January, flooding shops and homes.</p></div>
        <ol><li><article><h2>Another story</h2><p>A teaser for another story in the list that goes on and on for quite a few words more than it needs to</p>
        <p>And a second teaser paragraph that makes this article almost as long as the story text above it</p>
        <p>And a third teaser paragraph that is here only to add a few more words to the list item</p></article></li>
        <li><article><h2>Third story</h2><p>Short teaser.</p></article></li></ol></body></html>
        """
        let document = try ingestHTML(html)
        #expect(document.blockTexts().first == "Flood defences to be rebuilt")
        #expect(document.blockTexts().count == 5)
        #expect(!document.text.contains("teaser"))
    }
}
