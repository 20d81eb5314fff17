/// One article: an immutable text, what is known about it, and stand-off annotation layers
/// over the text.
///
/// The text never changes once the document exists; stages add layers, never edit the text.
/// Every span in every layer counts Unicode scalars (code points) with an exclusive end.
public struct Document: Sendable {
    /// A stable identifier, by default the input's file name without its final extension.
    public let id: String
    /// The text with its scalar index.
    public let content: DocumentText
    /// What is known about the article.
    public var metadata: DocumentMetadata
    /// Where the bytes came from, when the document was read from input.
    public var source: SourceInfo?
    /// The layers, in the order they were added.
    public private(set) var layers: LayerBundle
    /// Diagnostics from ingest and from every stage, in the order they were reported.
    public private(set) var diagnostics: [Diagnostic]
    /// The stages that have run over the document, in order (ingest first).
    public private(set) var provenance: [StageRecord]

    /// Creates a document.
    ///
    /// - Parameters:
    ///   - id: A stable identifier.
    ///   - text: The text; it is kept as it is.
    ///   - metadata: What is known about the article.
    ///   - source: Where the bytes came from.
    ///   - layers: Layers that already exist, such as the blocks that ingest found.
    ///   - diagnostics: Diagnostics already reported.
    ///   - provenance: The stages that produced `layers`.
    public init(
        id: String, text: String, metadata: DocumentMetadata = DocumentMetadata(), source: SourceInfo? = nil,
        layers: LayerBundle = LayerBundle(), diagnostics: [Diagnostic] = [], provenance: [StageRecord] = []
    ) {
        self.init(id: id, content: DocumentText(text), metadata: metadata, source: source, layers: layers, diagnostics: diagnostics, provenance: provenance)
    }

    /// Creates a document from text that is already indexed.
    public init(
        id: String, content: DocumentText, metadata: DocumentMetadata = DocumentMetadata(), source: SourceInfo? = nil,
        layers: LayerBundle = LayerBundle(), diagnostics: [Diagnostic] = [], provenance: [StageRecord] = []
    ) {
        self.id = id
        self.content = content
        self.metadata = metadata
        self.source = source
        self.layers = layers
        self.diagnostics = diagnostics + layers.diagnostics
        self.provenance = provenance
        self.layers.diagnostics = []
    }

    /// The text as a Swift string.
    public var text: String { content.string }

    /// The layer stored under `key`, or `nil` when no stage produced it or it holds another type.
    ///
    /// Inside a pipeline a stage's required layers always have the types it declares (the
    /// pipeline decodes JSON layers first). Outside one, use ``read(_:)`` to tell a missing
    /// layer from one of another type.
    public subscript<Value>(key: LayerKey<Value>) -> Value? { layers[key] }

    /// The layer stored under `key` in the key's type, decoding a JSON layer (from an
    /// external program or a file read back) into it; `nil` when there is no such layer.
    ///
    /// - Throws: ``LayerReadError`` when the layer holds another type or does not decode.
    public func read<Value>(_ key: LayerKey<Value>) throws(LayerReadError) -> Value? {
        guard let box = layers.box(for: key.id) else { return nil }
        // The same conversion the pipeline applies to a stage's required layers.
        let adopted: (any LayerBoxProtocol)?
        do {
            adopted = try key.declaration.adopt?(box)
        } catch {
            throw LayerReadError(layer: key.id, storedType: box.valueTypeName, requiredType: LayerDeclaration.typeName(Value.self), detail: String(describing: error))
        }
        guard let value = (adopted as? LayerBox<Value>)?.value else {
            throw LayerReadError(layer: key.id, storedType: box.valueTypeName, requiredType: LayerDeclaration.typeName(Value.self), detail: nil)
        }
        return value
    }

    /// The text covered by `span` (Unicode scalar offsets, end exclusive).
    public func text(of span: TextSpan) -> String { content[span] }

    /// The ids of the layers present, in the order they were added.
    public var layerIDs: [LayerID] { layers.layerIDs }

    /// Adds a stage's layers and diagnostics. The pipeline checks the bundle first.
    package mutating func merge(_ bundle: LayerBundle, record: StageRecord) {
        for id in bundle.layerIDs {
            if let box = bundle.box(for: id) { layers.setBox(box, for: id) }
        }
        diagnostics.append(contentsOf: bundle.diagnostics)
        provenance.append(record)
    }

    /// Replaces a layer's stored value (the pipeline's typed view of a JSON layer).
    mutating func replaceLayer(_ box: any LayerBoxProtocol, for id: LayerID) {
        layers.setBox(box, for: id)
    }

    /// Adds a diagnostic that is not tied to a stage's bundle.
    package mutating func report(_ diagnostic: Diagnostic) {
        diagnostics.append(diagnostic)
    }
}

/// One entry of a document's provenance: which stage ran, in which version.
public struct StageRecord: Sendable, Hashable, Codable {
    /// The stage id.
    public var stage: String
    /// The stage's version; a change of version means its output may differ.
    public var version: String

    /// Creates a record.
    public init(stage: String, version: String) {
        self.stage = stage
        self.version = version
    }
}

/// A layer could not be read in the type asked for.
public struct LayerReadError: Error, Sendable, CustomStringConvertible {
    /// The layer's id.
    public var layer: LayerID
    /// The type the layer holds.
    public var storedType: String
    /// The type it was read as.
    public var requiredType: String
    /// Why a JSON layer did not decode, when it is one.
    public var detail: String?

    public var description: String {
        if let detail { return "layer '\(layer)' does not decode as \(requiredType): \(detail)" }
        return "layer '\(layer)' holds \(storedType), not \(requiredType)"
    }
}
