import NewsAnnotation
import NewsAnnotators
import Testing

@Suite("Spanish quotes (data only)")
struct SpanishQuotesTests {
    @Test("a direct quote with «», cue dijo and its speaker resolved to the full name")
    func directQuote() throws {
        let document = try annotatedSpanishStory()
        let quotes = document[Layers.quotes] ?? []
        let direct = try #require(quotes.first { $0.kind == .direct && $0.cue?.text == "dijo" })
        #expect(direct.parts.map { document.text(of: $0) } == ["Queremos llegar a todos los centros de salud antes del verano"])
        #expect(direct.speaker?.text == "Ruiz")
        #expect(direct.speakerName == "Carmen Ruiz")
    }

    @Test("an indirect quote attributed with según, and one with a cue after the clause")
    func indirectQuotes() throws {
        let document = try annotatedSpanishStory()
        let quotes = document[Layers.quotes] ?? []
        let segun = try #require(quotes.first { $0.cue?.text == "según" })
        #expect(segun.kind == .indirect)
        #expect(segun.parts.map { document.text(of: $0) } == ["La vacuna llegará a las farmacias a principios de diciembre"])
        #expect(segun.speaker?.text == "Javier Gómez")
        let announced = try #require(quotes.first { $0.cue?.text == "anunció" })
        #expect(announced.parts.map { document.text(of: $0) } == ["la campaña empezará el próximo lunes"])
        #expect(announced.speakerName == "Carmen Ruiz")
    }

    @Test("the raya of Spanish dialogue opens and closes a quote; the cue aseguró follows it")
    func dialogueDash() throws {
        let document = try annotatedSpanishStory()
        let quote = try #require((document[Layers.quotes] ?? []).first { $0.cue?.text == "aseguró" })
        #expect(quote.kind == .direct)
        #expect(quote.parts.map { document.text(of: $0) } == ["No vamos a repetir los errores del pasado"])
        #expect(quote.speaker?.text == "la ministra")
    }

    @Test("marked direct and indirect quotes")
    func marked() throws {
        #expect(try spanishMarksDiffer(
            "“⟦DIRECT Es un día histórico⟧”, afirmó Lucía Martín. ⟦INDIRECT El acuerdo llegará pronto⟧, señaló Pedro Sánchez.",
            stage: QuoteAnnotator.id, layer: Layers.quotes.id) == nil)
    }
}
