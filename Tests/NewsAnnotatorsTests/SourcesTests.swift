import Foundation
import NewsAnnotation
import NewsAnnotators
import NewsIngest
import Testing

private let fullPipeline: Result<Pipeline, any Error> = Result { try StandardPipeline.make() }

private func sources(of document: Document) throws -> [NewsSource] {
    try fullPipeline.get().annotate(document)[Layers.sources] ?? []
}

private func sources(_ text: String, language: String) throws -> [NewsSource] {
    try sources(of: try exampleDocument(text, language: language))
}

@Suite("Sources")
struct SourcesTests {
    @Test("the seed article: two people with role and affiliation and all their quotes; the footer's accounts")
    func seedArticle() throws {
        let document = try StandardPipeline.make().annotate(try ingestSample("bbc-newsbeat-russia-syria.it.txt"))
        let found = document[Layers.sources] ?? []
        let quotes = document[Layers.quotes] ?? []
        let people = found.filter { $0.kind == .person }
        #expect(people.map(\.name) == ["Richard Reeve", "Margot Light"])
        let reeve = try #require(people.first), light = try #require(people.last)
        #expect(reeve.role?.text == "direttore del programma di sicurezza sostenibile")
        #expect(reeve.affiliation?.text == "Oxford Research Group")
        #expect(reeve.affiliationDescription?.text == "un think-tank sulla sicurezza")
        #expect(light.role?.text == "professore emerito di relazioni internazionali")
        #expect(light.affiliation?.text == "LSE")
        #expect(reeve.quotes == quotes.filter { $0.speakerName == "Richard Reeve" }.map(\.id))
        #expect(light.quotes == quotes.filter { $0.speakerName == "Margot Light" }.map(\.id))
        #expect(reeve.quotes.count + light.quotes.count == quotes.count)
        #expect(reeve.mentions.count == 5 && light.mentions.count == 4)
        #expect(found.allSatisfy { $0.name.map { !$0.contains("Putin") && !$0.contains("Assad") } ?? true })
        let social = found.filter { $0.kind == .social }
        #expect(social.map { "\($0.platform ?? "")/\($0.handle ?? "")" } == ["instagram/BBCNewsbeat", "snapchat/bbc_newsbeat"])
        #expect(social.allSatisfy { $0.relation == .promotion })
        let publication = try #require(found.first { $0.relation == .publisher })
        #expect(publication.name == "BBC Newsbeat")
        #expect(social.allSatisfy { $0.publication == publication.id })
        // The footer is boilerplate in the blocks layer, for other stages to skip.
        let footer = try #require(document[Layers.blocks]?.first { $0.kind == .footer })
        #expect(document.text(of: footer.span).hasPrefix("Trovaci su Instagram"))
    }

    @Test("the HTML sample adds the byline and publisher from metadata")
    func htmlSample() throws {
        let found = try sources(of: try ingestSample("bbc-newsbeat-russia-syria-page.it.html"))
        let bylines = found.filter { $0.relation == .byline }
        #expect(bylines.map(\.name) == ["Giulia Ferri", "Marco Lentini"])
        let publisher = try #require(found.first { $0.relation == .publisher })
        #expect(publisher.name == "BBC Newsbeat" && publisher.origin == .metadata && publisher.url != nil)
        #expect(bylines.allSatisfy { $0.publication == publisher.id })
        #expect(found.contains { $0.platform == "twitter" && $0.handle == "bbcnewsbeat" && $0.origin == .metadata })
        #expect(found.filter { $0.kind == .person && $0.relation == .quoted }.count == 2)
    }

    @Test("the English sample: an expert with role and affiliation, an anonymous source, a wire credit")
    func englishSample() throws {
        let found = try sources(of: try ingestSample("riverton-harbour-flood.en.html"))
        let whitfield = try #require(found.first { $0.name == "James Whitfield" })
        #expect(whitfield.role?.text == "hydrologist" && whitfield.affiliation?.text == "University of Northbridge")
        let marsh = try #require(found.first { $0.name == "Linda Marsh" })
        #expect(marsh.role?.text == "spokesperson" && marsh.affiliation?.text == "Riverton Port Authority")
        #expect(found.first { $0.name == "Ellen Okafor" }?.role?.text == "Mayor")
        let anonymous = found.filter { $0.kind == .anonymous }
        #expect(anonymous.map(\.name) == ["a council official who asked not to be named"])
        let wire = try #require(found.first { $0.relation == .wire })
        #expect(wire.name == "Reuters" && wire.kind == .publication)
        #expect(found.first { $0.name == "Riverton Port Authority" }?.relation == .accordingTo)
        let twitter = try #require(found.first { $0.platform == "twitter" })
        #expect(twitter.handle == "RivertonGazette" && twitter.origin == .textAndMetadata && twitter.url == "https://twitter.com/RivertonGazette")
        #expect(found.contains { $0.platform == "instagram" && $0.handle == "rivertongazette" })
        #expect(found.first { $0.relation == .byline }?.name == "Sam Holloway")
    }

