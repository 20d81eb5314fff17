import Foundation

/// The languages the package bundles data for, found from the resource files present.
///
/// A language is bundled for a stage when a file named `<prefix><language>.<extension>` is among
/// the package's resources; nothing in Swift names a language. Adding a language is adding its
/// files (see `Docs/AddingALanguage.md`).
enum BundledLanguages {
    /// The language codes of the bundled files `<prefix><code>.<fileExtension>`, sorted.
    ///
    /// A code is two or three lowercase ASCII letters, optionally followed by `-` and a region
    /// or script of letters and digits (`pt-br`), so that other files with the same extension
    /// (`names.json`) are never taken for a language.
    static func codes(prefix: String, fileExtension: String) -> [String] {
        // SwiftPM copies processed resources flat into the bundle's resource folder.
        let directory = Bundle.module.resourceURL ?? Bundle.module.bundleURL
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
        let suffix = "." + fileExtension
        var codes: Set<String> = []
        for name in names where name.hasPrefix(prefix) && name.hasSuffix(suffix) {
            let code = String(name.dropFirst(prefix.count).dropLast(suffix.count))
            if isLanguageCode(code) { codes.insert(code) }
        }
        return codes.sorted()
    }

    /// Whether `code` reads as a language code: `es`, `ast`, `pt-br`.
    static func isLanguageCode(_ code: String) -> Bool {
        let parts = code.split(separator: "-", omittingEmptySubsequences: false)
        guard let language = parts.first, (2...3).contains(language.count),
              language.allSatisfy({ $0.isASCII && $0.isLowercase && $0.isLetter }) else { return false }
        return parts.dropFirst().allSatisfy { part in
            !part.isEmpty && part.count <= 8 && part.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber) }
        }
    }
}
