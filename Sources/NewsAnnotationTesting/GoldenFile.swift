import Foundation

/// Compares output with an expected ("golden") file, with a recording mode that rewrites the
/// file and reports that it did, so a refresh is never silent.
public enum GoldenFile {
    /// What a comparison found.
    public enum Outcome: Sendable, Equatable {
        /// The output equals the file.
        case matched
        /// The file was written (recording mode, or it did not exist); the test must fail.
        case recorded(path: String)
        /// The output differs; `report` shows the first differing lines.
        case mismatch(report: String)
    }

    /// Whether the environment asks for recording (`RECORD_GOLDENS=1`).
    public static var isRecording: Bool {
        ProcessInfo.processInfo.environment["RECORD_GOLDENS"] == "1"
    }

    /// Compares `actual` with the file at `path`, or records it.
    ///
    /// - Parameters:
    ///   - actual: The produced bytes.
    ///   - path: The expected file.
    ///   - record: Whether to rewrite the file instead of comparing.
    public static func compare(_ actual: [UInt8], withFileAt path: String, record: Bool = isRecording) -> Outcome {
        let existing = FileManager.default.contents(atPath: path).map { [UInt8]($0) }
        if record || existing == nil {
            do {
                try Data(actual).write(to: URL(fileURLWithPath: path), options: .atomic)
            } catch {
                return .mismatch(report: "cannot record '\(path)': \(error)")
            }
            return .recorded(path: path)
        }
        guard let existing, existing != actual else { return .matched }
        return .mismatch(report: lineDiff(expected: String(decoding: existing, as: UTF8.self), actual: String(decoding: actual, as: UTF8.self), path: path))
    }

    /// A short report of the first lines that differ.
    public static func lineDiff(expected: String, actual: String, path: String, limit: Int = 12) -> String {
        let expectedLines = expected.split(separator: "\n", omittingEmptySubsequences: false)
        let actualLines = actual.split(separator: "\n", omittingEmptySubsequences: false)
        var report = ["output differs from \(path) (re-record with RECORD_GOLDENS=1 or the regenerate-goldens plugin):"]
        var shown = 0
        for index in 0..<max(expectedLines.count, actualLines.count) where shown < limit {
            let left = index < expectedLines.count ? String(expectedLines[index]) : "<end of file>"
            let right = index < actualLines.count ? String(actualLines[index]) : "<end of file>"
            guard left != right else { continue }
            report.append("line \(index + 1):")
            report.append("- \(left.prefix(300))")
            report.append("+ \(right.prefix(300))")
            shown += 1
        }
        return report.joined(separator: "\n")
    }
}
