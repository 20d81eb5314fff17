import Foundation
import NewsAnnotation
import NewsBatch

extension CorpusReport {
    /// Counts one document.
    ///
    /// - Parameters:
    ///   - document: The annotated document.
    ///   - viewName: Its page's name under ``Options/viewsPath`` without `.html`, as `view`
    ///     names it (``viewName(of:input:)``).
    public mutating func add(_ document: AnnotatedDocument, viewName: String? = nil) {
        documents += 1
        let wordCount = ReportName.wordCount(document.text.string)
        words += wordCount
        for layer in Self.layersRead where document.layers[layer] == nil { documentsWithoutLayer[layer, default: 0] += 1 }

        var mentioned: [String: (type: String, name: String, mentions: Int)] = [:]
        for entity in document.entityItems ?? [] {
            entitiesByType[entity.type, default: 0] += 1
            guard entity.type == "PER" || entity.type == "ORG" else { continue }
            let name = entity.canonical ?? document.slice(entity.span)
            let key = entity.type + ":" + ReportName.normalised(name)
            mentioned[key, default: (entity.type, name, 0)].mentions += 1
        }
        for (key, entry) in mentioned {
            var tally = named[key] ?? NamedTally(key: key, type: entry.type)
            Self.count(entry.name, in: &tally.names, limit: options.formsPerSource)
            tally.mentions += entry.mentions
            tally.documents += 1
            named[key] = tally
        }
        let sourceItems = document.sourceItems ?? []
        var sourceByID: [String: SourceItem] = [:]
        for source in sourceItems {
            sourcesByKind[source.kind ?? "unknown", default: 0] += 1
            sourceByID[source.id] = source
        }

        // One entry per quoted source of this document, merged into the corpus at the end so
        // that roles, names and documents count once per document.
        var quoted: [String: (source: SourceItem?, name: String, quotes: Int, words: Int, genders: [String: Int], cues: Set<String>)] = [:]
        var order: [String] = []
        var speech = 0, unresolved = 0
        for quote in document.quoteItems ?? [] {
            quotesByKind[quote.kind, default: 0] += 1
            guard quote.kind != "scare" else { continue }
            speech += 1
            let source = quote.speakerKey.flatMap { $0.hasPrefix("source:") ? sourceByID[String($0.dropFirst(7))] : nil }
            // The reader falls back to the speaker's own text for the name; a bare pronoun is no name.
            let resolvedName = quote.speakerName == quote.speaker?.text ? Self.namedSpeaker(quote) : quote.speakerName
            guard let name = source?.name ?? resolvedName else {
                unresolved += 1
                quotesBySourceKind[Self.unresolved, default: 0] += 1
                continue
            }
            let kind = source.map { $0.kind ?? "unknown" } ?? Self.noSourceEntry
            quotesBySourceKind[kind, default: 0] += 1
            if kind == "person" || kind == "anonymous" {
                quotesByRoleFamily[RoleFamily.family(of: source?.role?.text ?? (kind == "anonymous" ? name : nil)), default: 0] += 1
            }
            let key = kind == "anonymous" ? "anonymous:\(document.id):\(ReportName.normalised(name))" : ReportName.normalised(name)
            if quoted[key] == nil {
                quoted[key] = (source, name, 0, 0, [:], [])
                order.append(key)
            }
            quoted[key]?.quotes += 1
            quoted[key]?.words += quote.parts.reduce(0) { $0 + ReportName.wordCount(document.slice($1)) }
            if options.gendersFromText, quote.attribution == "pronoun", let pronoun = quote.speaker?.text, let label = GenderCues.label(ofPronoun: pronoun) {
                quoted[key]?.genders[label, default: 0] += 1
                quoted[key]?.cues.insert("pronoun")
            }
        }

        let publisher = document.metadataString("publisher") ?? document.metadataString("siteName")
            ?? sourceItems.first(where: { $0.relation == "publisher" })?.name ?? "unknown publisher"
        let month = Self.month(of: document.metadataString("published"))
        let entityCount = document.entityItems?.count ?? 0
        publishers[publisher, default: GroupTotals()].add(words: wordCount, quotes: speech, unresolved: unresolved, entities: entityCount, sources: sourceItems.count)
        months[month, default: GroupTotals()].add(words: wordCount, quotes: speech, unresolved: unresolved, entities: entityCount, sources: sourceItems.count)

        let link = DocumentLink(id: document.id, title: document.title,
                                href: options.viewsPath.flatMap { path in viewName.map { (path.hasSuffix("/") || path.isEmpty ? path : path + "/") + $0 + ".html" } })
        for key in order {
            guard let entry = quoted[key] else { continue }
            var tally = sources[key] ?? SourceTally(key: key)
            Self.count(entry.name, in: &tally.names, limit: options.formsPerSource)
            Self.count(entry.source?.kind ?? Self.noSourceEntry, in: &tally.kinds, limit: options.formsPerSource)
            if let role = entry.source?.role?.text { Self.count(role, in: &tally.roles, limit: options.formsPerSource) }
            if let affiliation = entry.source?.affiliation?.text { Self.count(affiliation, in: &tally.affiliations, limit: options.formsPerSource) }
            tally.quotes += entry.quotes
            tally.wordsQuoted += entry.words
            tally.documents += 1
            if tally.links.count < options.documentsPerSource { tally.links.append(link) }
            var genders = entry.genders, cues = entry.cues
            if options.gendersFromText, let source = entry.source {
                for label in Self.titleGenders(of: source, in: document) {
                    genders[label, default: 0] += 1
                    cues.insert("title")
                }
            }
            tally.textGenders.merge(genders, uniquingKeysWith: +)
            tally.textGenderCues.formUnion(cues)
            sources[key] = tally
        }
    }

