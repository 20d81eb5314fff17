import Foundation
import NewsAnnotation
import NewsAnnotators
import Testing

/// Inputs whose cost grows with the square of a token's length when a loop rescans the token
/// for each of its characters. The bound is minutes away from a quadratic scan (the first two
/// took 17 s and 45 s in a release build before the fix) and far above a linear one on a slow,
/// busy machine (well under a second): it guards the class of cost, not a timing.
@Suite("Long tokens stay linear")
struct LongTokenTests {
    static let bound: Duration = .seconds(60)

    private func segment(_ text: String, language: String) throws -> (tokens: Int, elapsed: Duration) {
        let clock = ContinuousClock()
        let started = clock.now
        let annotated = try StandardPipeline.make([SegmentationAnnotator.id]).annotate(try exampleDocument(text, language: language))
        return ((annotated[Layers.tokens] ?? []).count, clock.now - started)
    }

    @Test("a 1 MB token with no space, and 20,000 elisions in one word")
    func singleTokens() throws {
        let token = try segment(String(repeating: "a", count: 1_000_000), language: "en")
        #expect(token.tokens == 1)
        #expect(token.elapsed < Self.bound, "1 MB token took \(token.elapsed)")
        let elisions = try segment(String(repeating: "a'", count: 10_000), language: "it")
        #expect(elisions.tokens > 1)
        #expect(elisions.elapsed < Self.bound, "10,000 apostrophes took \(elisions.elapsed)")
        let clitics = try segment(String(repeating: "don't", count: 20_000), language: "en")
        #expect(clitics.tokens >= 1)
        #expect(clitics.elapsed < Self.bound, "a 100 kB word of clitics took \(clitics.elapsed)")
    }

    /// The entity stage over one sentence of ordinary words with names all along it: each
    /// gazetteer match was checked against every tagger mention of the sentence, and each
    /// mention searched all earlier ones for a platform (this 2 MB text took 38 s in a release
    /// build, 4 s now; several minutes in a debug build before, about half a minute now).
    @Test("the entity stage on one 2 MB sentence of words and names stays linear")
    func longSentence() throws {
        let text = String(repeating: "Mario Rossi ha parlato con la Russia e con Anna Verdi di Roma ", count: 33_000)
        let pipeline = try StandardPipeline.make([SegmentationAnnotator.id, EntityAnnotator.id])
        let clock = ContinuousClock()
        let started = clock.now
        let annotated = try pipeline.annotate(try exampleDocument(text, language: "it"))
        let elapsed = clock.now - started
        #expect((annotated[Layers.sentences] ?? []).count == 1)
        #expect((annotated[Layers.entities] ?? []).count > 100_000)
        #expect(elapsed < .seconds(150), "a 2 MB sentence took \(elapsed)")
    }

    @Test("elisions, clitics and abbreviations are still split within a long text")
    func stillSplit() throws {
        let annotated = try StandardPipeline.make([SegmentationAnnotator.id]).annotate(try exampleDocument("L’Oxford Research Group don't wait, Prof. Light.", language: "en"))
        let words = (annotated[Layers.tokens] ?? []).map { annotated.text(of: $0.span) }
        #expect(words.contains("n't") && words.contains("do"))
        #expect(words.contains("Prof."))
    }
}

/// One sentence of hundreds of thousands of words: the tagger and the date matcher check the
/// time budget inside the sentence, not only between sentences, so the document fails soon
/// after its deadline instead of running to the end.
@Suite("Budgets inside one huge sentence")
struct HugeSentenceBudgetTests {
    @Test("the entity and date stages stop inside a 300,000-word sentence once the budget is spent", arguments: [EntityAnnotator.id, TimexAnnotator.id])
    func stopsInside(stage: String) throws {
        let text = String(repeating: "Mario parla con Anna di martedì e del lunedì dopo ", count: 30_000)
        let segmented = try StandardPipeline.make([SegmentationAnnotator.id]).annotate(try exampleDocument(text, language: "it"))
        #expect((segmented[Layers.sentences] ?? []).count == 1)
        let pipeline = try Pipeline(stages: try StandardPipeline.stages([stage]), provided: Layers.ingested + [Layers.tokens.id, Layers.sentences.id])
        var timings = StageTimings()
        let clock = ContinuousClock()
        let started = clock.now
        let failure = #expect(throws: StageFailure.self) {
            try pipeline.annotate(segmented, timings: &timings, deadline: .now + .milliseconds(100))
        }
        // Far below the stage's full run on this input in a debug build (dates: 21 s before its
        // clause scans were made linear), far above a check's delay.
        #expect(clock.now - started < .seconds(10), "\(stage) took \(clock.now - started)")
        #expect(failure?.stage == stage)
        #expect(failure?.message.hasPrefix("time budget exceeded after ") == true, "\(String(describing: failure))")
    }
}
