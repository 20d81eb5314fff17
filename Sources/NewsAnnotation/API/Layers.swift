/// The keys of the built-in layers.
///
/// Extend this namespace with keys for your own layers:
///
/// ```swift
/// extension Layers {
///     static let money = LayerKey<[MoneyMention]>("money")
/// }
/// ```
public enum Layers {
    /// Structural blocks, produced by ingest.
    public static let blocks = LayerKey<[Block]>("blocks")
    /// Inline markup of the source page, produced by ingest (empty for plain text).
    public static let markup = LayerKey<[MarkupElement]>("markup")
    /// Tokens, produced by the segmentation stage.
    public static let tokens = LayerKey<[Token]>("tokens")
    /// Sentences, produced by the segmentation stage.
    public static let sentences = LayerKey<[Sentence]>("sentences")

    /// The layers every ingested document carries before the first stage runs.
    public static let ingested: [LayerID] = [blocks.id, markup.id]

    /// The layers ingest provides, with their value types.
    public static let ingestedDeclarations: [LayerDeclaration] = [blocks.declaration, markup.declaration]
}
