import NewsAnnotation

/// One block of extracted article text, with inline markup in scalar offsets relative to it.
struct ExtractedBlock {
    var text: String.UnicodeScalarView
    var kind: Block.Kind
    var level: Int?
    var markup: [MarkupElement]
}

/// Finds the article body of a page and turns it into blocks, leaving out navigation, page
/// headers and footers, asides, forms, share bars, cookie banners, related links, comments,
/// advertisements, scripts and styles.
///
/// The body is the page's semantic container (`itemprop="articleBody"`, `<article>`, `<main>`)
/// when it holds the bulk of the text, and otherwise the element with the best paragraph score
/// weighted by link density (the approach of Readability), joined by siblings that score well.
/// Captions are kept apart from the body: they come after it, as `caption` blocks.
struct ArticleExtractor {
    let tree: HTMLTree
    private(set) var junk: [Bool]
    private var textLength: [Int]
    private var linkLength: [Int]
    private var commas: [Int]
    /// Length, link length and commas of the text directly inside an element or inside its
    /// inline descendants, stopping at nested blocks: the text of the paragraph it makes.
    private var inlineLength: [Int]
    private var inlineLinkLength: [Int]
    private var inlineCommas: [Int]

    /// Whole-word class or id tokens that mark page furniture.
    private static let negativeWords: Set<String> = [
        "ad", "ads", "adv", "advert", "adverts", "advertisement", "advertising", "banner", "breadcrumb", "breadcrumbs",
        "comment", "comments", "consent", "cookie", "cookies", "disqus", "footer", "gdpr", "masthead", "menu", "modal",
        "nav", "navbar", "navigation", "newsletter", "outbrain", "pagination", "popup", "promo", "related", "share",
        "sharing", "sidebar", "signup", "social", "sponsor", "sponsored", "subscribe", "subscription", "taboola",
        "toolbar", "trending", "widget", "byline", "dateline", "timestamp", "skip", "popular", "weather", "recommended",
        "recirculation", "rail", "tags", "pullquote", "print", "author", "meta", "date", "mostread",
        "paywall", "overlay", "outbrain", "teaser", "teasers", "more",
    ]

    /// Whole-word class or id tokens of galleries and slideshows: counters, titles, captions and
    /// credits of each slide ("1/50 … GETTY IMAGES"). Such an element is furniture like the
    /// others, and also when it holds most of the paragraphs but the page has a story of its own
    /// outside it (at least `storyOutsideGallery` characters of paragraph text).
    private static let galleryWords: Set<String> = ["gallery", "slideshow", "carousel", "lightbox"]
    private static let storyOutsideGallery = 1500
    /// Below this many characters of body text (headings and captions aside), the body is
    /// taken again with galleries kept.
    static let minimumBodyWithoutGalleries = 200

    /// Tags whose content is never article text.
    private static let junkTags: Set<String> = [
        "script", "style", "noscript", "template", "svg", "annotation", "annotation-xml", "iframe", "object", "embed", "canvas", "form",
        "button", "input", "select", "textarea", "label", "nav", "aside", "footer", "dialog", "menu", "img",
        "video", "audio", "picture", "source", "head", "title", "meta", "link",
    ]

    private static let furnitureRoles: Set<String> = [
        "navigation", "banner", "contentinfo", "complementary", "dialog", "alert", "alertdialog", "search", "menu",
        "menubar", "toolbar", "tablist", "form",
    ]

