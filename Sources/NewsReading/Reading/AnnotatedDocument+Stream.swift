import Foundation
import NewsAnnotation

extension AnnotatedDocument {
    /// Reads the annotated JSON documents of a file or a directory one at a time, holding no
    /// more than one document (and one line of JSON Lines) in memory: what a report over a
    /// whole corpus uses instead of ``read(_:layer:)``.
    ///
    /// A directory is walked as ``read(_:layer:)`` walks it (recursively, sorted, hidden files
    /// skipped), taking `.json` and `.jsonl` files and passing over JSON that is no document
    /// (a configuration, a rule file). A JSON Lines file is read line by line in chunks, so a
    /// file of any size is never loaded whole. Each document is checked exactly as the other
    /// readers check it, and a document that cannot be read is handed over as a failure, naming
    /// the file (and the line), while the others are still read.
    ///
    /// - Parameters:
    ///   - path: A `.json` or `.jsonl` file, or a directory.
    ///   - body: Called with each document, or with the error of one that cannot be read, in
    ///     input order.
    public static func forEachDocument(in path: String, _ body: (Result<AnnotatedDocument, ReadError>) -> Void) {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            body(.failure(ReadError("'\(path)': no such file or directory")))
            return
        }
        guard isDirectory.boolValue else {
            forEachDocument(inFile: path, passingOverOtherJSON: false, body)
            return
        }
        let base = path.hasSuffix("/") ? String(path.dropLast()) : path
        for relative in files(under: path, extensions: ["json", "jsonl"]) {
            forEachDocument(inFile: base + "/" + relative, passingOverOtherJSON: true, body)
        }
    }

    private static func forEachDocument(inFile path: String, passingOverOtherJSON: Bool, _ body: (Result<AnnotatedDocument, ReadError>) -> Void) {
        guard FileFormat(path: path) == .jsonl else {
            for result in documents(inFile: path, format: .json, passingOverOtherJSON: passingOverOtherJSON) { body(result) }
            return
        }
        guard let handle = FileHandle(forReadingAtPath: path) else {
            body(.failure(ReadError("'\(path)': cannot read the file")))
            return
        }
        defer { try? handle.close() }
        var lines = ChunkedLines(handle: handle)
        var isFirst = true
        while let (number, line) = lines.next() {
            guard !line.allSatisfy({ " \r\t".utf8.contains($0) }) else { continue }
            let value = try? JSONValue(parsing: line)
            if isFirst, passingOverOtherJSON, let value, isOther(value) { return }
            isFirst = false
            guard let value else {
                body(.failure(ReadError("\(place(path, number)): not valid JSON")))
                continue
            }
            body(Result { () throws(ReadError) in try AnnotatedDocument(value: value, json: line, path: path, line: number) })
        }
        if let error = lines.error { body(.failure(ReadError("'\(path)': cannot read the file: \(error)"))) }
    }
}

/// The lines of a file, read in 1 MiB chunks, numbered from 1, without their `\n`.
private struct ChunkedLines {
    let handle: FileHandle
    var buffer = Data()
    var number = 0
    var isAtEnd = false
    var error: (any Error)?

    init(handle: FileHandle) {
        self.handle = handle
    }

    mutating func next() -> (Int, Data)? {
        while true {
            if let newline = buffer.firstIndex(of: UInt8(ascii: "\n")) {
                let line = buffer[buffer.startIndex..<newline]
                buffer = buffer[(newline + 1)...]
                number += 1
                return (number, Data(line))
            }
            if isAtEnd {
                guard !buffer.isEmpty else { return nil }
                defer { buffer = Data() }
                number += 1
                return (number, Data(buffer))
            }
            do {
                let chunk = try handle.read(upToCount: 1 << 20) ?? Data()
                if chunk.isEmpty { isAtEnd = true } else { buffer = Data(buffer) + chunk }
            } catch {
                self.error = error
                isAtEnd = true
            }
        }
    }
}
