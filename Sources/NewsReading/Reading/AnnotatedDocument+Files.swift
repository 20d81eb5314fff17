public import Foundation
import NewsAnnotation

extension AnnotatedDocument {
    /// The file formats documents are read from, told apart by extension.
    public enum FileFormat: String, Sendable, CaseIterable {
        /// Annotated JSON, one document per file (`.json`, and any unknown extension).
        case json
        /// Annotated JSON Lines, one document per line (`.jsonl`).
        case jsonl
        /// CoNLL-style BIO (`.conll`, `.bio`, `.tsv`).
        case conll
        /// brat standoff (`.ann`, with its text in the `.txt` beside it).
        case brat

        /// The format of a file, from its extension.
        public init(path: String) {
            let lowered = path.lowercased()
            if lowered.hasSuffix(".jsonl") {
                self = .jsonl
            } else if lowered.hasSuffix(".ann") {
                self = .brat
            } else if [".conll", ".bio", ".tsv"].contains(where: lowered.hasSuffix) {
                self = .conll
            } else {
                self = .json
            }
        }

        /// The extensions read from directories.
        public static let directoryExtensions: Set<String> = ["json", "jsonl", "conll", "bio", "tsv", "ann"]
    }

    /// Reads every document in a file or a directory.
    ///
    /// A directory is read recursively in sorted path order, hidden files and folders
    /// skipped, taking the files whose extension is in ``FileFormat/directoryExtensions``.
    /// There, JSON that is not an annotated document (a pipeline configuration, a rule file)
    /// is passed over; named as a file, it is an error.
    ///
    /// - Parameters:
    ///   - path: A file or a directory.
    ///   - layer: The layer CoNLL and brat annotations go into (`entities` unless told).
    /// - Throws: ``ReadError`` naming the first file, line and span that cannot be read.
    public static func read(_ path: String, layer: String = "entities") throws(ReadError) -> [AnnotatedDocument] {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw ReadError("'\(path)': no such file or directory")
        }
        guard isDirectory.boolValue else { return try documents(inFile: path, layer: layer).map { result throws(ReadError) in try result.get() } }
        let base = path.hasSuffix("/") ? String(path.dropLast()) : path
        var documents: [AnnotatedDocument] = []
        for relative in files(under: path, extensions: FileFormat.directoryExtensions) {
            for result in Self.documents(inFile: base + "/" + relative, layer: layer, passingOverOtherJSON: true) {
                documents.append(try result.get())
            }
        }
        return documents
    }

    /// Reads the documents of one file, each on its own: one for JSON, CoNLL and brat, one
    /// per non-blank line for JSON Lines, so that a bad line fails alone.
    ///
    /// - Parameters:
    ///   - path: The file.
    ///   - format: How to read it; by default, from its extension.
    ///   - layer: The layer CoNLL and brat annotations go into.
    ///   - passingOverOtherJSON: Give no documents for JSON that is no document at all (see
    ///     ``read(_:layer:)``), as directories are read.
    public static func documents(
        inFile path: String, format: FileFormat? = nil, layer: String = "entities", passingOverOtherJSON: Bool = false
    ) -> [Result<AnnotatedDocument, ReadError>] {
        guard let data = FileManager.default.contents(atPath: path) else {
            var isDirectory: ObjCBool = false
            let exists = FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory)
            return [.failure(ReadError("'\(path)': \(!exists ? "no such file" : isDirectory.boolValue ? "is a directory" : "cannot read the file")"))]
        }
        switch format ?? FileFormat(path: path) {
        case .json:
            let value = try? JSONValue(parsing: data)
            if passingOverOtherJSON, let value, isOther(value) { return [] }
            guard let value else { return [.failure(ReadError("'\(path)': not valid JSON"))] }
            return [Result { () throws(ReadError) in try AnnotatedDocument(value: value, json: data, path: path, line: nil) }]
        case .jsonl:
            var results: [Result<AnnotatedDocument, ReadError>] = []
            for (index, line) in data.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false).enumerated()
            where !line.allSatisfy({ " \r\t".utf8.contains($0) }) {
                let lineData = Data(line)
                let value = try? JSONValue(parsing: lineData)
                if passingOverOtherJSON, results.isEmpty, let value, isOther(value) { return [] }
                guard let value else {
                    results.append(.failure(ReadError("\(place(path, index + 1)): not valid JSON")))
                    continue
                }
                results.append(Result { () throws(ReadError) in try AnnotatedDocument(value: value, json: lineData, path: path, line: index + 1) })
            }
            return results
        case .conll:
            return [Result { () throws(ReadError) in try AnnotatedDocument(conll: String(decoding: data, as: UTF8.self), path: path, layer: layer) }]
        case .brat:
            return [Result { () throws(ReadError) in try AnnotatedDocument(brat: String(decoding: data, as: UTF8.self), path: path, layer: layer) }]
        }
    }

    /// Whether `data` is annotated JSON (a JSON object whose `format` is `news-annotation/1`),
    /// judged by content, not by file name.
    public static func isAnnotatedJSON(_ data: Data) -> Bool {
        guard data.first(where: { !" \n\r\t".utf8.contains($0) }) == UInt8(ascii: "{"),
              let value = try? JSONValue(parsing: data) else { return false }
        return isAnnotated(value)
    }

    /// Whether a file holds JSON (or JSON Lines whose first line is JSON) that is not meant as
    /// a document at all: what a directory walk passes over. See ``isOther(_:)``.
    package static func isOtherJSON(path: String) -> Bool {
        guard let data = FileManager.default.contents(atPath: path) else { return false }
        let first = FileFormat(path: path) == .jsonl
            ? data.split(separator: UInt8(ascii: "\n")).first { !$0.allSatisfy { " \r\t".utf8.contains($0) } }.map { Data($0) } ?? Data()
            : data
        guard let value = try? JSONValue(parsing: first) else { return false }
        return isOther(value)
    }

    /// Whether a JSON value is not meant as a document: not an object, or an object with
    /// neither `format` nor `text` (a configuration, a rule file). What is not JSON, or looks
    /// like a document of another format or version, is read and fails with a message
    /// instead of being skipped in silence.
    static func isOther(_ value: JSONValue) -> Bool {
        guard let object = value.objectValue else { return true }
        return object["format"] == nil && object["text"] == nil
    }

    /// The files below a directory with one of the extensions (any case), relative to it,
    /// sorted, hidden files and folders skipped.
    package static func files(under directory: String, extensions: Set<String>) -> [String] {
        var found: [String] = []
        let enumerator = FileManager.default.enumerator(atPath: directory)
        while let relative = enumerator?.nextObject() as? String {
            guard !relative.split(separator: "/").contains(where: { $0.hasPrefix(".") }),
                  let ext = relative.split(separator: ".").last.map({ $0.lowercased() }), extensions.contains(ext) else { continue }
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: directory + "/" + relative, isDirectory: &isDirectory), !isDirectory.boolValue {
                found.append(relative)
            }
        }
        return found.sorted()
    }

    private static func isAnnotated(_ value: JSONValue) -> Bool {
        value.objectValue?["format"]?.stringValue == formatID
    }
}
