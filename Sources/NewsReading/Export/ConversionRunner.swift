import Foundation
import NewsAnnotation
public import NewsBatch

/// Turns inputs into other files, one document at a time, for `view` and `export`: article
/// files are annotated with the pipeline first, and annotated JSON (recognised by its content,
/// `"format": "news-annotation/1"`, one document per file or per line) is read as it is.
///
/// Annotated JSON is read with ``AnnotatedDocument``, the reader `check` and `eval` use too, so
/// a broken document is refused with the same message everywhere.
///
/// One bad input never stops the others: each document either yields all its files or a
/// failure with a one-line message. Files are written atomically (through
/// ``BatchRunner/writeAtomically(_:to:)``) in input order, whatever the number of jobs, so
/// a run gives the same bytes every time.
public struct ConversionRunner: Sendable {
    /// One input argument, classified.
    public enum Source: Sendable, Hashable {
        /// An article (text or HTML) to annotate; a path that does not exist fails as one.
        case article(BatchInput)
        /// A file of annotated JSON (one document) or JSON Lines (one per line).
        case annotated(path: String, outputName: String)
    }

    /// What became of one document.
    public enum Outcome: Sendable {
        /// Its files were written (or its bytes sent to standard output).
        case converted(DocumentSummary)
        /// It failed; the message names the input.
        case failed(String)
    }

    /// What a converted document was: for index pages and collection-wide files.
    public struct DocumentSummary: Sendable {
        /// The document id.
        public var id: String
        /// The title, or the id when there is none.
        public var title: String
        /// The output name, relative to the output folder, without extension.
        public var outputName: String
        /// The document's language, when known.
        public var language: String?
        /// The number of items in each layer the document has.
        public var counts: [String: Int]
        /// The number of diagnostics.
        public var diagnostics: Int
        /// Labels for collection files (``ExportFormat/collectionLabels(of:)``).
        public var labels: [String: Set<String>]
    }

    /// What a run did.
    public struct Summary: Sendable {
        /// Documents converted.
        public var converted: [DocumentSummary] = []
        /// Failure messages, in input order.
        public var failures: [String] = []
        /// How many of the ``failures`` are annotated JSON that could not be read back (not
        /// JSON, not annotated JSON, a span outside the text): input errors, which
        /// `news-annotate` reports with exit status 2.
        public var readFailures = 0
        /// Whether the run stopped early on request.
        public var interrupted = false
    }

    /// Turns a document into files; paths are suffixes for its output name.
    public typealias Convert = @Sendable (AnnotatedDocument, _ outputName: String) throws(ExportError) -> (files: [OutputFile], labels: [String: Set<String>])

    /// Reads and annotates article inputs.
    public let annotator: BatchRunner

    /// Creates a runner that annotates articles with `annotator`.
    public init(annotator: BatchRunner) {
        self.annotator = annotator
    }

    /// Extensions read from directories besides the article ones.
    static let annotatedExtensions: Set<String> = ["json", "jsonl"]

