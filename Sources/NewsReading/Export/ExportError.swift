/// Why a document could not be turned into another format (CoNLL without tokens, an export
/// that cannot be encoded). Documents that cannot be read back are a ``ReadError``.
///
/// Messages are one lowercase line naming the document (or file) and saying what to do.
public struct ExportError: Error, Sendable, Hashable, CustomStringConvertible {
    /// What is wrong, naming the document or file.
    public var message: String

    /// Creates an error with a one-line message.
    public init(_ message: String) {
        self.message = message
    }

    public var description: String { message }
}
