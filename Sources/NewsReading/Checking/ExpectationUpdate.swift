import Foundation
import NewsAnnotation
import NewsBatch

/// Rewrites expected annotation files from actual ones, for `check --update`.
public enum ExpectationUpdate {
    /// Writes each actual document's JSON (``AnnotatedDocument/json``: fresh from
    /// ``CheckRun``, or as read from a file) over the expected file with the same id;
    /// documents with no expected file go into the expected directory as `<id>.json`, or
    /// `<id>.expected.json` where the golden files are named so.
    ///
    /// - Returns: How many files were written.
    /// - Throws: ``CheckInputError`` when an actual document has no JSON (CoNLL, brat), an
    ///   expected file is JSON Lines, or a file cannot be written.
    public static func write(actual: [AnnotatedDocument], expected: [AnnotatedDocument], expectedPath: String) throws(CheckInputError) -> Int {
        let expectedByID = Dictionary(expected.map { ($0.id, $0.path) }, uniquingKeysWith: { first, _ in first })
        var isDirectory: ObjCBool = false
        _ = FileManager.default.fileExists(atPath: expectedPath, isDirectory: &isDirectory)
        // New documents follow the directory's naming: `<id>.expected.json` where goldens are named so.
        let suffix = expected.contains { $0.path.hasSuffix(".expected.json") } ? ".expected.json" : ".json"
        var written = 0
        for document in actual {
            guard let json = document.json else {
                throw CheckInputError(message: "'\(document.path)': only annotated JSON can be copied over expected files")
            }
            let bytes = [UInt8](json)
            guard let target = expectedByID[document.id] ?? (isDirectory.boolValue ? expectedPath + "/" + document.id + suffix : nil) else { continue }
            if target.hasSuffix(".jsonl") {
                throw CheckInputError(message: "'\(target)': --update rewrites JSON files one document each, not JSON Lines")
            }
            do {
                try BatchRunner.writeAtomically(bytes.last == UInt8(ascii: "\n") ? bytes : bytes + [UInt8(ascii: "\n")], to: target)
            } catch {
                throw CheckInputError(message: error.message)
            }
            written += 1
        }
        return written
    }
}