    /// Classifies command-line arguments: directories are read recursively (articles, and
    /// `.json`/`.jsonl` files, passing over JSON that is no document, such as configurations,
    /// as ``AnnotatedDocument/read(_:layer:)`` does; hidden files skipped; sorted), and a
    /// file given by name is annotated JSON when its content says so or its name ends in
    /// `.json` or `.jsonl`, an article otherwise.
    public static func expand(_ arguments: [String]) -> [Source] {
        var sources: [Source] = []
        for argument in arguments {
            var isDirectory: ObjCBool = false
            let exists = FileManager.default.fileExists(atPath: argument, isDirectory: &isDirectory)
            if argument == "-" || !exists {
                sources += BatchInput.expand([argument]).map(Source.article)
            } else if !isDirectory.boolValue {
                // A .json or .jsonl file named explicitly is read as annotated JSON even when it
                // is not, so that it fails with a message saying so instead of being annotated.
                let input = BatchInput.expand([argument])
                let ext = argument.split(separator: ".").last.map { $0.lowercased() } ?? ""
                sources += annotatedExtensions.contains(ext) || isAnnotated(path: argument)
                    ? [.annotated(path: argument, outputName: input.first?.outputName ?? argument)] : input.map(Source.article)
            } else {
                let base = argument.hasSuffix("/") ? String(argument.dropLast()) : argument
                var found: [(String, Source)] = BatchInput.expand([argument]).map { ($0.path ?? "", .article($0)) }
                for relative in AnnotatedDocument.files(under: argument, extensions: annotatedExtensions) {
                    let path = base + "/" + relative
                    // Other JSON in a folder (configurations, rule files) is passed over.
                    if !AnnotatedDocument.isOtherJSON(path: path) { found.append((path, .annotated(path: path, outputName: BatchInput.stem(of: relative)))) }
                }
                sources += found.sorted { $0.0 < $1.0 }.map(\.1)
            }
        }
        return sources
    }

    /// Whether a file named by the user holds annotated JSON whatever its extension: a
    /// document, or JSON Lines whose first line is one.
    static func isAnnotated(path: String) -> Bool {
        guard let handle = FileHandle(forReadingAtPath: path) else { return false }
        defer { try? handle.close() }
        guard let head = try? handle.read(upToCount: 1 << 16), head.first(where: { !" \n\r\t".utf8.contains($0) }) == UInt8(ascii: "{") else { return false }
        if path.lowercased().hasSuffix(".jsonl"), let line = head.split(separator: UInt8(ascii: "\n")).first {
            return AnnotatedDocument.isAnnotatedJSON(Data(line))
        }
        guard let data = FileManager.default.contents(atPath: path) else { return false }
        if AnnotatedDocument.isAnnotatedJSON(data) { return true }
        return head.split(separator: UInt8(ascii: "\n")).first.map { AnnotatedDocument.isAnnotatedJSON(Data($0)) } ?? false
    }

    /// Converts every source and writes the results.
    ///
    /// - Parameters:
    ///   - sources: Inputs from ``expand(_:)``.
    ///   - directory: The output folder, or `nil` for standard output (through `write`).
    ///   - jobs: Documents converted at once.
    ///   - shouldStop: Asked before each input; `true` starts no more.
    ///   - standardInput: Reads standard input, for an article given as `-`.
    ///   - convert: Makes a document's files.
    ///   - write: Writes to standard output.
    ///   - report: Told each document's outcome, in input order.
    public func run(
        _ sources: [Source], to directory: String?, jobs: Int, shouldStop: @escaping @Sendable () -> Bool = { false },
        standardInput: @escaping @Sendable () -> [UInt8] = { [] }, convert: @escaping Convert, write: ([UInt8]) -> Void, report: (Outcome) -> Void
    ) -> Summary {
        let cursor = SourceCursor(sources)
        let annotator = annotator
        var summary = Summary()
        var owners: [String: String] = [:]
        if let directory { BatchRunner.removePartialFiles(under: directory) }
        OrderedParallel<Source, [Result<(DocumentSummary, [OutputFile]), Failure>]>.run(
            workers: jobs, window: max(4, jobs * 4),
            next: { shouldStop() ? nil : cursor.next() },
            work: { source in Self.convert(source, annotator: annotator, standardInput: standardInput, convert: convert) },
            emit: { results in
                for result in results {
                    let outcome: Outcome
                    switch result {
                    case .failure(let failure):
                        outcome = .failed(failure.message)
                        if failure.isReadError { summary.readFailures += 1 }
                    case .success(let (document, files)):
                        outcome = Self.deliver(document, files, to: directory, owners: &owners, write: write)
                    }
                    switch outcome {
                    case .converted(let document): summary.converted.append(document)
                    case .failed(let message): summary.failures.append(message)
                    }
                    report(outcome)
                }
            })
        summary.interrupted = shouldStop()
        return summary
    }

