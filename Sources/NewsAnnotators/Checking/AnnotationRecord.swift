import Foundation
public import NewsAnnotation

/// One annotation of a layer, read back for checking and evaluation: its span and its other
/// fields flattened to dotted paths (`speaker.text`, `cue.start`).
public struct SpanRecord: Sendable, Hashable {
    /// Start offset, in Unicode scalars.
    public var start: Int
    /// End offset (exclusive), in Unicode scalars.
    public var end: Int
    /// Every other field, flattened.
    public var fields: [String: JSONValue]

    /// The label evaluation groups by: `type`, else `kind`, else empty.
    public var label: String { fields["type"]?.stringValue ?? fields["kind"]?.stringValue ?? "" }

    init(start: Int, end: Int, fields: [String: JSONValue]) {
        self.start = start
        self.end = end
        self.fields = fields
    }

    init?(_ object: [String: JSONValue]) {
        guard let start = object["start"]?.intValue, let end = object["end"]?.intValue, start <= end else { return nil }
        self.start = start
        self.end = end
        var fields: [String: JSONValue] = [:]
        func flatten(_ prefix: String, _ value: JSONValue) {
            if case .object(let members) = value {
                for (key, member) in members { flatten(prefix.isEmpty ? key : prefix + "." + key, member) }
            } else {
                fields[prefix] = value
            }
        }
        for (key, value) in object where key != "start" && key != "end" { flatten(key, value) }
        self.fields = fields
    }
}

/// An annotated document read back from a file: its id, text, metadata and layers.
public struct AnnotationRecord: Sendable {
    /// The document id.
    public var id: String
    /// The text the offsets count in.
    public var text: String
    /// The metadata object's members.
    public var metadata: [String: JSONValue]
    /// Layers of spans; layers that are not arrays of spans are left out.
    public var layers: [String: [SpanRecord]]
    /// Where it was read from.
    public var path: String
    /// The JSON text of this document as read (one line of a JSON Lines file), for `--update`.
    public var source: [UInt8]?

    /// The text of a span (scalar offsets), clamped to the text.
    public func slice(_ start: Int, _ end: Int) -> String {
        let scalars = text.unicodeScalars
        let count = scalars.count
        let lower = scalars.index(scalars.startIndex, offsetBy: min(max(start, 0), count))
        let upper = scalars.index(scalars.startIndex, offsetBy: min(max(end, start), count))
        return String(scalars[lower..<upper])
    }
}

/// Why annotation files could not be read.
public struct CheckInputError: Error, Sendable, CustomStringConvertible {
    /// What is wrong, naming the file.
    public var message: String
    public var description: String { message }
}
