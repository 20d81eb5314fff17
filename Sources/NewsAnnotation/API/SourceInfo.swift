/// Where a document's bytes came from and how they were read.
public struct SourceInfo: Sendable, Hashable, Codable {
    /// The path as the user gave it (relative paths stay relative, so output is reproducible).
    public var path: String?
    /// `text/plain` or `text/html`.
    public var mediaType: String
    /// The size of the input in bytes.
    public var bytes: Int
    /// The SHA-256 of the input bytes, lowercase hex.
    public var sha256: String
    /// The character encoding the bytes were decoded from (`utf-8`, `windows-1252`, …).
    public var encoding: String

    /// Creates a description of an input.
    public init(path: String?, mediaType: String, bytes: Int, sha256: String, encoding: String) {
        self.path = path
        self.mediaType = mediaType
        self.bytes = bytes
        self.sha256 = sha256
        self.encoding = encoding
    }
}
