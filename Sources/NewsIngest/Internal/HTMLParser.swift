internal import CLibXML2
import NewsAnnotation

/// Parses HTML with libxml2 and copies the tree into an ``HTMLTree``.
///
/// Each parse has its own parser context; the network is off (`HTML_PARSE_NONET`), errors are
/// not printed, broken markup is recovered, and the input is always UTF-8 with an explicit
/// length (`HTML_PARSE_IGNORE_ENC` stops a `<meta charset>` from re-decoding text that was
/// already transcoded). The "huge" option stays off, so libxml2's limits on untrusted input
/// apply. The C tree is freed before this returns.
enum HTMLParser {
    struct Result {
        var tree: HTMLTree
        /// libxml2's last error message when the markup was not well-formed.
        var recoveredError: String?
        /// Whether wrapper elements were removed because the page nested deeper than libxml2
        /// parses without its "huge" option.
        var wasFlattened = false
        /// Whether the page had more nodes than the budget and was cut.
        var wasTruncated = false
        var hitDepthLimit = false
    }

    /// Parses a page; when it nests too deep for libxml2's default limits, parses it again
    /// with its wrapper elements removed, so the text survives without lifting the limits.
    ///
    /// The content of scripts, style sheets, templates, `noscript` and `svg` is emptied first
    /// (``MarkupPrepass/neutralizingRawText(_:)``): libxml2 2.9 ends a script at the wrong
    /// place or misnests what follows when the script holds strings such as `"</div>"`.
    static func parseRecovering(utf8 bytes: [UInt8], maxNodes: Int) -> Result {
        let cleaned = MarkupPrepass.neutralizingRawText(MarkupPrepass.removingInternalSubset(bytes))
        // Past the document's time budget, nothing more is parsed; ingest then throws.
        if WorkBudget.isExhausted { return Result(tree: HTMLTree()) }
        let first = parse(utf8: cleaned, maxNodes: maxNodes)
        guard first.hitDepthLimit, !WorkBudget.isExhausted else { return first }
        var second = parse(utf8: MarkupPrepass.removingWrapperTags(cleaned), maxNodes: maxNodes)
        second.wasFlattened = true
        return second
    }

    /// libxml2 must be initialised once per process, before any parse on any thread.
    private static let initialized: Bool = {
        xmlInitParser()
        return true
    }()

    /// Attributes extraction reads; everything else is dropped while copying.
    private static let keptAttributes: Set<String> = [
        "id", "class", "role", "href", "datetime", "itemprop", "itemtype", "content", "name", "property",
        "rel", "lang", "hidden", "aria-hidden", "type", "style", "cite", "title", "charset", "http-equiv", "pubdate",
        "alttext",
    ]

    /// Elements whose content is never text of the page.
    private static let opaqueElements: Set<String> = ["style", "svg", "template", "iframe", "object", "canvas", "video", "audio", "map"]

    static func parse(utf8 bytes: [UInt8], maxNodes: Int = 2_000_000) -> Result {
        _ = initialized
        guard !bytes.isEmpty, let context = htmlNewParserCtxt() else {
            return Result(tree: HTMLTree(), recoveredError: bytes.isEmpty ? nil : "libxml2 could not allocate a parser")
        }
        defer { htmlFreeParserCtxt(context) }
        let options = Int32(bitPattern:
            HTML_PARSE_RECOVER.rawValue | HTML_PARSE_NOERROR.rawValue | HTML_PARSE_NOWARNING.rawValue
            | HTML_PARSE_NONET.rawValue | HTML_PARSE_COMPACT.rawValue | HTML_PARSE_IGNORE_ENC.rawValue)
        // The parse checks the time budget from inside libxml2 (``BudgetedSAX``).
        let state = UnsafeMutablePointer<BudgetedSAX.State>.allocate(capacity: 1)
        state.initialize(to: BudgetedSAX.State())
        defer { state.deallocate() }
        BudgetedSAX.install(on: context, state: state)
        let document = bytes.withUnsafeBufferPointer { buffer in
            buffer.withMemoryRebound(to: CChar.self) { chars in
                htmlCtxtReadMemory(context, chars.baseAddress, Int32(clamping: chars.count), nil, "UTF-8", options)
            }
        }
        if state.pointee.isStopped {
            if let document { xmlFreeDoc(document) }
            return Result(tree: HTMLTree())
        }
        var recoveredError: String?
        var hitDepthLimit = false
        if context.pointee.wellFormed == 0 || document == nil {
            if let error = xmlCtxtGetLastError(context), let message = error.pointee.message {
                let text = collapseWhitespace(String(cString: message))
                // libxml2 2.9 does not know HTML5 elements (article, figcaption…) and reports
                // each as an invalid tag; that is not broken markup.
                if !(error.pointee.code == Int32(XML_HTML_UNKNOWN_TAG.rawValue)) { recoveredError = text }
                hitDepthLimit = text.contains("Excessive depth")
            } else {
                recoveredError = "malformed markup"
            }
        }
        guard let document else { return Result(tree: HTMLTree(), recoveredError: recoveredError, hitDepthLimit: hitDepthLimit) }
        defer { xmlFreeDoc(document) }
        let (tree, truncated) = copy(document, maxNodes: maxNodes)
        return Result(tree: tree, recoveredError: recoveredError, wasTruncated: truncated, hitDepthLimit: hitDepthLimit)
    }

