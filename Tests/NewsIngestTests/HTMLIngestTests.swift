import Foundation
import NewsAnnotation
import NewsIngest
import Testing

/// Noise and body strings listed per language in Samples/NOISE.md.
private func noiseList() throws -> (noise: [String: [String]], body: [String: [String]]) {
    let text = try String(contentsOfFile: sample("NOISE.md"), encoding: .utf8)
    var noise: [String: [String]] = [:]
    var body: [String: [String]] = [:]
    var section = ""
    for line in text.split(separator: "\n") {
        if line.hasPrefix("## ") { section = String(line) }
        for language in ["it", "en"] where line.hasPrefix("- \(language): ") {
            let value = String(line.dropFirst(language.count + 4))
            if section.contains("Noise") { noise[language, default: []].append(value) }
            if section.contains("Body") { body[language, default: []].append(value) }
        }
    }
    return (noise, body)
}

@Suite("HTML ingest")
struct HTMLIngestTests {
    @Test("the Italian page's body has every paragraph of the seed and none of the page furniture")
    func italianBody() throws {
        let document = try Ingestor().ingest(contentsOf: sample("bbc-newsbeat-russia-syria-page.it.html"))
        let seed = try String(contentsOfFile: sample("bbc-newsbeat-russia-syria.it.txt"), encoding: .utf8)
        let body = (document[Layers.blocks] ?? []).filter { $0.kind != .caption }.map { document.text(of: $0.span) }
        let expected = seed.split(separator: "\n").map { String($0) }.filter { $0 != "." }.map { $0.hasPrefix("- ") ? String($0.dropFirst(2)) : $0 }
        #expect(body == ["Come è stata coinvolta la Russia nella guerra in Siria?"] + expected)
        let lists = try noiseList()
        let bodyText = body.joined(separator: "\n")
        for noise in lists.noise["it"] ?? [] { #expect(!bodyText.contains(noise), "noise in body: \(noise)") }
        for wanted in lists.body["it"] ?? [] { #expect(bodyText.contains(wanted), "missing from body: \(wanted)") }
        #expect(!bodyText.contains("Commenti"))
        #expect(!bodyText.contains("Di Giulia Ferri"))
        #expect(document.blockTexts(.caption) == ["Dal settembre 2015 i jet russi decollano dalla base aerea di Hmeimim per colpire obiettivi in territorio siriano. Getty Images"])
        #expect(document.blockTexts(.heading).count == 7)
        #expect(document.blockTexts(.listItem).count == 3)
        #expect(document.blockTexts(.footer) == ["Trovaci su Instagram a BBCNewsbeat e seguici su Snapchat, cerca bbc_newsbeat"])
        #expect(document.diagnostics.isEmpty)
    }

    @Test("the Italian page's metadata comes from JSON-LD, OpenGraph and the page")
    func italianMetadata() throws {
        let metadata = try Ingestor().ingest(contentsOf: sample("bbc-newsbeat-russia-syria-page.it.html")).metadata
        #expect(metadata.title == "Come è stata coinvolta la Russia nella guerra in Siria?")
        #expect(metadata.authors == ["Giulia Ferri", "Marco Lentini"])
        #expect(metadata.byline == "Di Giulia Ferri e Marco Lentini")
        #expect(metadata.published == "2017-04-12T15:02:11+01:00")
        #expect(metadata.language == "it")
        #expect(metadata.url == "https://www.bbc.co.uk/newsbeat/articles/39573095-it")
        #expect(metadata.siteName == "BBC Newsbeat")
    }

    @Test("inline links keep their target as markup over the right text")
    func markup() throws {
        let document = try Ingestor().ingest(contentsOf: sample("bbc-newsbeat-russia-syria-page.it.html"))
        let links = (document[Layers.markup] ?? []).filter { $0.kind == .link }
        #expect(links.map { document.text(of: $0.span) } == ["Oxford Research Group", "LSE", "BBCNewsbeat", "bbc_newsbeat"])
        #expect(links.first?.href == "https://www.oxfordresearchgroup.org.uk/")
    }

    @Test("a page without article or main is extracted by text density")
    func englishBody() throws {
        let document = try Ingestor().ingest(contentsOf: sample("riverton-harbour-flood.en.html"))
        let lists = try noiseList()
        let body = (document[Layers.blocks] ?? []).filter { $0.kind != .caption }.map { document.text(of: $0.span) }.joined(separator: "\n")
        for noise in lists.noise["en"] ?? [] { #expect(!body.contains(noise), "noise in body: \(noise)") }
        for wanted in lists.body["en"] ?? [] { #expect(body.contains(wanted), "missing from body: \(wanted)") }
        #expect(document.blockTexts(.heading).first == "Storm surge floods Riverton harbour as sea wall is overtopped")
        #expect(document.metadata.authors == ["Sam Holloway"])
        #expect(document.metadata.published == "2024-03-03T08:30:00Z")
        #expect(document.metadata.language == "en")
        #expect(document.metadata.siteName == "Riverton Gazette")
        #expect(document.metadata.url == "https://www.rivertongazette.example/news/2024/03/03/harbour-flood")
    }

    @Test("JSON-LD in a @graph, authors as objects or a joined string, and a titled <title>")
    func jsonLDVariants() throws {
        let html = """
        <html><head><title>Il titolo vero - Gazzetta</title><meta property="og:site_name" content="Gazzetta">
        <script type="application/ld+json">{"@context":"https://schema.org","@graph":[{"@type":"WebSite","name":"Gazzetta"},
        {"@type":["NewsArticle"],"datePublished":"2020-02-03 10:00","author":"Anna Rossi e Luca Bianchi","inLanguage":"it-IT"}]}</script>
        <script type="application/ld+json">{ not json</script></head>
        <body><div class="content"><p>Questo è il primo paragrafo, abbastanza lungo da contare come testo dell’articolo.</p>
        <p>Questo è il secondo paragrafo, anch’esso abbastanza lungo, con virgole, e parole.</p></div></body></html>
        """
        let document = try ingestHTML(html)
        #expect(document.metadata.title == "Il titolo vero")
        #expect(document.metadata.authors == ["Anna Rossi", "Luca Bianchi"])
        #expect(document.metadata.published == "2020-02-03T10:00")
        #expect(document.metadata.language == "it")
        #expect(document.metadata.languageSource == "json-ld")
        #expect(document.diagnostics.map(\.id) == ["invalid_json_ld"])
        #expect(document.blockTexts().count == 2)
    }

    @Test("inline markup spans start at their first visible character")
    func markupSpansTrimmed() throws {
        let document = try ingestHTML("<html><body><p>Read the<a href=\"/r\"> full report </a>now, or <em>\n later</em>.</p></body></html>")
        #expect(document.text == "Read the full report now, or later.")
        let markup = try #require(document[Layers.markup])
        #expect(markup.map { document.text(of: $0.span) } == ["full report", "later"])
    }

    @Test("a charset declared in a meta tag decodes the page")
    func metaCharset() throws {
        let head = "<html><head><meta http-equiv=\"Content-Type\" content=\"text/html; charset=iso-8859-15\"></head><body><p>Prezzo: 5 "
        let bytes = Array(head.utf8) + [0xA4] + Array(", caff".utf8) + [0xE8] + Array(".</p></body></html>".utf8)
        let document = try ingest(bytes, path: "p.html")
        #expect(document.text == "Prezzo: 5 €, caffè.")
        #expect(document.source?.encoding == "iso-8859-15")
    }

    @Test("link lists, share bars and hidden elements inside the article are left out")
    func furnitureInsideArticle() throws {
        let html = """
        <html lang="en"><body><article><h1>Main title of the story</h1>
        <div class="share-tools"><a href="#">Share on Facebook</a></div>
        <p>The first paragraph of the story has enough words to be kept, with a comma, too.</p>
        <ul><li><a href="/a">Related story one</a></li><li><a href="/b">Related story two</a></li></ul>
        <p hidden>Hidden paragraph text that must not appear.</p><p style="display: none">Also hidden.</p>
        <blockquote><p>A quoted block inside the article.</p></blockquote>
        <pre>  line one
          line two</pre>
        <p>Last <q cite="http://x">inline quote</q> at <time datetime="2020-01-02">2 January</time>.</p></article></body></html>
        """
        let document = try ingestHTML(html)
        #expect(document.blockTexts() == [
            "Main title of the story", "The first paragraph of the story has enough words to be kept, with a comma, too.",
            "A quoted block inside the article.", "  line one\n  line two", "Last inline quote at 2 January.",
        ])
        #expect(document[Layers.blocks]?.map(\.kind) == [.heading, .paragraph, .blockquote, .preformatted, .paragraph])
        let markup = try #require(document[Layers.markup])
        #expect(markup.map(\.kind) == [.inlineQuote, .time])
        #expect(markup.map { document.text(of: $0.span) } == ["inline quote", "2 January"])
        #expect(markup[1].datetime == "2020-01-02")
        #expect(markup[0].cite == "http://x")
    }
}
