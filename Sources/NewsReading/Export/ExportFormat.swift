import NewsAnnotation

/// The formats `news-annotate export` writes, each from an ``AnnotatedDocument``.
///
/// Every format keeps annotated JSON's offsets unchanged: all of them count code points
/// (Unicode scalars), end exclusive, as Python's `text[start:end]` does.
public enum ExportFormat: String, Sendable, CaseIterable {
    /// brat standoff: `<name>.txt` and `<name>.ann`, plus `annotation.conf` for the folder.
    case brat
    /// CoNLL-style BIO for entities: `<name>.conll`.
    case conll
    /// W3C Web Annotation JSON-LD: `<name>.jsonld`.
    case w3c
    /// spaCy's `Doc.to_json` / `Doc.from_json` format: `<name>.spacy.json`.
    case spacy

    /// Whether one document makes one file, so that documents can go to standard output
    /// (brat makes two).
    public var isSingleFile: Bool { self != .brat }

    /// The files for one document, named by suffixes to append to its output name.
    ///
    /// - Parameters:
    ///   - document: The annotated document.
    ///   - compact: Write JSON formats on one line (for JSON Lines on standard output).
    /// - Throws: ``ExportError`` when the document lacks a layer the format needs (CoNLL
    ///   needs `tokens`).
    public func files(for document: AnnotatedDocument, compact: Bool = false) throws(ExportError) -> [OutputFile] {
        switch self {
        case .brat:
            return [OutputFile(path: ".txt", bytes: Array(document.text.string.utf8)),
                    OutputFile(path: ".ann", bytes: Array(BratExport.annotations(document).utf8))]
        case .conll:
            return [OutputFile(path: ".conll", bytes: Array(try CoNLLExport.bio(document).utf8))]
        case .w3c:
            return [OutputFile(path: ".jsonld", bytes: try WebAnnotationExport.collection(document).bytes(pretty: !compact))]
        case .spacy:
            return [OutputFile(path: ".spacy.json", bytes: try SpacyExport.json(document).bytes(pretty: !compact))]
        }
    }

    /// What a document contributes to the files written once per output folder (the types
    /// brat's `annotation.conf` must declare).
    public func collectionLabels(of document: AnnotatedDocument) -> [String: Set<String>] {
        self == .brat ? BratExport.labels(document) : [:]
    }

    /// The files written once per output folder, from every document's
    /// ``collectionLabels(of:)`` merged: `annotation.conf` for brat, nothing for the others.
    public func collectionFiles(labels: [String: Set<String>]) -> [OutputFile] {
        self == .brat ? [OutputFile(path: "annotation.conf", bytes: Array(BratExport.configuration(labels).utf8))] : []
    }
}

/// A file to write: a path relative to the output folder (or a suffix to append to a
/// document's output name) and its bytes.
public struct OutputFile: Sendable, Hashable {
    /// The relative path, or the suffix.
    public var path: String
    /// The contents.
    public var bytes: [UInt8]

    /// Creates a file.
    public init(path: String, bytes: [UInt8]) {
        self.path = path
        self.bytes = bytes
    }
}