    @Test("role patterns: possessive, relative clause and role title", arguments: [
        ("“We are ready,” said Maria Lopez. The Environment Agency's director Maria Lopez agreed.", "en", "Maria Lopez", "director", "Environment Agency"),
        ("“We are ready,” said Tom Reed, who heads Amnesty International.", "en", "Tom Reed", "heads", "Amnesty International"),
        ("“Siamo pronti”, dice Marco Rossi, portavoce della Croce Rossa.", "it", "Marco Rossi", "portavoce", "Croce Rossa"),
    ])
    func roles(_ text: String, _ language: String, _ name: String, _ role: String, _ affiliation: String) throws {
        let found = try sources(text, language: language)
        let source = try #require(found.first { $0.name == name }, "\(found.map(\.name))")
        #expect(source.role?.text == role)
        #expect(source.affiliation?.text == affiliation)
    }

    @Test("an unnamed source's description keeps its clause of anonymity", arguments: [
        ("«Non ci sono alternative», ha detto un funzionario che ha chiesto l'anonimato.", "it", "un funzionario che ha chiesto l'anonimato"),
        ("“There is no alternative,” said an official who asked not to be named.", "en", "an official who asked not to be named"),
        ("An official who spoke on condition of anonymity said the talks had failed.", "en", "An official who spoke on condition of anonymity"),
        ("“It will be reviewed,” a Department for Transport source said.", "en", "a Department for Transport source"),
    ])
    func anonymityClause(_ text: String, _ language: String, _ description: String) throws {
        let found = try sources(text, language: language)
        #expect(found.filter { $0.kind == .anonymous }.map(\.name) == [description], "\(found.map { $0.name ?? "-" })")
    }

    @Test("anonymous and vague sources", arguments: [
        ("Secondo fonti vicine al governo, il decreto sarà ritirato.", "it"),
        ("Experts say the wall was too low.", "en"),
        ("A senior official said the plan had been dropped.", "en"),
        ("Un portavoce del ministero ha detto che il piano è pronto.", "it"),
    ])
    func anonymous(_ text: String, _ language: String) throws {
        let found = try sources(text, language: language)
        #expect(found.contains { $0.kind == .anonymous }, "\(found)")
    }

    @Test("wire credits and promotion lines", arguments: [
        ("ROMA (ANSA) - Il governo ha approvato il decreto.", "it", "ANSA"),
        ("Il governo ha approvato il decreto. — AGI", "it", "AGI"),
        ("LONDON (Reuters) - Prices rose.", "en", "Reuters"),
    ])
    func wires(_ text: String, _ language: String, _ wire: String) throws {
        let found = try sources(text, language: language)
        #expect(found.filter { $0.relation == .wire }.map(\.name) == [wire])
    }

    @Test("bylines written in the text", arguments: [
        ("di Mario Rossi\n\nIl consiglio comunale ha approvato il bilancio ieri sera.", "it", "Mario Rossi"),
        ("By Jane Doe\n\nThe council approved the budget last night.", "en", "Jane Doe"),
    ])
    func textBylines(_ text: String, _ language: String, _ name: String) throws {
        let found = try sources(text, language: language)
        let byline = try #require(found.first { $0.relation == .byline }, "\(found)")
        #expect(byline.name == name && byline.kind == .person && byline.origin == .text && byline.start == text.range(of: name).map { text.unicodeScalars.distance(from: text.unicodeScalars.startIndex, to: $0.lowerBound) })
    }

    @Test("promotion lines in Italian and English", arguments: [
        ("Seguici su Facebook e iscriviti alla newsletter.", "it", ["facebook", "newsletter"]),
        ("Follow us on Twitter @bbcnews and on Instagram at bbcnews.", "en", ["twitter", "instagram"]),
    ])
    func promotions(_ text: String, _ language: String, _ platforms: [String]) throws {
        let found = try sources(text, language: language)
        #expect(found.filter { $0.kind == .social }.compactMap(\.platform) == platforms)
        #expect(found.contains { $0.relation == .publisher })
    }

