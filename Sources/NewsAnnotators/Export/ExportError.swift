/// Why a document could not be read back or turned into another format.
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
