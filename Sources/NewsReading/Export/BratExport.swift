import NewsAnnotation

/// brat standoff: the text as `<name>.txt` and its annotations as `<name>.ann`.
///
/// brat counts offsets in characters of the `.txt` read as a Python `str`, which are code
/// points: the same unit as annotated JSON, so offsets are copied unchanged. brat spans must
/// not run over a line break, so a span is split into fragments at every `\n`
/// (`Quote 10 24;26 40`), and a quote with several parts is one discontinuous `T` line.
///
/// What is written, in this order:
/// - `T` for each entity (its type), with `A Subtype` and a `#` note for the canonical name;
/// - `T` for each temporal expression (its TIMEX3 type), with `A Mod` and a `#` note
///   `value=…` (TIMEX3 values are open-ended, so they cannot be brat attribute values);
/// - `T Source` for each source mention, with a `#` note naming the source, `T Role` and
///   `T Affiliation` with `R Role` / `R Affiliation` relations from the source's first mention;
/// - `T Quote` for each quote (all its parts), `A Kind`, `T Cue` with `R Cue`, and
///   `R Speaker Arg1:<quote> Arg2:<speaker mention>`; a speaker span that is also a source
///   mention reuses that mention's `T`.
enum BratExport {
    /// The `.ann` file for a document.
    static func annotations(_ document: AnnotatedDocument) -> String {
        var writer = Writer(document: document)
        for entity in document.entityItems ?? [] {
            guard let t = writer.textBound(type: entity.type, spans: [entity.span]) else { continue }
            if let subtype = entity.subtype { writer.attribute("Subtype", of: t, value: subtype) }
            if let canonical = entity.canonical { writer.note(on: t, "canonical=\(canonical)") }
        }
        for timex in document.timexItems ?? [] {
            guard let t = writer.textBound(type: timex.type, spans: [timex.span]) else { continue }
            if let mod = timex.mod { writer.attribute("Mod", of: t, value: mod) }
            if let value = timex.value { writer.note(on: t, "value=\(value)") }
        }
        var mentionIDs: [TextSpan: String] = [:]
        var firstMentionOfSource: [String: String] = [:]
        for source in document.sourceItems ?? [] {
            for mention in source.mentions {
                let t: String
                if let existing = mentionIDs[mention] {
                    t = existing
                } else {
                    guard let new = writer.textBound(type: "Source", spans: [mention]) else { continue }
                    mentionIDs[mention] = new
                    writer.note(on: new, "source=\(source.name)" + (source.kind.map { " kind=\($0)" } ?? ""))
                    t = new
                }
                if firstMentionOfSource[source.id] == nil { firstMentionOfSource[source.id] = t }
            }
            guard let anchor = firstMentionOfSource[source.id] else { continue }
            for (label, part) in [("Role", source.role), ("Affiliation", source.affiliation)] {
                if let span = part?.span, let t = writer.textBound(type: label, spans: [span]) { writer.relation(label, from: anchor, to: t) }
            }
        }
        for quote in document.quoteItems ?? [] {
            guard let t = writer.textBound(type: "Quote", spans: quote.parts) else { continue }
            writer.attribute("Kind", of: t, value: quote.kind)
            if let span = quote.cue?.span, let cue = writer.textBound(type: "Cue", spans: [span]) { writer.relation("Cue", from: t, to: cue) }
            var speaker: String?
            if let span = quote.speaker?.span {
                speaker = mentionIDs[span] ?? writer.textBound(type: "Source", spans: [span])
                if let speaker, mentionIDs[span] == nil {
                    mentionIDs[span] = speaker
                    if let name = quote.speakerName { writer.note(on: speaker, "source=\(name)") }
                }
            } else if let key = quote.speakerKey, key.hasPrefix("source:") {
                speaker = firstMentionOfSource[String(key.dropFirst("source:".count))]
            }
            if let speaker { writer.relation("Speaker", from: t, to: speaker) }
        }
        return writer.lines.map { $0 + "\n" }.joined()
    }

