import NewsAnnotation
import NewsAnnotators
import NewsIngest
import Testing

@Suite("Bundled languages are discovered from the data files")
struct LanguageDiscoveryTests {
    @Test("every stage's language list is found from its resource files, sorted, and includes es")
    func discovered() {
        let lists = [SegmentationRules.bundledLanguages, Gazetteer.bundledLanguages, EntityRules.bundledLanguages,
                     TimexRules.bundledLanguages, QuoteRules.bundledLanguages, SourceRules.bundledLanguages]
        for list in lists {
            #expect(list == ["en", "es", "it"], "\(list)")
        }
    }

    @Test("a pipeline for es builds, every stage handling it")
    func pipelineBuilds() throws {
        _ = try StandardPipeline.make(language: "es")
        for stage in try StandardPipeline.stages() {
            #expect(stage.descriptor.languages?.contains("es") == true, "\(stage.descriptor.id)")
        }
    }

    @Test("ingest detects Spanish in undeclared text from its stopword data")
    func detected() throws {
        let document = try annotatedSpanishStory(declaringLanguage: false)
        #expect(document.metadata.language == "es")
        #expect(document.metadata.languageSource == "detected")
        #expect((document[Layers.quotes] ?? []).count >= 4)
    }
}
