import NewsAnnotation
import NewsAnnotators
import Testing

@Suite("Spanish dates (data only)")
struct SpanishDatesTests {
    @Test("relative expressions of the story are normalised against its publication date, Wednesday 2017-04-12")
    func storyDates() throws {
        let document = try annotatedSpanishStory()
        let found = (document[Layers.dates] ?? []).map { [$0.text, $0.type.rawValue, $0.value, $0.mod ?? "", $0.anchor ?? ""] }
        #expect(found == [
            ["ayer", "DATE", "2017-04-11", "", "published"],
            ["el próximo lunes", "DATE", "2017-04-17", "", "published"],
            ["principios de diciembre", "DATE", "2017-12", "START", "published"],
            ["Hace tres años", "DATE", "2014", "", "published"],
            ["Dentro de dos semanas", "DATE", "2017-W17", "", "published"],
            ["cada año", "SET", "P1Y", "", ""],
        ], "\(found)")
    }

    @Test("spans of hoy, mañana, la semana pasada, pasado mañana and a full date")
    func spans() throws {
        let difference = try spanishMarksDiffer(
            "⟦DATE Hoy⟧ llueve; ⟦DATE mañana⟧ no, y ⟦DATE la semana pasada⟧ tampoco. ⟦DATE Pasado mañana⟧ se vota, el ⟦DATE 1º de mayo⟧ de nuevo y el ⟦DATE 12 de abril de 2017⟧ fue fiesta durante ⟦DURATION seis horas⟧.",
            stage: TimexAnnotator.id, layer: Layers.dates.id)
        #expect(difference == nil, "\(difference ?? "")")
    }
}
