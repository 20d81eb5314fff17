/// Something worth knowing about a document that did not stop the work: recovered HTML, a
/// guessed encoding, a quote without a speaker.
///
/// An error means "could not do the job"; a diagnostic means "did it, and here is what to know".
public struct Diagnostic: Sendable, Hashable, Codable {
    /// How much a diagnostic matters.
    public enum Severity: String, Sendable, Hashable, Codable {
        /// Informational: a decision the tool made that a user may want to know.
        case info
        /// A problem in the input that was worked around.
        case warning
    }

    /// A stable snake_case identifier, such as `"invalid_utf8_replaced"`.
    public var id: String
    /// The stage that reported it (`"ingest"` for the readers).
    public var stage: String
    /// How much it matters.
    public var severity: Severity
    /// A lowercase sentence fragment a user can act on.
    public var message: String
    /// Start of the text concerned, in Unicode scalars, when it concerns a span.
    public var start: Int?
    /// End (exclusive) of the text concerned, in Unicode scalars, when it concerns a span.
    public var end: Int?

    /// Creates a diagnostic.
    ///
    /// - Parameters:
    ///   - id: A stable snake_case identifier.
    ///   - stage: The reporting stage's id.
    ///   - severity: How much it matters.
    ///   - message: A lowercase fragment with no trailing period.
    ///   - span: The text concerned, in Unicode scalar offsets, if any.
    public init(id: String, stage: String, severity: Severity = .warning, message: String, span: TextSpan? = nil) {
        self.id = id
        self.stage = stage
        self.severity = severity
        self.message = message
        self.start = span?.start
        self.end = span?.end
    }
}
