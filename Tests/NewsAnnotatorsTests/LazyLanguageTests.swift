import Foundation
import NewsAnnotation
@testable import NewsAnnotators
import Testing

/// The standard pipeline loads a language's resources with the first document in it (issue #22:
/// start-up of a one-word document), and is otherwise the same stages as the eager ones.
@Suite("Language resources load lazily")
struct LazyLanguageTests {
    /// The eager stages, which load every bundled language in their initialisers.
    private static func eagerStages() throws -> [any Annotator] {
        [try SegmentationAnnotator(), try EntityAnnotator(), try TimexAnnotator(), try QuoteAnnotator(), try SourceAnnotator()]
    }

    @Test("each standard stage has the descriptor of the stage that loads every language")
    func descriptorsMatchEagerStages() throws {
        let lazy = try StandardPipeline.stages()
        let eager = try Self.eagerStages()
        #expect(lazy.map(\.descriptor.id) == eager.map(\.descriptor.id))
        for (built, full) in zip(lazy, eager) {
            #expect(built.descriptor == full.descriptor, "\(full.descriptor.id)")
            #expect(!(built.descriptor.languages ?? []).isEmpty)
        }
    }

    @Test("building the pipeline loads no language; a document loads its own language only")
    func loadsOnlyTheDocumentsLanguage() throws {
        let pipeline = try StandardPipeline.make()
        let stages = pipeline.stages.compactMap { $0 as? LazyLanguageAnnotator }
        #expect(stages.count == pipeline.stages.count)
        #expect(stages.allSatisfy { $0.loadedLanguages.isEmpty })
        _ = try pipeline.annotate(try exampleDocument("word", language: "zz"))
        #expect(stages.allSatisfy { $0.loadedLanguages.isEmpty })
        _ = try pipeline.annotate(try exampleDocument("Il 3 marzo Mario Rossi ha detto: «Bene».", language: "it"))
        #expect(stages.allSatisfy { $0.loadedLanguages == ["it"] })
        _ = try pipeline.annotate(try exampleDocument("Il 4 marzo.", language: "it"))
        #expect(stages.allSatisfy { $0.loadedLanguages == ["it"] })
    }

    @Test("the lazy pipeline annotates every bundled language exactly as the eager stages do")
    func sameOutputAsEagerStages() throws {
        let lazy = try StandardPipeline.make()
        let eager = try Pipeline(stages: try Self.eagerStages())
        let texts = [
            "it": "Il 3 marzo 2017 Mario Rossi, direttore dell'Istat, ha detto: «I prezzi salgono». Lo dice anche la Banca d'Italia.",
            "en": "On March 3, 2017, John Smith, the director of the Federal Reserve, said: “Prices are rising.” Reuters reported it yesterday.",
            "es": "El 3 de marzo de 2017, Juan Pérez, director del Banco de España, dijo: «Los precios suben». Lo informó Efe ayer.",
            "fr": "Le 3 mars 2017, Jean Dupont a dit : « Les prix montent ».",
        ]
        for (language, text) in texts.sorted(by: { $0.key < $1.key }) {
            let document = try exampleDocument(text, language: language)
            let fromLazy = try AnnotatedJSON.encode(try lazy.annotate(document))
            let fromEager = try AnnotatedJSON.encode(try eager.annotate(document))
            #expect(fromLazy == fromEager, "\(language)")
        }
    }
}
