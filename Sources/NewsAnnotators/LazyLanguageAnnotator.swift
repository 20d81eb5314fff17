import NewsAnnotation
import Foundation

/// A built-in stage whose language resources load when the first document in that language
/// arrives, not when the pipeline is built (issue #22).
///
/// A stage's resources are per language (a tagger model of 2.8 MB, a gazetteer, compiled date
/// patterns), and a stage only ever reads the ones of the document's language. Loading every
/// bundled language up front cost a one-word document about 0.1 s; a run over Italian pages
/// never needs the English model. This stage holds one inner stage per language seen so far,
/// each built with only that language's resources, and hands every document to the one of its
/// language. A document in no bundled language (or with none) goes to the stage built with no
/// language data, which is what the full stage does with it too.
///
/// The descriptor is the full stage's, computed without loading the heavy resources: only the
/// small rule files that hold the examples are read. `StandardPipeline`'s registry builds the
/// built-in stages this way; the public initialisers (`EntityAnnotator()`, …) still load every
/// language at once.
///
/// A resource that cannot be read now fails the documents of its language (the pipeline wraps
/// the ``ResourceError`` in a ``StageFailure``) instead of the pipeline's construction; the
/// failure is kept, so the file is not read again for every document.
struct LazyLanguageAnnotator: Annotator {
    let descriptor: AnnotatorDescriptor
    private let loaded: LoadedStages

    /// - Parameters:
    ///   - descriptor: The stage's descriptor, listing every language `make` can build.
    ///   - fallback: The stage with no language data, for documents in no listed language.
    ///   - make: Builds the stage with the resources of one listed language.
    init(descriptor: AnnotatorDescriptor, fallback: any Annotator, make: @escaping @Sendable (String) throws(ResourceError) -> any Annotator) {
        self.descriptor = descriptor
        self.loaded = LoadedStages(fallback: fallback, make: make)
    }

    func annotate(_ document: Document) throws -> LayerBundle {
        let language = document.metadata.language.flatMap { descriptor.supports(language: $0) ? $0 : nil }
        return try loaded.stage(for: language).annotate(document)
    }

    /// The languages whose inner stage has been built (for tests).
    var loadedLanguages: [String] { loaded.languages }
}

/// The inner stages of a ``LazyLanguageAnnotator``, built once per language, shared by every
/// copy of the stage and every thread (a lock guards the table; a build holds it, so two
/// workers never load one language twice).
private final class LoadedStages: @unchecked Sendable {
    private let lock = NSLock()
    private var stages: [String: Result<any Annotator, ResourceError>] = [:]
    private let fallback: any Annotator
    private let make: @Sendable (String) throws(ResourceError) -> any Annotator

    init(fallback: any Annotator, make: @escaping @Sendable (String) throws(ResourceError) -> any Annotator) {
        self.fallback = fallback
        self.make = make
    }

    func stage(for language: String?) throws(ResourceError) -> any Annotator {
        guard let language else { return fallback }
        lock.lock()
        defer { lock.unlock() }
        if let stage = stages[language] { return try stage.get() }
        let built = Result { () throws(ResourceError) in try make(language) }
        stages[language] = built
        return try built.get()
    }

    var languages: [String] {
        lock.lock()
        defer { lock.unlock() }
        return stages.keys.sorted()
    }
}

extension LazyLanguageAnnotator {
    /// `segmentation`: a language's abbreviations, elisions and clitics load with its first
    /// document; other documents get the generic rules, as with `SegmentationAnnotator()`.
    static func segmentation() throws(ResourceError) -> LazyLanguageAnnotator {
        var examples: [String: [LanguageExample]?] = [:]
        for language in SegmentationRules.bundledLanguages { examples[language] = try ResourceExamples.bundled(language).stageExamples }
        let fallback = SegmentationAnnotator(rules: [:])
        var descriptor = fallback.descriptor
        descriptor.examples = LanguageExample.annotatorExamples(examples)
        return LazyLanguageAnnotator(descriptor: descriptor, fallback: fallback) { language throws(ResourceError) in
            SegmentationAnnotator(rules: [language: try SegmentationRules.bundled(language)])
        }
    }

