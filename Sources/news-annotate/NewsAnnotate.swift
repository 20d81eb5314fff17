import ArgumentParser

/// The `news-annotate` command: parsing and output only; the work is done by the libraries.
@main
struct NewsAnnotate: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "news-annotate",
        abstract: "Annotate news articles (text or HTML) with stand-off layers as versioned JSON: blocks, markup, tokens, sentences, entities, dates, quotes and sources; HTML views and exports to brat, CoNLL, W3C Web Annotation and spaCy.",
        version: "0.1.0",
        subcommands: [Annotate.self, Describe.self, Check.self, Eval.self, View.self, Export.self, Report.self, TrainEntities.self],
        defaultSubcommand: Annotate.self
    )
}
