import Foundation
public import NewsAnnotation

/// Reads article files, plain text or HTML, into ``NewsAnnotation/Document``s with a `blocks`
/// and a `markup` layer and the metadata the input gives.
///
/// Plain text keeps its text verbatim apart from a byte-order mark and line endings (CRLF and
/// CR become LF); its blocks come from the layout. HTML goes through libxml2: the article body
/// is extracted, its whitespace collapsed, its blocks separated by blank lines, and its inline
/// links, quotations, times and emphasis kept in the `markup` layer.
///
/// An ingestor loads its resources once and can be shared across threads.
public struct Ingestor: Sendable {
    /// The stage id ingest uses in diagnostics and provenance.
    public static let stageID = "ingest"
    /// The version of ingest; it changes when the text or blocks for the same input change.
    public static let version = "3"

    /// How inputs are read.
    public private(set) var options: IngestOptions
    private let layout: TextLayout
    private let resources: LayoutResources
    private let guesser: LanguageGuesser
    private let boilerplate: BoilerplateFilter

    /// Creates an ingestor, loading its language resources.
    ///
    /// - Throws: ``IngestResourceError`` when the bundled resources are missing or broken.
    public init(options: IngestOptions = IngestOptions()) throws(IngestResourceError) {
        self.options = options
        let resources = try LayoutResources.load()
        self.resources = resources
        self.layout = TextLayout(footerCues: resources.footerCues(for: nil))
        self.guesser = LanguageGuesser(stopwords: resources.stopwords)
        self.boilerplate = BoilerplateFilter(resources: resources)
    }

    /// The ISO 8601 form of a date or date-time (`2017-04-12`, `2017-04-12T15:02:11+01:00`),
    /// or `nil` when `text` is not one.
    public static func normalizedDate(_ text: String) -> String? {
        ISODate.normalize(text)
    }

    /// The lowercase primary language subtag of a language tag (`it-IT` → `it`), or `nil`.
    public static func normalizedLanguage(_ tag: String) -> String? {
        Language.normalize(tag)
    }

    /// The SHA-256 of bytes as 64 lowercase hex digits, as `source.sha256` records it.
    public static func sha256(of bytes: [UInt8]) -> String {
        SHA256.hexDigest(bytes)
    }

    /// Whether ingest can decode text in the encoding called `label`.
    public static func canDecode(encoding label: String) -> Bool {
        TextDecoder.Encoding(label: label) != nil
    }

    /// The same ingestor with other options; resources are shared, nothing is loaded again.
    public func with(options: IngestOptions) -> Ingestor {
        var copy = self
        copy.options = options
        return copy
    }

    /// The document id for a path: its file name without the final extension
    /// (`Samples/bbc-newsbeat-russia-syria.it.txt` → `bbc-newsbeat-russia-syria.it`).
    public static func documentID(forPath path: String) -> String {
        let name = path.split(separator: "/").last.map(String.init) ?? path
        guard let dot = name.lastIndex(of: "."), dot != name.startIndex else { return name }
        return String(name[..<dot])
    }

    /// Reads and ingests a file.
    ///
    /// - Parameter path: The file's path; it is recorded as given, so relative paths stay relative.
    /// - Throws: ``IngestError`` when the file is missing, unreadable, empty, too large or binary.
    public func ingest(contentsOf path: String) throws(IngestError) -> Document {
        try ingest(bytes: try Self.readFile(path, limit: options.maxBytes), id: Self.documentID(forPath: path), path: path)
    }

