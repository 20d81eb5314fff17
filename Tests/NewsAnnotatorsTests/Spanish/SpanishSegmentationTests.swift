import NewsAnnotation
import NewsAnnotators
import Testing

@Suite("Spanish segmentation (data only)")
struct SpanishSegmentationTests {
    @Test("titles and abbreviations keep their dot; ¿…? and «…» split; del and al are single words")
    func tokensAndSentences() throws {
        #expect(try spanishMarksDiffer(
            "⟦La Sra. Ruiz llegó a las 15.30 a la sede de la ONU, según el Dr. Gómez.⟧ ⟦¿Vendrá el Sr. Pérez?⟧ ⟦«Sí», dijo.⟧",
            stage: SegmentationAnnotator.id, layer: Layers.sentences.id) == nil)
        #expect(try spanishMarksDiffer(
            "⟦del⟧ ⟦Ministerio⟧ ⟦al⟧ ⟦Sr.⟧ ⟦Pérez⟧⟦:⟧ ⟦«⟧⟦¿⟧⟦Cómo⟧⟦?⟧⟦»⟧ ⟦EE.UU.⟧ ⟦3,5⟧ ⟦%⟧ ⟦años⟧ ⟦’70⟧",
            stage: SegmentationAnnotator.id, layer: Layers.tokens.id) == nil)
    }

    @Test("the story's sentences: a title and the abbreviation Sra. end none")
    func storySentences() throws {
        let document = try annotatedSpanishStory()
        let sentences = (document[Layers.sentences] ?? []).map { document.text(of: $0.span) }
        #expect(sentences.count == 8, "\(sentences)")
        #expect(sentences.contains("Hace tres años, la Sra. Ruiz ya dirigió una campaña parecida."))
        #expect(sentences.first == "El Gobierno aprobará una nueva campaña de vacunación")
    }
}
