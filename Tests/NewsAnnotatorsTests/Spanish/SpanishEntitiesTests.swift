import NewsAnnotation
import NewsAnnotators
import Testing

@Suite("Spanish entities (data only, no tagger model)")
struct SpanishEntitiesTests {
    @Test("Spanish has no tagger model, and the stage still handles it")
    func noModel() throws {
        let stage = try EntityAnnotator()
        #expect(stage.model(for: "es") == nil)
        #expect(stage.model(for: "it") != nil)
        #expect(stage.descriptor.languages?.contains("es") == true)
    }

    @Test("gazetteer, given names, titles and capitalisation give the story's names and types")
    func storyEntities() throws {
        let document = try annotatedSpanishStory()
        let found = (document[Layers.entities] ?? []).map { "\($0.text)/\($0.type)" }
        for expected in ["Gobierno/ORG", "Carmen Ruiz/PER", "Madrid/LOC", "Javier Gómez/PER", "Ministerio de Sanidad/ORG", "Ministerio/ORG"] {
            #expect(found.contains(expected), "\(expected) in \(found)")
        }
        // Words that only open a sentence or a quotation are no names.
        #expect(!found.contains { $0.hasPrefix("Queremos/") || $0.hasPrefix("Fuentes/") || $0.hasPrefix("Dentro/") }, "\(found)")
        // "la Sra. Ruiz": the title stays outside the span, and the mention joins Carmen Ruiz.
        let titled = try #require((document[Layers.entities] ?? []).first { $0.title?.text == "Sra." })
        #expect(titled.text == "Ruiz")
        #expect(titled.canonical == "Carmen Ruiz")
    }

    @Test("marked entities")
    func marked() throws {
        #expect(try spanishMarksDiffer(
            "La alcaldesa de ⟦LOC Sevilla⟧, ⟦PER Lucía Martín⟧, viajó a ⟦LOC Bogotá⟧ con la ⟦ORG ONU⟧.",
            stage: EntityAnnotator.id, layer: Layers.entities.id) == nil)
    }
}