    /// The bytes of the file at `path`, read with plain system calls: one open, one fstat for
    /// the kind and size, reads, one close (FileManager's attributes look up the owner's name
    /// on every file, issue #22).
    static func readFile(_ path: String, limit: Int) throws(IngestError) -> [UInt8] {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else {
            let code = errno
            if code == ENOENT || code == ENOTDIR { throw .fileNotFound(path: path) }
            throw .unreadable(path: path, reason: String(cString: strerror(code)))
        }
        defer { close(descriptor) }
        var status = stat()
        guard fstat(descriptor, &status) == 0 else { throw .unreadable(path: path, reason: String(cString: strerror(errno))) }
        if (status.st_mode & S_IFMT) == S_IFDIR { throw .isDirectory(path: path) }
        let size = Int(status.st_size)
        if size > limit { throw .tooLarge(path: path, bytes: size, limit: limit) }
        // A regular file's size is known; pipes and devices are read until they end.
        var bytes = [UInt8](repeating: 0, count: max(size, 0))
        var filled = 0
        while true {
            if filled == bytes.count {
                guard bytes.count <= limit else { throw .tooLarge(path: path, bytes: bytes.count, limit: limit) }
                // A regular file normally ends at its size (the next read returns 0): room for
                // 64 KiB more is enough to see it, instead of doubling a 50 MB buffer. A file
                // that grew, a pipe or a device grows the buffer geometrically.
                let atSize = size > 0 && filled == size
                bytes.append(contentsOf: repeatElement(0, count: atSize ? 65_536 : max(bytes.count, 65_536)))
            }
            let count = bytes.withUnsafeMutableBytes { buffer in read(descriptor, buffer.baseAddress! + filled, buffer.count - filled) }
            if count < 0 {
                if errno == EINTR { continue }
                throw .unreadable(path: path, reason: String(cString: strerror(errno)))
            }
            if count == 0 { break }
            filled += count
        }
        bytes.removeLast(bytes.count - filled)
        if filled > limit { throw .tooLarge(path: path, bytes: filled, limit: limit) }
        return bytes
    }

    /// Ingests bytes that came from somewhere else (a stream, a test).
    ///
    /// - Parameters:
    ///   - bytes: The raw input.
    ///   - id: The document id.
    ///   - path: The path to record, if any; its extension and a language suffix (`.it.txt`)
    ///     are used as hints.
    /// Ingest checks the document's time budget (``NewsAnnotation/WorkBudget``, set by the
    /// caller around this call) between its steps and inside its long loops (copying the
    /// parsed tree, scoring and walking the body, laying out text), so a huge page past its
    /// budget, or a run asked to stop, ends within a fraction of a second of it.
    ///
    /// - Throws: ``IngestError`` when the input is empty, too large or binary, or the
    ///   requested encoding is unknown; ``IngestError/timeBudgetExceeded(path:seconds:)`` or
    ///   ``IngestError/stopped(path:)`` when the budget ran out or a stop was requested.
    public func ingest(bytes: [UInt8], id: String, path: String? = nil) throws(IngestError) -> Document {
        let budget = IngestBudget(path: path)
        guard !bytes.isEmpty else { throw .empty(path: path) }
        guard bytes.count <= options.maxBytes else { throw .tooLarge(path: path, bytes: bytes.count, limit: options.maxBytes) }
        if let kind = ContentSniffer.binaryKind(of: bytes) { throw .binary(path: path, kind: kind) }
        let isHTML = switch options.mediaType {
        case .html: true
        case .text: false
        case .automatic: Self.isHTML(path: path, bytes: bytes)
        }
        let decoded = try TextDecoder.decode(bytes, declared: options.encoding, sniffHTML: isHTML)
        try budget.check()
        var diagnostics = decoded.notes.map { Diagnostic(id: $0.id, stage: Self.stageID, message: $0.message) }
        var result = isHTML ? try readHTML(decoded.text, diagnostics: &diagnostics, budget: budget) : try readText(decoded.text, budget: budget)
        resolveLanguage(&result.metadata, text: result.content.string, path: path, diagnostics: &diagnostics)
        try budget.check()
        if result.metadata.published == nil, let published = options.published {
            result.metadata.published = published
            diagnostics.append(Diagnostic(id: "published_from_option", stage: Self.stageID, severity: .info,
                                          message: "the input gives no publication date; using '\(published)' from the options"))
        }
        if result.content.count == 0 {
            diagnostics.append(Diagnostic(id: "no_text", stage: Self.stageID, message: "no article text was found in the input"))
        }
        let source = SourceInfo(path: path, mediaType: isHTML ? "text/html" : "text/plain", bytes: bytes.count,
                                sha256: SHA256.hexDigest(bytes), encoding: decoded.encoding)
        var layers = LayerBundle()
        layers[Layers.blocks] = result.blocks
        layers[Layers.markup] = result.markup
        return Document(id: id, content: result.content, metadata: result.metadata, source: source, layers: layers,
                        diagnostics: diagnostics, provenance: [StageRecord(stage: Self.stageID, version: Self.version)])
    }

