import Foundation
import NewsAnnotation
import NewsAnnotators
import NewsIngest
import Testing

/// The bundled stage, loaded once for all tests.
private let stage: Result<EntityAnnotator, any Error> = Result { try EntityAnnotator() }

private func entities(of document: Document) throws -> [Entity] {
    let pipeline = try Pipeline(stages: [SegmentationAnnotator(), try stage.get()])
    return try pipeline.annotate(document)[Layers.entities] ?? []
}

private func entities(_ text: String, language: String) throws -> [Entity] {
    try entities(of: try exampleDocument(text, language: language))
}

/// The entities whose text is `text`.
private func mentions(_ text: String, in found: [Entity]) -> [Entity] { found.filter { $0.text == text } }

@Suite("Entities")
struct EntitiesTests {
    @Test("the seed article: every listed name is found, typed and resolved to its canonical name")
    func seedArticle() throws {
        let document = try ingestSample("bbc-newsbeat-russia-syria.it.txt")
        let found = try entities(of: document)
        let text = document.content.scalars
        let expected: [(String, String, String)] = [
            ("Russia", "LOC", "Russia"), ("Siria", "LOC", "Siria"), ("Libia", "LOC", "Libia"), ("Egitto", "LOC", "Egitto"),
            ("Iraq", "LOC", "Iraq"), ("Medio Oriente", "LOC", "Medio Oriente"), ("Stati Uniti", "LOC", "Stati Uniti"),
            ("Unione Sovietica", "LOC", "Unione Sovietica"), ("Bashar al-Assad", "PER", "Bashar al-Assad"), ("Assad", "PER", "Bashar al-Assad"),
            ("Vladimir Putin", "PER", "Vladimir Putin"), ("Putin", "PER", "Vladimir Putin"), ("Richard Reeve", "PER", "Richard Reeve"),
            ("Reeve", "PER", "Richard Reeve"), ("Margot Light", "PER", "Margot Light"), ("Light", "PER", "Margot Light"),
            ("Muammar Gheddafi", "PER", "Muammar Gheddafi"), ("Gheddafi", "PER", "Muammar Gheddafi"), ("Stato Islamico", "ORG", "Stato Islamico"),
            ("IS", "ORG", "Stato Islamico"), ("al-Qaeda", "ORG", "al-Qaeda"), ("Oxford Research Group", "ORG", "Oxford Research Group"),
            ("LSE", "ORG", "London School of Economics"),
        ]
        let string = String(String.UnicodeScalarView(text))
        for (name, type, canonical) in expected {
            // Every occurrence of the name as a whole word, not inside a longer name or a compound.
            var occurrences = 0
            var searchStart = string.startIndex
            while let range = string.range(of: name, range: searchStart..<string.endIndex) {
                searchStart = range.upperBound
                let start = string.unicodeScalars.distance(from: string.unicodeScalars.startIndex, to: range.lowerBound)
                let end = start + name.unicodeScalars.count
                let before = start > 0 ? text[start - 1] : " ", after = end < text.count ? text[end] : " "
                guard !before.properties.isAlphabetic, before != "-", !after.properties.isAlphabetic else { continue }
                occurrences += 1
                let covering = found.first { $0.start <= start && end <= $0.end }
                #expect(covering != nil, "\(name) at \(start) is not found")
                guard let covering else { continue }
                #expect(covering.type == type, "\(name) at \(start) is \(covering.type)")
                #expect(covering.canonical == canonical, "\(name) at \(start) resolves to \(covering.canonical)")
            }
            #expect(occurrences > 0, "\(name) does not occur in the seed")
        }
        // No sentence opener and no platform is a person; handles are not entities.
        for entity in found where entity.type == "PER" {
            #expect(!["Questo", "Come", "Trovaci", "Instagram", "Snapchat", "BBCNewsbeat", "Chi", "Ma"].contains(entity.text))
        }
        #expect(mentions("Instagram", in: found).map(\.subtype) == ["platform"])
        #expect(mentions("Snapchat", in: found).map(\.type) == ["ORG"])
        #expect(found.allSatisfy { !$0.text.contains("BBCNewsbeat") && !$0.text.contains("bbc_newsbeat") && !$0.text.contains("Assad-") })
        #expect(found.allSatisfy { !$0.text.hasPrefix("anti-") && !$0.text.hasPrefix("pro-") })
    }

