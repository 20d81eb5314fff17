public import NewsAnnotation

/// Why an input could not be read as an article at all.
///
/// Broken HTML, a guessed encoding or an odd layout are not errors: ingest recovers and reports
/// a ``NewsAnnotation/Diagnostic``. An error means there is no document to annotate.
public enum IngestError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The file does not exist.
    case fileNotFound(path: String)
    /// The file exists but could not be read.
    case unreadable(path: String, reason: String)
    /// The path names a directory where a file was expected.
    case isDirectory(path: String)
    /// The input has no bytes.
    case empty(path: String?)
    /// The input is larger than the configured limit.
    case tooLarge(path: String?, bytes: Int, limit: Int)
    /// The input is binary data (an image, an archive…), not text or HTML.
    case binary(path: String?, kind: String)
    /// An encoding was asked for by name that this machine cannot decode.
    case unknownEncoding(label: String)
    /// The document's time budget (``NewsAnnotation/WorkBudget/deadline``) ran out while the
    /// input was read, `seconds` after ingest began: a page too large to read in its budget.
    case timeBudgetExceeded(path: String?, seconds: Double)
    /// The run was asked to stop (``NewsAnnotation/WorkBudget/requestStop()``) while the input
    /// was read.
    case stopped(path: String?)

    public var description: String {
        switch self {
        case .fileNotFound(let path):
            "'\(path)': no such file"
        case .unreadable(let path, let reason):
            "'\(path)': cannot read the file: \(reason)"
        case .isDirectory(let path):
            "'\(path)': is a directory; pass a file, or the directory to the annotate command"
        case .empty(let path):
            "\(Self.name(path)): the input is empty"
        case .tooLarge(let path, let bytes, let limit):
            "\(Self.name(path)): the input has \(bytes) bytes, more than the limit of \(limit); raise it with --max-bytes"
        case .binary(let path, let kind):
            "\(Self.name(path)): looks like \(kind), not text or HTML"
        case .unknownEncoding(let label):
            "unknown character encoding '\(label)'; try utf-8, windows-1252, iso-8859-1, iso-8859-15 or another name iconv knows"
        case .timeBudgetExceeded(let path, _), .stopped(let path):
            "\(Self.name(path)): \(interruption.map { StageFailure(stage: Ingestor.stageID, document: "", reason: $0).message } ?? "")"
        }
    }

    /// The reason a stage gives for the same interruption, for ``timeBudgetExceeded(path:seconds:)``
    /// and ``stopped(path:)``: the batch runners report ingest as the stage `ingest` that failed.
    public var interruption: StageFailure.Reason? {
        switch self {
        case .timeBudgetExceeded(_, let seconds): .timeBudgetExceeded(seconds: seconds)
        case .stopped: .stopped
        default: nil
        }
    }

    private static func name(_ path: String?) -> String {
        path.map { "'\($0)'" } ?? "input"
    }
}
