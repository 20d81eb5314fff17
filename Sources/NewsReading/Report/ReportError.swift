/// Why a corpus report could not be made at all: a gender name list that cannot be read,
/// or an output that cannot be written. A document that cannot be read is no such error: it
/// is counted and listed in the report, and the others still count.
///
/// Messages are one lowercase line naming the file and saying what to do.
public struct ReportError: Error, Sendable, Hashable, CustomStringConvertible {
    /// What is wrong, naming the file.
    public var message: String

    /// Creates an error with a one-line message.
    public init(_ message: String) {
        self.message = message
    }

    public var description: String { message }
}
