import Foundation
import NewsAnnotation
import NewsIngest
import Testing

@Suite("Bad input")
struct BadInputTests {
    @Test("an empty file is one clear error")
    func empty() throws {
        let directory = try TemporaryDirectory()
        let path = try directory.write("empty.txt", [])
        let error = #expect(throws: IngestError.self) { try Ingestor().ingest(contentsOf: path) }
        #expect(error == .empty(path: path))
        #expect(error?.description == "'\(path)': the input is empty")
    }

    @Test("binary files are refused with what they look like", arguments: [
        ([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13], "a PNG image"),
        ([0x25, 0x50, 0x44, 0x46, 0x2D, 0x31, 0x2E, 0x34], "a PDF document"),
        ([0x41, 0x42, 0x00, 0x43], "binary data (it contains NUL bytes)"),
    ] as [([UInt8], String)])
    func binary(bytes: [UInt8], kind: String) throws {
        #expect(throws: IngestError.binary(path: "x.html", kind: kind)) { try ingest(bytes, path: "x.html") }
    }

    @Test("a missing file and a directory are errors naming the path")
    func missing() throws {
        #expect(throws: IngestError.fileNotFound(path: "/nonexistent/article.txt")) { try Ingestor().ingest(contentsOf: "/nonexistent/article.txt") }
        let directory = try TemporaryDirectory()
        #expect(throws: IngestError.isDirectory(path: directory.path)) { try Ingestor().ingest(contentsOf: directory.path) }
    }

    @Test("a file that cannot be read, and a device or pipe with no size, are read with plain system calls")
    func unreadableAndStreams() throws {
        let directory = try TemporaryDirectory()
        let path = try directory.write("secret.txt", Array("Una frase.".utf8))
        // Running as root reads any file, so only check the refusal when permissions hold.
        chmod(path, 0)
        if getuid() != 0 {
            #expect(throws: IngestError.unreadable(path: path, reason: "Permission denied")) { try Ingestor().ingest(contentsOf: path) }
        }
        chmod(path, 0o644)
        #expect(try Ingestor().ingest(contentsOf: path).text == "Una frase.")
        // /dev/null has no size and no bytes: the empty-input error, not a hang or a crash.
        #expect(throws: IngestError.self) { try Ingestor().ingest(contentsOf: "/dev/null") }
    }

