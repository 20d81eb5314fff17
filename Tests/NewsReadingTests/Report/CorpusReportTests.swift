import Foundation
import NewsAnnotation
@testable import NewsReading
import Testing

// A small corpus built in code, whose every count is known.

/// The code point span of the first `needle` in `text` (end exclusive).
private func span(_ needle: String, in text: String) -> [String: Any] {
    guard let range = text.range(of: needle) else { return ["start": 0, "end": 0] }
    let start = text.unicodeScalars.distance(from: text.unicodeScalars.startIndex, to: range.lowerBound)
    return ["start": start, "end": start + needle.unicodeScalars.count]
}

/// `span` with the text it covers.
private func labelled(_ needle: String, in text: String) -> [String: Any] {
    span(needle, in: text).merging(["text": needle]) { $1 }
}

/// A quote of `content` in `text`, by `speaker` (nil for none) with an attribution.
private func quote(_ id: String, _ content: String, in text: String, kind: String = "direct", speaker: String? = nil,
                   speakerName: String? = nil, attribution: String = "name", source: String? = nil) -> [String: Any] {
    var object: [String: Any] = ["id": id, "kind": kind, "parts": [span(content, in: text)], "attribution": attribution]
    object.merge(span(content, in: text)) { $1 }
    if let speaker { object["speaker"] = labelled(speaker, in: text) }
    if let name = speakerName ?? (attribution == "name" ? speaker : nil) { object["speakerName"] = name }
    if let source { object["source"] = source }
    return object
}

private func document(_ id: String, text: String, metadata: [String: Any], layers: [String: Any]) throws -> AnnotatedDocument {
    let object: [String: Any] = ["format": "news-annotation/1", "id": id, "metadata": metadata, "text": text, "layers": layers]
    let data = try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])
    return try AnnotatedDocument(json: data, path: "corpus/\(id).json")
}

private let textA = "Mrs Ann Lee, the mayor of Riverton, said: “We will rebuild the wall.” She said “costs are high”. The “so-called” plan failed. “Nobody knows,” it was said."
private let textB = "ANN LEE told reporters “the money is there”. Tom Ruiz, a spokesperson for Acme, said “no comment” — today."
private let textD = "Plain text here, in Riverton."

/// Three documents: two from one publisher with quotes (one unresolved, one scare quote),
/// one with entities only (no quotes or sources layer).
private func corpus() throws -> [AnnotatedDocument] {
    let a = try document("a", text: textA, metadata: ["publisher": "Gazette", "published": "2024-03-03T08:30:00Z", "title": "Wall"], layers: [
        "entities": [span("Ann Lee", in: textA).merging(["type": "PER"]) { $1 }, span("Riverton", in: textA).merging(["type": "LOC"]) { $1 }],
        "quotes": [quote("q1", "We will rebuild the wall.", in: textA, speaker: "Ann Lee", source: "s1"),
                   quote("q2", "costs are high", in: textA, speaker: "She", speakerName: "Ann Lee", attribution: "pronoun"),
                   quote("q3", "so-called", in: textA, kind: "scare", attribution: "none"),
                   quote("q4", "Nobody knows,", in: textA, attribution: "none")],
        "sources": [["id": "s1", "kind": "person", "relation": "quoted", "name": "Ann Lee", "mentions": [span("Ann Lee", in: textA)],
                     "quotes": ["q1", "q2"], "role": labelled("mayor", in: textA), "affiliation": labelled("Riverton", in: textA)],
                    ["id": "s2", "kind": "publication", "relation": "publisher", "name": "Gazette", "quotes": [String]()]],
    ])
    let b = try document("b", text: textB, metadata: ["siteName": "Ignored", "publisher": "Gazette", "published": "2024-04-10"], layers: [
        "entities": [span("ANN LEE", in: textB).merging(["type": "PER"]) { $1 }, span("Tom Ruiz", in: textB).merging(["type": "PER"]) { $1 },
                     span("Acme", in: textB).merging(["type": "ORG"]) { $1 }],
        "quotes": [quote("q1", "the money is there", in: textB, speaker: "ANN LEE", source: "s1"),
                   quote("q2", "no comment", in: textB, speaker: "Tom Ruiz", source: "s2")],
        "sources": [["id": "s1", "kind": "person", "name": "ANN LEE", "mentions": [span("ANN LEE", in: textB)], "quotes": ["q1"]],
                    ["id": "s2", "kind": "person", "name": "Tom Ruiz", "mentions": [span("Tom Ruiz", in: textB)], "quotes": ["q2"],
                     "role": labelled("spokesperson", in: textB), "affiliation": labelled("Acme", in: textB)]],
    ])
    let d = try document("d", text: textD, metadata: ["siteName": "Other Site", "published": "2024-03-20"], layers: [
        "entities": [span("Riverton", in: textD).merging(["type": "LOC"]) { $1 }],
    ])
    return [a, b, d]
}