    @Test("one cluster per entity, titles kept outside the span")
    func seedClusters() throws {
        let found = try entities(of: try ingestSample("bbc-newsbeat-russia-syria.it.txt"))
        func clusters(_ canonical: String) -> Set<String> { Set(found.filter { $0.canonical == canonical }.map(\.cluster)) }
        for name in ["Richard Reeve", "Margot Light", "Bashar al-Assad", "Vladimir Putin", "Stato Islamico", "Russia"] {
            #expect(clusters(name).count == 1, "\(name) is split over \(clusters(name))")
        }
        #expect(clusters("Richard Reeve") != clusters("Margot Light"))
        let reeveTitles = found.filter { $0.canonical == "Richard Reeve" }.compactMap { $0.title?.text.lowercased() }
        #expect(reeveTitles == ["signor", "signor", "signor"])
        let lightTitles = Set(found.filter { $0.canonical == "Margot Light" }.compactMap { $0.title?.text })
        #expect(lightTitles == ["professor", "Prof"])
        #expect(found.contains { $0.text == "Putin" && $0.title?.text == "presidente" })
        // Cluster ids follow the order of first mention.
        var seen: [String] = []
        for entity in found where !seen.contains(entity.cluster) { seen.append(entity.cluster) }
        #expect(seen == (1...seen.count).map { "c\($0)" })
        #expect(found.map(\.id) == (1...found.count).map { "e\($0)" })
    }

    @Test("policy: a country acting politically is still a place (LOC, subtype GPE)")
    func metonymy() throws {
        let found = try entities("Ma al momento, la Russia non sta lasciando cadere il suo sostegno alle forze pro-Assad. Il governo della Russia lo nega.", language: "it")
        let russia = mentions("Russia", in: found)
        #expect(russia.count == 2)
        #expect(russia.allSatisfy { $0.type == "LOC" && $0.subtype == "GPE" })
        #expect(Set(russia.map(\.cluster)).count == 1)
        let english = try entities("Russia has refused to withdraw its support, and France said it would act.", language: "en")
        #expect(mentions("Russia", in: english).map(\.type) == ["LOC"])
        #expect(mentions("France", in: english).map(\.type) == ["LOC"])
    }

    @Test("policy: hyphenated compounds are no mentions and are not linked")
    func compounds() throws {
        let found = try entities("I ribelli anti-Assad e le forze pro-Assad combattono. Assad resiste.", language: "it")
        #expect(found.allSatisfy { !$0.text.contains("-Assad") })
        let english = try entities("Anti-Putin protesters and pro-Kremlin groups met in Moscow.", language: "en")
        #expect(english.allSatisfy { !$0.text.lowercased().hasPrefix("anti-") && !$0.text.hasPrefix("pro-") })
        #expect(mentions("Moscow", in: english).map(\.type) == ["LOC"])
    }

    @Test("policy: Italian institutions in lowercase are organisations, as KIND annotates them; English keeps names only")
    func lowercaseInstitutions() throws {
        let found = try entities("Il governo ha approvato il decreto, e la polizia ha chiuso la strada. L'esercito russo si è ritirato.", language: "it")
        #expect(found.filter { $0.type == "ORG" }.map(\.text).contains("governo"), "\(found.map(\.text))")
        // Only the tagger's own lowercase finds count, kept whole ("esercito russo" is not cut to a capital).
        #expect(found.allSatisfy { $0.origin == .model || $0.text.unicodeScalars.contains { $0.properties.isUppercase } })
        let english = try entities("The government approved the decree and the police closed the road.", language: "en")
        #expect(english.isEmpty, "\(english.map(\.text))")
        // A lowercase organisation is no named speaker: "il governo" speaks as a description.
        let quotes = try StandardPipeline.make().annotate(try exampleDocument("«Il decreto è pronto», ha detto il governo.", language: "it"))[Layers.quotes] ?? []
        #expect(quotes.first != nil && quotes.first?.speakerName == nil && quotes.first?.attribution != .name, "\(quotes)")
    }

    @Test("policy: platforms are organisations, handles are not entities", arguments: [
        ("Trovaci su Instagram a BBCNewsbeat e seguici su Snapchat, cerca bbc_newsbeat", "it"),
        ("Follow us on Twitter at BBCNews and find us on Instagram as bbc_news.", "en"),
    ])
    func platforms(_ text: String, _ language: String) throws {
        let found = try entities(text, language: language)
        #expect(found.allSatisfy { $0.type != "PER" })
        #expect(found.allSatisfy { !$0.text.contains("BBC") && !$0.text.contains("bbc") })
        let platforms = found.filter { $0.subtype == "platform" }
        #expect(platforms.count == 2)
        #expect(platforms.allSatisfy { $0.type == "ORG" })
    }

