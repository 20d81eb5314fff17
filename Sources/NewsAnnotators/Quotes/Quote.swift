public import NewsAnnotation

/// A quotation: what was said, by whom, and how the text reports it.
public struct Quote: Sendable, Hashable, Codable, Spanned, Identified {
    /// How the text reports the words.
    public enum Kind: String, Sendable, Hashable, Codable, CaseIterable {
        /// Words in quotation marks, attributed or standing as a quote paragraph.
        case direct
        /// Reported speech without quotation marks ("Reeve non vede…", "…, dice il professor Light").
        case indirect
        /// A quoted fragment inside the reporter's sentence ("Dice anche che “il Medio Oriente…”").
        case mixed
        /// Quotation marks around a name, title or term, with no speaker ("il cosiddetto “Stato Islamico”").
        case scare
    }

    /// How the speaker was found.
    public enum Attribution: String, Sendable, Hashable, Codable, CaseIterable {
        /// A name, or a title and a name, next to the cue.
        case name
        /// A description without a name ("a council official who asked not to be named").
        case description
        /// A pronoun ("lei dice", "she said"), resolved to the last compatible named speaker.
        case pronoun
        /// A cue with no subject ("…”, dice."), resolved to the current speaker.
        case subjectless
        /// A quote paragraph with no cue, continuing the previous paragraph's speaker.
        case continuation
        /// An interview turn's label ("D:", "R:", "Q:", "A:", "Rossi:"): answers go to the person
        /// the introduction is about, questions to the byline's author.
        case label
        /// No speaker found.
        case none
    }

    /// One stretch of the quoted words.
    public typealias Part = TextSpan

    /// `q1`, `q2`, … in text order.
    public var id: String
    public var kind: Kind
    /// From the first part's start to the last part's end.
    public var start: Int
    public var end: Int
    /// The quoted words, without quotation marks; several when the attribution splits the quote
    /// or the quote runs over paragraphs.
    public var parts: [Part]
    /// The reporting verb or phrase ("dice", "ha detto", "according to").
    public var cue: TextExcerpt?
    /// The speaker as written: a name, a title and a name, a description or a pronoun.
    public var speaker: TextExcerpt?
    /// The resolved speaker's name (the entity cluster's canonical name).
    public var speakerName: String?
    /// The resolved speaker's entity cluster.
    public var cluster: String?
    public var attribution: Attribution
    /// From 0 to 1: how sure the stage is of the attribution.
    public var confidence: Double

    public init(id: String, kind: Kind, parts: [Part], cue: TextExcerpt?, speaker: TextExcerpt?, speakerName: String?, cluster: String?, attribution: Attribution, confidence: Double) {
        self.id = id
        self.kind = kind
        self.start = parts.first?.start ?? 0
        self.end = parts.last?.end ?? 0
        self.parts = parts
        self.cue = cue
        self.speaker = speaker
        self.speakerName = speakerName
        self.cluster = cluster
        self.attribution = attribution
        self.confidence = confidence
    }

    public var span: TextSpan { TextSpan(start: start, end: end) }
}

extension Layers {
    /// Quotations with their speakers.
    public static let quotes = LayerKey<[Quote]>("quotes")
}
