import NewsAnnotation
import NewsAnnotationTesting
import NewsAnnotators
import Testing

@Suite("Segmentation")
struct SegmentationTests {
    private func check(_ marked: String, layer: LayerID = Layers.sentences.id, language: String) throws {
        let expected = try MarkedText(marked)
        let document = try StandardPipeline.make([SegmentationAnnotator.id]).annotate(try exampleDocument(expected.text, language: language))
        let actual = try #require(marks(of: document, layer: layer))
        if let difference = expected.difference(from: actual, compareLabels: false) {
            Issue.record(Comment(rawValue: difference))
        }
    }

    @Test("Italian sentences: titles, decimals, elisions, quotes and ellipses", arguments: [
        "⟦“Non li vogliono in Russia.⟧ ⟦Vogliono ucciderli.”⟧",
        "⟦Il Prof. Light e il dott. Rossi sono arrivati alle 15:30 con il 3,5% dei voti.⟧ ⟦Poi sono ripartiti.⟧",
        "⟦Lo disse il sig. Reeve dell’Oxford Research Group…⟧ ⟦E poi tacque.⟧",
        "⟦Ma… forse no.⟧ ⟦Nel 44 a.C. Cesare morì.⟧",
        "⟦“Sembra solo un’azione così stupida”, dice lei.⟧ ⟦Chi sa?⟧ ⟦Nessuno!⟧",
        "⟦Costa 1.000 euro, cioè 2,5 volte tanto (vedi pag. 4).⟧ ⟦Fine.⟧",
    ])
    func italianSentences(marked: String) throws {
        try check(marked, language: "it")
    }

    @Test("English sentences: Dr., U.S., initials, p.m. and closing quotes", arguments: [
        "⟦Dr. Whitfield works for the U.S. Geological Survey.⟧ ⟦He said so.⟧",
        "⟦J. R. Smith arrived at 3 p.m. on Friday.⟧ ⟦It rained.⟧",
        "⟦“It was a once-in-a-generation event,” she said.⟧ ⟦“We lost everything.”⟧",
        "⟦The level rose 3.5 metres in the 1990s, e.g. during storms.⟧ ⟦Then it fell.⟧",
        "⟦He moved to the U.S.⟧ ⟦Then he left.⟧",
    ])
    func englishSentences(marked: String) throws {
        try check(marked, language: "en")
    }

    @Test("Italian tokens split elisions and keep hyphens, decades and emoji whole")
    func italianTokens() throws {
        try check("⟦Dell’⟧⟦Unione⟧ ⟦all’⟧⟦Oxford⟧⟦:⟧ ⟦anti-Assad⟧ ⟦negli⟧ ⟦anni⟧ ⟦’70⟧ ⟦👍🏽⟧ ⟦po’⟧ ⟦O’Brien⟧ ⟦3,5⟧⟦%⟧ ⟦...⟧", layer: Layers.tokens.id, language: "it")
    }

    @Test("English tokens split clitics and keep abbreviations, URLs, handles and e-mail addresses")
    func englishTokens() throws {
        try check("⟦Reeve⟧⟦'s⟧ ⟦team⟧ ⟦do⟧⟦n't⟧ ⟦O'Brien⟧ ⟦U.S.⟧ ⟦@RivertonGazette⟧ ⟦#flood⟧ ⟦https://example.org/a?b=1⟧⟦.⟧ ⟦news@example.org⟧ ⟦£⟧⟦4.2m⟧", layer: Layers.tokens.id, language: "en")
    }

    @Test("sentences stay inside blocks and a heading without punctuation is one sentence")
    func blocksBoundSentences() throws {
        let document = try StandardPipeline.make().annotate(try exampleDocument("Il ruolo della primavera araba\nIl sostegno è aumentato. Poi è calato\n", language: "it"))
        let sentences = try #require(document[Layers.sentences]).map { document.text(of: $0.span) }
        #expect(sentences == ["Il ruolo della primavera araba", "Il sostegno è aumentato.", "Poi è calato"])
    }

    @Test("every token and sentence lies on text, and tokens never overlap")
    func invariantsOnSamples() throws {
        for name in try sampleInputs() {
            let document = try StandardPipeline.make().annotate(try ingestSample(name))
            let tokens = try #require(document[Layers.tokens])
            for token in tokens {
                let text = document.text(of: token.span)
                #expect(!text.isEmpty && !text.unicodeScalars.contains { $0.properties.isWhitespace }, "\(name): token \(token.span) '\(text)'")
            }
            for (first, second) in zip(tokens, tokens.dropFirst()) { #expect(first.end <= second.start) }
            let blocks = try #require(document[Layers.blocks])
            for sentence in try #require(document[Layers.sentences]) {
                #expect(blocks.contains { $0.span.contains(sentence.span) }, "\(name): sentence \(sentence.span) crosses a block")
            }
        }
    }
}