    @Test("aliases: surname, title + surname, parenthesised acronym and gazetteer alias", arguments: [
        ("Ha parlato Richard Reeve. Il signor Reeve ha detto che Reeve tornerà.", "it", "Reeve", "Richard Reeve"),
        ("Lo Stato Islamico (IS) ha perso terreno. Secondo gli esperti, IS è debole.", "it", "IS", "Stato Islamico"),
        ("Gli USA e gli Stati Uniti sono la stessa cosa.", "it", "USA", "Stati Uniti"),
        ("La Federazione Autonoma dei Trasporti (Fat) ha indetto lo sciopero. Secondo la Fat, l’adesione è alta.", "it", "Fat", "Federazione Autonoma dei Trasporti"),
        ("Margot Light teaches at the London School of Economics. Prof Light says the LSE agrees.", "en", "Light", "Margot Light"),
        ("Margot Light teaches at the London School of Economics. Prof Light says the LSE agrees.", "en", "LSE", "London School of Economics"),
    ])
    func aliases(_ text: String, _ language: String, _ mention: String, _ canonical: String) throws {
        let found = try entities(text, language: language)
        let matching = mentions(mention, in: found)
        #expect(!matching.isEmpty, "\(mention) not found in \(found.map(\.text))")
        #expect(matching.allSatisfy { $0.canonical == canonical })
        let cluster = Set(found.filter { $0.canonical == canonical }.map(\.cluster))
        #expect(cluster.count == 1)
    }

    @Test("a tagger's MISC name at the head of an organisation's name stays MISC: demonyms are no places (CoNLL)")
    func demonymBeforeOrganisation() throws {
        let found = try entities("The Dutch Reformed Church opened a school. Dutch settlers arrived in 1950.", language: "en")
        #expect(found.map(\.text) == ["Dutch Reformed Church", "Dutch"])
        #expect(found.map(\.type) == ["ORG", "MISC"])
    }

    @Test("the English sample: people, organisations, places, titles and platforms")
    func englishSample() throws {
        let found = try entities(of: try ingestSample("riverton-harbour-flood.en.html"))
        func type(_ text: String) -> Set<String> { Set(mentions(text, in: found).map(\.type)) }
        #expect(type("Linda Marsh") == ["PER"])
        #expect(type("Riverton Port Authority") == ["ORG"])
        #expect(type("Environment Agency") == ["ORG"])
        #expect(type("Quay Street") == ["LOC"])
        #expect(type("Twitter") == ["ORG"])
        let okafor = found.filter { $0.canonical == "Ellen Okafor" }
        #expect(okafor.count >= 2)
        #expect(okafor.contains { $0.title?.text == "Mayor" })
        #expect(Set(okafor.map(\.cluster)).count == 1)
        let whitfield = found.filter { $0.canonical == "James Whitfield" }
        #expect(whitfield.count >= 2)
        #expect(whitfield.contains { $0.title?.text == "Dr." })
        #expect(found.allSatisfy { $0.type != "PER" || !["Twitter", "Instagram", "Riverton"].contains($0.text) })
    }

    @Test("titles and sentence openers are never a person by themselves", arguments: [
        ("Questo arriva dopo. Come ha fatto? Chi è coinvolto? Trovaci su Instagram.", "it"),
        ("This comes after. How did it happen? Follow us on Twitter.", "en"),
    ])
    func openers(_ text: String, _ language: String) throws {
        let found = try entities(text, language: language)
        #expect(found.allSatisfy { $0.type != "PER" }, "\(found.map(\.text))")
    }