    /// `entities`: the model, gazetteer and rules of a language load with its first document.
    static func entities() throws(ResourceError) -> LazyLanguageAnnotator {
        let languages = Gazetteer.bundledLanguages
        var examples: [String: [LanguageExample]?] = [:]
        for language in languages { examples[language] = try ResourceExamples.bundled("entities-\(language)").stageExamples }
        let fallback = EntityAnnotator(languages: [:])
        var descriptor = fallback.descriptor
        descriptor.languages = Set(languages)
        descriptor.examples = LanguageExample.annotatorExamples(examples)
        return LazyLanguageAnnotator(descriptor: descriptor, fallback: fallback) { language throws(ResourceError) in
            // As `EntityAnnotator()` loads each language, for this one only.
            let model = try Bundle.module.url(forResource: "entities-\(language)", withExtension: "model").map { url throws(ResourceError) in
                try ResourceCache.value("model-\(language)") { () throws(ResourceError) in try TaggerModel.load(contentsOf: url) }
            }
            let data = EntityAnnotator.Language(model: model, gazetteer: try Gazetteer.bundled(language), rules: try EntityRules.bundled(language))
            return EntityAnnotator(languages: [language: data])
        }
    }

    /// `dates`: a language's patterns compile with its first document.
    static func dates() throws(ResourceError) -> LazyLanguageAnnotator {
        // The stage keys its rules by the language a file declares, as `TimexAnnotator()` does.
        var files: [String: String] = [:]
        var examples: [String: [LanguageExample]?] = [:]
        for code in TimexRules.bundledLanguages {
            let file = try ResourceExamples.bundled("dates-\(code)")
            let language = file.language ?? code
            if files[language] == nil {
                files[language] = code
                examples[language] = file.stageExamples
            }
        }
        let fallback = try TimexAnnotator(rules: [])
        var descriptor = fallback.descriptor
        descriptor.languages = Set(files.keys)
        descriptor.examples = LanguageExample.annotatorExamples(examples)
        let fileOf = files
        return LazyLanguageAnnotator(descriptor: descriptor, fallback: fallback) { language throws(ResourceError) in
            try TimexAnnotator(bundled: fileOf[language].map { [$0] } ?? [])
        }
    }

    /// `quotes`: a language's cue words, roles and given names load with its first document.
    static func quotes() throws(ResourceError) -> LazyLanguageAnnotator {
        let languages = QuoteRules.bundledLanguages
        var examples: [String: [LanguageExample]?] = [:]
        for language in languages { examples[language] = try ResourceExamples.bundled("quotes-\(language)").stageExamples }
        let fallback = QuoteAnnotator(rules: [:], roles: [:])
        var descriptor = fallback.descriptor
        descriptor.languages = Set(languages)
        descriptor.examples = LanguageExample.annotatorExamples(examples)
        return LazyLanguageAnnotator(descriptor: descriptor, fallback: fallback) { language throws(ResourceError) in
            try QuoteAnnotator(bundled: [language])
        }
    }

    /// `sources`: a language's rules, cue words and gazetteer load with its first document.
    static func sources() throws(ResourceError) -> LazyLanguageAnnotator {
        let languages = SourceRules.bundledLanguages
        var examples: [String: [LanguageExample]?] = [:]
        for language in languages { examples[language] = try ResourceExamples.bundled("sources-\(language)").stageExamples }
        let fallback = try SourceAnnotator(bundled: [])
        var descriptor = fallback.descriptor
        descriptor.languages = Set(languages)
        descriptor.examples = LanguageExample.annotatorExamples(examples)
        return LazyLanguageAnnotator(descriptor: descriptor, fallback: fallback) { language throws(ResourceError) in
            try SourceAnnotator(bundled: [language])
        }
    }
}