    @Test("role and affiliation in the orders newsrooms write them", arguments: [
        // ROLE of ORG, NAME
        ("La presidente dell'associazione dei consumatori, Maria Rossi, ha detto che i prezzi sono saliti.", "it", "Maria Rossi", "presidente", "associazione dei consumatori"),
        ("The president of the Riverton Residents Association, Tom Baker, said the plan was rushed.", "en", "Tom Baker", "president", "Riverton Residents Association"),
        // ROLE NAME after an organisation's name
        ("The Greenpeace spokesperson Jane Doe said the plant would reopen.", "en", "Jane Doe", "spokesperson", "Greenpeace"),
        // NAME (ORG)
        ("“The spill was worse than reported,” said Jane Doe (Greenpeace).", "en", "Jane Doe", nil, "Greenpeace"),
        // a role that ends where its noun phrase ends, before the name
        ("L'assessore regionale ai Trasporti, Luca Bianchi, presentando il piano in consiglio, ha spiegato che i treni arriveranno in orario.", "it", "Luca Bianchi", "assessore regionale ai Trasporti", nil),
        // a gerund clause after the name is no role
        ("Tom Baker, speaking at the council meeting, said the plan was rushed.", "en", "Tom Baker", nil, nil),
        // ORG's ROLE NAME, with a role of two words and an owner the tagger may type as anything
        ("Acme's chief executive John Smith told reporters the company would cut jobs.", "en", "John Smith", "chief executive", "Acme"),
        // NAME of ORG: a phrase with an organisation's head noun, and the title as the role
        ("Senator Jane Doe of the finance committee said the plan was reckless.", "en", "Jane Doe", "Senator", "finance committee"),
        ("«Il piano è sbagliato», ha detto Anna Verdi del comitato di quartiere.", "it", "Anna Verdi", nil, "comitato di quartiere"),
        // a role in a sentence of its own, before or after the quote
        ("Mark Lee is a professor of economics at Leeds University. “The plan is ready,” Lee said.", "en", "Mark Lee", "professor of economics", "Leeds University"),
        ("Luca Bianchi è stato sindaco di Prato. «Il piano è pronto», ha aggiunto Bianchi.", "it", "Luca Bianchi", "sindaco", "Prato"),
        // DET ROLE (of X | adjective) NAME, with no comma: the role phrase right before the name
        ("«Il referendum si terrà il 12 giugno»: lo ha annunciato il ministro dell'Interno Giuseppe Pisanu.", "it", "Giuseppe Pisanu", "ministro dell'Interno", nil),
        ("«Il confronto riprenderà lunedì», ha detto il negoziatore statunitense Christopher Hill.", "it", "Christopher Hill", "negoziatore statunitense", nil),
        // an appositive with a definite article, headed by a kinship noun
        ("Barbara Mariottini, la mamma della ragazza, ha detto che chiede giustizia per la figlia.", "it", "Barbara Mariottini", "mamma della ragazza", nil),
        // a role ends at a verb, a participle or a relative clause: the title before the name stays
        ("Il ministro Luca Bianchi, appresa la notizia, ha dichiarato che la Marina perde un esempio.", "it", "Luca Bianchi", "ministro", nil),
        ("«Non si può accettare», commenta il sindaco Pasquale Lamboglia, che preannuncia un ricorso al tribunale.", "it", "Pasquale Lamboglia", "sindaco", nil),
        // a role by a head verb, in a sentence of its own
        ("Luca Salvi guida la Croce Rossa Italiana. «I dati sono chiari», ha detto Salvi.", "it", "Luca Salvi", "guida", "Croce Rossa Italiana"),
        ("Tom Reed heads Amnesty International. “The law is unjust,” Reed said.", "en", "Tom Reed", "heads", "Amnesty International"),
        // "X, who heads Y" with a few words between the verb and the organisation
        ("Gary Shaye, che coordina le operazioni per la ONG Save the Children, ha dichiarato che il colera avanza.", "it", "Gary Shaye", "coordina", "ONG Save the Children"),
    ] as [(String, String, String, String?, String?)])
    func roleOrders(text: String, language: String, name: String, role: String?, affiliation: String?) throws {
        let found = try sources(text, language: language)
        let person = try #require(found.first { $0.kind == .person && $0.name == name }, "\(found.map { $0.name ?? "-" })")
        #expect(person.role?.text == role)
        #expect(person.affiliation?.text == affiliation)
    }

    @Test("a described speaker: an institution named by its head noun, a document, or an unnamed source", arguments: [
        // A name in the complement of the head noun is not the speaker (the head is).
        ("Il Tribunale di Milano ha ammesso che la class action è fondata.", "it", NewsSource.Kind.organisation, "Tribunale"),
        ("Il nuovo rettore della Università Statale di Milano prevede di mantenere un polo scientifico in città.", "it", .anonymous, "Il nuovo rettore della Università Statale di Milano"),
        ("La moglie di Mario Rossi ha detto che il marito era stanco da giorni.", "it", .anonymous, "La moglie di Mario Rossi"),
        ("The mayor of London said that the bridge would reopen in May.", "en", .anonymous, "The mayor of London"),
        // documents speak as publications
        ("Un comunicato della Presidenza della Repubblica ha precisato che il capo dello Stato non parteciperà.", "it", .publication, "Un comunicato della Presidenza della Repubblica"),
        ("The report said that the river had risen faster than forecast.", "en", .publication, "The report"),
        // an organisation named after its head noun, whatever its entity type
        ("Il gruppo Discovery ha annunciato che lancerà un secondo canale gratuito nel Paese.", "it", .organisation, "Discovery"),
    ] as [(String, String, NewsSource.Kind, String)])
    func describedSpeakers(text: String, language: String, kind: NewsSource.Kind, name: String) throws {
        let found = try sources(text, language: language).filter { $0.relation == .quoted || $0.relation == .accordingTo }
        #expect(found.map(\.name) == [name])
        #expect(found.first?.kind == kind)
    }