    @Test("a Title Case or ALL CAPS headline: no name crosses a cue verb or a common word, and the names on both sides are found", arguments: [
        ("Johnson Asks Macron To Back Brexit Deal\n\nBoris Johnson met Emmanuel Macron in Paris.", "en", ["Johnson", "Macron"]),
        ("Trump Says Kim Jong Un Wants Peace\n\nDonald Trump spoke to Kim Jong Un.", "en", ["Trump", "Kim Jong Un"]),
        ("Minister Warns Erdogan Over Syria\n\nThe minister wrote to Recep Tayyip Erdogan.", "en", ["Erdogan"]),
        ("MATTARELLA RICEVE DRAGHI AL QUIRINALE\n\nIl presidente Sergio Mattarella ha ricevuto Mario Draghi.", "it", ["MATTARELLA", "DRAGHI"]),
        ("Mattarella Riceve Draghi Al Quirinale\n\nIl presidente Sergio Mattarella ha ricevuto Mario Draghi.", "it", ["Mattarella", "Draghi"]),
    ])
    func headlines(_ text: String, _ language: String, _ names: [String]) throws {
        let found = try entities(text, language: language)
        let breaks = ["Asks", "Says", "Wants", "Warns", "Back", "Deal", "Peace", "Over", "RICEVE", "Riceve"]
        #expect(found.allSatisfy { entity in !breaks.contains { entity.text.contains($0) } }, "\(found.map(\.text))")
        for name in names { #expect(found.contains { $0.text == name && $0.type == "PER" }, "\(name) in \(found.map(\.text))") }
    }

    @Test("a capitalised particle inside a sentence stays in the name, and a given name does not make a person of an organisation")
    func particlesAndGivenNames() throws {
        let people = try entities("Ieri Di Pietro ha parlato a Roma con Elena Delle Donne.", language: "it")
        #expect(mentions("Di Pietro", in: people).map(\.type) == ["PER"], "\(people.map(\.text))")
        #expect(mentions("Elena Delle Donne", in: people).map(\.type) == ["PER"], "\(people.map(\.text))")
        let navy = try entities("Ieri la Marina Militare ha soccorso 300 persone al largo di Lampedusa.", language: "it")
        #expect(mentions("Marina Militare", in: navy).map(\.type) == ["ORG"], "\(navy.map { "\($0.text) \($0.type)" })")
    }

    @Test("languages without a model get an empty layer")
    func unknownLanguage() throws {
        #expect(try entities("Angela Merkel besuchte Paris.", language: "de").isEmpty)
    }
}

@Suite("Entity tagger training")
struct TaggerTrainingTests {
    private let trainPath = fixturesDirectory + "/ner/tiny-train.it.tsv"
    private let devPath = fixturesDirectory + "/ner/tiny-dev.it.tsv"

    private func train(seed: UInt64 = 1) throws -> TaggerTrainer.Result {
        var trainer = TaggerTrainer(language: "it", gazetteer: .empty)
        trainer.epochs = 4
        trainer.seed = seed
        trainer.minimumCount = 1
        return try trainer.train(try TaggedSentence.read(path: trainPath), dev: try TaggedSentence.read(path: devPath))
    }

    @Test("a model learns the training data's names and scores them on dev")
    func learns() throws {
        let result = try train()
        #expect(result.epochScores.count == 4)
        let best = result.epochScores[result.bestEpoch - 1]
        #expect(best.f1() > 0.9, "\(best.report)")
        let tags = TaggerTrainer.evaluate(model: result.model, gazetteer: .empty, on: [TaggedSentence(forms: ["Elena", "Gallo", "vive", "a", "Parma", "."], tags: ["B-PER", "I-PER", "O", "O", "B-LOC", "O"])])
        #expect(tags.f1() == 1)
        #expect(result.model.header.seenLabels == ["O", "B-PER", "I-PER", "B-ORG", "I-ORG", "B-LOC"])
    }

    @Test("training is deterministic for a seed, and the file round-trips")
    func deterministic() throws {
        let first = try train(), second = try train()
        #expect(first.data == second.data)
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("tagger-\(UUID().uuidString).model")
        defer { try? FileManager.default.removeItem(at: url) }
        try first.data.write(to: url)
        let loaded = try TaggerModel.load(contentsOf: url)
        #expect(loaded.header == first.model.header)
        let dev = try TaggedSentence.read(path: devPath)
        #expect(TaggerTrainer.evaluate(model: loaded, gazetteer: .empty, on: dev) == TaggerTrainer.evaluate(model: first.model, gazetteer: .empty, on: dev))
    }

    @Test("bad training lines and damaged models are errors a user can act on")
    func errors() throws {
        #expect(throws: ConfigurationError.self) { try TaggedSentence.read(path: fixturesDirectory + "/ner/broken.tsv") }
        do {
            _ = try TaggedSentence.read(path: fixturesDirectory + "/ner/broken.tsv")
        } catch {
            #expect(error.description.contains("broken.tsv:4"))
            #expect(error.description.contains("X-WHAT"))
        }
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("damaged-\(UUID().uuidString).model")
        defer { try? FileManager.default.removeItem(at: url) }
        try Data("not a model".utf8).write(to: url)
        #expect(throws: ResourceError.self) { try TaggerModel.load(contentsOf: url) }
        #expect(throws: ConfigurationError.self) { try TaggerTrainer(language: "it", gazetteer: .empty).train([], dev: []) }
    }

    @Test("the shipped models record their training data, licence and dev scores")
    func shippedModels() throws {
        let stage = try stage.get()
        let italian = try #require(stage.model(for: "it"))
        #expect(italian.header.licence.contains("CC BY-NC 4.0"))
        #expect(italian.header.trainedOn.contains("kind-wikinews.train.it.tsv"))
        #expect((italian.header.devF1["all F1"] ?? 0) > 0.7)
        let english = try #require(stage.model(for: "en"))
        #expect(english.header.licence.contains("CC BY 4.0"))
        #expect(english.header.seenLabels.contains("B-MISC"))
    }
}
