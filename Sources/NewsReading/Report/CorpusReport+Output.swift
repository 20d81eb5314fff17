import Foundation
import NewsAnnotation

extension CorpusReport {
    /// The format identifier of the JSON summary.
    public static let summaryFormatID = "news-annotation-report/1"

    /// A share rounded to four decimals; 0 of nothing is 0.
    static func share(_ part: Int, of whole: Int) -> Double {
        whole == 0 ? 0 : (Double(part) / Double(whole) * 10_000).rounded() / 10_000
    }

    /// The gender method the report states: what evidence it used.
    public var genderMethod: String? {
        guard options.hasGenderColumn else { return nil }
        var methods: [String] = []
        if options.gendersFromText { methods.append("the text's own titles (Mrs, signora…) and pronouns resolved to the source (she said)") }
        if let list = options.genderNames { methods.append("the user-supplied name list '\(list.origin)' (\(list.labels.count) names)") }
        return "an estimate from " + methods.joined(separator: ", then ") + "; no gender is guessed from a name otherwise"
    }

    private func sharesJSON(_ counts: [String: Int], label: String, of whole: Int) -> OrderedJSON {
        .array(Self.ranked(counts).map { .object([(label, .string($0.key)), ("quotes", .int($0.value)), ("share", .double(Self.share($0.value, of: whole)))]) })
    }

    private func groupJSON(_ groups: [(key: String, value: GroupTotals)], label: String) -> OrderedJSON {
        .array(groups.map { name, totals in
            .object([(label, .string(name)), ("documents", .int(totals.documents)), ("words", .int(totals.words)), ("entities", .int(totals.entities)),
                     ("sources", .int(totals.sources)), ("quotes", .int(totals.quotes)), ("unresolvedQuotes", .int(totals.unresolvedQuotes))])
        })
    }

    /// Publishers by documents, then name.
    public var rankedPublishers: [(key: String, value: GroupTotals)] {
        publishers.sorted { $0.value.documents != $1.value.documents ? $0.value.documents > $1.value.documents : $0.key < $1.key }.map { (key: $0.key, value: $0.value) }
    }

    /// Months in order, `no date` last.
    public var sortedMonths: [(key: String, value: GroupTotals)] {
        months.sorted { ($0.key == "no date" ? 1 : 0, $0.key) < ($1.key == "no date" ? 1 : 0, $1.key) }.map { (key: $0.key, value: $0.value) }
    }

    private static func countsJSON(_ counts: [String: Int]) -> OrderedJSON {
        .object(ranked(counts).map { ($0.key, .int($0.value)) })
    }

    /// The summary as JSON, indented, with a fixed key order: every count of the page, and
    /// every quoted source (not only the top ones).
    ///
    /// - Throws: ``ReportError`` when the summary cannot be encoded.
    public func json() throws(ReportError) -> [UInt8] {
        let whole = attributableQuotes
        var shares: [(String, OrderedJSON)] = [
            ("counted", .int(whole)),
            ("unresolved", .object([("quotes", .int(unresolvedQuotes)), ("share", .double(Self.share(unresolvedQuotes, of: whole)))])),
            ("bySourceKind", sharesJSON(sourceKindShares, label: "kind", of: whole)),
            ("byRoleFamily", sharesJSON(quotesByRoleFamily, label: "family", of: quotesByRoleFamily.values.reduce(0, +))),
        ]
        if let genders = quotesByGender { shares.append(("byGenderEstimate", sharesJSON(genders, label: "gender", of: genders.values.reduce(0, +)))) }
        let sourceList: [OrderedJSON] = rankedSources.map { source in
            var members: [(String, OrderedJSON)] = [
                ("name", .string(source.name)), ("key", .string(source.key)), ("kind", .string(source.kind)),
                ("quotes", .int(source.quotes)), ("wordsQuoted", .int(source.wordsQuoted)), ("documents", .int(source.documents)),
                ("names", Self.countsJSON(source.names)), ("kinds", Self.countsJSON(source.kinds)),
                ("roles", Self.countsJSON(source.roles)), ("affiliations", Self.countsJSON(source.affiliations)),
            ]
            if let estimate = genderEstimate(of: source) {
                members.append(("gender", .object([("estimate", .string(estimate.label)), ("method", .string(estimate.method))])))
            }
            members.append(("links", .array(source.links.map { link in
                var fields: [(String, OrderedJSON)] = [("id", .string(link.id)), ("title", .string(link.title))]
                if let href = link.href { fields.append(("href", .string(href))) }
                return .object(fields)
            })))
            return .object(members)
        }
        let namedList: [OrderedJSON] = rankedNamed.map { entity in
            .object([("name", .string(entity.name)), ("type", .string(entity.type)), ("mentions", .int(entity.mentions)),
                     ("documents", .int(entity.documents)), ("quotes", .int(quotes(of: entity))), ("names", Self.countsJSON(entity.names))])
        }
        var top: [(String, OrderedJSON)] = [
            ("format", .string(Self.summaryFormatID)),
            ("totals", .object([("documents", .int(documents)), ("failed", .int(failureCount)), ("words", .int(words)),
                                ("entities", .int(entitiesByType.values.reduce(0, +))), ("quotes", .int(quotesByKind.values.reduce(0, +))),
                                ("sources", .int(sourcesByKind.values.reduce(0, +))), ("quotedSources", .int(sources.count))])),
            ("documentsWithoutLayer", .object(Self.layersRead.map { ($0, .int(documentsWithoutLayer[$0] ?? 0)) })),
            ("entitiesByType", Self.countsJSON(entitiesByType)),
            ("quotesByKind", Self.countsJSON(quotesByKind)),
            ("sourcesByKind", Self.countsJSON(sourcesByKind)),
            ("quoteShares", .object(shares)),
            ("publishers", groupJSON(rankedPublishers, label: "publisher")),
            ("months", groupJSON(sortedMonths, label: "month")),
        ]
        if let method = genderMethod { top.append(("genderMethod", .string(method))) }
        top.append(("named", .array(namedList)))
        top.append(("sources", .array(sourceList)))
        top.append(("failures", .array(failures.map { .string($0) })))
        do {
            return try AnnotatedJSON.encode(value: OrderedJSON.object(top), style: .pretty)
        } catch {
            throw ReportError("cannot encode the report summary: \(error)")
        }
    }

