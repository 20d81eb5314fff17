import Foundation
import NewsAnnotation

/// Reads annotated documents for checking and evaluation: our JSON (one document per file),
/// JSON Lines (one per line), CoNLL-style BIO (`token TAB tag`, blank line between sentences)
/// and brat standoff (`.ann` next to its `.txt`).
public enum AnnotationReader {
    /// The formats understood.
    public enum Format: String, Sendable, CaseIterable {
        case json, jsonl, conll, brat
    }

    /// Reads every document in a file or directory (recursively, sorted).
    ///
    /// - Parameters:
    ///   - path: A file or a directory.
    ///   - layer: The layer CoNLL and brat annotations go into (`entities` unless told).
    /// - Throws: ``CheckInputError`` naming the file that cannot be read.
    public static func read(_ path: String, layer: String = "entities") throws(CheckInputError) -> [AnnotationRecord] {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw CheckInputError(message: "'\(path)': no such file or directory")
        }
        guard isDirectory.boolValue else { return try readFile(path, layer: layer) }
        let files = (FileManager.default.enumerator(atPath: path)?.allObjects as? [String] ?? [])
            .filter { name in
                guard !name.split(separator: "/").contains(where: { $0.hasPrefix(".") }) else { return false }
                return [".json", ".jsonl", ".conll", ".bio", ".tsv", ".ann"].contains { name.hasSuffix($0) }
            }
            .sorted()
        var records: [AnnotationRecord] = []
        for file in files {
            let full = path + "/" + file
            // In a directory, JSON files that are not annotated documents (configurations,
            // rule files) are passed over; named explicitly, they are an error.
            if format(of: full) == .json, let data = FileManager.default.contents(atPath: full),
               let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any], object["text"] == nil {
                continue
            }
            records += try readFile(full, layer: layer)
        }
        return records
    }

    static func format(of path: String) -> Format {
        if path.hasSuffix(".jsonl") { return .jsonl }
        if path.hasSuffix(".ann") { return .brat }
        if path.hasSuffix(".conll") || path.hasSuffix(".bio") || path.hasSuffix(".tsv") { return .conll }
        return .json
    }

    static func readFile(_ path: String, layer: String) throws(CheckInputError) -> [AnnotationRecord] {
        guard let data = FileManager.default.contents(atPath: path) else { throw CheckInputError(message: "'\(path)': cannot read the file") }
        switch format(of: path) {
        case .json: return [try decodeDocument(data, path: path, line: nil)]
        case .jsonl:
            var records: [AnnotationRecord] = []
            for (number, line) in String(decoding: data, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false).enumerated()
            where !line.trimmingCharacters(in: .whitespaces).isEmpty {
                records.append(try decodeDocument(Data(line.utf8), path: path, line: number + 1))
            }
            return records
        case .conll: return [try readCoNLL(String(decoding: data, as: UTF8.self), path: path, layer: layer)]
        case .brat: return [try readBrat(String(decoding: data, as: UTF8.self), path: path, layer: layer)]
        }
    }

    static func decodeDocument(_ data: Data, path: String, line: Int?) throws(CheckInputError) -> AnnotationRecord {
        let place = line.map { "'\(path)' line \($0)" } ?? "'\(path)'"
        let object: [String: Any]
        do {
            guard let decoded = try JSONSerialization.jsonObject(with: data) as? [String: Any] else {
                throw CheckInputError(message: "\(place): not a JSON object")
            }
            object = decoded
        } catch let error as CheckInputError {
            throw error
        } catch {
            throw CheckInputError(message: "\(place): not valid JSON (\((error as NSError).localizedDescription))")
        }
        guard let text = object["text"] as? String else { throw CheckInputError(message: "\(place): no \"text\" field; is it annotated JSON?") }
        let stem = URL(fileURLWithPath: path).deletingPathExtension().lastPathComponent
        let id = object["id"] as? String ?? stem
        var layers: [String: [SpanRecord]] = [:]
        for (name, value) in (object["layers"] as? [String: Any]) ?? [:] {
            guard let items = value as? [Any] else { continue }
            layers[name] = items.compactMap { item in
                guard case .object(let members) = JSONValue(foundationObject: item) else { return nil }
                return SpanRecord(members)
            }
        }
        var metadata: [String: JSONValue] = [:]
        if case .object(let members) = JSONValue(foundationObject: object["metadata"] ?? [String: Any]()) { metadata = members }
        var record = AnnotationRecord(id: id, text: text, metadata: metadata, layers: layers, path: path)
        record.source = [UInt8](data)
        return record
    }

    /// CoNLL BIO: the text is the tokens joined by spaces, sentences by newlines; spans cover
    /// whole tokens. `I-X` after `O` starts an entity (IOB1 tolerance).
    static func readCoNLL(_ content: String, path: String, layer: String) throws(CheckInputError) -> AnnotationRecord {
        var text = ""
        var offset = 0
        var spans: [SpanRecord] = []
        var open: (start: Int, end: Int, type: String)?
        func close() {
            if let current = open { spans.append(SpanRecord(start: current.start, end: current.end, fields: ["type": .string(current.type)])) }
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
                throw CheckInputError(message: "'\(path)' line \(number + 1): expected 'token<TAB>tag', got '\(line)'")
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
                throw CheckInputError(message: "'\(path)' line \(number + 1): unknown tag '\(tag)'; expected O, B-TYPE or I-TYPE")
            }
            if parts[0] == "I" || parts[0] == "E", let current = open, current.type == parts[1] {
                open = (current.start, offset, current.type)
            } else {
                close()
                open = (start, offset, parts[1])
            }
        }
        close()
        let id = URL(fileURLWithPath: path).deletingPathExtension().lastPathComponent
        return AnnotationRecord(id: id, text: text, metadata: [:], layers: [layer: spans], path: path, source: nil)
    }

    /// brat standoff: `T1<TAB>PER 0 13<TAB>Richard Reeve` lines, offsets in code points into the
    /// `.txt` file beside it. Discontinuous spans (`0 5;8 12`) become their covering span.
    static func readBrat(_ content: String, path: String, layer: String) throws(CheckInputError) -> AnnotationRecord {
        let textPath = String(path.dropLast(4)) + ".txt"
        guard let textData = FileManager.default.contents(atPath: textPath) else {
            throw CheckInputError(message: "'\(path)': brat annotations need their text in '\(textPath)'")
        }
        let text = String(decoding: textData, as: UTF8.self)
        var spans: [SpanRecord] = []
        for (number, line) in content.split(separator: "\n").enumerated() where line.hasPrefix("T") {
            let columns = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            guard columns.count >= 2 else { throw CheckInputError(message: "'\(path)' line \(number + 1): malformed text-bound annotation") }
            let header = columns[1].split(separator: " ", maxSplits: 1).map(String.init)
            guard header.count == 2 else { throw CheckInputError(message: "'\(path)' line \(number + 1): expected 'TYPE START END'") }
            let offsets = header[1].split(whereSeparator: { $0 == " " || $0 == ";" }).compactMap { Int($0) }
            guard offsets.count >= 2, offsets.count % 2 == 0, let low = offsets.min(), let high = offsets.max() else {
                throw CheckInputError(message: "'\(path)' line \(number + 1): bad offsets '\(header[1])'")
            }
            spans.append(SpanRecord(start: low, end: high, fields: ["type": .string(header[0])]))
        }
        let id = URL(fileURLWithPath: path).deletingPathExtension().lastPathComponent
        return AnnotationRecord(id: id, text: text, metadata: [:], layers: [layer: spans.sorted { ($0.start, $0.end) < ($1.start, $1.end) }], path: path, source: nil)
    }
}
