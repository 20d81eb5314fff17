import Foundation
import NewsAnnotation

extension AnnotatedDocument {
    /// Reads CoNLL-style BIO: one `token<TAB>tag` line per token (a space works too), a blank
    /// line between sentences, `-DOCSTART-` lines ignored.
    ///
    /// The file has no original text, so the text is rebuilt from the tokens, joined by
    /// spaces, with a line break between sentences; spans cover whole tokens. Tags are `B-X`,
    /// `I-X`, and also `E-X` and `S-X`; `I-X` after `O` starts a span (IOB1 tolerance). The
    /// document's id is the file's stem, and its spans go into `layer` as `{start, end, type}`.
    ///
    /// - Throws: ``ReadError`` naming the file and line of a malformed line or an unknown tag.
    public init(conll content: String, path: String, layer: String) throws(ReadError) {
        var text = ""
        var offset = 0
        var spans: [(start: Int, end: Int, type: String)] = []
        var open: (start: Int, end: Int, type: String)?
        func close() {
            if let current = open { spans.append(current) }
            open = nil
        }
        var sentenceHasTokens = false
        for (number, rawLine) in content.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = rawLine.trimmingCharacters(in: CharacterSet(charactersIn: "\r"))
            if line.trimmingCharacters(in: .whitespaces).isEmpty || line.hasPrefix("-DOCSTART-") {
                close()
                if sentenceHasTokens { text += "\n"; offset += 1; sentenceHasTokens = false }
                continue
            }
            let columns = line.split(whereSeparator: { $0 == "\t" || $0 == " " }).map(String.init)
            guard columns.count >= 2, let tag = columns.last else {
                throw ReadError("\(Self.place(path, number + 1)): expected 'token<TAB>tag', got '\(line)'")
            }
            let token = columns[0]
            if sentenceHasTokens { text += " "; offset += 1 }
            let start = offset
            text += token
            offset += token.unicodeScalars.count
            sentenceHasTokens = true
            if tag == "O" { close(); continue }
            let parts = tag.split(separator: "-", maxSplits: 1).map(String.init)
            guard parts.count == 2, ["B", "I", "E", "S"].contains(parts[0]) else {
                throw ReadError("\(Self.place(path, number + 1)): unknown tag '\(tag)'; expected O, B-TYPE or I-TYPE")
            }
            if parts[0] == "I" || parts[0] == "E", let current = open, current.type == parts[1] {
                open = (current.start, offset, current.type)
            } else {
                close()
                open = (start, offset, parts[1])
            }
        }
        close()
        try self.init(interchange: text, spans: spans, path: path, layer: layer)
    }

    /// A document of CoNLL or brat spans, checked like any other.
    init(interchange text: String, spans: [(start: Int, end: Int, type: String)], path: String, layer: String) throws(ReadError) {
        let items: [JSONValue] = spans.map { span in
            .object(["start": .number(Double(span.start)), "end": .number(Double(span.end)), "type": .string(span.type)])
        }
        try self.init(id: Self.stem(of: path), text: DocumentText(text), metadata: [:], layers: [layer: .array(items)], diagnostics: [],
                      pipeline: [], sourcePath: nil, path: path, json: nil, place: Self.place(path, nil))
    }
}