    @Test("speakers a relative pronoun, a free relative or a passive's agent stand for", arguments: [
        ("Nel viaggio erano presenti alcuni amici, che hanno dichiarato che tra i due non c'era alcun rapporto.", "it", "alcuni amici"),
        ("La notizia arriva da una comunicazione radio tra agenti della polizia, che hanno rivelato che l'uomo era armato.", "it", "agenti della polizia"),
        ("A quanto riferisce lo Stato Maggiore della Difesa, i militari si trovavano nel villaggio per pattugliare la zona.", "it", "Stato Maggiore della Difesa"),
        ("I cittadini seguono gli sviluppi «molto preoccupati per la salute del Papa», come dichiarato dal portavoce del sindaco Stanislaw Kotarba.", "it", "Stanislaw Kotarba"),
        // whom it was said to is not who said it
        ("«Sono molto preoccupato», ha detto a Mario Rossi il sindaco Luca Bianchi.", "it", "Luca Bianchi"),
        // a sentence that takes the quote up names its speaker, and reports nothing of its own
        ("«Le sue condizioni sono gravi». È quanto ha dichiarato alla stampa il portavoce vaticano Joaquín Navarro-Valls.", "it", "Joaquín Navarro-Valls"),
        ("“We will not give up.” That's what the mayor, Jane Holt, told reporters on Monday.", "en", "Jane Holt"),
        // "secondo X" with no comma after the name
        ("Secondo Mario Rossi il piano non funzionerà mai.", "it", "Mario Rossi"),
        // a gerund cue after a comma reports for the sentence's subject
        ("Trump unleashed a series of tweets early Friday, saying that his rival had shown bad judgment.", "en", "Trump"),
        ("Il premier Giuseppe Conte ha commentato l'accaduto, dicendo di sentirsi vicino ai genitori della ragazza.", "it", "Giuseppe Conte"),
        // an appositive with commas of its own between the name and the cue
        ("Michael Mulgrew, president of the United Federation of Teachers, which represents New York City educators, said he hopes the day sends a message that “communities are standing up.”", "en", "Michael Mulgrew"),
        // a participle clause between the appositive and the cue
        ("Il Prof. Riccardo Zoia, ordinario di medicina legale all'università di Milano, interpellato per avere un parere afferma che il certificato non basta.", "it", "Riccardo Zoia"),
    ])
    func relativeSpeakers(text: String, language: String, name: String) throws {
        let found = try sources(text, language: language).filter { $0.relation == .quoted || $0.relation == .accordingTo }
        #expect(found.map(\.name) == [name])
    }

    @Test("a speaker that is only a relative pronoun or what was said is no source")
    func noPronounSources() throws {
        let found = try sources("Il medico ha confermato quanto dichiarato in precedenza dagli agenti.", language: "it")
        #expect(!found.contains { $0.name == "quanto" || $0.name == "che" })
    }

    @Test("no source where nobody reports: a passive's subject, a cue's form after an elided article", arguments: [
        "Durante la cerimonia è stato ricordato il lutto che ha colpito la città.",
        "Quindi il processo passa alla requisitoria dell'accusa e della difesa.",
    ])
    func nobodyReports(text: String) throws {
        let found = try sources(text, language: "it").filter { $0.relation == .quoted || $0.relation == .accordingTo }
        #expect(found.isEmpty, "\(found.map(\.name))")
    }

    @Test("a speaker named as an organisation is an organisation, whatever the tagger said")
    func organisationHeads() throws {
        // The tagger reads "Comitato Mario Rossi" (a committee named after a person) as PER.
        let text = "«La strada resta chiusa», dice Comitato Mario Rossi, che raccoglie le firme."
        let entities = try fullPipeline.get().annotate(try exampleDocument(text, language: "it"))[Layers.entities] ?? []
        #expect(entities.first?.type == "PER")
        let found = try sources(text, language: "it")
        let committee = try #require(found.first { $0.name == "Comitato Mario Rossi" })
        #expect(committee.kind == .organisation)
        #expect(!found.contains { $0.kind == .person })
    }
}