    /// - Parameter galleriesAreFurniture: Whether galleries and slideshows are junk
    ///   (`galleryWords`); a page whose body is nearly empty without them is read again with
    ///   them kept, as its gallery is the story.
    init(tree: HTMLTree, galleriesAreFurniture: Bool = true) {
        self.tree = tree
        let count = tree.nodes.count
        junk = Array(repeating: false, count: count)
        textLength = Array(repeating: 0, count: count)
        linkLength = Array(repeating: 0, count: count)
        commas = Array(repeating: 0, count: count)
        inlineLength = Array(repeating: 0, count: count)
        inlineLinkLength = Array(repeating: 0, count: count)
        inlineCommas = Array(repeating: 0, count: count)
        computeLengths()
        let rawLength = textLength
        let total = max(rawLength[0], 1)
        // Paragraph text (outside links) in each subtree: a furniture name does not remove
        // an element that holds most of the page's paragraphs, however much menu text the
        // page has elsewhere.
        var paragraphText = Array(repeating: 0, count: count)
        for index in stride(from: count - 1, through: 1, by: -1) {
            // Past the time budget, stop (``WorkBudget``): ingest throws after this step.
            if index & 4095 == 0, WorkBudget.isExhausted { break }
            if isParagraph(index) { paragraphText[index] += inlineLength[index] - inlineLinkLength[index] }
            let parent = tree.nodes[index].parent
            if parent > 0 { paragraphText[parent] += paragraphText[index] }
        }
        let totalParagraphText = paragraphText[tree.nodes.indices.first { tree.nodes[$0].tag == "body" } ?? 0]
        let semantic = Set(tree.nodes.indices.filter { Self.isSemanticBody(tree.nodes[$0]) })
        var containsSemantic = Array(repeating: false, count: count)
        for index in semantic.sorted(by: >) {
            var node = tree.nodes[index].parent
            while node >= 0 && !containsSemantic[node] { containsSemantic[node] = true; node = tree.nodes[node].parent }
        }
        for index in 1..<count {
            if index & 4095 == 0, WorkBudget.isExhausted { break }
            let parent = tree.nodes[index].parent
            if parent >= 0 && junk[parent] { junk[index] = true; continue }
            let node = tree.nodes[index]
            guard !node.isText else { continue }
            // An aside or a footer that holds most of the page's paragraph text is where the
            // page put its story (a slideshow in the side column, a transcript in the footer).
            let holdsStory = (node.tag == "aside" || node.tag == "footer") && paragraphText[index] * 2 > totalParagraphText
            if Self.junkTags.contains(node.tag) && !(node.tag == "footer" && containsSemantic[index]) && !holdsStory {
                junk[index] = true
                continue
            }
            if node.attributes["hidden"] != nil || node.attributes["aria-hidden"] == "true" { junk[index] = true; continue }
            if let style = node.attributes["style"]?.lowercased().filter({ !$0.isWhitespace }),
               style.contains("display:none") || style.contains("visibility:hidden") { junk[index] = true; continue }
            if let role = node.attributes["role"]?.lowercased(), Self.furnitureRoles.contains(role) { junk[index] = true; continue }
            if ["html", "body", "article", "main", "p", "h1", "h2", "h3", "h4", "h5", "h6"].contains(node.tag) { continue }
            if semantic.contains(index) || containsSemantic[index] { continue }
            if Self.hasNegativeName(tree, index, words: Self.negativeWords),
               node.tag == "header" || (rawLength[index] * 2 < total && paragraphText[index] * 2 <= totalParagraphText) {
                junk[index] = true
                continue
            }
            if galleriesAreFurniture, Self.hasNegativeName(tree, index, words: Self.galleryWords),
               (rawLength[index] * 2 < total && paragraphText[index] * 2 <= totalParagraphText)
                || totalParagraphText - paragraphText[index] >= Self.storyOutsideGallery {
                junk[index] = true
                continue
            }
            if node.tag == "header" && !Self.containsHeading(tree, index) { junk[index] = true }
        }
        computeLengths()
    }

    private static func isSemanticBody(_ node: HTMLTree.Node) -> Bool {
        node.tag == "article" || node.tag == "main" || node.attributes["itemprop"] == "articleBody" || node.attributes["role"] == "main"
    }

    private static func containsHeading(_ tree: HTMLTree, _ index: Int) -> Bool {
        (index + 1..<tree.subtreeEnd(of: index)).contains { ["h1", "h2", "h3"].contains(tree.nodes[$0].tag) }
    }

    /// Whether an element's `class` or `id` holds one of `negativeWords`, whole or as two joined
    /// words. An `id` made from the element's own heading (`id="sharing-with-a-single-developer"`
    /// on a section headed "Sharing with a single developer", as Sphinx, Markdown renderers and
    /// wikis write them) names its content, not furniture, and is not read.
    private static func hasNegativeName(_ tree: HTMLTree, _ index: Int, words negativeWords: Set<String>) -> Bool {
        let node = tree.nodes[index]
        var names = node.attributes["class"] ?? ""
        if let id = node.attributes["id"], !isHeadingSlug(tree, index, id: id) { names += " " + id }
        guard names.count > 1 else { return false }
        let words = Self.words(of: names)
        if words.contains(where: { negativeWords.contains($0) }) { return true }
        // Compound names such as "pull-quote", "most-read", "share-bar".
        for (first, second) in zip(words, words.dropFirst()) where negativeWords.contains(first + second) { return true }
        // One-word compounds of a long furniture word and a container word: "relatedposts",
        // "commentlist", "sidebarwidget" (Readability matches such words anywhere in a class).
        return words.contains { word in
            compoundSuffixes.contains { suffix in
                word.hasSuffix(suffix) && negativeWords.contains(String(word.dropLast(suffix.count))) && word.count - suffix.count >= 6
            }
        }
    }

