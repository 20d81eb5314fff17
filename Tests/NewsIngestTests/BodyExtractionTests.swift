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

    @Test("an aside or a footer that holds most of the page's paragraphs is the story, not furniture")
    func storyInAsideOrFooter() throws {
        let slides = (1...5).map { number in
            "<li class=\"slide\"><h2>Idea \(number)</h2><p>Idea \(number) for the table: gather leaves, acorns and branches, and arrange them in a bowl.</p></li>"
        }.joined()
        let aside = """
        <html lang="en"><body><div class="main"><h1>Table ideas for autumn</h1><p>These ideas will add some colour to any table.</p></div>
        <aside id="rightColumn"><div class="slideshow"><ul>\(slides)</ul></div></aside></body></html>
        """
        let fromAside = try ingestHTML(aside).blockTexts()
        #expect(fromAside.contains("Idea 5 for the table: gather leaves, acorns and branches, and arrange them in a bowl."))
        let footer = """
        <html lang="en"><body><div class="video"><h1>A service dog's story</h1><p>Click play to watch.</p></div>
        <footer id="meta-data"><div id="transcript"><p>Hello. My name is Benjamin, and I am a service dog, proud of my vest.</p>
        <p>Joe is my best friend and my hero, and this is our story, told in full in this transcript.</p></div></footer></body></html>
        """
        #expect(try ingestHTML(footer).blockTexts().contains("Joe is my best friend and my hero, and this is our story, told in full in this transcript."))
        // A footer of links and credits is still furniture.
        let credits = """
        <html lang="en"><body><div class="story"><h1>Bridge opens</h1><p>The bridge opened on Monday, the council said, two years late.</p>
        <p>Traffic ran smoothly on the first day, with a queue at the toll in the evening.</p></div>
        <footer><p>Copyright 2024 The Gazette, all rights reserved, every one.</p></footer></body></html>
        """
        #expect(!(try ingestHTML(credits).text.contains("Copyright")))
    }

    @Test("a story in repeated containers of one class, between related links, is kept whole")
    func storyInRepeatedContainers() throws {
        let step = { (number: Int, text: String) in
            "<div class=\"mod step\"><div class=\"stepContent\"><div class=\"content\"><span class=\"head\">Step \(number)</span><p>\(text)</p></div></div></div>"
        }
        let related = (1...4).map { "<li><a href=\"/r\($0)\">Another guide number \($0) to read next</a></li>" }.joined()
        let html = """
        <html lang="en"><body><div id="main"><h1>How to build a terrarium</h1>
        \(step(0, "Glass cloche terrariums are easy to care for, as they keep much of their own moisture and warmth, and they look lovely."))
        <div class="RelatedContent"><h3>Other people are reading</h3><ul>\(related)</ul></div>
        \(step(1, "Measure the cloche."))
        \(step(2, "Insert your plant into the hole."))
        \(step(3, "Using floral pins, attach moss."))
        </div></body></html>
        """
        let document = try ingestHTML(html)
        #expect(document.blockTexts().contains("Using floral pins, attach moss."))
        #expect(document.blockTexts().contains("Measure the cloche."))
        #expect(!document.text.contains("Another guide"))
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

    @Test("widget lines, photo credits and slideshow counters are dropped from the body; sentences about them stay")
    func widgetLinesCreditsAndCounters() throws {
        let html = """
        <html lang="en"><body><div class="story"><h1>Harbour reopens</h1>
        <p>The harbour reopened on Tuesday morning, after crews worked through the night.</p>
        <p>Advertisement</p><div>Loading…</div><p>Share this:</p><p>12 Comments</p>
        <div><p>Photo by Ann Lee/Getty Images</p><p>Reuters/Corbis</p><p>3 of 12</p><p>4/12</p></div>
        <p>Ferries will run to the usual timetable from Wednesday, the port authority said.</p>
        <p>An advertisement for the ferry, photo by the port, ran in 3 of 12 papers.</p>
        <p>Getty Images photographers covered the reopening, with Reuters.</p></div></body></html>
        """
        #expect(try ingestHTML(html).blockTexts() == [
            "Harbour reopens", "The harbour reopened on Tuesday morning, after crews worked through the night.",
            "Ferries will run to the usual timetable from Wednesday, the port authority said.",
            "An advertisement for the ferry, photo by the port, ran in 3 of 12 papers.",
            "Getty Images photographers covered the reopening, with Reuters.",
        ])
    }

    @Test("a gallery inside the article is furniture when the page has a story of its own outside it")
    func galleryBesideTheStory() throws {
        let story = (1...16).map { number in
            "<p>Paragraph \(number) of the story: the hotel bosses said that sheets are not always changed, and towels neither, between guests.</p>"
        }.joined()
        let slides = (1...40).map { number in
            "<li><h2><span class=\"counter\">\(number)/40</span> Slide \(number)</h2><p>Caption \(number) of the gallery, describing a picture of the week in business news, at some length.</p><p class=\"credits\">GETTY IMAGES</p></li>"
        }.joined()
        let html = """
        <html lang="en"><body><article><div itemprop="articleBody"><h1>Hotel secrets</h1>\(story)
        <div class="full-gallery"><h2>Business news in pictures</h2><ul class="legends">\(slides)</ul></div></div></article></body></html>
        """
        let text = try ingestHTML(html).text
        #expect(text.contains("Paragraph 8 of the story"))
        #expect(!text.contains("Caption 1 of the gallery"))
        #expect(!text.contains("Business news in pictures"))
    }

    @Test("a MathML formula reads as its tokens, one word each; its annotations never; alttext when it shows nothing")
    func mathML() throws {
        let html = """
        <html lang="en"><body><div class="story"><h1>The quadratic formula</h1>
        <p>When <math><mi>a</mi><mo>≠</mo><mn>0</mn></math>, there are two solutions, as every pupil learns at school.</p>
        <p>The identity <math alttext="e^{i\\pi}+1=0"><semantics><mrow></mrow><annotation encoding="application/x-tex">e^{i\\pi}+1=0</annotation></semantics></math> is famous, and rightly so, among mathematicians.</p>
        <p>The area is <math><semantics><mrow><mi>π</mi><msup><mi>r</mi><mn>2</mn></msup></mrow><annotation encoding="application/x-tex">\\pi r^2</annotation></semantics></math> for a circle of radius r.</p>
        </div></body></html>
        """
        #expect(try ingestHTML(html).blockTexts() == [
            "The quadratic formula", "When a ≠ 0 , there are two solutions, as every pupil learns at school.",
            "The identity e^{i\\pi}+1=0 is famous, and rightly so, among mathematicians.",
            "The area is π r 2 for a circle of radius r.",
        ])
    }

    @Test("a section whose id is made from its own heading is not furniture, even when the heading says 'sharing'")
    func headingSlugIDs() throws {
        let html = """
        <html lang="en"><body><div class="document"><div class="section" id="shared-history"><h1>Shared history</h1>
        <p>Once you have mastered mutable history in one repository, you can move up to the next level.</p>
        <div class="section" id="sharing-with-a-single-developer"><h2>Sharing with a single developer</h2>
        <p>The simplest scenario is a single developer working across two computers, one of them remote.</p>
        <p>The key is to keep your changesets in draft phase as you pass them around, between the two.</p></div>
        <div class="section" id="conclusion"><h2>Conclusion</h2><p>Mutable history is powerful, and it can be shared safely.</p></div>
        <div id="sharing"><p>Share this page with your friends, on every network you use, today.</p></div></div></div></body></html>
        """
        let texts = try ingestHTML(html).blockTexts()
        #expect(texts.contains("Sharing with a single developer"))
        #expect(texts.contains("The key is to keep your changesets in draft phase as you pass them around, between the two."))
        #expect(!texts.contains { $0.hasPrefix("Share this page") })
    }

    @Test("a page whose body is nearly empty without its gallery keeps the gallery: the gallery is the story")
    func galleryThatIsTheStory() throws {
        let menu = (1...60).map { "<li><a href=\"/s\($0)\">Section number \($0) of the site</a></li>" }.joined()
        let slides = (1...12).map { "<li><h3>Sweater \($0)</h3><p>Editor \($0), Digital</p></li>" }.joined()
        let html = """
        <html lang="de"><body><nav><ul>\(menu)</ul></nav><div class="content"><h1>Our Christmas sweaters</h1>
        <div class="gallery"><ul>\(slides)</ul></div></div></body></html>
        """
        let texts = try ingestHTML(html).blockTexts()
        #expect(texts.contains("Sweater 12"))
        #expect(texts.contains("Editor 12, Digital"))
        #expect(!texts.contains { $0.contains("Section number") })
    }

    @Test("a one-word compound of a furniture word and a container word ('relatedposts') names furniture")
    func oneWordCompoundNames() throws {
        let html = """
        <html lang="en"><body><div class="entry-content"><h1>Survey results are out</h1>
        <p>The survey published its results on Tuesday, summarising the answers of thousands of developers.</p>
        <p>Most of them work on the web, the report says, and most of those write JavaScript every day.</p>
        <p>The full report runs to forty pages, with charts for every question that was asked this year.</p>
        <div id="jp-relatedposts" class="jp-relatedposts"><h3>Related</h3>
        <div class="jp-relatedposts-post"><h4>Last year's survey</h4><p>Last year's survey covered a wide range of topics.</p></div></div>
        </div></body></html>
        """
        let texts = try ingestHTML(html).blockTexts()
        #expect(texts.contains("The full report runs to forty pages, with charts for every question that was asked this year."))
        #expect(!texts.contains("Last year's survey covered a wide range of topics."))
        #expect(!texts.contains("Last year's survey"))
    }
}