private func makeReport(_ options: CorpusReport.Options = .init(), documents: [AnnotatedDocument]? = nil) throws -> CorpusReport {
    var report = CorpusReport(options: options)
    for document in try documents ?? corpus() { report.add(document, viewName: document.id) }
    return report
}

/// A fresh temporary directory, removed by the caller.
private func scratchDirectory() throws -> String {
    let path = FileManager.default.temporaryDirectory.appendingPathComponent("report-\(UUID().uuidString)").path
    try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    return path
}

@Suite("corpus report")
struct CorpusReportTests {
    @Test("totals of a small corpus, exactly: documents, words, entities, quotes, sources, per publisher and per month")
    func totals() throws {
        let report = try makeReport()
        #expect(report.documents == 3 && report.words == 27 + 18 + 5)
        #expect(report.entitiesByType == ["PER": 3, "LOC": 2, "ORG": 1])
        #expect(report.quotesByKind == ["direct": 5, "scare": 1])
        #expect(report.sourcesByKind == ["person": 3, "publication": 1])
        #expect(report.documentsWithoutLayer == ["quotes": 1, "sources": 1])
        #expect(report.publishers["Gazette"] == CorpusReport.GroupTotals(documents: 2, words: 45, quotes: 5, unresolvedQuotes: 1, entities: 5, sources: 4))
        #expect(report.publishers["Other Site"] == CorpusReport.GroupTotals(documents: 1, words: 5, quotes: 0, unresolvedQuotes: 0, entities: 1, sources: 0))
        #expect(report.sortedMonths.map(\.key) == ["2024-03", "2024-04"])
        #expect(report.months["2024-03"]?.documents == 2 && report.months["2024-04"] == CorpusReport.GroupTotals(documents: 1, words: 18, quotes: 2, entities: 3, sources: 2))
        #expect(CorpusReport.month(of: "2024-3-01") == "no date" && CorpusReport.month(of: nil) == "no date")
    }

    @Test("the unresolved share: a quote with no speaker counts as unresolved, scare quotes are left out of the shares")
    func unresolvedShare() throws {
        let report = try makeReport()
        #expect(report.attributableQuotes == 5 && report.unresolvedQuotes == 1)
        #expect(report.quotesBySourceKind == ["person": 4, "unresolved": 1])
        #expect(report.quotesByRoleFamily == ["politics and government": 2, "no role given": 1, "spokespeople and officials": 1])
        let page = report.html()
        #expect(page.contains("<span id=\"unresolved-share\">20.0%</span> of quotes (<span id=\"unresolved-quotes\">1</span> of <span id=\"counted-quotes\">5</span>)"))
        #expect(page.contains("<g class=\"bar unresolved\">"))
        let json = try #require(try JSONSerialization.jsonObject(with: Data(report.json())) as? [String: Any])
        let shares = try #require(json["quoteShares"] as? [String: Any])
        #expect((shares["unresolved"] as? [String: Any])?["share"] as? Double == 0.2)
        #expect(report.csv().contains("\r\nquote_shares,unresolved,share,0.2\r\n"))
        // A pronoun with no resolved name names no one.
        let lone = try document("p", text: "“Yes,” he said.", metadata: [:], layers: ["quotes": [quote("q1", "Yes,", in: "“Yes,” he said.", speaker: "he", attribution: "pronoun")]])
        #expect(try makeReport(documents: [lone]).quotesBySourceKind == ["unresolved": 1])
    }

