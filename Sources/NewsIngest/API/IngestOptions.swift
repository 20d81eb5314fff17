/// How to read inputs.
public struct IngestOptions: Sendable, Hashable {
    /// How to decide whether an input is HTML or plain text.
    public enum MediaType: String, Sendable, Hashable, CaseIterable {
        /// From the file extension, then from the content.
        case automatic = "auto"
        /// Always plain text.
        case text
        /// Always HTML.
        case html
    }

    /// Whether inputs are HTML or text.
    public var mediaType: MediaType
    /// The language to record when the input declares none (ISO 639-1, such as `it`). When
    /// ``overridesLanguage`` is true it replaces any declared language.
    public var language: String?
    /// Whether ``language`` wins over the language the input declares.
    public var overridesLanguage: Bool
    /// A publication date (ISO 8601) to record when the input gives none; relative dates are
    /// anchored on it.
    public var published: String?
    /// A character encoding to decode with instead of detecting one (`windows-1252`…).
    public var encoding: String?
    /// Inputs larger than this many bytes are refused.
    public var maxBytes: Int
    /// HTML elements and text nodes read at most; past it the rest of the page is left out
    /// with an `html_truncated` diagnostic (a budget against pages built to exhaust memory).
    public var maxNodes: Int = 2_000_000

    /// Creates options; by default everything is detected and inputs up to 32 MiB are read
    /// (the longest news pages are a few MB; a larger file is more likely a dump or an error).
    public init(
        mediaType: MediaType = .automatic, language: String? = nil, overridesLanguage: Bool = false,
        published: String? = nil, encoding: String? = nil, maxBytes: Int = 32 << 20
    ) {
        self.mediaType = mediaType
        self.language = language
        self.overridesLanguage = overridesLanguage
        self.published = published
        self.encoding = encoding
        self.maxBytes = maxBytes
    }
}