    /// Container words that make a one-word compound with a furniture word of at least six letters.
    private static let compoundSuffixes: [String] = [
        "posts", "post", "links", "link", "stories", "story", "articles", "list", "items", "box", "bar", "block",
        "widget", "widgets", "wrapper", "container", "module", "area", "panel", "section",
    ]

    /// Lowercase runs of letters.
    private static func words(of text: String) -> [String] {
        var word = ""
        var words: [String] = []
        for scalar in text.lowercased().unicodeScalars {
            if scalar.properties.isAlphabetic { word.unicodeScalars.append(scalar) } else if !word.isEmpty { words.append(word); word = "" }
        }
        if !word.isEmpty { words.append(word) }
        return words
    }

    /// Whether `id` spells the words of the element's first heading child (of at least two words).
    private static func isHeadingSlug(_ tree: HTMLTree, _ index: Int, id: String) -> Bool {
        let idWords = words(of: id)
        guard idWords.count >= 2,
              let heading = tree.children(of: index).first(where: { ["h1", "h2", "h3", "h4", "h5", "h6"].contains(tree.nodes[$0].tag) })
        else { return false }
        return words(of: tree.text(of: heading)) == idWords
    }

    /// Text and link-text lengths (non-space scalars) of every subtree, leaving out junk.
    private mutating func computeLengths() {
        let count = tree.nodes.count
        var inLink = Array(repeating: false, count: count)
        for index in 1..<count {
            let parent = tree.nodes[index].parent
            inLink[index] = (parent >= 0 && inLink[parent]) || tree.nodes[index].tag == "a"
        }
        textLength = Array(repeating: 0, count: count)
        linkLength = Array(repeating: 0, count: count)
        commas = Array(repeating: 0, count: count)
        inlineLength = Array(repeating: 0, count: count)
        inlineLinkLength = Array(repeating: 0, count: count)
        inlineCommas = Array(repeating: 0, count: count)
        for index in stride(from: count - 1, through: 1, by: -1) where !junk[index] {
            // Past the time budget, stop (``WorkBudget``): ingest throws after this step.
            if index & 4095 == 0, WorkBudget.isExhausted { break }
            let node = tree.nodes[index]
            let parent = node.parent
            // Scripts and style sheets are never text, even before junk is marked (JSON-LD
            // would otherwise count as page text).
            if node.isText, parent > 0, Self.nonTextTags.contains(tree.nodes[parent].tag) { continue }
            if node.isText {
                // Scalars that are not ASCII whitespace, counted on the UTF-8 bytes.
                var length = 0
                var commaCount = 0
                for byte in node.text.utf8 where byte & 0xC0 != 0x80 {
                    switch byte {
                    case 0x20, 0x09, 0x0A, 0x0D, 0x0C: break
                    case UInt8(ascii: ","): length += 1; commaCount += 1
                    default: length += 1
                    }
                }
                textLength[index] = length
                commas[index] = commaCount
                if inLink[index] { linkLength[index] = length }
            }
            if parent >= 0 {
                textLength[parent] += textLength[index]
                linkLength[parent] += linkLength[index]
                commas[parent] += commas[index]
                if node.isText {
                    inlineLength[parent] += textLength[index]
                    inlineLinkLength[parent] += linkLength[index]
                    inlineCommas[parent] += commas[index]
                } else if !Self.blockTags.contains(node.tag) && !Self.junkTags.contains(node.tag) {
                    inlineLength[parent] += inlineLength[index]
                    inlineLinkLength[parent] += inlineLinkLength[index]
                    inlineCommas[parent] += inlineCommas[index]
                }
            }
        }
    }

    private static let ancestorDividers: [Double] = [1, 2, 6, 9, 12]

    private static let nonTextTags: Set<String> = ["script", "style", "noscript", "template"]

    /// Elements that are paragraphs themselves (`p`, `pre`, `td`).
    private static let paragraphTags: Set<String> = ["p", "pre", "td"]
    /// Blocks whose own inline text makes a paragraph inside them, as text written straight
    /// into a `<div>` between `<br>`s does.
    private static let textContainerTags: Set<String> = ["div", "section", "article", "main", "center", "blockquote", "body", "font"]

