import Foundation
import NewsAnnotation

/// Reads a page's metadata from `<title>`, `<meta>` (including OpenGraph and Dublin Core),
/// `<link rel=canonical>`, `<html lang>`, JSON-LD (`NewsArticle` and its relatives) and the
/// byline and `<time datetime>` of the article.
///
/// Where sources disagree, the article's own JSON-LD usually wins over OpenGraph, which wins
/// over plain `<meta>`, which wins over what is read off the visible page. Two exceptions: the
/// URL prefers `<link rel=canonical>` and `og:url`, and the site name prefers `og:site_name`,
/// because pages often put the publisher's legal name in JSON-LD.
struct MetadataExtractor {
    let tree: HTMLTree
    private(set) var diagnostics: [(id: String, message: String)] = []

    /// JSON-LD `@type`s that describe an article.
    private static let articleTypes: Set<String> = [
        "NewsArticle", "Article", "ReportageNewsArticle", "AnalysisNewsArticle", "OpinionNewsArticle",
        "BackgroundNewsArticle", "ReviewNewsArticle", "BlogPosting", "LiveBlogPosting", "Report", "SocialMediaPosting",
    ]

    init(tree: HTMLTree) { self.tree = tree }

    /// The text of JSON-LD `articleBody`, when the page gives one.
    private(set) var articleBody: String?

