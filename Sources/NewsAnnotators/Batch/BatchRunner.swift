import Foundation
public import NewsAnnotation
public import NewsIngest

/// Annotates many inputs, one at a time, so that one bad input never stops or corrupts the
/// others: each document either yields complete output or a failure with a message.
public struct BatchRunner: Sendable {
    /// Where annotated JSON goes.
    public enum Destination: Sendable {
        /// One JSON document after another (pretty), or one line per document (compact).
        case standardOutput
        /// One file per document under this directory, written atomically.
        case directory(String)
    }

    /// A document that could not be annotated.
    public struct Failure: Error, Sendable, CustomStringConvertible {
        /// The input's path, or `nil` for standard input.
        public var path: String?
        /// What went wrong, as one line.
        public var message: String
        public var description: String { message }
    }

    /// What a run did.
    public struct Summary: Sendable {
        /// Documents annotated and written.
        public var succeeded = 0
        /// Inputs that failed, with their messages.
        public var failures: [Failure] = []
        /// Bytes read from the inputs that succeeded.
        public var bytes = 0
    }

    /// Reads inputs.
    public let ingestor: Ingestor
    /// Annotates documents.
    public let pipeline: Pipeline
    /// How documents are laid out.
    public let style: AnnotatedJSON.Style

    /// Creates a runner.
    public init(ingestor: Ingestor, pipeline: Pipeline, style: AnnotatedJSON.Style) {
        self.ingestor = ingestor
        self.pipeline = pipeline
        self.style = style
    }

    /// Reads, annotates and encodes one input.
    ///
    /// - Returns: The annotated document and its JSON bytes.
    /// - Throws: ``Failure`` with a one-line message naming the input.
    public func annotate(_ input: BatchInput, standardInput: @Sendable () -> [UInt8] = { [] }) throws(Failure) -> (Document, [UInt8]) {
        let name = input.path.map { "'\($0)'" } ?? "standard input"
        do {
            let document: Document
            if let path = input.path {
                document = try ingestor.ingest(contentsOf: path)
            } else {
                document = try ingestor.ingest(bytes: standardInput(), id: "stdin", path: nil)
            }
            let annotated = try pipeline.annotate(document)
            return (annotated, try AnnotatedJSON.encode(annotated, style: style))
        } catch let error as IngestError {
            throw Failure(path: input.path, message: error.description)
        } catch let error as StageFailure {
            throw Failure(path: input.path, message: "\(name): \(error.description)")
        } catch {
            throw Failure(path: input.path, message: "\(name): \(error)")
        }
    }

    /// Annotates every input in order and writes each result as soon as it is ready.
    ///
    /// - Parameters:
    ///   - inputs: The inputs, in order.
    ///   - destination: Standard output or a directory.
    ///   - write: Writes bytes to standard output (the CLI passes its own writer).
    ///   - report: Called with each failure as it happens.
    public func run(
        _ inputs: [BatchInput], to destination: Destination, standardInput: @Sendable () -> [UInt8] = { [] },
        write: ([UInt8]) -> Void, report: (Failure) -> Void
    ) -> Summary {
        var summary = Summary()
        var usedNames: [String: String] = [:]
        for input in inputs {
            do {
                let (document, bytes) = try annotate(input, standardInput: standardInput)
                switch destination {
                case .standardOutput:
                    write(bytes)
                case .directory(let directory):
                    let name = input.outputName
                    if let other = usedNames[name] {
                        throw Failure(path: input.path, message: "'\(input.path ?? "-")': its output \(name).json would overwrite the output of '\(other)'")
                    }
                    usedNames[name] = input.path ?? "-"
                    try Self.writeAtomically(bytes, to: directory + "/" + name + ".json")
                }
                summary.succeeded += 1
                summary.bytes += document.source?.bytes ?? 0
            } catch let failure as Failure {
                summary.failures.append(failure)
                report(failure)
            } catch {
                let failure = Failure(path: input.path, message: "\(input.path ?? "standard input"): \(error)")
                summary.failures.append(failure)
                report(failure)
            }
        }
        return summary
    }

    /// Writes through a temporary file in the same directory and renames it into place, so
    /// a reader never sees half a file.
    public static func writeAtomically(_ bytes: [UInt8], to path: String) throws(Failure) {
        let url = URL(fileURLWithPath: path)
        do {
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(bytes).write(to: url, options: .atomic)
        } catch {
            throw Failure(path: path, message: "cannot write '\(path)': \((error as NSError).localizedDescription)")
        }
    }
}