    private func hasBlockChild(_ index: Int) -> Bool {
        var child = tree.nodes[index].firstChild
        while child >= 0 {
            if Self.blockTags.contains(tree.nodes[child].tag) { return true }
            child = tree.nodes[child].nextSibling
        }
        return false
    }

    /// Whether an element holds a paragraph of text of its own (at least 25 characters
    /// outside nested blocks).
    private func isParagraph(_ index: Int) -> Bool {
        let tag = tree.nodes[index].tag
        guard inlineLength[index] >= 25 else { return false }
        return Self.paragraphTags.contains(tag) || Self.textContainerTags.contains(tag)
    }

    private func linkDensity(_ index: Int) -> Double {
        textLength[index] == 0 ? 0 : Double(linkLength[index]) / Double(textLength[index])
    }

    /// The nodes whose subtrees make up the article body, in document order.
    func bodyRegion() -> [Int] {
        let count = tree.nodes.count
        var score = Array(repeating: 0.0, count: count)
        var best = -1
        // A paragraph scores its parent in full, its grandparent half, and three more
        // ancestors a sixth, a ninth and a twelfth, as in Readability. A `<div>` with only
        // inline content is a paragraph itself; text written into a `<div>` between blocks is
        // a paragraph inside that div, so the div is its parent.
        for index in 1..<count where !junk[index] && isParagraph(index) {
            // Past the time budget, stop (``WorkBudget``): ingest throws after this step.
            if index & 4095 == 0, WorkBudget.isExhausted { break }
            let value = 1.0 + Double(inlineCommas[index]) + min(Double(inlineLength[index]) / 100.0, 3.0)
            let isWholeParagraph = Self.paragraphTags.contains(tree.nodes[index].tag) || !hasBlockChild(index)
            var ancestor = isWholeParagraph ? tree.nodes[index].parent : index
            for level in 0..<5 where ancestor > 0 {
                score[ancestor] += value / Self.ancestorDividers[level]
                ancestor = tree.nodes[ancestor].parent
            }
        }
        var bestScore = 0.0
        for index in 1..<count where score[index] > 0 {
            score[index] *= 1 - linkDensity(index)
            if score[index] > bestScore { bestScore = score[index]; best = index }
        }

        func ownText(_ index: Int) -> Int { textLength[index] - linkLength[index] }
        let semantic = (1..<count).filter { !junk[$0] && Self.isSemanticBody(tree.nodes[$0]) }
        if let articleBody = semantic.filter({ tree.nodes[$0].attributes["itemprop"] == "articleBody" }).max(by: { ownText($0) < ownText($1) }),
           ownText(articleBody) >= 100 {
            return [articleBody]
        }
        let articles = semantic.filter { tree.nodes[$0].tag == "article" }
        let mains = semantic.filter { tree.nodes[$0].tag != "article" }
        for candidates in [articles, mains] {
            guard let chosen = candidates.max(by: { ownText($0) < ownText($1) }), ownText(chosen) > 0 else { continue }
            // Of several <article>s (a list of teasers), only one that holds the best
            // paragraphs is the story.
            let isOnly = candidates.count == 1 || candidates.allSatisfy { $0 == chosen || isAncestor(chosen, of: $0) }
            if best < 0 || isAncestor(chosen, of: best) || (isOnly && Double(ownText(chosen)) >= 0.6 * Double(ownText(best))) {
                return [chosen]
            }
        }
        guard best > 0 else {
            let body = tree.elements(named: "body").first ?? 0
            return [body]
        }
        best = refinedCandidate(best, scores: score)
        let threshold = max(10, max(bestScore, score[best]) * 0.2)
        // A story in repeated containers (steps, slides, text blocks between ad slots) that
        // share the class of the best element or of one of its three nearest ancestors: every
        // such sibling with few links belongs to it, when one of them has a paragraph of its
        // own (Readability gives siblings of the same class a bonus; here the class is enough).
        var level = best
        for _ in 0..<4 {
            guard level > 0, tree.nodes[level].tag != "body", !junk[level] else { break }
            if let className = tree.nodes[level].attributes["class"], !className.isEmpty {
                let parent = tree.nodes[level].parent
                let twins = parent < 0 ? [] : tree.children(of: parent).filter { sibling in
                    sibling != level && !junk[sibling] && tree.nodes[sibling].attributes["class"] == className
                        && textLength[sibling] > 0 && linkDensity(sibling) < 0.3
                }
                // One of them with a paragraph of its own: a short step ("Measure the cloche.")
                // goes with the others.
                if twins.contains(where: hasParagraphText) {
                    return tree.children(of: parent).filter { sibling in
                        if sibling == level || twins.contains(sibling) { return true }
                        if junk[sibling] { return false }
                        return score[sibling] >= threshold && linkDensity(sibling) < 0.3
                    }
                }
            }
            level = tree.nodes[level].parent
        }
        let parent = tree.nodes[best].parent
        guard parent >= 0 else { return [best] }
        return tree.children(of: parent).filter { sibling in
            if sibling == best { return true }
            if junk[sibling] { return false }
            if score[sibling] >= threshold { return true }
            return tree.nodes[sibling].tag == "p" && textLength[sibling] >= 80 && linkDensity(sibling) < 0.25
        }
    }