    mutating func extract(junk: [Bool]) -> DocumentMetadata {
        var metadata = DocumentMetadata()
        var metas: [String: String] = [:]
        var metaLists: [String: [String]] = [:]
        var canonical: String?
        var title: String?
        var htmlLang: String?
        var jsonLD: [[String: Any]] = []
        for index in tree.nodes.indices {
            let node = tree.nodes[index]
            switch node.tag {
            case "html":
                htmlLang = node.attributes["lang"] ?? htmlLang
            case "meta":
                let key = (node.attributes["property"] ?? node.attributes["name"] ?? node.attributes["itemprop"] ?? node.attributes["http-equiv"])?.lowercased()
                if let key, let content = node.attributes["content"]?.trimmingWhitespace(), !content.isEmpty {
                    if metas[key] == nil { metas[key] = content }
                    metaLists[key, default: []].append(content)
                }
            case "link":
                let rel = node.attributes["rel"]?.lowercased().split(separator: " ") ?? []
                if rel.contains("canonical"), let href = node.attributes["href"], canonical == nil { canonical = href.trimmingWhitespace() }
            case "title":
                if title == nil { title = tree.text(of: index) }
            case "script":
                if node.attributes["type"]?.lowercased().trimmingWhitespace() == "application/ld+json" {
                    jsonLD.append(contentsOf: parseJSONLD(tree.text(of: index)))
                }
            default:
                break
            }
        }
        let article = jsonLD.first { Self.types(of: $0).contains(where: Self.articleTypes.contains) }

        metadata.title = Self.string(article?["headline"]) ?? metas["og:title"] ?? metas["twitter:title"] ?? title.map { stripSiteName($0, metas: metas) }
        metadata.description = Self.string(article?["description"]) ?? metas["og:description"] ?? metas["description"] ?? metas["twitter:description"]
        metadata.siteName = metas["og:site_name"] ?? Self.name(of: article?["publisher"]) ?? metas["application-name"]
        metadata.publisher = Self.name(of: article?["publisher"])
        metadata.url = canonical ?? metas["og:url"] ?? Self.string(article?["url"]) ?? Self.id(of: article?["mainEntityOfPage"])
        metadata.section = Self.string(article?["articleSection"]) ?? metas["article:section"]
        var profiles: [String] = []
        if let site = metas["twitter:site"] { profiles.append(site) }
        let publisherNode = article?["publisher"] as? [String: Any]
        let sameAs: [String] = (publisherNode?["sameAs"] as? [Any])?.compactMap { $0 as? String } ?? (publisherNode?["sameAs"] as? String).map { [$0] } ?? []
        profiles += sameAs.map { $0.trimmingWhitespace() }.filter { !$0.isEmpty }
        metadata.socialProfiles = profiles.isEmpty ? nil : Self.unique(profiles)

        var authors = Self.names(article?["author"])
        if authors.isEmpty {
            authors = (metaLists["author"] ?? metaLists["article:author"] ?? metaLists["dc.creator"] ?? [])
                .filter { !$0.hasPrefix("http") }.flatMap(Self.splitNames)
        }
        let byline = bylineText()
        if authors.isEmpty, let byline { authors = Self.splitNames(Self.stripBylinePrefix(byline)) }
        metadata.authors = authors.isEmpty ? nil : Self.unique(authors)
        metadata.byline = byline

        let publishedCandidates: [String?] = [
            Self.string(article?["datePublished"]), metas["article:published_time"], metas["og:published_time"],
            metas["datepublished"], metas["date"], metas["pubdate"], metas["publishdate"], metas["dc.date.issued"],
            metas["dc.date"], metas["dcterms.created"], metas["sailthru.date"], metas["parsely-pub-date"], firstTimeDatetime(junk: junk),
        ]
        for candidate in publishedCandidates.compactMap({ $0 }) {
            if let normalized = ISODate.normalize(candidate) { metadata.published = normalized; break }
            diagnostics.append(("unparsed_date", "the publication date '\(candidate)' is not an ISO 8601 date; ignored"))
        }
        let modified = Self.string(article?["dateModified"]) ?? metas["article:modified_time"] ?? metas["og:updated_time"]
        metadata.modified = modified.flatMap(ISODate.normalize)

        let keywords = Self.keywords(article?["keywords"]) ?? metas["news_keywords"].map(Self.splitKeywords) ?? metas["keywords"].map(Self.splitKeywords)
        let tags = metaLists["article:tag"] ?? []
        let allKeywords = Self.unique((keywords ?? []) + tags)
        metadata.keywords = allKeywords.isEmpty ? nil : allKeywords

        if let lang = htmlLang.flatMap(Language.normalize) {
            metadata.language = lang
            metadata.languageSource = "html"
        } else if let lang = Self.language(of: article?["inLanguage"]).flatMap(Language.normalize) {
            metadata.language = lang
            metadata.languageSource = "json-ld"
        } else if let lang = (metas["og:locale"] ?? metas["content-language"] ?? metas["language"] ?? metas["dc.language"]).flatMap(Language.normalize) {
            metadata.language = lang
            metadata.languageSource = "meta"
        }
        // The body keeps its line breaks: they are its paragraphs.
        articleBody = (article?["articleBody"] as? String).map { $0.trimmingWhitespace() }.flatMap { $0.isEmpty ? nil : $0 }
        return metadata
    }