    @Test("an unresolved share of zero is still drawn, as a bar of its own")
    func zeroUnresolvedShown() throws {
        let documents = try corpus()
        let only = try document("b", text: textB, metadata: [:], layers: documents[1].layers.mapValues { $0.foundation })
        let page = try makeReport(documents: [only]).html()
        #expect(page.contains("<span id=\"unresolved-share\">0.0%</span>") && page.contains("<g class=\"bar unresolved\">"))
    }

    @Test("sources are merged across documents by normalised name, with roles, affiliations, quotes, words and links")
    func mergedSources() throws {
        let report = try makeReport(.init(viewsPath: "../pages"))
        let ranked = report.rankedSources
        #expect(ranked.map(\.name) == ["ANN LEE", "Tom Ruiz"])
        let lee = try #require(ranked.first)
        #expect(lee.key == "ann lee" && lee.quotes == 3 && lee.wordsQuoted == 5 + 3 + 4 && lee.documents == 2)
        #expect(lee.names == ["Ann Lee": 1, "ANN LEE": 1] && lee.name == "ANN LEE")  // a tie: the first by name
        #expect(lee.roles == ["mayor": 1] && lee.affiliations == ["Riverton": 1] && lee.kind == "person")
        #expect(lee.links.map(\.href) == ["../pages/a.html", "../pages/b.html"] && lee.links.map(\.title) == ["Wall", "b"])
        let ruiz = ranked[1]
        #expect(ruiz.roles == ["spokesperson": 1] && ruiz.affiliations == ["Acme": 1] && ruiz.quotes == 1 && ruiz.wordsQuoted == 2)
        let page = report.html()
        #expect(page.contains("<a href=\"../pages/a.html\" title=\"Wall\">a</a>, <a href=\"../pages/b.html\" title=\"b\">b</a>"))
        #expect(page.contains("<br><small>also: Ann Lee</small>"))
        // Without a views folder, documents are named but not linked.
        #expect(try makeReport().html().contains("<span title=\"Wall\">a</span>"))
        #expect(ReportName.normalised("  Zoë   Bălan, ") == "zoe balan" && ReportName.normalised("l’Aquila") == "l'aquila")
    }