    /// The entity, attribute and relation types a document uses, for `annotation.conf`.
    static func labels(_ document: AnnotatedDocument) -> [String: Set<String>] {
        var labels: [String: Set<String>] = [:]
        for entity in document.entityItems ?? [] {
            labels["entities", default: []].insert(typeName(entity.type))
            if let subtype = entity.subtype { labels["Subtype", default: []].insert(attributeValue(subtype)) }
        }
        for timex in document.timexItems ?? [] {
            labels["entities", default: []].insert(typeName(timex.type))
            if let mod = timex.mod { labels["Mod", default: []].insert(attributeValue(mod)) }
        }
        for quote in document.quoteItems ?? [] { labels["Kind", default: []].insert(attributeValue(quote.kind)) }
        return labels
    }

    /// `annotation.conf` for a collection whose documents use `labels`, so that brat opens
    /// the exported folder without complaints.
    static func configuration(_ labels: [String: Set<String>]) -> String {
        let entityTypes = (labels["entities"] ?? []).subtracting(["Quote", "Source", "Cue", "Role", "Affiliation"]).sorted()
        var lines = ["# brat configuration written by news-annotate export --format brat", "[entities]"]
        lines += entityTypes + ["Quote", "Source", "Cue", "Role", "Affiliation"]
        lines += ["", "[relations]",
                  "Speaker\tArg1:Quote, Arg2:Source", "Cue\tArg1:Quote, Arg2:Cue",
                  "Role\tArg1:Source, Arg2:Role", "Affiliation\tArg1:Source, Arg2:Affiliation",
                  "<OVERLAP>\tArg1:<ANY>, Arg2:<ANY>, <OVL-TYPE>:<ANY>", "", "[events]", "", "[attributes]"]
        let targets = ["Subtype": "<ENTITY>", "Mod": "<ENTITY>", "Kind": "Quote"]
        for name in ["Subtype", "Mod", "Kind"] {
            if let values = labels[name], !values.isEmpty, let arguments = targets[name] {
                lines.append("\(name)\tArg:\(arguments), Value:\(values.sorted().joined(separator: "|"))")
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// A brat type name: letters, digits, `_` and `-` only.
    static func typeName(_ raw: String) -> String {
        raw.isEmpty ? "Entity" : raw.nameSafe
    }

    /// An attribute value: no white space.
    static func attributeValue(_ raw: String) -> String {
        let cleaned = String(String.UnicodeScalarView(raw.unicodeScalars.map { $0.properties.isWhitespace ? "_" : $0 }))
        return cleaned.isEmpty ? "_" : cleaned
    }

    private struct Writer {
        let document: AnnotatedDocument
        var lines: [String] = []
        var textBounds = 0
        var attributes = 0
        var relations = 0
        var notes = 0

        init(document: AnnotatedDocument) {
            self.document = document
        }

        /// Writes a `T` line over `spans`, split at line breaks; `nil` when nothing but line
        /// breaks is covered.
        mutating func textBound(type: String, spans: [TextSpan]) -> String? {
            let fragments = spans.sorted().flatMap(fragments(of:))
            guard !fragments.isEmpty else { return nil }
            textBounds += 1
            let id = "T\(textBounds)"
            let offsets = fragments.map { "\($0.start) \($0.end)" }.joined(separator: ";")
            let text = fragments.map { document.slice($0) }.joined(separator: " ")
            lines.append("\(id)\t\(BratExport.typeName(type)) \(offsets)\t\(text)")
            return id
        }

        mutating func attribute(_ name: String, of target: String, value: String) {
            attributes += 1
            lines.append("A\(attributes)\t\(name) \(target) \(BratExport.attributeValue(value))")
        }

        mutating func relation(_ name: String, from first: String, to second: String) {
            relations += 1
            lines.append("R\(relations)\t\(name) Arg1:\(first) Arg2:\(second)")
        }

        mutating func note(on target: String, _ text: String) {
            notes += 1
            let flat = String(String.UnicodeScalarView(text.unicodeScalars.map { $0 == "\t" || $0 == "\n" || $0 == "\r" ? " " : $0 }))
            lines.append("#\(notes)\tAnnotatorNotes \(target)\t\(flat)")
        }

        /// The pieces of `span` between line breaks, empty pieces left out.
        func fragments(of span: TextSpan) -> [TextSpan] {
            var result: [TextSpan] = []
            var start = span.start
            for offset in span.start..<span.end where document.text.scalars[offset] == "\n" || document.text.scalars[offset] == "\r" {
                if offset > start { result.append(TextSpan(start: start, end: offset)) }
                start = offset + 1
            }
            if span.end > start { result.append(TextSpan(start: start, end: span.end)) }
            return result
        }
    }
}