    private static func isHTML(path: String?, bytes: [UInt8]) -> Bool {
        let lowered = path?.lowercased() ?? ""
        if [".html", ".htm", ".xhtml", ".shtml"].contains(where: lowered.hasSuffix) { return true }
        if [".txt", ".text", ".md"].contains(where: lowered.hasSuffix) { return false }
        return ContentSniffer.looksLikeHTML(bytes)
    }

    private struct Reading {
        var content: DocumentText
        var blocks: [Block]
        var markup: [MarkupElement]
        var metadata: DocumentMetadata
    }

    private func readText(_ decoded: String, budget: IngestBudget) throws(IngestError) -> Reading {
        var text = decoded
        if text.unicodeScalars.first == "\u{FEFF}" { text.unicodeScalars.removeFirst() }
        if text.utf8.contains(UInt8(ascii: "\r")) {
            text = text.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\r", with: "\n")
        }
        let content = DocumentText(text)
        try budget.check()
        let blocks = layout.blocks(of: content.scalars)
        try budget.check()
        var metadata = DocumentMetadata()
        if let first = blocks.first, first.kind == .heading { metadata.title = content[first.span] }
        return Reading(content: content, blocks: blocks, markup: [], metadata: metadata)
    }

    private func readHTML(_ decoded: String, diagnostics: inout [Diagnostic], budget: IngestBudget) throws(IngestError) -> Reading {
        let parsed = HTMLParser.parseRecovering(utf8: Array(decoded.utf8), maxNodes: options.maxNodes)
        // Copying the tree stops early past the budget; what it copied is never used.
        try budget.check()
        if parsed.wasTruncated {
            diagnostics.append(Diagnostic(id: "html_truncated", stage: Self.stageID,
                                          message: "the page has more than \(options.maxNodes) elements and text nodes; the rest was not read"))
        }
        if parsed.wasFlattened {
            diagnostics.append(Diagnostic(id: "html_flattened", stage: Self.stageID,
                                          message: "the page nests deeper than the parser allows; its wrapper elements were removed and its structure is approximate"))
        }
        if let error = parsed.recoveredError {
            diagnostics.append(Diagnostic(id: "html_recovered", stage: Self.stageID, severity: .info,
                                          message: "the HTML is not well-formed and was recovered: \(error)"))
        }
        var extractor = ArticleExtractor(tree: parsed.tree)
        try budget.check()
        var extracted = extractor.extract()
        try budget.check()
        // A page whose body is nearly empty without its galleries told its story in them.
        func bodyText(_ blocks: [ExtractedBlock]) -> Int {
            blocks.reduce(0) { $0 + ($1.kind == .caption || $1.kind == .heading ? 0 : $1.text.count) }
        }
        if bodyText(extracted) < ArticleExtractor.minimumBodyWithoutGalleries {
            let withGalleries = ArticleExtractor(tree: parsed.tree, galleriesAreFurniture: false)
            let again = withGalleries.extract()
            try budget.check()
            if bodyText(again) > bodyText(extracted) { extractor = withGalleries; extracted = again }
        }
        var metadataExtractor = MetadataExtractor(tree: parsed.tree)
        let metadata = metadataExtractor.extract(junk: extractor.junk)
        try budget.check()
        diagnostics += metadataExtractor.diagnostics.map { Diagnostic(id: $0.id, stage: Self.stageID, message: $0.message) }

        let bodyLength = extracted.reduce(0) { $0 + ($1.kind == .caption ? 0 : $1.text.count) }
        if let articleBody = metadataExtractor.articleBody, Double(bodyLength) < 0.3 * Double(articleBody.unicodeScalars.count) {
            diagnostics.append(Diagnostic(id: "body_from_json_ld", stage: Self.stageID, severity: .info,
                                          message: "the page shows little text; the body comes from its JSON-LD articleBody"))
            let reading = try readText(articleBody, budget: budget)
            return Reading(content: reading.content, blocks: reading.blocks, markup: [], metadata: metadata)
        }
        extracted.removeAll { $0.text.isEmpty || ($0.kind != .preformatted && boilerplate.isFurniture($0.text)) }
        // Blocks are separated by a blank line, as paragraphs are in plain text.
        var text = ""
        var blocks: [Block] = []
        var markup: [MarkupElement] = []
        var offset = 0
        for (position, block) in extracted.enumerated() {
            if position % 1024 == 0 { try budget.check() }
            if position > 0 { text.append("\n\n"); offset += 2 }
            let length = block.text.count
            text.append(String(block.text))
            let hasWords = block.text.contains { $0.properties.isAlphabetic || $0.properties.numericType != nil }
            blocks.append(Block(span: TextSpan(start: offset, end: offset + length), kind: hasWords ? block.kind : .boilerplate, level: block.level))
            for element in block.markup {
                var shifted = element
                shifted.start += offset
                shifted.end += offset
                markup.append(shifted)
            }
            offset += length
        }
        let content = DocumentText(text)
        try budget.check()
        layout.markFooters(&blocks, in: content.scalars)
        markup.sort { ($0.start, -$0.end) < ($1.start, -$1.end) }
        try budget.check()
        return Reading(content: content, blocks: blocks, markup: markup, metadata: metadata)
    }