    /// Whether a subtree holds a paragraph (of at least 25 characters) outside junk.
    private func hasParagraphText(_ index: Int) -> Bool {
        (index..<tree.subtreeEnd(of: index)).contains { !junk[$0] && isParagraph($0) }
    }

    /// Moves the best-scoring element up to the container of the whole story, as
    /// Readability does: to the nearest ancestor that holds at least three of the other
    /// top-five elements scoring at least 75 % of the best (a story split into blocks between
    /// ad slots); then up while an ancestor scores more, stopping when one scores less than a
    /// third; then past ancestors of which it is the only element child.
    private func refinedCandidate(_ start: Int, scores: [Double]) -> Int {
        var best = start
        let bestScore = scores[best]
        let top = scores.indices.filter { scores[$0] > 0 }.sorted { scores[$0] > scores[$1] }.prefix(5)
        let alternatives = top.filter { $0 != best && scores[$0] >= 0.75 * bestScore }
        if alternatives.count >= 3 {
            var ancestor = tree.nodes[best].parent
            while ancestor > 0 && tree.nodes[ancestor].tag != "body" {
                if alternatives.filter({ isAncestor(ancestor, of: $0) }).count >= 3 { best = ancestor; break }
                ancestor = tree.nodes[ancestor].parent
            }
        }
        var lastScore = scores[best]
        let floor = lastScore / 3
        var parent = tree.nodes[best].parent
        while parent > 0 && tree.nodes[parent].tag != "body" && !junk[parent] {
            if scores[parent] > 0 {
                if scores[parent] < floor { break }
                if scores[parent] > lastScore { best = parent; break }
                lastScore = scores[parent]
            }
            parent = tree.nodes[parent].parent
        }
        while true {
            let parent = tree.nodes[best].parent
            guard parent > 0, tree.nodes[parent].tag != "body", !junk[parent] else { break }
            let elementChildren = tree.children(of: parent).filter { !tree.nodes[$0].isText }
            guard elementChildren == [best] else { break }
            best = parent
        }
        return best
    }

    private func isAncestor(_ ancestor: Int, of node: Int) -> Bool {
        var current = node
        while current >= 0 {
            if current == ancestor { return true }
            current = tree.nodes[current].parent
        }
        return false
    }

    /// Whether a subtree inside the region is a link list (related links, tag clouds).
    private func isLinkList(_ index: Int) -> Bool {
        let tag = tree.nodes[index].tag
        guard ["ul", "ol", "div", "section", "table", "dl"].contains(tag), textLength[index] > 0 else { return false }
        return linkDensity(index) > 0.5
    }

    // MARK: Walking the body

    private static let blockTags: Set<String> = [
        "p", "div", "section", "article", "main", "header", "footer", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol",
        "dl", "dt", "dd", "blockquote", "pre", "figure", "figcaption", "table", "tr", "td", "th", "tbody", "thead",
        "tfoot", "caption", "address", "center", "hr", "fieldset", "details", "summary", "body", "html", "hgroup",
    ]

    private static let inlineMarkup: [String: MarkupElement.Kind] = [
        "a": .link, "q": .inlineQuote, "time": .time, "em": .emphasis, "i": .emphasis, "strong": .strong, "b": .strong,
        "abbr": .abbreviation, "cite": .citation,
    ]

