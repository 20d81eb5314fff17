public import NewsAnnotation

/// A temporal expression with its TIMEX3 normalisation.
///
/// `value` follows TIMEX3: `2017-04-12` (day), `2017-04` (month), `2017` (year), `2017-W14`
/// (ISO week), `197` (decade), `19` (century), `2017-SU` (season), `2017-Q1` (quarter),
/// `2017-04-12TMO` (part of day), `2017-04-12T15:30` (time), `P6Y`/`PT6H` (durations),
/// `XXXX-WXX-1` (every Monday), and `PRESENT_REF`, `PAST_REF`, `FUTURE_REF`. A relative
/// expression without an anchor keeps an underspecified value (`XXXX-XX-XX`, `XXXX-WXX`…).
public struct Timex: Sendable, Hashable, Codable, Spanned, Identified {
    /// The TIMEX3 types.
    public enum Kind: String, Sendable, Hashable, Codable, CaseIterable {
        case date = "DATE", time = "TIME", duration = "DURATION", set = "SET"
    }

    /// A stable id within the document: `t1`, `t2`… in text order.
    public var id: String
    /// Start offset, in Unicode scalars.
    public var start: Int
    /// End offset (exclusive), in Unicode scalars.
    public var end: Int
    /// The expression as written.
    public var text: String
    /// DATE, TIME, DURATION or SET.
    public var type: Kind
    /// The TIMEX3 value.
    public var value: String
    /// START, MID, END, APPROX…, when the expression qualifies its value.
    public var mod: String?
    /// `EVERY` for sets.
    public var quant: String?
    /// How often, for sets (`2X`).
    public var freq: String?
    /// What a relative value was resolved against: `published` (the document's publication
    /// date). Absent for absolute values and for relative ones left underspecified.
    public var anchor: String?
    /// The id of the rule that found the expression.
    public var rule: String

    /// Creates a temporal expression.
    public init(id: String, span: TextSpan, text: String, type: Kind, value: String, mod: String? = nil,
                quant: String? = nil, freq: String? = nil, anchor: String? = nil, rule: String) {
        self.id = id
        self.start = span.start
        self.end = span.end
        self.text = text
        self.type = type
        self.value = value
        self.mod = mod
        self.quant = quant
        self.freq = freq
        self.anchor = anchor
        self.rule = rule
    }

    /// Where the expression lies, in Unicode scalar offsets.
    public var span: TextSpan { TextSpan(start: start, end: end) }
}

extension Layers {
    /// Temporal expressions with TIMEX3 values, produced by the `dates` stage.
    public static let dates = LayerKey<[Timex]>("dates")
}