    @Test("who is named: people and organisations merged across documents, beside their quotes")
    func named() throws {
        let report = try makeReport()
        #expect(report.rankedNamed.map { "\($0.name) \($0.type) \($0.mentions) \($0.documents) \(report.quotes(of: $0))" }
                == ["ANN LEE PER 2 2 3", "Acme ORG 1 1 0", "Tom Ruiz PER 1 1 1"])
        #expect(report.named.count == 3)  // places (LOC) are not listed
        let page = report.html()
        #expect(page.contains("<tr><th scope=\"row\">Acme</th><td>ORG</td><td class=\"num\">1</td><td class=\"num\">1</td><td class=\"num\">0</td></tr>"))
        #expect(report.csv().contains("\r\nnamed,ANN LEE (PER),quotes,3\r\n"))
    }

    @Test("anonymous sources are never merged across documents")
    func anonymousApart() throws {
        let text = "“It broke,” an official said."
        func anonymous(_ id: String) throws -> AnnotatedDocument {
            try document(id, text: text, metadata: [:], layers: [
                "quotes": [quote("q1", "It broke,", in: text, speaker: "an official", attribution: "description", source: "s1")],
                "sources": [["id": "s1", "kind": "anonymous", "name": "an official", "mentions": [span("an official", in: text)], "quotes": ["q1"]]],
            ])
        }
        let report = try makeReport(documents: [try anonymous("x"), try anonymous("y")])
        #expect(report.sources.count == 2 && report.rankedSources.map(\.key) == ["anonymous:x:an official", "anonymous:y:an official"])
        #expect(report.quotesByRoleFamily == ["spokespeople and officials": 2])
    }

    @Test("no gender column without a list or --gender-from-text; never guessed from a name")
    func genderAbsent() throws {
        let report = try makeReport()
        #expect(report.quotesByGender == nil && report.genderMethod == nil)
        #expect(report.rankedSources.allSatisfy { report.genderEstimate(of: $0) == nil })
        let page = report.html()
        #expect(!page.contains("gender (estimate)") && !page.contains("chart-gender") && !page.contains("Gender is an estimate"))
        #expect(!report.sourcesCSV().contains("gender"))
        let json = String(decoding: try report.json(), as: UTF8.self)
        #expect(!json.contains("\"gender") && !json.contains("byGenderEstimate"))
    }

    @Test("with a name list, a gender column labelled as an estimate, its method per source")
    func genderFromList() throws {
        let list = try GenderNameList(parsing: "# name<TAB>label\nTom\tmale\nPriya, female\n\n", origin: "names.tsv")
        #expect(list.labels == ["tom": "male", "priya": "female"])
        let report = try makeReport(.init(genderNames: list))
        let estimates = report.rankedSources.map { report.genderEstimate(of: $0) }
        #expect(estimates == [.init(label: "unknown", method: "no cue"), .init(label: "male", method: "name list")])
        #expect(report.quotesByGender == ["unknown": 3, "male": 1])
        let page = report.html()
        #expect(page.contains("<th scope=\"col\"><button type=\"button\">gender (estimate)</button></th>"))
        #expect(page.contains("<strong>Gender is an estimate</strong>: an estimate from the user-supplied name list 'names.tsv' (2 names)"))
        #expect(report.sourcesCSV().split(separator: "\r\n").first == "rank,name,kind,roles,affiliations,quotes,words_quoted,documents,gender_estimate,gender_method,other_names,document_ids")
        #expect(report.sourcesCSV().contains("\r\n2,Tom Ruiz,person,spokesperson,Acme,1,2,1,male,name list,,b\r\n"))
        #expect(throws: ReportError("'bad.tsv' line 2: expected 'name<TAB>label' (or 'name,label'), got 'Ann'")) { try GenderNameList(parsing: "Tom\tmale\nAnn", origin: "bad.tsv") }
        #expect(throws: ReportError("cannot read the gender name list 'missing.tsv'; give a text file of 'name<TAB>label' lines")) { try GenderNameList(contentsOf: "missing.tsv") }
        #expect(try GenderNameList(contentsOf: "/dev/null").labels.isEmpty)
        #expect(throws: ReportError("'bad.tsv' line 2: 'tom' is already listed as 'male'; give each name one label")) { try GenderNameList(parsing: "Tom\tmale\ntom\tfemale", origin: "bad.tsv") }
    }

    @Test("from the text: a title before the name and a pronoun the quotes stage resolved; the text wins over the list")
    func genderFromText() throws {
        let report = try makeReport(.init(genderNames: GenderNameList(["Ann": "male"]), gendersFromText: true))
        let lee = try #require(report.rankedSources.first)
        #expect(lee.textGenders == ["female": 2] && lee.textGenderCues == ["pronoun", "title"])
        #expect(report.genderEstimate(of: lee) == .init(label: "female", method: "text: pronoun, title"))
        #expect(report.genderMethod?.hasPrefix("an estimate from the text's own titles") == true)
    }

    @Test("the same corpus gives the same bytes; ties are sorted by name")
    func deterministic() throws {
        let first = try makeReport(.init(gendersFromText: true)), second = try makeReport(.init(gendersFromText: true))
        let (firstJSON, secondJSON) = (try first.json(), try second.json())
        #expect(first.html() == second.html() && firstJSON == secondJSON && first.csv() == second.csv() && first.sourcesCSV() == second.sourcesCSV())
        #expect(CorpusReport.ranked(["b": 1, "a": 1, "c": 2]).map(\.key) == ["c", "a", "b"])
        // Tom Ruiz and an equally quoted source come out by name, whatever the input order.
        let text = "“Fine,” Zed Abel said. “Fine,” Abe Zorn said."
        func two(_ order: [String]) throws -> [String] {
            let documents = try order.map { name in
                try document(name, text: text, metadata: [:], layers: [
                    "quotes": [quote("q1", "Fine,", in: text, speaker: name, source: "s1")],
                    "sources": [["id": "s1", "kind": "person", "name": name, "mentions": [span(name, in: text)], "quotes": ["q1"]]],
                ])
            }
            return try makeReport(documents: documents).rankedSources.map(\.name)
        }
        #expect(try two(["Zed Abel", "Abe Zorn"]) == ["Abe Zorn", "Zed Abel"] && (try two(["Abe Zorn", "Zed Abel"])) == ["Abe Zorn", "Zed Abel"])
    }

    @Test("hostile names, titles, publishers and messages are escaped in the page")
    func escaping() throws {
        let hostile = "<script>alert(\"x\")</script> & Co"
        let text = "“Run,” \(hostile) said."
        let document = try document("<img src=x onerror=alert(1)>", text: text, metadata: ["publisher": "<b>Pub</b>", "title": "\"><svg onload=alert(1)>"], layers: [
            "quotes": [quote("q1", "Run,", in: text, speaker: hostile, source: "s1")],
            "sources": [["id": "s1", "kind": "organisation", "name": hostile, "mentions": [span(hostile, in: text)], "quotes": ["q1"],
                         "role": labelled("said", in: text)]],
        ])
        var report = try makeReport(.init(viewsPath: "p\"ages"), documents: [document])
        report.addFailure("'<evil>.json': not valid JSON")
        let page = report.html()
        for raw in ["<script>alert", "<img src=x", "<b>Pub</b>", "<svg onload", "<evil>", "p\"ages"] { #expect(!page.contains(raw), "\(raw)") }
        #expect(page.contains("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; Co"))
        #expect(page.contains("&lt;b&gt;Pub&lt;/b&gt;") && page.contains("&lt;evil&gt;.json"))
        #expect(page.contains("href=\"p&quot;ages/&lt;img src=x onerror=alert(1)&gt;.html\""))
        // Exactly the page's own scripts: the sorting script, and no other.
        #expect(page.components(separatedBy: "<script>").count == 2)
    }

    @Test("CSV fields are quoted as RFC 4180 says, and formulas are defused")
    func csvQuoting() throws {
        #expect(CorpusReport.field("plain") == "plain")
        #expect(CorpusReport.field("a,b") == "\"a,b\"")
        #expect(CorpusReport.field("say \"hi\"") == "\"say \"\"hi\"\"\"")
        #expect(CorpusReport.field("two\nlines") == "\"two\nlines\"" && CorpusReport.field("cr\r\nlf") == "\"cr\r\nlf\"")
        #expect(CorpusReport.field(" padded") == "\" padded\"")
        #expect(CorpusReport.field("=HYPERLINK(\"http://x\")") == "\"'=HYPERLINK(\"\"http://x\"\")\"")
        #expect(CorpusReport.field("@cmd") == "'@cmd" && CorpusReport.field("-5") == "-5" && CorpusReport.field("+x") == "'+x")
        let text = "“No,” \"Smith, Jones\" said."
        let name = "\"Smith, Jones\""
        let document = try document("c", text: text, metadata: ["publisher": "=1+1"], layers: [
            "quotes": [quote("q1", "No,", in: text, speaker: name, source: "s1")],
            "sources": [["id": "s1", "kind": "person", "name": name, "mentions": [span(name, in: text)], "quotes": ["q1"]]],
        ])
        let report = try makeReport(documents: [document])
        #expect(report.sourcesCSV().contains("\r\n1,\"\"\"Smith, Jones\"\"\",person,,,1,1,1,,c\r\n"))
        #expect(report.csv().contains("\r\npublisher,'=1+1,documents,1\r\n"))
    }

    @Test("files are streamed: a broken line or file is reported once and the others still count; other JSON is passed over")
    func streaming() throws {
        let directory = try scratchDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let documents = try corpus()
        let lines = try documents.map { String(decoding: try #require($0.json), as: UTF8.self) }
        try (lines[0] + "\n{not json\n" + lines[1] + "\n").write(toFile: directory + "/corpus.jsonl", atomically: true, encoding: .utf8)
        try lines[2].write(toFile: directory + "/d.json", atomically: true, encoding: .utf8)
        try "{\"stages\": [\"entities\"]}".write(toFile: directory + "/pipeline.json", atomically: true, encoding: .utf8)
        try "{\"format\": \"news-annotation/1\"".write(toFile: directory + "/broken.json", atomically: true, encoding: .utf8)
        var report = CorpusReport()
        var messages: [String] = []
        report.add(contentsOf: directory) { messages.append($0.message) }
        #expect(messages == ["'\(directory)/broken.json': not valid JSON", "'\(directory)/corpus.jsonl' line 2: not valid JSON"])
        #expect(report.documents == 3 && report.failureCount == 2 && report.words == 50)
        #expect(try makeReport().json() != (try report.json()))  // the failures are in the summary
        let written = try scratchDirectory()
        defer { try? FileManager.default.removeItem(atPath: written) }
        try report.write(to: written + "/out")
        #expect(try FileManager.default.contentsOfDirectory(atPath: written + "/out").sorted() == ["report-sources.csv", "report.csv", "report.html", "report.json"])
        #expect(CorpusReport.viewName(of: documents[0], input: "corpus") == "a")
    }

    @Test("10,000 generated documents: every one counted, per-source memory capped")
    func manyDocuments() throws {
        let directory = try scratchDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let path = directory + "/many.jsonl"
        #expect(FileManager.default.createFile(atPath: path, contents: nil))
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
        for index in 0..<10_000 {
            let name = "Person \(index % 50)"
            let text = "“Yes,” \(name) said in \(index)."
            let object: [String: Any] = [
                "format": "news-annotation/1", "id": "d\(index)", "text": text,
                "metadata": ["publisher": "P\(index % 3)", "published": String(format: "20%02d-%02d-01", 10 + index % 10, 1 + index % 12)],
                "layers": ["quotes": [quote("q1", "Yes,", in: text, speaker: name, source: "s1")],
                           "sources": [["id": "s1", "kind": "person", "name": name, "mentions": [span(name, in: text)], "quotes": ["q1"],
                                        "role": ["text": "role \(index)"]]]],
            ]
            handle.write(try JSONSerialization.data(withJSONObject: object) + Data("\n".utf8))
        }
        try handle.close()
        var report = CorpusReport()
        report.add(contentsOf: path)
        #expect(report.documents == 10_000 && report.failureCount == 0 && report.sources.count == 50)
        #expect(report.publishers.count == 3 && report.months.count == 60)
        #expect(report.sources.values.allSatisfy { $0.quotes == 200 && $0.documents == 200 && $0.links.count == 20 && $0.roles.count == 12 })
        #expect(report.quotesBySourceKind == ["person": 10_000] && report.sourceKindShares == ["person": 10_000, "unresolved": 0])
    }

    @Test("role families from role words in English and Italian, never from names")
    func roleFamilies() {
        #expect(RoleFamily.family(of: "Mayor") == "politics and government" && RoleFamily.family(of: "sindaca di Roma") == "politics and government")
        #expect(RoleFamily.family(of: "former police chief") == "law and security")
        #expect(RoleFamily.family(of: "professore emerito di relazioni internazionali") == "experts and academia")
        #expect(RoleFamily.family(of: "direttore generale") == "business and management")
        #expect(RoleFamily.family(of: "juggler") == RoleFamily.other && RoleFamily.family(of: nil) == RoleFamily.noRole && RoleFamily.family(of: " ") == RoleFamily.noRole)
    }
}

extension JSONValue {
    /// The value as Foundation objects, for building JSON in tests.
    fileprivate var foundation: Any {
        switch self {
        case .null: NSNull()
        case .bool(let value): value
        case .number(let value): value
        case .string(let value): value
        case .array(let items): items.map(\.foundation)
        case .object(let members): members.mapValues(\.foundation)
        }
    }
}
