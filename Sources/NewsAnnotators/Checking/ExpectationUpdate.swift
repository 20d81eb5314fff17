import Foundation
import NewsAnnotation

/// Rewrites expected annotation files from actual ones, for `check --update`.
public enum ExpectationUpdate {
    /// Writes each actual document over the expected file with the same id; documents with no
    /// expected file go into the expected directory as `<id>.json`.
    ///
    /// - Returns: How many files were written.
    public static func write(actual: [AnnotationRecord], fresh: [CheckRun.Output], expected: [AnnotationRecord], expectedPath: String) throws(CheckInputError) -> Int {
        let bytesByID = Dictionary(fresh.map { ($0.record.id, $0.bytes) }, uniquingKeysWith: { first, _ in first })
        let expectedByID = Dictionary(expected.map { ($0.id, $0.path) }, uniquingKeysWith: { first, _ in first })
        var isDirectory: ObjCBool = false
        _ = FileManager.default.fileExists(atPath: expectedPath, isDirectory: &isDirectory)
        var written = 0
        for record in actual {
            let bytes: [UInt8]
            if let fresh = bytesByID[record.id] {
                bytes = fresh
            } else if let source = record.source {
                bytes = source.last == UInt8(ascii: "\n") ? source : source + [UInt8(ascii: "\n")]
            } else {
                throw CheckInputError(message: "'\(record.path)': only annotated JSON can be copied over expected files")
            }
            // New documents follow the directory's naming: `<id>.expected.json` where goldens are named so.
            let suffix = expected.contains { $0.path.hasSuffix(".expected.json") } ? ".expected.json" : ".json"
            guard let target = expectedByID[record.id] ?? (isDirectory.boolValue ? expectedPath + "/" + record.id + suffix : nil) else { continue }
            if target.hasSuffix(".jsonl") {
                throw CheckInputError(message: "'\(target)': --update rewrites JSON files one document each, not JSON Lines")
            }
            do {
                try BatchRunner.writeAtomically(bytes, to: target)
            } catch {
                throw CheckInputError(message: error.message)
            }
            written += 1
        }
        return written
    }
}