    private mutating func parseJSONLD(_ text: String) -> [[String: Any]] {
        guard let data = text.data(using: .utf8), !text.isEmpty else { return [] }
        guard let value = try? JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed]) else {
            diagnostics.append(("invalid_json_ld", "a JSON-LD block is not valid JSON; ignored"))
            return []
        }
        var objects: [[String: Any]] = []
        var pending: [Any] = [value]
        while let next = pending.popLast(), objects.count < 200 {
            if let array = next as? [Any] {
                pending.append(contentsOf: array.reversed())
            } else if let object = next as? [String: Any] {
                objects.append(object)
                if let graph = object["@graph"] { pending.append(graph) }
            }
        }
        return objects
    }

    private static func types(of object: [String: Any]) -> [String] {
        if let type = object["@type"] as? String { return [type] }
        return (object["@type"] as? [Any])?.compactMap { $0 as? String } ?? []
    }

    private static func string(_ value: Any?) -> String? {
        if let text = value as? String {
            let trimmed = collapseWhitespace(text)
            return trimmed.isEmpty ? nil : trimmed
        }
        if let array = value as? [Any] { return array.lazy.compactMap { string($0) }.first }
        return nil
    }

    private static func name(of value: Any?) -> String? {
        if let object = value as? [String: Any] { return string(object["name"]) }
        if let array = value as? [Any] { return array.lazy.compactMap { name(of: $0) }.first }
        return string(value)
    }

    private static func id(of value: Any?) -> String? {
        if let object = value as? [String: Any] { return string(object["@id"]) ?? string(object["url"]) }
        return string(value)
    }

    private static func names(_ value: Any?) -> [String] {
        if let array = value as? [Any] { return array.flatMap { names($0) } }
        if let object = value as? [String: Any] { return string(object["name"]).map { [$0] } ?? [] }
        if let text = string(value) { return splitNames(text) }
        return []
    }

    private static func language(of value: Any?) -> String? {
        if let object = value as? [String: Any] { return string(object["alternateName"]) ?? string(object["name"]) }
        return string(value)
    }

    private static func keywords(_ value: Any?) -> [String]? {
        if let array = value as? [Any] { return array.compactMap { string($0) } }
        return string(value).map(splitKeywords)
    }

    private static func splitKeywords(_ text: String) -> [String] {
        text.split(separator: ",").map { collapseWhitespace(String($0)) }.filter { !$0.isEmpty }
    }

    /// Splits "A, B and C" / "A e B" into names.
    static func splitNames(_ text: String) -> [String] {
        var parts = [collapseWhitespace(text)]
        for separator in [",", ";", " and ", " e ", " & ", " und ", " et ", " y "] {
            parts = parts.flatMap { $0.components(separatedBy: separator) }
        }
        return parts.map { collapseWhitespace($0) }.filter { !$0.isEmpty && $0.count <= 80 }
    }

    private static func stripBylinePrefix(_ byline: String) -> String {
        let lowered = byline.lowercased()
        for prefix in ["by ", "di ", "da ", "par ", "von ", "por ", "a cura di "] where lowered.hasPrefix(prefix) {
            return String(byline.dropFirst(prefix.count))
        }
        return byline
    }

    private static func unique(_ values: [String]) -> [String] {
        var seen: Set<String> = []
        return values.filter { seen.insert($0).inserted }
    }

    private func stripSiteName(_ title: String, metas: [String: String]) -> String {
        for separator in [" | ", " - ", " – ", " — ", " :: "] {
            if let range = title.range(of: separator, options: .backwards) {
                let tail = title[range.upperBound...].trimmingCharacters(in: .whitespaces)
                if let site = metas["og:site_name"], tail == site || tail.count <= 30 { return String(title[..<range.lowerBound]) }
            }
        }
        return title
    }

    /// The text of the first byline element (class or rel naming an author) on the page.
    private func bylineText() -> String? {
        for index in tree.nodes.indices where !tree.nodes[index].isText {
            let node = tree.nodes[index]
            let names = ((node.attributes["class"] ?? "") + " " + (node.attributes["id"] ?? "")).lowercased()
            let isByline = names.contains("byline") || node.attributes["rel"] == "author"
                || (node.attributes["itemprop"] == "author" && node.tag != "meta")
            guard isByline, !["meta", "link", "script"].contains(node.tag) else { continue }
            let text = tree.text(of: index)
            if !text.isEmpty && text.count <= 200 { return text }
        }
        return nil
    }

    /// The `<time datetime>` that dates the article: one marked as the publication date, or
    /// one outside running text (a `<time>` inside a paragraph dates an event, not the page).
    private func firstTimeDatetime(junk: [Bool]) -> String? {
        let times = tree.nodes.indices.filter { tree.nodes[$0].tag == "time" && tree.nodes[$0].attributes["datetime"] != nil }
            .filter { !junk[$0] || tree.nodes[$0].attributes["itemprop"] == "datePublished" || tree.nodes[$0].attributes["pubdate"] != nil }
        let marked = times.first { tree.nodes[$0].attributes["itemprop"] == "datePublished" || tree.nodes[$0].attributes["pubdate"] != nil }
        let outsideText = times.first { index in
            let parent = tree.nodes[index].parent
            return parent < 0 || !["p", "li", "td", "blockquote", "figcaption", "span", "em", "strong", "a", "i", "b", "q", "small", "mark"].contains(tree.nodes[parent].tag)
        }
        return (marked ?? outsideText).flatMap { tree.nodes[$0].attributes["datetime"] }
    }
}