    /// The name `view` gives a document's page (without `.html`), so that links from the
    /// report reach the pages of `news-annotate view` run over the same input.
    ///
    /// - Parameters:
    ///   - document: A document read from `input`.
    ///   - input: The file or directory given on the command line.
    public static func viewName(of document: AnnotatedDocument, input: String) -> String {
        if AnnotatedDocument.FileFormat(path: document.path) == .jsonl {
            let folder = BatchInput.stem(of: document.path).split(separator: "/").dropLast().joined(separator: "/")
            let safe = document.id.replacingOccurrences(of: "/", with: "_")
            return folder.isEmpty ? safe : folder + "/" + safe
        }
        let base = input.hasSuffix("/") ? input : input + "/"
        let relative = document.path.hasPrefix(base) ? String(document.path.dropFirst(base.count)) : (document.path.split(separator: "/").last.map(String.init) ?? document.path)
        return BatchInput.stem(of: relative)
    }

    /// `YYYY-MM` from an ISO 8601 date, or `no date`.
    static func month(of published: String?) -> String {
        guard let published, published.count >= 7 else { return "no date" }
        let prefix = Array(published.prefix(7))
        let isMonth = prefix[4] == "-" && prefix.enumerated().allSatisfy { $0.offset == 4 || $0.element.isASCII && $0.element.isNumber }
        return isMonth ? String(prefix) : "no date"
    }

    /// The speaker's own text when a quote names one without a source entry or a resolved
    /// name: a pipeline without the sources stage. A bare pronoun names no one.
    private static func namedSpeaker(_ quote: QuoteItem) -> String? {
        guard let text = quote.speaker?.text, quote.attribution != "pronoun", quote.attribution != "none",
              GenderCues.label(ofPronoun: text) == nil, !text.allSatisfy(\.isWhitespace) else { return nil }
        return text
    }

    /// Genders that titles right before a source's mentions give ("Mrs Marsh", "la signora
    /// Rossi"), or that its role is ("signora").
    private static func titleGenders(of source: SourceItem, in document: AnnotatedDocument) -> [String] {
        var labels: [String] = []
        if let role = source.role?.text, let label = GenderCues.label(ofTitle: role) { labels.append(label) }
        for mention in source.mentions {
            let start = max(0, mention.start - 16)
            let before = document.slice(TextSpan(start: start, end: mention.start))
            guard before.last?.isWhitespace == true, let word = before.split(whereSeparator: \.isWhitespace).last else { continue }
            if let label = GenderCues.label(ofTitle: String(word)) { labels.append(label) }
            // The mention itself may open with the title: "Mrs Linda Marsh".
            if let first = document.slice(mention).split(whereSeparator: \.isWhitespace).first, let label = GenderCues.label(ofTitle: String(first)) {
                labels.append(label)
            }
        }
        return labels
    }

    /// Counts a form, keeping at most `limit` distinct ones.
    private static func count(_ form: String, in counts: inout [String: Int], limit: Int) {
        if counts[form] != nil || counts.count < limit { counts[form, default: 0] += 1 }
    }
}

extension CorpusReport.GroupTotals {
    mutating func add(words: Int, quotes: Int, unresolved: Int, entities: Int, sources: Int) {
        documents += 1
        self.entities += entities
        self.sources += sources
        self.words += words
        self.quotes += quotes
        unresolvedQuotes += unresolved
    }
}

extension CorpusReport {
    /// Counts every annotated document of a file or directory, one at a time
    /// (``AnnotatedDocument/forEachDocument(in:_:)``); a document that cannot be read is
    /// counted with ``addFailure(_:)`` and handed to `failed`, and the others still count.
    ///
    /// - Parameters:
    ///   - input: A `.json` or `.jsonl` file or a directory, as given on the command line.
    ///   - failed: Told each document that cannot be read, as it is met.
    public mutating func add(contentsOf input: String, failed: (ReadError) -> Void = { _ in }) {
        AnnotatedDocument.forEachDocument(in: input) { result in
            switch result {
            case .success(let document):
                add(document, viewName: Self.viewName(of: document, input: input))
            case .failure(let error):
                addFailure(error.message)
                failed(error)
            }
        }
    }

    /// The files the report writes into its folder.
    public static let fileNames = ["report.html", "report.json", "report.csv", "report-sources.csv"]

    /// Writes the page, the JSON summary and the two CSV files (``fileNames``) into a
    /// folder, creating it if needed, each atomically.
    ///
    /// - Throws: ``ReportError`` naming the file that cannot be written.
    public func write(to directory: String) throws(ReportError) {
        let contents: [[UInt8]] = [Array(html().utf8), try json(), Array(csv().utf8), Array(sourcesCSV().utf8)]
        for (name, bytes) in zip(Self.fileNames, contents) {
            do throws(BatchRunner.Failure) {
                try BatchRunner.writeAtomically(bytes, to: directory + "/" + name)
            } catch {
                throw ReportError(error.message)
            }
        }
    }
}
