import Foundation

/// A user-supplied list of names with the gender the user states for each, the only way the
/// corpus report estimates gender from a name: no list is built in, and without one no gender
/// is ever guessed from a name.
///
/// The file is UTF-8 text, one entry per line: a name, a tab (or a comma), and a label such as
/// `female`, `male` or `nonbinary`, written as the report should show it. Blank lines and lines
/// starting with `#` are ignored. A name is a given name (`Priya`) or a full name
/// (`Alan Mercer`); names are compared with case and accents folded. A source matches an entry
/// for its full name first, then one for its first word, titles (`Dr.`, `Prof.`, `signora`…)
/// left out. Where the list is the evidence, the report says so (method `name list`).
public struct GenderNameList: Sendable, Hashable {
    /// The labels by normalised name.
    public private(set) var labels: [String: String]
    /// The file the list was read from, as the report names it.
    public var origin: String

    /// Creates a list from names and labels.
    public init(_ labels: [String: String], origin: String = "the name list") {
        self.labels = [:]
        self.origin = origin
        for (name, label) in labels { self.labels[ReportName.normalised(name)] = label }
    }

    /// Reads a list from its text.
    ///
    /// - Throws: ``ReportError`` naming the line that has no label or gives one name two
    ///   different labels.
    public init(parsing text: String, origin: String) throws(ReportError) {
        self.labels = [:]
        self.origin = origin
        for (index, rawLine) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = rawLine.trimmingCharacters(in: .whitespacesAndNewlines)
            if line.isEmpty || line.hasPrefix("#") { continue }
            let separator: Character = line.contains("\t") ? "\t" : ","
            let columns = line.split(separator: separator, maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            guard columns.count == 2, !columns[0].isEmpty, !columns[1].isEmpty else {
                throw ReportError("'\(origin)' line \(index + 1): expected 'name<TAB>label' (or 'name,label'), got '\(line)'")
            }
            let name = ReportName.normalised(columns[0])
            if let known = labels[name], known != columns[1] {
                throw ReportError("'\(origin)' line \(index + 1): '\(columns[0])' is already listed as '\(known)'; give each name one label")
            }
            labels[name] = columns[1]
        }
    }

    /// Reads a list from a file.
    ///
    /// - Throws: ``ReportError`` when the file cannot be read or a line is malformed.
    public init(contentsOf path: String) throws(ReportError) {
        // Through a handle, so that a pipe or /dev/null reads too.
        let handle = FileHandle(forReadingAtPath: path)
        defer { try? handle?.close() }
        guard let handle, let data = try? handle.readToEnd() ?? Data() else {
            throw ReportError("cannot read the gender name list '\(path)'; give a text file of 'name<TAB>label' lines")
        }
        try self.init(parsing: String(decoding: data, as: UTF8.self), origin: path)
    }

    /// The label the list gives a name: for the whole name, else for its first word that is
    /// not a title.
    public func label(for name: String) -> String? {
        let normalised = ReportName.normalised(name)
        if let label = labels[normalised] { return label }
        let words = normalised.split(separator: " ").map { $0.trimmingCharacters(in: CharacterSet(charactersIn: ".")) }
        guard let first = words.first(where: { !GenderCues.allTitles.contains($0) }), first != normalised else { return nil }
        return labels[first]
    }
}
