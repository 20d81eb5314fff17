/// What is known about an article besides its text: title, authors, dates, language, origin.
///
/// Every field is optional; a field the input did not give stays `nil` and is left out of JSON.
public struct DocumentMetadata: Sendable, Hashable, Codable {
    /// The headline.
    public var title: String?
    /// The authors, one name each, in the order the source gives them; never a joined string.
    public var authors: [String]?
    /// The byline as printed, when the page has one (for example "Di Giulia Ferri e Marco Lentini").
    public var byline: String?
    /// Publication date or date-time, ISO 8601 (`2017-04-12` or `2017-04-12T15:02:11+01:00`).
    public var published: String?
    /// Last modification date or date-time, ISO 8601.
    public var modified: String?
    /// BCP 47 language tag of the text, lowercased primary subtag (`it`, `en`).
    public var language: String?
    /// Where ``language`` came from: `option`, `html`, `json-ld`, `meta`, `filename` or `detected`.
    public var languageSource: String?
    /// The canonical URL of the article.
    public var url: String?
    /// The publication or web site name.
    public var siteName: String?
    /// The publisher organisation, when the page names one.
    public var publisher: String?
    /// A short summary, from the page's description metadata.
    public var description: String?
    /// The section or category the site files the article under.
    public var section: String?
    /// Keywords or tags the site gives.
    public var keywords: [String]?
    /// The publisher's social accounts and profile pages: `twitter:site` ("@bbcnewsbeat") and
    /// JSON-LD `publisher.sameAs` URLs, in that order.
    public var socialProfiles: [String]?

    /// Creates metadata; every field defaults to absent.
    public init(
        title: String? = nil, authors: [String]? = nil, byline: String? = nil,
        published: String? = nil, modified: String? = nil,
        language: String? = nil, languageSource: String? = nil,
        url: String? = nil, siteName: String? = nil, publisher: String? = nil,
        description: String? = nil, section: String? = nil, keywords: [String]? = nil, socialProfiles: [String]? = nil
    ) {
        self.socialProfiles = socialProfiles
        self.title = title
        self.authors = authors
        self.byline = byline
        self.published = published
        self.modified = modified
        self.language = language
        self.languageSource = languageSource
        self.url = url
        self.siteName = siteName
        self.publisher = publisher
        self.description = description
        self.section = section
        self.keywords = keywords
    }
}
