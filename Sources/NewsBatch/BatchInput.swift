import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// One input of a batch: a file, or standard input.
public struct BatchInput: Sendable, Hashable {
    /// The path as the user gave it (or as found under a directory they gave); `nil` for stdin.
    public var path: String?
    /// The output name relative to an output directory, without extension
    /// (`sub/bbc-newsbeat-russia-syria.it`).
    public var outputName: String

    /// Creates an input.
    public init(path: String?, outputName: String) {
        self.path = path
        self.outputName = outputName
    }

    /// The file extensions read from directories.
    public static let readableExtensions: Set<String> = ["txt", "text", "html", "htm", "xhtml", "shtml"]

    /// Expands command-line arguments into inputs: files as they are, directories
    /// recursively (only files with a readable extension, hidden files skipped, in sorted
    /// order), and `-` for standard input.
    ///
    /// A path that does not exist stays an input, so that it fails as its own document.
    public static func expand(_ arguments: [String]) -> [BatchInput] {
        expand(arguments, include: [], exclude: [])
    }

    /// Expands arguments like ``expand(_:)``, keeping only files under directories whose
    /// path relative to the directory (or whose name) matches an `include` glob, if any are
    /// given, and none of the `exclude` globs (`*.html`, `drafts/*`, `**/comments/*`).
    public static func expand(_ arguments: [String], include: [String], exclude: [String]) -> [BatchInput] {
        var inputs: [BatchInput] = []
        for argument in arguments {
            if argument == "-" {
                inputs.append(BatchInput(path: nil, outputName: "stdin"))
                continue
            }
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: argument, isDirectory: &isDirectory), isDirectory.boolValue else {
                let name = argument.split(separator: "/").last.map(String.init) ?? argument
                inputs.append(BatchInput(path: argument, outputName: stem(of: name)))
                continue
            }
            let base = argument.hasSuffix("/") ? String(argument.dropLast()) : argument
            guard let enumerator = FileManager.default.enumerator(atPath: argument) else { continue }
            var found: [String] = []
            while let relative = enumerator.nextObject() as? String {
                let name = relative.split(separator: "/").last.map(String.init) ?? relative
                if relative.split(separator: "/").contains(where: { $0.hasPrefix(".") }) { continue }
                let ext = name.split(separator: ".").last.map { $0.lowercased() } ?? ""
                guard name.contains("."), readableExtensions.contains(ext) else { continue }
                var isSubdirectory: ObjCBool = false
                if FileManager.default.fileExists(atPath: base + "/" + relative, isDirectory: &isSubdirectory), !isSubdirectory.boolValue {
                    found.append(relative)
                }
            }
            for relative in found.sorted() where Self.matches(relative, include: include, exclude: exclude) {
                inputs.append(BatchInput(path: base + "/" + relative, outputName: stem(of: relative)))
            }
        }
        return inputs
    }

    static func matches(_ relative: String, include: [String], exclude: [String]) -> Bool {
        let name = relative.split(separator: "/").last.map(String.init) ?? relative
        func hit(_ pattern: String) -> Bool {
            let flat = pattern.replacingOccurrences(of: "**/", with: "")
            return fnmatch(pattern, relative, 0) == 0 || fnmatch(flat, relative, 0) == 0 || fnmatch(pattern, name, 0) == 0
        }
        if !include.isEmpty && !include.contains(where: hit) { return false }
        return !exclude.contains(where: hit)
    }

    /// The path without its final extension.
    package static func stem(of path: String) -> String {
        let name = path.split(separator: "/").last.map(String.init) ?? path
        let directory = path.split(separator: "/").dropLast().joined(separator: "/")
        let nameStem = name.lastIndex(of: ".").map { $0 == name.startIndex ? name : String(name[..<$0]) } ?? name
        return directory.isEmpty ? nameStem : directory + "/" + nameStem
    }
}
