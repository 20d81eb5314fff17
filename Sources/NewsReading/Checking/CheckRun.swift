import Foundation
public import NewsAnnotation
import NewsBatch
public import NewsIngest

/// Produces fresh annotations for `news-annotate check --run`: inputs are annotated in memory
/// and read back exactly as files would be, through ``AnnotatedDocument``.
public enum CheckRun {
    /// Annotates every input (files or directories).
    ///
    /// - Returns: The documents read back, each keeping the JSON bytes `annotate` writes for
    ///   it (``AnnotatedDocument/json``), which `--update` copies.
    /// - Throws: ``CheckInputError`` naming the input that could not be annotated, or whose
    ///   annotation cannot be read back (a stage wrote a span outside the text).
    public static func annotate(_ inputs: [String], ingestor: Ingestor, pipeline: Pipeline) throws(CheckInputError) -> [AnnotatedDocument] {
        let runner = BatchRunner(ingestor: ingestor, pipeline: pipeline, style: .pretty)
        var documents: [AnnotatedDocument] = []
        for input in BatchInput.expand(inputs) {
            do {
                let (_, bytes) = try runner.annotate(input)
                documents.append(try AnnotatedDocument(json: Data(bytes), path: input.path ?? "-"))
            } catch let failure as BatchRunner.Failure {
                throw CheckInputError(message: failure.message)
            } catch let error as ReadError {
                throw CheckInputError(message: error.message)
            } catch {
                throw CheckInputError(message: "\(input.path ?? "-"): \(error)")
            }
        }
        return documents
    }
}