    /// Copies the libxml2 tree without recursion.
    private static func copy(_ document: htmlDocPtr, maxNodes: Int) -> (HTMLTree, Bool) {
        var tree = HTMLTree()
        var stack: [(node: xmlNodePtr, arenaParent: Int)] = []
        var current = document.pointee.children
        var parent = 0
        var steps = 0
        while true {
            if tree.nodes.count >= maxNodes { return (tree, true) }
            // Past the time budget, stop copying (``WorkBudget``); ingest then throws.
            steps &+= 1
            if steps & 4095 == 0, WorkBudget.isExhausted { return (tree, false) }
            guard let node = current else {
                guard let (finished, arenaParent) = stack.popLast() else { break }
                parent = arenaParent
                current = finished.pointee.next
                continue
            }
            switch node.pointee.type {
            case XML_ELEMENT_NODE:
                let tag = node.pointee.name.map { String(cString: $0).lowercased() } ?? ""
                var element = HTMLTree.Node(tag: tag, parent: parent)
                element.attributes = attributes(of: node, in: document)
                let index = tree.append(element)
                if node.pointee.children != nil && !opaqueElements.contains(tag) {
                    stack.append((node, parent))
                    parent = index
                    current = node.pointee.children
                    continue
                }
            case XML_TEXT_NODE, XML_CDATA_SECTION_NODE:
                if let content = node.pointee.content {
                    tree.append(HTMLTree.Node(tag: "", text: String(cString: content), parent: parent))
                }
            default:
                break
            }
            current = node.pointee.next
        }
        return (tree, false)
    }

    private static func attributes(of node: xmlNodePtr, in document: htmlDocPtr) -> [String: String] {
        var result: [String: String] = [:]
        var attribute = node.pointee.properties
        while let current = attribute {
            defer { attribute = current.pointee.next }
            guard let rawName = current.pointee.name else { continue }
            let name = String(cString: rawName).lowercased()
            guard keptAttributes.contains(name) else { continue }
            if let value = xmlNodeListGetString(document, current.pointee.children, 1) {
                result[name] = String(cString: value)
                clibxml2_free(value)
            } else {
                result[name] = ""
            }
        }
        return result
    }
}

/// SAX callbacks that check the document's time budget (``WorkBudget``) while libxml2 parses:
/// every 4,096 elements and runs of text, and when the budget has run out (or a stop was
/// requested) they stop the parser (`xmlStopParser`). libxml2 takes about 60 ms per MB, so a
/// 50 MB page would otherwise hold its document seconds past its budget. The callbacks are
/// libxml2's own (`xmlSAX2StartElement`, `xmlSAX2Characters`) plus the check, so the tree
/// is the same as without them.
enum BudgetedSAX {
    /// Per parse, behind the parser context's `_private` pointer.
    struct State {
        var steps = 0
        var isStopped = false
    }

    static func install(on context: htmlParserCtxtPtr, state: UnsafeMutablePointer<State>) {
        context.pointee._private = UnsafeMutableRawPointer(state)
        guard let handler = context.pointee.sax else { return }
        handler.pointee.startElement = { context, name, attributes in
            xmlSAX2StartElement(context, name, attributes)
            BudgetedSAX.step(context)
        }
        handler.pointee.characters = { context, text, length in
            xmlSAX2Characters(context, text, length)
            BudgetedSAX.step(context)
        }
    }

    static func step(_ context: UnsafeMutableRawPointer?) {
        guard let parser = context?.assumingMemoryBound(to: xmlParserCtxt.self),
              let state = parser.pointee._private?.assumingMemoryBound(to: State.self) else { return }
        state.pointee.steps &+= 1
        guard state.pointee.steps & 4095 == 0, !state.pointee.isStopped, WorkBudget.isExhausted else { return }
        state.pointee.isStopped = true
        xmlStopParser(parser)
    }
}
