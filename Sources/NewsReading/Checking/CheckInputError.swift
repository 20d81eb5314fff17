/// Why `check` or `eval` could not do its job with the inputs given: an input that could not
/// be annotated (`check --run`), a prediction whose text cannot be aligned with the gold
/// text, an expected file that cannot be rewritten (`check --update`).
///
/// Documents that cannot be read back are a ``ReadError``, the same for every command.
public struct CheckInputError: Error, Sendable, CustomStringConvertible {
    /// What is wrong, naming the file.
    public var message: String
    public var description: String { message }

    /// Creates an error with a one-line message.
    public init(message: String) {
        self.message = message
    }
}
