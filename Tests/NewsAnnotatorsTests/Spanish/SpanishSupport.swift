import Foundation
import NewsAnnotation
import NewsAnnotationTesting
import NewsAnnotators
import NewsIngest
import Testing

/// A short Spanish news story written for these tests, published on Wednesday 12 April 2017.
///
/// Spanish has no Swift of its own: everything the stages know of it comes from the `es` data
/// files, which is what these tests prove.
let spanishStory = """
El Gobierno aprobará una nueva campaña de vacunación

La ministra de Sanidad, Carmen Ruiz, anunció ayer en Madrid que la campaña empezará el próximo lunes. «Queremos llegar a todos los centros de salud antes del verano», dijo Ruiz. La vacuna llegará a las farmacias a principios de diciembre, según Javier Gómez, portavoz del Ministerio de Sanidad.

Hace tres años, la Sra. Ruiz ya dirigió una campaña parecida. Dentro de dos semanas se conocerán los primeros datos, explicó Gómez, y cada año se revisará el plan.

— No vamos a repetir los errores del pasado — aseguró la ministra.

Fuentes cercanas al Ministerio señalaron que el presupuesto será de 20 millones de euros.
"""

/// The story's publication date.
let spanishStoryPublished = "2017-04-12"

/// The story annotated by the full standard pipeline, as text in Spanish.
func annotatedSpanishStory(declaringLanguage: Bool = true) throws -> Document {
    let options = IngestOptions(mediaType: .text, language: declaringLanguage ? "es" : nil, overridesLanguage: declaringLanguage, published: spanishStoryPublished)
    let document = try Ingestor(options: options).ingest(bytes: Array(spanishStory.utf8), id: "sanidad-vacunas.es", path: nil)
    return try StandardPipeline.make(language: "es").annotate(document)
}

/// Runs one built-in stage (after the stages before it) over a marked Spanish text and returns
/// the difference between the marks and the stage's spans, or `nil` when they agree.
func spanishMarksDiffer(_ marked: String, stage: String, layer: LayerID) throws -> String? {
    let annotator = try #require(try StandardPipeline.stages([stage]).first)
    let outcome = StageExampleRunner.run(AnnotatorExample(language: "es", layer: layer, marked: marked), of: annotator, preparing: { text, language in
        try prepare(text, language: language, before: stage)
    }, spans: marks(of:layer:))
    return outcome.failure
}