    private func resolveLanguage(_ metadata: inout DocumentMetadata, text: String, path: String?, diagnostics: inout [Diagnostic]) {
        if let language = options.language.flatMap(Language.normalize), options.overridesLanguage || metadata.language == nil {
            metadata.language = language
            metadata.languageSource = "option"
            return
        }
        if metadata.language != nil { return }
        if let path, let fromName = Self.languageSuffix(path) {
            metadata.language = fromName
            metadata.languageSource = "filename"
            return
        }
        if let guessed = guesser.guess(text) {
            metadata.language = guessed
            metadata.languageSource = "detected"
            return
        }
        diagnostics.append(Diagnostic(id: "language_unknown", stage: Self.stageID,
                                      message: "the input declares no language and it could not be detected; pass --language"))
    }

    /// `name.it.txt` → `it`.
    private static func languageSuffix(_ path: String) -> String? {
        let name = path.split(separator: "/").last.map(String.init) ?? path
        let parts = name.split(separator: ".")
        guard parts.count >= 3 else { return nil }
        let candidate = String(parts[parts.count - 2])
        guard candidate.count == 2, candidate.allSatisfy({ $0.isASCII && $0.isLowercase }) else { return nil }
        return candidate
    }
}

/// The time budget of one ingest (``NewsAnnotation/WorkBudget``): checked between the steps of
/// ingest; the long loops inside them check ``NewsAnnotation/WorkBudget/isExhausted`` and stop
/// early, and the next check here throws.
struct IngestBudget {
    let path: String?
    let started = ContinuousClock.now

    /// Throws when the document's deadline has passed or the run was asked to stop.
    func check() throws(IngestError) {
        guard WorkBudget.isExhausted else { return }
        if WorkBudget.isStopRequested { throw .stopped(path: path) }
        let elapsed = ContinuousClock.now - started
        throw .timeBudgetExceeded(path: path, seconds: Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18)
    }
}