    /// Extracts the blocks of the body region; captions come last.
    func extract() -> [ExtractedBlock] {
        let region = bodyRegion()
        var builder = BlockBuilder()
        // A headline outside the region (in the article's or the page's header) still heads it.
        if let first = region.first, first > 1, !region.contains(where: { root in (root..<tree.subtreeEnd(of: root)).contains { tree.nodes[$0].tag == "h1" } }),
           let headline = (1..<first).last(where: { tree.nodes[$0].tag == "h1" && !junk[$0] }) {
            builder.enterBlock(kind: .heading, level: 1)
            builder.appendText(tree.text(of: headline), preformatted: false)
            builder.exitBlock()
        }
        for root in region { walk(root, into: &builder) }
        // Captions of the article's pictures that lie outside the region.
        if let first = region.first, let article = ancestor(of: first, tagged: "article") {
            for index in (article + 1)..<tree.subtreeEnd(of: article) where tree.nodes[index].tag == "figcaption" && !junk[index] {
                guard !region.contains(where: { isAncestor($0, of: index) }) else { continue }
                walk(index, into: &builder)
            }
        }
        builder.flush()
        let body = builder.blocks.filter { $0.kind != .caption }
        let captions = builder.blocks.filter { $0.kind == .caption }
        return body + captions
    }

    private func ancestor(of index: Int, tagged tag: String) -> Int? {
        var current = index
        while current >= 0 {
            if tree.nodes[current].tag == tag { return current }
            current = tree.nodes[current].parent
        }
        return nil
    }

    private func walk(_ root: Int, into builder: inout BlockBuilder) {
        var stack: [(index: Int, exiting: Bool)] = [(root, false)]
        var headerDepth = 0
        var steps = 0
        while let (index, exiting) = stack.popLast() {
            // Past the time budget, stop (``WorkBudget``): ingest throws after this step.
            steps &+= 1
            if steps & 4095 == 0, WorkBudget.isExhausted { break }
            let node = tree.nodes[index]
            if exiting {
                if node.tag == "header" { headerDepth -= 1 }
                if Self.blockTags.contains(node.tag) { builder.exitBlock() }
                if Self.inlineMarkup[node.tag] != nil { builder.closeMarkup() }
                continue
            }
            if junk[index] || (index != root && isLinkList(index)) { continue }
            if node.isText {
                if headerDepth == 0 || builder.currentKind == .heading {
                    builder.appendText(node.text, preformatted: builder.isPreformatted)
                }
                continue
            }
            switch node.tag {
            case "br": builder.appendLineBreak(); continue
            case "math" where !hasMathTokenText(index):
                // A formula with no presentation text reads as its alternative text, if any.
                if let alternative = node.attributes["alttext"] { builder.appendText(" \(alternative) ", preformatted: false) }
                continue
            case _ where Self.mathTokens.contains(node.tag):
                // Each token of a formula is a word: "a ≠ 0", not "a≠0".
                builder.appendText(" ", preformatted: false)
                builder.appendText(tree.text(of: index), preformatted: false)
                builder.appendText(" ", preformatted: false)
                continue
            case "time" where !builder.hasOpenBlockText && !builder.isInTextBlock: continue
            default: break
            }
            if node.tag == "header" { headerDepth += 1 }
            if Self.blockTags.contains(node.tag) {
                let (kind, level) = Self.blockKind(node.tag)
                builder.enterBlock(kind: kind, level: level)
            }
            if let kind = Self.inlineMarkup[node.tag] {
                var element = MarkupElement(span: TextSpan(start: 0, end: 0), kind: kind)
                switch kind {
                case .link: element.href = node.attributes["href"]
                case .time: element.datetime = node.attributes["datetime"]
                case .inlineQuote: element.cite = node.attributes["cite"]
                case .abbreviation: element.title = node.attributes["title"]
                default: break
                }
                builder.openMarkup(element)
            }
            stack.append((index, true))
            // Children are pushed last-first so they pop in document order.
            for child in tree.children(of: index).reversed() { stack.append((child, false)) }
        }
    }

    /// MathML token elements: identifiers, numbers, operators, text and string literals.
    private static let mathTokens: Set<String> = ["mi", "mn", "mo", "mtext", "ms"]

    /// Whether a `math` element shows presentation text (outside its annotations).
    private func hasMathTokenText(_ index: Int) -> Bool {
        (index + 1..<tree.subtreeEnd(of: index)).contains { !junk[$0] && Self.mathTokens.contains(tree.nodes[$0].tag) && textLength[$0] > 0 }
    }

