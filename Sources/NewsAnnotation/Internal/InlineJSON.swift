/// A value written as one flat JSON object straight into bytes, skipping the ``JSONNode``
/// tree. Layers of tokens or sentences hold hundreds of thousands of such objects; building a
/// node per field would cost hundreds of bytes each.
protocol InlineJSONEncodable {
    func writeInline(_ writer: inout InlineObjectWriter)
}

/// Writes the fields of one flat object, in order, in the pretty or compact style.
struct InlineObjectWriter {
    let pretty: Bool
    var bytes: [UInt8]
    private var isFirst = true

    init(pretty: Bool, bytes: [UInt8]) {
        self.pretty = pretty
        self.bytes = bytes
    }

    mutating func begin() {
        bytes.append(UInt8(ascii: "{"))
        isFirst = true
    }

    mutating func end() { bytes.append(UInt8(ascii: "}")) }

    private mutating func key(_ name: StaticString) {
        if !isFirst {
            bytes.append(UInt8(ascii: ","))
            if pretty { bytes.append(UInt8(ascii: " ")) }
        }
        isFirst = false
        bytes.append(UInt8(ascii: "\""))
        name.withUTF8Buffer { bytes.append(contentsOf: $0) }
        bytes.append(UInt8(ascii: "\""))
        bytes.append(UInt8(ascii: ":"))
        if pretty { bytes.append(UInt8(ascii: " ")) }
    }

    mutating func field(_ name: StaticString, _ value: Int) {
        key(name)
        bytes.append(contentsOf: String(value).utf8)
    }

    mutating func field(_ name: StaticString, _ value: Int?) {
        if let value { field(name, value) }
    }

    mutating func field(_ name: StaticString, _ value: String?) {
        guard let value else { return }
        key(name)
        JSONWriter.appendString(value, to: &bytes)
    }
}

/// Arrays whose elements write themselves inline.
protocol InlineJSONArray {
    /// The rendered elements in one buffer, and where each ends.
    func renderInline(pretty: Bool) -> (bytes: [UInt8], ends: [Int])
}

extension Array: InlineJSONArray where Element: InlineJSONEncodable {
    func renderInline(pretty: Bool) -> (bytes: [UInt8], ends: [Int]) {
        var writer = InlineObjectWriter(pretty: pretty, bytes: [])
        writer.bytes.reserveCapacity(count * 40)
        var ends: [Int] = []
        ends.reserveCapacity(count)
        for element in self {
            element.writeInline(&writer)
            ends.append(writer.bytes.count)
        }
        return (writer.bytes, ends)
    }
}

extension Token: InlineJSONEncodable {
    func writeInline(_ writer: inout InlineObjectWriter) {
        writer.begin()
        writer.field("start", start)
        writer.field("end", end)
        writer.field("kind", kind.rawValue)
        writer.end()
    }
}

extension Sentence: InlineJSONEncodable {
    func writeInline(_ writer: inout InlineObjectWriter) {
        writer.begin()
        writer.field("start", start)
        writer.field("end", end)
        writer.end()
    }
}

extension Block: InlineJSONEncodable {
    func writeInline(_ writer: inout InlineObjectWriter) {
        writer.begin()
        writer.field("start", start)
        writer.field("end", end)
        writer.field("kind", kind.rawValue)
        writer.field("level", level)
        writer.end()
    }
}

extension MarkupElement: InlineJSONEncodable {
    func writeInline(_ writer: inout InlineObjectWriter) {
        writer.begin()
        writer.field("start", start)
        writer.field("end", end)
        writer.field("kind", kind.rawValue)
        writer.field("href", href)
        writer.field("datetime", datetime)
        writer.field("title", title)
        writer.field("cite", cite)
        writer.end()
    }
}
