/// A Swift copy of the parts of an HTML tree that extraction needs. libxml2's tree is freed
/// as soon as this copy exists, so no C pointer outlives the parse.
///
/// Nodes live in one array in document order (a parent comes before its descendants), linked
/// by indices; every walk over it is iterative, so a page nested 10,000 deep cannot exhaust
/// the stack.
struct HTMLTree {
    struct Node {
        /// Lowercase tag name; empty for text nodes.
        var tag: String
        /// The text of a text node.
        var text: String = ""
        /// The attributes extraction uses, lowercase names.
        var attributes: [String: String] = [:]
        var parent: Int
        var firstChild: Int = -1
        var lastChild: Int = -1
        var nextSibling: Int = -1

        var isText: Bool { tag.isEmpty }

        func attribute(_ name: String) -> String? { attributes[name] }
    }

    /// Node 0 is the document itself.
    var nodes: [Node] = [Node(tag: "#document", parent: -1)]

    @discardableResult
    mutating func append(_ node: Node) -> Int {
        let index = nodes.count
        nodes.append(node)
        let parent = node.parent
        if parent >= 0 {
            if nodes[parent].lastChild >= 0 {
                nodes[nodes[parent].lastChild].nextSibling = index
            } else {
                nodes[parent].firstChild = index
            }
            nodes[parent].lastChild = index
        }
        return index
    }

    /// The children of `index`, in order.
    func children(of index: Int) -> [Int] {
        var result: [Int] = []
        var child = nodes[index].firstChild
        while child >= 0 {
            result.append(child)
            child = nodes[child].nextSibling
        }
        return result
    }

    /// The index one past the last descendant of `index` (descendants are contiguous).
    func subtreeEnd(of index: Int) -> Int {
        var node = index
        while node >= 0 {
            if nodes[node].nextSibling >= 0 { return nodes[node].nextSibling }
            node = nodes[node].parent
        }
        return nodes.count
    }

    /// Every element with this tag, in document order.
    func elements(named tag: String) -> [Int] {
        nodes.indices.filter { nodes[$0].tag == tag }
    }

    /// The text of a subtree, whitespace collapsed, skipping `skip` subtrees.
    func text(of index: Int, skipping skip: (Int) -> Bool = { _ in false }) -> String {
        var pieces: [String] = []
        var position = index + 1
        let end = subtreeEnd(of: index)
        while position < end {
            if skip(position) { position = subtreeEnd(of: position); continue }
            if nodes[position].isText { pieces.append(nodes[position].text) }
            position += 1
        }
        if nodes[index].isText { pieces.append(nodes[index].text) }
        return collapseWhitespace(pieces.joined())
    }
}

/// Collapses runs of HTML whitespace into one space and trims both ends.
func collapseWhitespace(_ text: String) -> String {
    var result = String.UnicodeScalarView()
    var pendingSpace = false
    for scalar in text.unicodeScalars {
        if scalar == " " || scalar == "\n" || scalar == "\t" || scalar == "\r" || scalar == "\u{0C}" {
            pendingSpace = !result.isEmpty
        } else {
            if pendingSpace { result.append(" ") }
            pendingSpace = false
            result.append(scalar)
        }
    }
    return String(result)
}