    private static func deliver(_ document: DocumentSummary, _ files: [OutputFile], to directory: String?, owners: inout [String: String],
                                write: ([UInt8]) -> Void) -> Outcome {
        guard let directory else {
            for file in files { write(file.bytes) }
            return .converted(document)
        }
        let paths = files.map { document.outputName + $0.path }
        if let taken = paths.first(where: { owners[$0] != nil }) {
            return .failed("'\(document.id)': its output \(taken) would overwrite the output of '\(owners[taken] ?? "")'")
        }
        do throws(BatchRunner.Failure) {
            for (file, path) in zip(files, paths) { try BatchRunner.writeAtomically(file.bytes, to: directory + "/" + path) }
        } catch {
            return .failed(error.message)
        }
        for path in paths { owners[path] = document.id }
        return .converted(document)
    }

    /// Why one document was not converted; a read error is an input error.
    private struct Failure: Error, Sendable {
        var message: String
        var isReadError: Bool
    }

    private static func convert(_ source: Source, annotator: BatchRunner, standardInput: @escaping @Sendable () -> [UInt8],
                                convert: Convert) -> [Result<(DocumentSummary, [OutputFile]), Failure>] {
        var documents: [Result<(AnnotatedDocument, String), Failure>] = []
        switch source {
        case .article(let input):
            do {
                let (annotated, _) = try annotator.annotate(input, standardInput: standardInput)
                documents.append(.success((try AnnotatedDocument(annotated), input.outputName)))
            } catch let failure as BatchRunner.Failure {
                documents.append(.failure(Failure(message: failure.message, isReadError: false)))
            } catch let error as ReadError {
                // A stage wrote a span outside the text: the article failed, not the input.
                documents.append(.failure(Failure(message: error.message, isReadError: false)))
            } catch {
                documents.append(.failure(Failure(message: "'\(input.path ?? "-")': \(error)", isReadError: false)))
            }
        case .annotated(let path, let outputName):
            let isLines = AnnotatedDocument.FileFormat(path: path) == .jsonl
            let folder = BatchInput.stem(of: path).split(separator: "/").dropLast().joined(separator: "/")
            // Each line of JSON Lines is a document of its own, named by its id.
            documents = AnnotatedDocument.documents(inFile: path, format: isLines ? .jsonl : .json).map { result in
                result.map { document in
                    let safe = document.id.replacingOccurrences(of: "/", with: "_")
                    return (document, isLines ? (folder.isEmpty ? safe : folder + "/" + safe) : outputName)
                }
                .mapError { Failure(message: $0.message, isReadError: true) }
            }
        }
        return documents.map { entry in
            entry.flatMap { document, name in
                do throws(ExportError) {
                    let (files, labels) = try convert(document, name)
                    return .success((summary(of: document, outputName: name, labels: labels), files))
                } catch {
                    return .failure(Failure(message: error.message, isReadError: false))
                }
            }
        }
    }

    /// Counts and titles for index pages.
    static func summary(of document: AnnotatedDocument, outputName: String, labels: [String: Set<String>]) -> DocumentSummary {
        var counts: [String: Int] = [:]
        for (name, value) in document.layers { if let items = value.arrayValue { counts[name] = items.count } }
        return DocumentSummary(id: document.id, title: document.title, outputName: outputName, language: document.metadataString("language"),
                               counts: counts, diagnostics: document.diagnostics.count, labels: labels)
    }
}

/// Hands out sources one at a time (under the parallel runner's lock).
private final class SourceCursor: @unchecked Sendable {
    private let sources: [ConversionRunner.Source]
    private var index = 0
    init(_ sources: [ConversionRunner.Source]) { self.sources = sources }
    func next() -> ConversionRunner.Source? {
        guard index < sources.count else { return nil }
        defer { index += 1 }
        return sources[index]
    }
}
