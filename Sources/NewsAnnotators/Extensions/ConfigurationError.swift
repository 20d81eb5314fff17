import Foundation

/// A pipeline configuration, rule file or external stage that cannot be used, with where
/// the problem is.
public struct ConfigurationError: Error, Sendable, CustomStringConvertible {
    /// The file at fault.
    public var file: String
    /// The 1-based line, when known.
    public var line: Int?
    /// What is wrong.
    public var message: String

    /// Creates an error.
    public init(file: String, line: Int? = nil, message: String) {
        self.file = file
        self.line = line
        self.message = message
    }

    public var description: String { "\(file)\(line.map { ":\($0)" } ?? ""): \(message)" }
}

/// Where a JSON value sits in its source text, for error messages: the line of the first
/// occurrence of `needle`, or of a JSONSerialization error's character offset.
enum SourceLines {
    static func line(of needle: String, in text: String) -> Int? {
        guard !needle.isEmpty, let range = text.range(of: needle) else { return nil }
        return text[..<range.lowerBound].reduce(1) { $0 + ($1 == "\n" ? 1 : 0) }
    }

    /// JSONSerialization messages name "line N" or "character N"; turn either into a line.
    static func line(ofError error: any Error, in text: String) -> Int? {
        let message = "\(error)"
        if let range = message.range(of: "line ") {
            let digits = message[range.upperBound...].prefix { $0.isNumber }
            if let line = Int(digits) { return line }
        }
        if let range = message.range(of: "character ") {
            let digits = message[range.upperBound...].prefix { $0.isNumber }
            if let offset = Int(digits) {
                return text.utf8.prefix(offset).reduce(1) { $0 + ($1 == UInt8(ascii: "\n") ? 1 : 0) }
            }
        }
        return nil
    }
}
