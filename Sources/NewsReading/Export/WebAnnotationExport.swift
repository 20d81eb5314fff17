import Foundation
import NewsAnnotation

/// W3C Web Annotation JSON-LD: an `AnnotationCollection` whose first `AnnotationPage` holds
/// one `Annotation` per entity, temporal expression, quote and source.
///
/// Each annotation has `@context` (`http://www.w3.org/ns/anno.jsonld`), an `id`, `type`
/// `Annotation`, a `motivation`, `TextualBody` bodies with a `purpose` (`tagging` for types
/// and kinds, `identifying` for canonical and source names, `describing` for TIMEX3 values,
/// speakers, roles and affiliations), and a `target` (an array for a quote with several parts
/// or a source with several mentions) whose `source` is the document's text and whose
/// `selector` holds a `TextPositionSelector` (`start`, `end`: code points, end exclusive, as
/// the model defines them) and a `TextQuoteSelector` (`exact`, and up to 32 code points of
/// `prefix` and `suffix`).
///
/// Ids are URNs made from the document id: the text is `urn:news-annotation:<id>` and an
/// annotation `urn:news-annotation:<id>/annotations/<annotation id>`. When the metadata has a
/// `url`, each target's `scope` names the page the text was taken from.
enum WebAnnotationExport {
    static let context = "http://www.w3.org/ns/anno.jsonld"
    static let contextLength = 32

    /// The annotation collection for a document.
    static func collection(_ document: AnnotatedDocument) -> OrderedJSON {
        let base = "urn:news-annotation:" + (document.id.addingPercentEncoding(withAllowedCharacters: .urnSafe) ?? document.id)
        var items: [OrderedJSON] = []
        func annotation(_ id: String, motivation: String, bodies: [(String, String)], targets: [TextSpan]) {
            guard !targets.isEmpty else { return }
            let body = bodies.map { OrderedJSON.object([("type", .string("TextualBody")), ("purpose", .string($0.0)), ("value", .string($0.1))]) }
            let targetObjects = targets.map { target(for: $0, in: document, source: base) }
            items.append(.object([
                ("@context", .string(context)), ("id", .string("\(base)/annotations/\(id)")), ("type", .string("Annotation")),
                ("motivation", .string(motivation)), ("body", .array(body)),
                ("target", targetObjects.count == 1 ? targetObjects[0] : .array(targetObjects)),
            ]))
        }
        for entity in document.entityItems ?? [] {
            var bodies = [("tagging", entity.type)]
            if let subtype = entity.subtype { bodies.append(("tagging", subtype)) }
            if let canonical = entity.canonical { bodies.append(("identifying", canonical)) }
            annotation(entity.id, motivation: "tagging", bodies: bodies, targets: [entity.span])
        }
        for timex in document.timexItems ?? [] {
            var bodies = [("tagging", timex.type)]
            if let value = timex.value { bodies.append(("describing", "TIMEX3 value \(value)")) }
            if let mod = timex.mod { bodies.append(("describing", "TIMEX3 mod \(mod)")) }
            annotation(timex.id, motivation: "tagging", bodies: bodies, targets: [timex.span])
        }
        for quote in document.quoteItems ?? [] {
            var bodies = [("tagging", "quote"), ("tagging", quote.kind)]
            if let name = quote.speakerName { bodies.append(("describing", "speaker: \(name)")) }
            annotation(quote.id, motivation: "describing", bodies: bodies, targets: quote.parts)
        }
        for source in document.sourceItems ?? [] {
            var bodies = [("tagging", "source"), ("identifying", source.name)]
            if let kind = source.kind { bodies.insert(("tagging", kind), at: 1) }
            if let role = source.role?.text { bodies.append(("describing", "role: \(role)")) }
            if let affiliation = source.affiliation?.text { bodies.append(("describing", "affiliation: \(affiliation)")) }
            annotation(source.id, motivation: "identifying", bodies: bodies, targets: source.mentions)
        }
        let page = OrderedJSON.object([
            ("id", .string("\(base)/annotations/page1")), ("type", .string("AnnotationPage")), ("startIndex", .int(0)), ("items", .array(items)),
        ])
        return .object([
            ("@context", .string(context)), ("id", .string("\(base)/annotations")), ("type", .string("AnnotationCollection")),
            ("label", .string("Annotations of \(document.title)")), ("total", .int(items.count)), ("first", page),
        ])
    }

    static func target(for span: TextSpan, in document: AnnotatedDocument, source: String) -> OrderedJSON {
        var quote: [(String, OrderedJSON)] = [("type", .string("TextQuoteSelector")), ("exact", .string(document.slice(span)))]
        let prefix = document.slice(TextSpan(start: max(0, span.start - contextLength), end: span.start))
        let suffix = document.slice(TextSpan(start: span.end, end: min(document.text.count, span.end + contextLength)))
        if !prefix.isEmpty { quote.append(("prefix", .string(prefix))) }
        if !suffix.isEmpty { quote.append(("suffix", .string(suffix))) }
        var members: [(String, OrderedJSON)] = [
            ("source", .string(source)),
            ("selector", .array([
                .object([("type", .string("TextPositionSelector")), ("start", .int(span.start)), ("end", .int(span.end))]),
                .object(quote),
            ])),
        ]
        if let url = document.metadataString("url") { members.append(("scope", .string(url))) }
        return .object(members)
    }
}

extension CharacterSet {
    /// Characters left as they are in the document id part of a URN.
    fileprivate static let urnSafe = CharacterSet(charactersIn: "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._~")
}