/// Normalises language tags to a lowercase primary subtag: `it-IT`, `it_IT` → `it`.
enum Language {
    static func normalize(_ tag: String) -> String? {
        let primary = tag.trimmingWhitespace().lowercased().split(whereSeparator: { $0 == "-" || $0 == "_" }).first.map(String.init) ?? ""
        guard (2...3).contains(primary.count), primary.allSatisfy({ $0.isASCII && $0.isLetter }) else { return nil }
        return primary
    }
}

/// Accepts ISO 8601 dates and date-times, returning them in a normal form.
enum ISODate {
    /// `2017-04-12`, `2017-04-12T15:02:11+01:00`, `2017-04-12 15:02` → ISO 8601; anything else,
    /// including impossible dates (`2017-02-31`) and malformed times (`T25:00`, `T15:xx`), `nil`.
    static func normalize(_ raw: String) -> String? {
        let text = raw.trimmingWhitespace()
        let scalars = Array(text.unicodeScalars)
        func digits(_ range: Range<Int>) -> Int? {
            guard range.upperBound <= scalars.count else { return nil }
            var value = 0
            for index in range {
                let scalar = scalars[index]
                guard scalar.value >= 0x30 && scalar.value <= 0x39 else { return nil }
                value = value * 10 + Int(scalar.value - 0x30)
            }
            return value
        }
        guard scalars.count >= 10, let year = digits(0..<4), scalars[4] == "-", let month = digits(5..<7), scalars[7] == "-",
              let day = digits(8..<10), (1000...9999).contains(year), (1...12).contains(month) else { return nil }
        let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
        let days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1]
        guard (1...days).contains(day) else { return nil }
        if scalars.count == 10 { return text }
        // The time: THH[:MM[:SS[.fff]]][Z|±HH[:]MM], with a space allowed for the T.
        guard scalars[10] == "T" || scalars[10] == " ", let hour = digits(11..<13), hour <= 24 else { return nil }
        var index = 13
        var parts = 1
        // 24 is only allowed as the end of a day: 24:00(:00).
        let isEndOfDay = hour == 24
        while index < scalars.count, scalars[index] == ":", parts < 3 {
            guard let value = digits((index + 1)..<(index + 3)), value < 60 + (parts == 2 ? 1 : 0), !isEndOfDay || value == 0 else { return nil }
            index += 3
            parts += 1
        }
        if index < scalars.count, scalars[index] == "." || scalars[index] == ",", parts == 3 {
            index += 1
            let fractionStart = index
            while index < scalars.count, scalars[index].value >= 0x30 && scalars[index].value <= 0x39 { index += 1 }
            guard index > fractionStart else { return nil }
        }
        if index < scalars.count {
            if scalars[index] == "Z" {
                index += 1
            } else if scalars[index] == "+" || scalars[index] == "-" {
                guard let offsetHours = digits((index + 1)..<(index + 3)), offsetHours <= 14 else { return nil }
                index += 3
                if index < scalars.count, scalars[index] == ":" { index += 1 }
                guard let offsetMinutes = digits(index..<(index + 2)), offsetMinutes < 60 else { return nil }
                index += 2
            }
        }
        guard index == scalars.count else { return nil }
        var normalized = String(String.UnicodeScalarView(scalars[0..<10])) + "T" + String(String.UnicodeScalarView(scalars[11...]))
        if normalized.hasSuffix("T") { normalized.removeLast() }
        return normalized
    }
}
