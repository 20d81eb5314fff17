import NewsAnnotation
import NewsAnnotators
import Testing

@Suite("Spanish sources (data only)")
struct SpanishSourcesTests {
    @Test("portavoz del Ministerio de Sanidad: a role and its affiliation; ministra de Sanidad a role")
    func rolesAndAffiliations() throws {
        let document = try annotatedSpanishStory()
        let sources = document[Layers.sources] ?? []
        let gomez = try #require(sources.first { $0.name == "Javier Gómez" })
        #expect(gomez.kind == .person)
        #expect(gomez.role?.text == "portavoz")
        #expect(gomez.affiliation?.text == "Ministerio de Sanidad")
        #expect(gomez.quotes.count == 2)
        let ruiz = try #require(sources.first { $0.name == "Carmen Ruiz" })
        #expect(ruiz.role?.text == "ministra de Sanidad")
        #expect(ruiz.mentions.count >= 2)
    }

    @Test("fuentes cercanas al Ministerio is an anonymous source")
    func anonymous() throws {
        let document = try annotatedSpanishStory()
        let sources = (document[Layers.sources] ?? []).map { "\($0.kind.rawValue): \($0.name ?? "")" }
        #expect(sources.contains("anonymous: Fuentes cercanas al Ministerio"), "\(sources)")
    }
}
