import Foundation
public import NewsAnnotation
public import NewsIngest

/// Produces fresh annotations for `news-annotate check --run`: inputs are annotated in memory
/// and read back exactly as files would be.
public enum CheckRun {
    /// One fresh annotation: the record to compare and the JSON bytes to write with `--update`.
    public struct Output: Sendable {
        public var record: AnnotationRecord
        public var bytes: [UInt8]
    }

    /// Annotates every input (files or directories).
    ///
    /// - Throws: ``CheckInputError`` when an input fails, naming it.
    public static func annotate(_ inputs: [String], ingestor: Ingestor, pipeline: Pipeline) throws(CheckInputError) -> [Output] {
        let runner = BatchRunner(ingestor: ingestor, pipeline: pipeline, style: .pretty)
        var outputs: [Output] = []
        for input in BatchInput.expand(inputs) {
            do {
                let (_, bytes) = try runner.annotate(input)
                let record = try AnnotationReader.decodeDocument(Data(bytes), path: input.path ?? "-", line: nil)
                outputs.append(Output(record: record, bytes: bytes))
            } catch let failure as BatchRunner.Failure {
                throw CheckInputError(message: failure.message)
            } catch let error as CheckInputError {
                throw error
            } catch {
                throw CheckInputError(message: "\(input.path ?? "-"): \(error)")
            }
        }
        return outputs
    }
}