    @Test("inputs over the size limit are refused before they are read")
    func tooLarge() throws {
        let directory = try TemporaryDirectory()
        let path = try directory.write("big.txt", Array(repeating: UInt8(ascii: "a"), count: 2000))
        #expect(throws: IngestError.tooLarge(path: path, bytes: 2000, limit: 1000)) {
            try Ingestor(options: IngestOptions(maxBytes: 1000)).ingest(contentsOf: path)
        }
    }

    @Test("a 30 MB HTML page is read whole")
    func hugePage() throws {
        var html = "<!DOCTYPE html><html lang=\"en\"><head><title>Big</title></head><body><article>"
        let paragraph = "<p>Paragraph number NUMBER tells a long story, with commas, clauses, and enough words to count as article text for the extractor.</p>\n"
        var index = 0
        while html.utf8.count < 30_000_000 {
            html += paragraph.replacingOccurrences(of: "NUMBER", with: String(index))
            index += 1
        }
        html += "</article></body></html>"
        let document = try ingestHTML(html)
        #expect(document[Layers.blocks]?.count == index)
        #expect(document.text.hasSuffix("Paragraph number \(index - 1) tells a long story, with commas, clauses, and enough words to count as article text for the extractor."))
    }

    @Test("a page of thousands of unclosed <noscript>, <template> and <svg> tags is read in one pass")
    func unclosedOpaqueElements() throws {
        var html = "<html lang=\"en\"><body><p>The only paragraph of the page, with a comma, before the tags.</p>"
        let tags = "<noscript><i>a</i><template><b>b</b><svg><g>c</g>\n"
        while html.utf8.count < 4_000_000 { html += tags }
        let clock = ContinuousClock()
        let started = clock.now
        _ = try ingestHTML(html + "</body></html>")
        #expect(clock.now - started < .seconds(60))
    }

    @Test("a page nested 10,000 elements deep does not exhaust the stack")
    func deepNesting() throws {
        let depth = 10_000
        let html = "<html><body>" + String(repeating: "<div>", count: depth) + "<p>Deep inside, the text survives, as it should.</p>" + String(repeating: "</div>", count: depth) + "</body></html>"
        let document = try ingestHTML(html)
        #expect(document.text == "Deep inside, the text survives, as it should.")
        #expect(document.diagnostics.map(\.id).contains("html_flattened"))
        let spans = String(repeating: "<span>", count: depth) + "x" + String(repeating: "</span>", count: depth)
        _ = try ingestHTML("<html><body><p>Inline nesting: " + spans + "</p></body></html>")
    }

    @Test("entities are not expanded without bound and external entities are not loaded")
    func hostileEntities() throws {
        var doctype = "<!DOCTYPE html [<!ENTITY a0 \"lol\">"
        for level in 1...9 { doctype += "<!ENTITY a\(level) \"" + String(repeating: "&a\(level - 1);", count: 10) + "\">" }
        doctype += "<!ENTITY xxe SYSTEM \"file:///etc/passwd\"><!ENTITY net SYSTEM \"http://127.0.0.1:9/x\">]>"
        let html = doctype + "<html><body><article><p>Bomb: &a9; and &xxe; and &net; end of the story, told in one paragraph.</p></article></body></html>"
        let document = try ingestHTML(html)
        #expect(document.text.utf8.count < 10_000)
        #expect(!document.text.contains("root:"))
        #expect(!document.text.contains("ENTITY"))
        #expect(document.text.hasPrefix("Bomb:"))
    }

    @Test("text that merely starts like a binary signature is still text")
    func signatureLookalikes() throws {
        for text in ["ID3 tags are metadata in MP3 files.", "RIFF is a container format.", "GIF8 is not a word.", "%PDF is short for nothing."] {
            #expect(try ingest(Array(text.utf8), path: "a.en.txt").text == text)
        }
    }

    @Test("a page with more nodes than the budget is cut with a diagnostic")
    func nodeBudget() throws {
        let html = "<html><body><article>" + (0..<500).map { "<p>Paragraph \($0), with some words in it.</p>" }.joined() + "</article></body></html>"
        var options = IngestOptions()
        options.maxNodes = 200
        let document = try ingest(Array(html.utf8), path: "p.html", options: options)
        #expect(document.diagnostics.map(\.id).contains("html_truncated"))
        #expect(document.text.hasPrefix("Paragraph 0, with some words in it."))
        #expect(!document.text.contains("Paragraph 499"))
        #expect(try ingest(Array(html.utf8), path: "p.html").text.contains("Paragraph 499"))
    }

    @Test("malformed HTML is recovered with a diagnostic")
    func malformed() throws {
        let document = try ingestHTML("<html><body><article><p>First <b>bold <i>paragraph</b> of the article text here.<p>Second paragraph <div>with</p> stray tags and an unclosed <a href='x'>link")
        #expect(document.text.contains("First bold paragraph of the article text here."))
        #expect(document.text.contains("Second paragraph"))
    }

    @Test("unknown bytes in a page that declares UTF-8 are still decoded")
    func declaredButWrong() throws {
        let bytes = Array("<html><head><meta charset=\"utf-8\"></head><body><p>Perch".utf8) + [0xE8] + Array(" no?</p></body></html>".utf8)
        let document = try ingest(bytes, path: "p.html")
        #expect(document.text == "Perchè no?")
        #expect(document.source?.encoding == "windows-1252")
    }
}

@Suite("Bad input found by fuzzing")
struct FuzzRegressionTests {
    @Test("a page whose body is the document itself (no html or body element) does not crash", arguments: [
        "plain words with a stray <b>tag</b> and no structure",
        "\u{FEFF}<p>only a paragraph</p>",
        "</div></div>text after closing tags",
        "<!-- only a comment -->",
    ])
    func bodylessPages(html: String) throws {
        let document = try ingest(Array(html.utf8), path: "x.html")
        #expect(document.text.count <= html.count)
    }
}