    /// The summary as CSV for spreadsheets, one number per row: `section,key,measure,value`
    /// (`totals,,documents,3`; `entities_by_type,PER,mentions,9`;
    /// `quotes_by_source_kind,unresolved,share,0.125`; the 100 most named people and
    /// organisations, `named,Ann Lee (PER),mentions,4`). Quoted sources are in ``sourcesCSV()``.
    public func csv() -> String {
        var rows: [[String]] = [["section", "key", "measure", "value"]]
        func add(_ section: String, _ key: String, _ measure: String, _ value: Int) { rows.append([section, key, measure, String(value)]) }
        func add(_ section: String, _ key: String, _ measure: String, _ value: Double) { rows.append([section, key, measure, String(value)]) }
        add("totals", "", "documents", documents)
        add("totals", "", "failed", failureCount)
        add("totals", "", "words", words)
        add("totals", "", "quoted_sources", sources.count)
        for layer in Self.layersRead { add("documents_without_layer", layer, "documents", documentsWithoutLayer[layer] ?? 0) }
        for (key, value) in Self.ranked(entitiesByType) { add("entities_by_type", key, "mentions", value) }
        for (key, value) in Self.ranked(quotesByKind) { add("quotes_by_kind", key, "quotes", value) }
        for (key, value) in Self.ranked(sourcesByKind) { add("sources_by_kind", key, "sources", value) }
        let whole = attributableQuotes
        add("quote_shares", "", "counted", whole)
        add("quote_shares", "unresolved", "quotes", unresolvedQuotes)
        add("quote_shares", "unresolved", "share", Self.share(unresolvedQuotes, of: whole))
        var families = [("quotes_by_source_kind", sourceKindShares), ("quotes_by_role_family", quotesByRoleFamily)]
        if let genders = quotesByGender { families.append(("quotes_by_gender_estimate", genders)) }
        for (section, counts) in families {
            let total = section == "quotes_by_source_kind" ? whole : counts.values.reduce(0, +)
            for (key, value) in Self.ranked(counts) {
                add(section, key, "quotes", value)
                add(section, key, "share", Self.share(value, of: total))
            }
        }
        for (section, groups) in [("publisher", rankedPublishers), ("month", sortedMonths)] {
            for (key, totals) in groups {
                add(section, key, "documents", totals.documents)
                add(section, key, "words", totals.words)
                add(section, key, "entities", totals.entities)
                add(section, key, "sources", totals.sources)
                add(section, key, "quotes", totals.quotes)
                add(section, key, "unresolved_quotes", totals.unresolvedQuotes)
            }
        }
        for entity in rankedNamed.prefix(100) {
            let key = "\(entity.name) (\(entity.type))"
            add("named", key, "mentions", entity.mentions)
            add("named", key, "documents", entity.documents)
            add("named", key, "quotes", quotes(of: entity))
        }
        return Self.csv(rows)
    }

    /// Every quoted source as CSV, one row each, ranked as in the page: name, kind, roles
    /// and affiliations as found (`; ` between them), quotes, words quoted, documents, the
    /// gender estimate and its method when the report has them, and the documents' ids.
    public func sourcesCSV() -> String {
        var header = ["rank", "name", "kind", "roles", "affiliations", "quotes", "words_quoted", "documents"]
        if options.hasGenderColumn { header += ["gender_estimate", "gender_method"] }
        header += ["other_names", "document_ids"]
        var rows = [header]
        for (rank, source) in rankedSources.enumerated() {
            var row = [String(rank + 1), source.name, source.kind, Self.ranked(source.roles).map(\.key).joined(separator: "; "),
                       Self.ranked(source.affiliations).map(\.key).joined(separator: "; "), String(source.quotes), String(source.wordsQuoted),
                       String(source.documents)]
            if options.hasGenderColumn {
                let estimate = genderEstimate(of: source)
                row += [estimate?.label ?? "", estimate?.method ?? "not a person"]
            }
            row += [Self.ranked(source.names).map(\.key).filter { $0 != source.name }.joined(separator: "; "), source.links.map(\.id).joined(separator: " ")]
            rows.append(row)
        }
        return Self.csv(rows)
    }

    /// RFC 4180 CSV with CRLF line ends. A field holding a comma, a quote, a line break or
    /// outer spaces is quoted, quotes doubled; a text field a spreadsheet would run as a
    /// formula (starting with `=`, `+`, `-`, `@`, a tab or a carriage return, and not a
    /// number) gets a leading `'`, as OWASP advises against CSV injection.
    static func csv(_ rows: [[String]]) -> String {
        rows.map { row in row.map(field).joined(separator: ",") }.joined(separator: "\r\n") + "\r\n"
    }

    static func field(_ value: String) -> String {
        var value = value
        if let first = value.unicodeScalars.first, "=+-@\t\r".unicodeScalars.contains(first), Double(value) == nil { value = "'" + value }
        let needsQuotes = value.unicodeScalars.contains { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }
            || value.unicodeScalars.first == " " || value.unicodeScalars.last == " "
        return needsQuotes ? "\"" + value.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : value
    }
}
