/// Why annotated documents could not be read back: the file, the line when there is one,
/// and what is wrong (not JSON, not annotated JSON, a span outside the text, a bad CoNLL or
/// brat line).
///
/// Every command that reads annotated documents reports it as the same one line, and treats
/// it as an input error (exit status 2 in `news-annotate`).
public struct ReadError: Error, Sendable, Hashable, CustomStringConvertible {
    /// What is wrong, naming the input.
    public var message: String

    /// Creates an error with a one-line message.
    public init(_ message: String) {
        self.message = message
    }

    public var description: String { message }
}