    /// The block kind a tag gives (`nil` kind: inherit the enclosing block's kind).
    private static func blockKind(_ tag: String) -> (Block.Kind?, Int?) {
        switch tag {
        case "h1", "h2", "h3", "h4", "h5", "h6": (.heading, Int(String(tag.dropFirst())))
        case "li", "dt", "dd": (.listItem, nil)
        case "blockquote": (.blockquote, nil)
        case "figcaption", "caption": (.caption, nil)
        case "pre": (.preformatted, nil)
        default: (nil, nil)
        }
    }
}

/// Accumulates blocks of text while the body is walked: collapses whitespace, keeps inline
/// markup offsets exact, and starts a new block at every block boundary.
struct BlockBuilder {
    private(set) var blocks: [ExtractedBlock] = []
    private var buffer = String.UnicodeScalarView()
    private var length = 0
    private var pendingSpace = false
    private var contexts: [(kind: Block.Kind, level: Int?)] = []
    /// Open inline elements; `start` is set when their first visible character arrives.
    private var openMarkups: [(element: MarkupElement, start: Int?)] = []
    private var finishedMarkups: [MarkupElement] = []

    var currentKind: Block.Kind { contexts.last?.kind ?? .paragraph }
    var isPreformatted: Bool { contexts.contains { $0.kind == .preformatted } }
    var hasOpenBlockText: Bool { length > 0 }
    var isInTextBlock: Bool { !contexts.isEmpty }

    mutating func enterBlock(kind: Block.Kind?, level: Int?) {
        flush()
        // A paragraph inside a quotation or a list item keeps the stronger kind.
        let inherited = contexts.last
        if let kind, inherited == nil || ![.blockquote, .caption, .listItem, .preformatted].contains(inherited?.kind) || kind == .heading {
            contexts.append((kind, level))
        } else {
            contexts.append(inherited ?? (.paragraph, nil))
        }
    }

    mutating func exitBlock() {
        flush()
        _ = contexts.popLast()
    }

    mutating func appendText(_ text: String, preformatted: Bool) {
        for scalar in text.unicodeScalars {
            if preformatted {
                if scalar == "\r" { continue }
                startOpenMarkups()
                append(scalar)
            } else if scalar == " " || scalar == "\n" || scalar == "\t" || scalar == "\r" || scalar == "\u{0C}" {
                pendingSpace = length > 0
            } else {
                if pendingSpace { append(" ") }
                pendingSpace = false
                startOpenMarkups()
                append(scalar)
            }
        }
    }

    private mutating func startOpenMarkups() {
        for index in openMarkups.indices where openMarkups[index].start == nil { openMarkups[index].start = length }
    }

    mutating func appendLineBreak() {
        guard length > 0 else { return }
        append("\n")
        pendingSpace = false
    }

    private mutating func append(_ scalar: Unicode.Scalar) {
        buffer.append(scalar)
        length += 1
    }

    mutating func openMarkup(_ element: MarkupElement) {
        openMarkups.append((element, nil))
    }

    mutating func closeMarkup() {
        guard let (element, start) = openMarkups.popLast(), let start else { return }
        record(element, start: start, end: length)
    }

    private mutating func record(_ element: MarkupElement, start: Int, end: Int) {
        guard end > start, start >= 0 else { return }
        var element = element
        element.start = start
        element.end = end
        finishedMarkups.append(element)
    }

    /// Ends the current block; markup still open continues at the start of the next one.
    mutating func flush() {
        pendingSpace = false
        while let last = buffer.last, last == "\n" || last == " " {
            buffer.removeLast()
            length -= 1
        }
        if length > 0 {
            for index in openMarkups.indices {
                if let start = openMarkups[index].start { record(openMarkups[index].element, start: start, end: length) }
                openMarkups[index].start = nil
            }
            let markup = finishedMarkups.map { element -> MarkupElement in
                var clamped = element
                clamped.end = min(clamped.end, length)
                return clamped
            }.filter { $0.end > $0.start }
            let context = contexts.last ?? (.paragraph, nil)
            blocks.append(ExtractedBlock(text: buffer, kind: context.kind, level: context.kind == .heading ? context.level : nil, markup: markup))
        } else {
            for index in openMarkups.indices { openMarkups[index].start = nil }
        }
        buffer = String.UnicodeScalarView()
        length = 0
        finishedMarkups = []
    }
}
