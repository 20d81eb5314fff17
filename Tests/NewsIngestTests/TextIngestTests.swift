import Foundation
import NewsAnnotation
import NewsIngest
import Testing

@Suite("Plain-text ingest")
struct TextIngestTests {
    @Test("the seed article's text is kept verbatim, stray final line included")
    func seedVerbatim() throws {
        let path = sample("bbc-newsbeat-russia-syria.it.txt")
        let original = try String(contentsOfFile: path, encoding: .utf8)
        let document = try Ingestor().ingest(contentsOf: path)
        #expect(document.text == original)
        #expect(document.id == "bbc-newsbeat-russia-syria.it")
        #expect(document.metadata.language == "it")
        #expect(document.metadata.languageSource == "filename")
        #expect(document.source?.encoding == "utf-8")
        #expect(document.source?.sha256.count == 64)
        #expect(document.blockTexts().last == ".")
        #expect(document.diagnostics.isEmpty)
    }

    @Test("headings, list items, paragraphs and footer lines are separate blocks")
    func seedBlocks() throws {
        let document = try Ingestor().ingest(contentsOf: sample("bbc-newsbeat-russia-syria.it.txt"))
        #expect(document.blockTexts(.heading) == [
            "Chi è coinvolto nel conflitto?", "Come è stata coinvolta la Russia in Siria?", "Il ruolo della primavera araba",
            "Flettere i muscoli militari", "Il ruolo della Russia sulla scena globale", "E il futuro?",
        ])
        #expect(document.blockTexts(.listItem) == [
            "L’esercito ufficiale siriano del presidente Assad (che riceve l’appoggio militare della Russia)",
            "Il cosiddetto Stato Islamico (IS)",
            "Altri ribelli siriani: questi sono un sacco di gruppi diversi con obiettivi diversi, compresi alcuni gruppi sostenuti da al-Qaeda, e altri gruppi che sono sostenuti dall’Occidente",
        ])
        #expect(document.blockTexts(.footer) == ["Trovaci su Instagram a BBCNewsbeat e seguici su Snapchat, cerca bbc_newsbeat"])
        #expect(document.blockTexts(.boilerplate) == ["."])
        let paragraphs = document.blockTexts(.paragraph)
        #expect(paragraphs.count == 39)
        #expect(paragraphs.contains("Come ha fatto la Russia a farsi coinvolgere nella guerra siriana di sei anni in primo luogo – e perché è così importante per loro?"))
        #expect(paragraphs.contains("Le parti principali del conflitto siriano sono:"))
        let blocks = try #require(document[Layers.blocks])
        for (first, second) in zip(blocks, blocks.dropFirst()) { #expect(first.end < second.start) }
    }

    @Test("a byte-order mark is dropped and CRLF and CR line endings become LF")
    func bomAndLineEndings() throws {
        let document = try ingest([0xEF, 0xBB, 0xBF] + Array("Titolo breve\r\nPrima riga.\rSeconda riga.\r\n".utf8), path: "a.txt")
        #expect(document.text == "Titolo breve\nPrima riga.\nSeconda riga.\n")
        #expect(document.blockTexts(.heading) == ["Titolo breve"])
        #expect(document.metadata.title == "Titolo breve")
    }

    @Test("hard-wrapped paragraphs separated by blank lines are one block each")
    func wrappedParagraphs() throws {
        let text = "A headline for the story\n\nThe first paragraph runs\nover two lines.\n\nThe second one\nalso wraps here.\n\n- an item\n- another item\n"
        let document = try ingest(Array(text.utf8), path: "a.en.txt")
        #expect(document.blockTexts() == ["A headline for the story", "The first paragraph runs\nover two lines.", "The second one\nalso wraps here.", "an item", "another item"])
        #expect(document[Layers.blocks]?.map(\.kind) == [.heading, .paragraph, .paragraph, .listItem, .listItem])
    }

    @Test("Markdown-style headings and numbered items keep their markers out of the span")
    func markdownHeadings() throws {
        let document = try ingest(Array("# Harbour flood\nThe water rose fast, residents said.\n1. First point\n2) Second point\n".utf8), path: "a.en.txt")
        #expect(document.blockTexts() == ["Harbour flood", "The water rose fast, residents said.", "First point", "Second point"])
        #expect(document[Layers.blocks]?.first?.level == 1)
        #expect(document.metadata.title == "Harbour flood")
    }

    @Test("invalid UTF-8 with no valid multi-byte text falls back to Windows-1252 with a diagnostic")
    func windows1252() throws {
        let bytes: [UInt8] = Array("Perch".utf8) + [0xE8] + Array(" l".utf8) + [0x92] + Array("esercito ".utf8) + [0x93] + Array("dice".utf8) + [0x94] + Array(" 5 ".utf8) + [0x80]
        let document = try ingest(bytes, path: "legacy.it.txt")
        #expect(document.text == "Perchè l’esercito “dice” 5 €")
        #expect(document.source?.encoding == "windows-1252")
        #expect(document.diagnostics.map(\.id) == ["decoded_as_windows_1252"])
    }

    @Test("mostly valid UTF-8 keeps its text and replaces the bad bytes")
    func mostlyUTF8() throws {
        let bytes = Array("Città, perché, più, già, così, è, là, ciò: ".utf8) + [0xFF] + Array(" fine".utf8)
        let document = try ingest(bytes, path: "a.it.txt")
        #expect(document.text == "Città, perché, più, già, così, è, là, ciò: \u{FFFD} fine")
        #expect(document.diagnostics.map(\.id) == ["invalid_utf8_replaced"])
    }

    @Test("an encoding named in the options is used, an unknown one is an error")
    func explicitEncoding() throws {
        let document = try ingest([0x43, 0x61, 0x66, 0xE9, 0x20, 0xA4], path: "a.txt", options: IngestOptions(encoding: "iso-8859-15"))
        #expect(document.text == "Café €")
        let cyrillic = try ingest([0xCF, 0xF0, 0xE8, 0xE2, 0xE5, 0xF2], path: "a.txt", options: IngestOptions(encoding: "windows-1251"))
        #expect(cyrillic.text == "Привет")
        #expect(throws: IngestError.unknownEncoding(label: "klingon-8")) {
            try ingest(Array("x".utf8), options: IngestOptions(encoding: "klingon-8"))
        }
    }

    @Test("the language is detected from stopwords when nothing declares it")
    func languageDetection() throws {
        let english = try ingest(Array("The minister said that the plan was not ready and that it would be delayed for the rest of the year.".utf8), path: "a.txt")
        #expect(english.metadata.language == "en")
        #expect(english.metadata.languageSource == "detected")
        let italian = try ingest(Array("Il ministro ha detto che il piano non è pronto e che sarà rinviato per il resto dell’anno.".utf8), path: "a.txt")
        #expect(italian.metadata.language == "it")
        let forced = try ingest(Array("Il ministro ha detto che il piano non è pronto.".utf8), path: "a.it.txt", options: IngestOptions(language: "en", overridesLanguage: true))
        #expect(forced.metadata.language == "en")
        #expect(forced.metadata.languageSource == "option")
    }

    @Test("dates are accepted only when they are real ISO 8601 dates", arguments: [
        ("2017-04-12", "2017-04-12"), ("2017-04-12T15:02:11+01:00", "2017-04-12T15:02:11+01:00"),
        ("2017-04-12 15:02", "2017-04-12T15:02"), ("2024-03-03T08:30:00Z", "2024-03-03T08:30:00Z"),
        ("2024-02-29", "2024-02-29"), ("2017-04-12T15:02:11.250+0100", "2017-04-12T15:02:11.250+0100"),
        ("2017-02-31", nil), ("2023-02-29", nil), ("2017-04-12T15:xx", nil), ("2017-04-12T25:00", nil),
        ("2017-04-12Tfoo", nil), ("12/04/2017", nil), ("yesterday", nil),
    ] as [(String, String?)])
    func isoDates(raw: String, normalized: String?) {
        #expect(Ingestor.normalizedDate(raw) == normalized)
    }

    @Test("a publication date from the options is used only when the input has none")
    func publishedOption() throws {
        let document = try ingest(Array("Testo di prova.".utf8), path: "a.it.txt", options: IngestOptions(published: "2017-04-12"))
        #expect(document.metadata.published == "2017-04-12")
        #expect(document.diagnostics.map(\.id) == ["published_from_option"])
    }
}

@Suite("Long words in ingest")
struct LongWordIngestTests {
    /// The language guess once rebuilt the current word for every letter: a 1 MB word took
    /// 17 s (2 MB: over a minute). The bound is minutes away from that and far above the linear cost.
    @Test("a text of one 2 MB word is read in linear time")
    func oneWord() throws {
        let clock = ContinuousClock()
        let started = clock.now
        let document = try ingest(Array(String(repeating: "a", count: 2_000_000).utf8), path: "long.txt")
        #expect(document.text.unicodeScalars.count == 2_000_000)
        #expect(clock.now - started < .seconds(60))
    }
}
