import Foundation
import NewsAnnotation
import NewsAnnotators
import NewsAnnotationTesting
import NewsIngest
import Testing

/// The pipeline up to quotes, built once.
private let quotePipeline: Result<Pipeline, any Error> = Result {
    try StandardPipeline.make([SegmentationAnnotator.id, EntityAnnotator.id, QuoteAnnotator.id])
}

private func quotes(of document: Document) throws -> (quotes: [Quote], text: String) {
    let annotated = try quotePipeline.get().annotate(document)
    return (annotated[Layers.quotes] ?? [], annotated.text)
}

private func quotes(_ text: String, language: String) throws -> [Quote] {
    try quotes(of: try exampleDocument(text, language: language)).quotes
}

private func content(_ quote: Quote, in text: String) -> [String] {
    let scalars = Array(text.unicodeScalars)
    return quote.parts.map { String(String.UnicodeScalarView(scalars[$0.start..<$0.end])) }
}

@Suite("Quotes")
struct QuotesTests {
    @Test("the seed article: 16 quoted passages (18 opening marks), 4 indirect quotes, every speaker right")
    func seedArticle() throws {
        let (found, text) = try quotes(of: try ingestSample("bbc-newsbeat-russia-syria.it.txt"))
        let reeve = "Richard Reeve", light = "Margot Light"
        // Opening words of each quoted passage, its kind and its speaker, in text order.
        let expected: [(String, Quote.Kind, String, Int)] = [
            ("Putin ha iniziato a pensare", .direct, reeve, 1),
            ("che la Russia ha visto come direttamente minare", .mixed, reeve, 1),
            ("La Russia aveva una relazione", .direct, reeve, 1),
            ("Non stavano pensando agli interessi", .direct, light, 1),
            ("Non credo che abbiano una vera fiducia", .direct, light, 1),
            ("È fondamentalmente un teatro", .direct, reeve, 1),
            ("Questo dà ai militari", .direct, reeve, 2),
            ("Questi clienti", .indirect, reeve, 2),
            ("Il coinvolgimento della Russia in Medio Oriente", .indirect, light, 1),
            ("Se si volesse negoziare", .direct, light, 1),
            ("Fa parte di questa determinazione", .direct, light, 1),
            ("il Medio Oriente è più vicino alla Russia", .mixed, light, 1),
            ("Sono molto preoccupati", .direct, light, 1),
            ("Non li vogliono in Russia", .direct, light, 1),
            ("la Russia fare marcia indietro a breve", .indirect, reeve, 1),
            ("Penso che si siano impegnati", .direct, reeve, 1),
            ("È probabilmente abbastanza imbarazzante", .direct, reeve, 1),
            ("Assad stava vincendo la guerra senza.", .direct, light, 2),
            ("la risposta dell’Occidente", .indirect, light, 1),
            ("Non faranno quello che gli diciamo.", .direct, light, 1),
        ]
        #expect(found.count == expected.count, "\(found.map { content($0, in: text).first ?? "" })")
        for (quote, (opening, kind, speaker, parts)) in zip(found, expected) {
            let words = content(quote, in: text)
            #expect(words.first?.hasPrefix(opening) == true, "\(quote.id) starts \(words.first ?? "")")
            #expect(quote.kind == kind, "\(quote.id) is \(quote.kind)")
            #expect(quote.speakerName == speaker, "\(quote.id) is attributed to \(quote.speakerName ?? "nobody")")
            #expect(quote.parts.count == parts, "\(quote.id) has \(quote.parts.count) parts")
        }
        // Exact contents of the multi-paragraph quotes.
        let military = try #require(found.first { content($0, in: text).first?.hasPrefix("Questo dà") == true })
        #expect(content(military, in: text) == [
            "Questo dà ai militari una vera esperienza di guerra – per la loro fiducia – e invia un messaggio al resto del mondo che la Russia è un giocatore militare capace e moderno.",
            "Inoltre, mostra queste armi in azione ai potenziali clienti.",
        ])
        let assad = try #require(found.first { content($0, in: text).first?.hasPrefix("Assad stava") == true })
        #expect(content(assad, in: text).last == "Sembra solo un’azione così stupida che è difficile da capire – e sono sicuro che i russi hanno difficoltà a capirlo. Sono sicuro che sono estremamente dispiaciuti per questo.")
        #expect(assad.speaker?.text == "Prof Light")
        // 18 opening marks, 16 quoted passages.
        #expect(found.filter { $0.kind != .indirect }.reduce(0) { $0 + $1.parts.count } == 18)
        // How each speaker was found.
        let attributions = found.map(\.attribution)
        #expect(attributions.filter { $0 == .subjectless }.count == 4)
        #expect(attributions.filter { $0 == .continuation }.count == 6)
        #expect(attributions.filter { $0 == .pronoun }.count == 1)
        #expect(found.first { $0.attribution == .pronoun }?.speaker?.text == "lei")
        #expect(found.allSatisfy { $0.cluster != nil })
    }

    @Test("the English sample: split, pronoun, colon, fragment, description and according-to")
    func englishSample() throws {
        let (found, text) = try quotes(of: try ingestSample("riverton-harbour-flood.en.html"))
        func quote(_ opening: String) -> Quote? { found.first { content($0, in: text).first?.hasPrefix(opening) == true } }
        let marsh = try #require(quote("We have never seen"))
        #expect(marsh.parts.count == 2 && marsh.speakerName == "Linda Marsh" && marsh.attribution == .name)
        let natarajan = try #require(quote("We lost everything"))
        #expect(natarajan.parts.count == 2 && natarajan.speakerName == "Priya Natarajan" && natarajan.attribution == .pronoun && natarajan.speaker?.text == "she")
        #expect(content(natarajan, in: text).last == "but the ovens might still be saved if the electrician gives them the all-clear.")
        #expect(quote("This town has been through")?.speakerName == "Ellen Okafor")
        #expect(quote("This town has been through")?.speaker?.text == "Mayor Ellen Okafor")
        let surge = try #require(quote("a once-in-a-generation event"))
        #expect(surge.kind == .mixed && surge.speakerName == "James Whitfield")
        let wall = try #require(quote("When the wall went up"))
        #expect(wall.parts.count == 2 && wall.speakerName == "James Whitfield" && wall.attribution == .pronoun)
        #expect(quote("We advised raising the wall")?.speakerName == "Alan Mercer")
        let council = try #require(quote("the council would open"))
        #expect(council.kind == .indirect && council.speakerName == "Ellen Okafor")
        let official = try #require(quote("Work on the wall was finally approved"))
        #expect(official.kind == .indirect && official.attribution == .description && official.speaker?.text == "a council official who asked not to be named")
        #expect(official.parts.count == 2)
        let port = try #require(quote("The water began rising"))
        #expect(port.kind == .indirect && port.cue?.text == "according to" && port.speakerName == "Riverton Port Authority")
        #expect(quote("it was now checking water levels")?.speakerName == "Environment Agency")
    }

    @Test("quotation marks of many conventions, nested quotes and apostrophes", arguments: [
        ("«Non lo sapevo», dice Marco Rossi.", "it", "Non lo sapevo"),
        ("„Wir schaffen das“, said Angela Merkel.", "en", "Wir schaffen das"),
        ("‚Ja‘, said Angela Merkel.", "en", "Ja"),
        ("»Hej«, said Anna Berg.", "en", "Hej"),
        ("”Hej”, said Anna Berg.", "en", "Hej"),
        ("‹Oui›, said Anna Berg.", "en", "Oui"),
        ("\"We won,\" said Jane Holt.", "en", "We won,"),
        ("“He told me ‘never again’ and left,” said Jane Holt.", "en", "He told me ‘never again’ and left,"),
        ("“L’Oxford Research Group dell’università non c’entra”, dice Marco Rossi.", "it", "L’Oxford Research Group dell’università non c’entra"),
        // French typography spaces its guillemets (a no-break space here, a plain one below).
        ("« Nous ne céderons pas », said Anne Morel.", "en", "Nous ne céderons pas"),
        ("« Non lo sapevo », dice Marco Rossi.", "it", "Non lo sapevo"),
    ])
    func marks(_ text: String, _ language: String, _ expected: String) throws {
        let found = try quotes(text, language: language)
        #expect(found.count == 1, "\(found)")
        guard let quote = found.first else { return }
        #expect(content(quote, in: text) == [expected])
        #expect(quote.kind == .direct)
        #expect(quote.speakerName != nil)
    }

    @Test("long-dash dialogue")
    func dialogue() throws {
        let text = "— Non tornerò più qui — disse Marco Rossi."
        let found = try quotes(text, language: "it")
        #expect(found.count == 1)
        #expect(found.first.map { content($0, in: text) } == ["Non tornerò più qui"])
        #expect(found.first?.speakerName == "Marco Rossi")
    }

    @Test("scare quotes and titles in quotes are not a speaker's quote", arguments: [
        ("Il cosiddetto “Stato Islamico” controlla la città.", "it"),
        ("The so-called “Green Deal” was signed in Brussels.", "en"),
        ("Abbiamo visto il film “La grande bellezza” al cinema ieri sera.", "it"),
    ])
    func scareQuotes(_ text: String, _ language: String) throws {
        let found = try quotes(text, language: language)
        #expect(found.allSatisfy { $0.kind == .scare && $0.speakerName == nil && $0.confidence < 0.5 }, "\(found)")
    }

    @Test("a quote paragraph continues the previous speaker only when nobody else intervened")
    func continuation() throws {
        let text = "“Siamo pronti”, dice Marco Rossi.\n\n“Lo siamo da anni.”\n\nIl governo ha approvato il piano ieri.\n\n“Nessuno ci ha ascoltato.”"
        let found = try quotes(text, language: "it")
        #expect(found.count == 3)
        #expect(found.map(\.speakerName) == ["Marco Rossi", "Marco Rossi", nil])
        #expect(found.map(\.attribution) == [.name, .continuation, .none])
    }

    @Test("a pronoun takes the last speaker of its gender")
    func pronounGender() throws {
        let text = "“Abbiamo vinto”, dice la signora Anna Conti. “Non è vero”, dice il signor Paolo Neri. “Lo è eccome”, dice lei."
        let found = try quotes(text, language: "it")
        #expect(found.map(\.speakerName) == ["Anna Conti", "Paolo Neri", "Anna Conti"])
    }

    @Test("odd sentences are no trouble: no comma after 'secondo X', lone marks, marks only", arguments: [
        "Secondo Marco Rossi la guerra finirà presto",
        "Secondo Marco Rossi",
        "“",
        "” « » „ ‚ ‘ ’ ‹ › \" ' — ―",
        "— ",
        "“A”, dice",
        ", dice Marco Rossi, ",
        // Doubled marks of typewritten news, next to each other and half-open.
        "''A,'' ''B.''",
        "''A,''''B,'' said Mr. Cole.",
        "''",
        "'''' ''",
        "``A'' and ''",
    ])
    func oddInput(_ text: String) throws {
        let found = try quotes(text, language: "it")
        let length = text.unicodeScalars.count
        #expect(found.allSatisfy { quote in quote.parts.allSatisfy { 0 <= $0.start && $0.start <= $0.end && $0.end <= length } })
    }

    @Test("reported speech after a direct quote's attribution is an indirect quote by the same speaker", arguments: [
        ("“We have heard this before,” said Jane Holt, adding that the last scheme was scrapped after eighteen months.", "en", "the last scheme was scrapped after eighteen months"),
        ("«Non basta», ha detto Marco Rossi, aggiungendo che il piano andrà rivisto entro l’estate.", "it", "il piano andrà rivisto entro l’estate"),
    ])
    func followUp(_ text: String, _ language: String, _ reported: String) throws {
        let found = try quotes(text, language: language)
        #expect(found.map(\.kind) == [.direct, .indirect])
        #expect(Set(found.map(\.speakerName)).count == 1 && found[0].speakerName != nil)
        #expect(found.last.map { content($0, in: text) } == [reported])
    }

    @Test("more Italian reported speech: the previous sentence with 'Lo ha detto', phrases, infinitives", arguments: [
        ("Il piano sarà pronto entro giugno. Lo ha detto il ministro Paolo Neri durante la conferenza.", "Il piano sarà pronto entro giugno", "Paolo Neri"),
        ("Marco Rossi ha fatto sapere che la squadra partirà domani per Madrid.", "la squadra partirà domani per Madrid", "Marco Rossi"),
        ("Marco Rossi ha detto di voler lasciare la presidenza entro l’estate.", "voler lasciare la presidenza entro l’estate", "Marco Rossi"),
    ])
    func italianReported(_ text: String, _ reported: String, _ speaker: String) throws {
        let found = try quotes(text, language: "it")
        let quote = try #require(found.first { $0.kind == .indirect }, "\(found)")
        #expect(content(quote, in: text) == [reported])
        #expect(quote.speakerName == speaker)
    }

    /// Runs the quote stage over marked text: `⟦INDIRECT …⟧`, `⟦MIXED …⟧`, `⟦DIRECT …⟧` mark the
    /// parts and `⟦SPEAKER …⟧` the speaker as written; returns the quotes for further checks.
    @discardableResult
    private func checkMarked(_ marked: String, language: String) throws -> [Quote] {
        let expected = try MarkedText(marked)
        let found = try quotes(expected.text, language: language).filter { $0.kind != .scare }
        var actual: [MarkedText.Mark] = found.flatMap { quote in quote.parts.map { MarkedText.Mark(label: quote.kind.rawValue.uppercased(), span: $0) } }
        actual += found.compactMap { $0.speaker.map { MarkedText.Mark(label: "SPEAKER", span: $0.span) } }
        #expect(expected.difference(from: actual.sorted()) == nil, "\(expected.difference(from: actual.sorted()) ?? "")")
        return found
    }

    @Test("reported clauses with any noun phrase as subject: descriptions, names at the head, pronouns, relatives", arguments: [
        ("⟦SPEAKER Police officials⟧ said ⟦INDIRECT a second device was also found in Chelsea on Saturday⟧.", nil as String?),
        ("⟦SPEAKER Some experts⟧ have said ⟦INDIRECT the wording of the policy was too ambiguous⟧.", nil),
        ("⟦SPEAKER The bank⟧ said that ⟦INDIRECT it had fired thousands of employees from 2011 to 2016⟧.", nil),
        ("Leading economist ⟦SPEAKER Jane Doe⟧ says ⟦INDIRECT the plan would cost more than it saves⟧.", "Jane Doe"),
        ("Bill Clinton spoke in Ohio on Monday. ⟦SPEAKER The former president⟧ said ⟦INDIRECT premiums are rising because of the exchanges⟧.", "Bill Clinton"),
        ("Donald Trump thanked Ted Cruz, ⟦SPEAKER who⟧ says ⟦INDIRECT he is honored by the endorsement⟧.", "Ted Cruz"),
        ("In Honolulu last week, ⟦SPEAKER he⟧ told a meeting of island leaders that ⟦INDIRECT few people understood the stakes better⟧.", nil),
    ])
    func anySubject(_ marked: String, _ name: String?) throws {
        let found = try checkMarked(marked, language: "en")
        #expect(found.first?.speakerName == name)
    }

    @Test("a speaker after the clause, and 'according to' any noun phrase", arguments: [
        "⟦INDIRECT Secret Service protocol called for the nominee to be taken to a trauma center⟧, ⟦SPEAKER sources⟧ said.",
        "⟦INDIRECT The meeting deteriorated from there⟧, said ⟦SPEAKER a senior official in the room⟧.",
        "⟦INDIRECT Clinton beats Trump by 46 percent to 42 percent⟧, according to ⟦SPEAKER the poll⟧.",
        "According to ⟦SPEAKER the data⟧, ⟦INDIRECT Christians make up less than half of 1 percent of the arrivals⟧.",
    ])
    func postposedSpeaker(_ marked: String) throws {
        try checkMarked(marked, language: "en")
    }

    @Test("a quoted fragment inside a reported clause makes one mixed quote with the clause's speaker", arguments: [
        ("Hillary Clinton spoke in Florida. ⟦SPEAKER She⟧ says ⟦MIXED his temperament is “dangerous for a president.”⟧", "en", "Hillary Clinton"),
        ("⟦SPEAKER Kevin Sullivan⟧ says ⟦MIXED there has been “no illegal disclosure by anyone” at the agency⟧.", "en", "Kevin Sullivan"),
        ("⟦SPEAKER Marco Rossi⟧ ha detto che ⟦MIXED la città rischia di diventare “un museo” senza i giovani⟧.", "it", "Marco Rossi"),
    ])
    func mixedClause(_ marked: String, _ language: String, _ name: String) throws {
        let found = try checkMarked(marked, language: language)
        #expect(found.first?.speakerName == name)
    }

    @Test("a cue an adverbial keeps from its quote, a cue in the progressive, a verb that ascribes a quoted label, an attitude phrase", arguments: [
        // An adverbial phrase and the complementizer between the cue and the quote.
        ("⟦SPEAKER The commission⟧ says on its website that “⟦MIXED there were issues with the audio in the hall.⟧”", "en"),
        ("⟦SPEAKER Clinton⟧ said on the other hand, “⟦MIXED the current system works fine for most families.⟧”", "en"),
        // A gerund after a form of "be" reports.
        ("⟦SPEAKER He⟧’s claiming that ⟦MIXED voting fraud is “a big, big problem in this country”⟧.", "en"),
        ("⟦SPEAKER Marta Neri⟧ sta chiedendo che ⟦MIXED il comune riapra “subito” la biblioteca⟧.", "it"),
        // A quoted label ascribed by a verb of naming or judging.
        ("⟦SPEAKER Bill Clinton⟧ criticized the health law as a “⟦MIXED crazy system⟧” during a stop in Flint.", "en"),
        ("⟦SPEAKER The governor’s doctor⟧ is calling ⟦MIXED the candidate “extremely physically fit.”⟧", "en"),
        ("⟦SPEAKER Luca Bianchi⟧ ha criticato il progetto come “⟦MIXED una follia⟧” davanti al consiglio.", "it"),
        // A request after the object of "tell", "urge": the infinitive is the content.
        ("⟦SPEAKER Trump⟧ tells his supporters at a rally to ⟦MIXED “go to your place and vote” and then “go pick some other place.”⟧", "en"),
        // Calls for and wants to: demands and desires reported as indirect speech.
        ("⟦SPEAKER The senator⟧ called for ⟦INDIRECT an independent inquiry into the contracts⟧.", "en"),
        ("⟦SPEAKER She⟧ wants to ⟦INDIRECT triple the size of the AmeriCorps program⟧.", "en"),
    ])
    func distantAndAttitudeCues(_ marked: String, _ language: String) throws {
        try checkMarked(marked, language: language)
    }

    @Test("a quote that ends its sentence inside the marks is not attributed by the next sentence's subject and cue")
    func nextSentenceIsNoAttribution() throws {
        try checkMarked("⟦SPEAKER Clinton⟧ says Trump’s “⟦MIXED latest meltdown is unhinged, even for him.⟧” ⟦SPEAKER She⟧ says it underscores that ⟦MIXED Trump is “unfit to be commander-in-chief.”⟧", language: "en")
        // The attribution that ends the sentence still counts: "“Why?” Trump asked."
        try checkMarked("“⟦DIRECT Why not?⟧” ⟦SPEAKER Trump⟧ asked on Tuesday.", language: "en")
    }

    @Test("after a quote, a name with a party and state in parentheses, or with an appositive, before the cue", arguments: [
        "“⟦DIRECT It’s a dog whistle to all Americans,⟧” ⟦SPEAKER Rep. Gwen Moore⟧ (D-Wis.) said Friday.",
        "“⟦DIRECT It’s an invasion of the state regulatory domain,⟧” ⟦SPEAKER Scott Pruitt⟧, the Republican attorney general of Oklahoma, one of those suing the agency, said at an event.",
        "“⟦DIRECT I think all candidates should do so,⟧” ⟦SPEAKER Douglas Holtz-Eakin⟧, an economist and tax expert, told me this week.",
    ])
    func nameThenAppositive(_ marked: String) throws {
        try checkMarked(marked, language: "en")
    }

    @Test("after a definite article, a cue verb's form is a noun: the subject and cue come later")
    func cueFormAsNoun() throws {
        try checkMarked("The state’s campaign chairman, ⟦SPEAKER Phil Lovas⟧, said ⟦INDIRECT he cannot comment on the letter because he has not seen it⟧.", language: "en")
    }

    @Test("a headline that names its source before a colon attributes what follows", arguments: [
        ("⟦SPEAKER Sanders⟧: ⟦INDIRECT Clinton needs to change her message before the debate⟧.\n\nBernie Sanders spoke in Ohio on Sunday.", "en"),
        ("⟦SPEAKER Poll⟧: ⟦INDIRECT Clinton and Trump in dead heat heading into first debate⟧.\n\nThe survey was taken last week.", "en"),
        ("⟦SPEAKER Pence⟧: ⟦MIXED Trump Was ‘Mocking’ Clinton Camp With His Invitation⟧.\n\nMike Pence spoke to Chris Wallace on Sunday.", "en"),
        ("⟦SPEAKER Giorgia Meloni⟧: ⟦INDIRECT il governo durerà fino alla fine della legislatura⟧\n\nLa premier ha parlato a Roma.", "it"),
    ])
    func headlines(_ marked: String, _ language: String) throws {
        try checkMarked(marked, language: language)
    }

    @Test("no headline attribution: no name before the colon, a cue before it, a later paragraph", arguments: [
        "The Latest: taxes leaked to the newspaper were not from Connecticut.\n\nMore follows.",
        "Stealth Over Health: the van was headed to the hospital but turned away.\n\nMore follows.",
        "The plan was simple.\n\nIn short, Sanders: a senator with a plan to change the party.",
    ])
    func notHeadlines(_ text: String) throws {
        #expect(try quotes(text, language: "en").isEmpty)
    }

    @Test("an attribution that ends the sentence is its outer one, over a cue inside the content")
    func outerAttribution() throws {
        try checkMarked("⟦INDIRECT The mayor called for new elections within a month⟧, ⟦SPEAKER party officials⟧ said.", language: "en")
    }

    @Test("no reported clause: an adverbial after the cue, an impersonal cue, a subordinate clause", arguments: [
        ("He said in a statement.", "en"),
        ("When he said that, the crowd cheered loudly.", "en"),
        ("The report was said to be ready by the end of the year.", "en"),
        ("Si dice che il governo cadrà entro l’estate.", "it"),
    ])
    func noClause(_ text: String, _ language: String) throws {
        #expect(try quotes(text, language: language).isEmpty)
    }

    @Test("after a direct quote: any noun phrase before or after the cue, a name after a dash, and a paragraph that introduces a quote paragraph", arguments: [
        ("“⟦DIRECT I am not going to follow a script,⟧” ⟦SPEAKER Italian Prime Minister Matteo Renzi⟧ said after the meeting.", "Matteo Renzi" as String?),
        ("“⟦DIRECT Hillary was back on the campaign trail within days,⟧” ⟦SPEAKER the book⟧ said.", nil),
        ("“⟦DIRECT It was the least bad outcome,⟧” ⟦SPEAKER Mr. Morgan of the Sierra Club⟧ said.", "Morgan"),
        ("“⟦DIRECT Trump must stop portraying Latinos as dangerous gangsters.⟧” ― ⟦SPEAKER Carla Sanchez⟧", "Carla Sanchez"),
        // Any noun phrase before a cue that opens the quote speaks, after a clause of its own.
        ("As a phone rang, ⟦SPEAKER the announcer⟧ said, “⟦DIRECT It is 3 a.m. and your children are safe and asleep.⟧”", nil),
        // A paragraph that ends with "X said:" or "X continued:" introduces the quote paragraph after it.
        ("⟦SPEAKER Tom Caddell⟧ continued:\n\n“⟦DIRECT The health issue is very much a partisan issue, but it matters.⟧”", "Tom Caddell"),
        ("⟦SPEAKER The New York Times⟧ reports:\n\n“⟦DIRECT Just 24 percent of the delegates backed her in the end.⟧”", "The New York Times"),
    ])
    func phraseAfterQuote(_ marked: String, _ name: String?) throws {
        let found = try checkMarked(marked, language: "en")
        // The entity stage may keep a role inside the name ("Italian Prime Minister Matteo Renzi").
        #expect(found.first?.speakerName.map { name.map($0.hasSuffix) ?? false } ?? (name == nil), "\(found.first?.speakerName ?? "nobody")")
    }

    @Test("Italian reported clauses with any subject, after the Docs/Quotes.md conventions", arguments: [
        "⟦SPEAKER Gli inquirenti⟧ hanno spiegato che ⟦INDIRECT le indagini proseguiranno per mesi⟧.",
        "⟦INDIRECT Il cantiere riaprirà a settembre⟧, secondo ⟦SPEAKER fonti del Comune⟧.",
        "⟦SPEAKER Il sindacato⟧ sostiene che ⟦MIXED il partito resta «unito» nonostante le divisioni⟧.",
    ])
    func italianAnySubject(_ marked: String) throws {
        try checkMarked(marked, language: "it")
    }

    @Test("the doubled marks of typewritten news ('' and ``) are quotation marks; a short phrase in them is a scare quote")
    func doubledMarks() throws {
        let text = "''It's more tinkering at the edges,'' said Alan Cole, an economist. She would close the ''carried interest'' loophole. ``We will see,'' he added."
        let found = try quotes(text, language: "en").filter { $0.kind != .scare }
        #expect(found.map { content($0, in: text).joined(separator: "|") } == ["It's more tinkering at the edges,", "We will see,"])
        #expect(found.map(\.speakerName) == ["Alan Cole", "Alan Cole"])
        #expect(try quotes(text, language: "en").contains { $0.kind == .scare && content($0, in: text) == ["carried interest"] })
    }

    @Test("interviews: question and answer labels, name labels, answers to the person introduced", arguments: [
        ("it", "Intervista alla sindaca\n\nMaria Bianchi guida Lucca da due anni. Le abbiamo chiesto del piano per il centro.\n\nD: Sindaca, perché chiudere il centro alle auto?\n\nR: Perché l'aria è irrespirabile.\n\nNon possiamo aspettare altri dieci anni.\n\nD: E i commercianti?\n\nR: «Li incontrerò la settimana prossima»\n",
         [("Sindaca, perché chiudere il centro alle auto?", nil), ("Perché l'aria è irrespirabile.|Non possiamo aspettare altri dieci anni.", "Maria Bianchi"), ("E i commercianti?", nil), ("Li incontrerò la settimana prossima", "Maria Bianchi")]),
        ("en", "Jane Doe teaches economics at the University of Leeds. We spoke to her about rents.\n\nQ: Why are rents rising so fast?\n\nA: Supply has not kept up with demand for twenty years.\n",
         [("Why are rents rising so fast?", nil), ("Supply has not kept up with demand for twenty years.", "Jane Doe")]),
        ("en", "The mayor, Ann Smith, sat down with our reporter, Tom Jones.\n\nJones: Will the bridge open next year?\n\nSmith: We will open the new bridge next year.\n\nJones: Is the money there?\n\nSmith: It is. The council voted for it on Monday.\n",
         [("Will the bridge open next year?", "Tom Jones"), ("We will open the new bridge next year.", "Ann Smith"), ("Is the money there?", "Tom Jones"), ("It is. The council voted for it on Monday.", "Ann Smith")]),
    ] as [(String, String, [(String, String?)])])
    func interviews(_ language: String, _ text: String, _ expected: [(String, String?)]) throws {
        let found = try quotes(text, language: language)
        #expect(found.count == expected.count, "\(found.map { content($0, in: text) })")
        for (quote, (words, speaker)) in zip(found, expected) {
            #expect(quote.kind == .direct)
            #expect(quote.attribution == .label)
            #expect(content(quote, in: text).joined(separator: "|") == words)
            #expect(quote.speakerName == speaker, "\(words)")
        }
    }

    @Test("no interview: labels that name no speaker, a lone label, a title in a heading", arguments: [
        ("it", "Il ponte riapre domani.\n\nFoto: Comune di Lucca\n\nIl sindaco ha detto che il ponte è sicuro.\n\nFoto: Archivio\n"),
        ("en", "Update: the bridge is open\n\nThe council said the bridge was safe.\n\nNote: the figures are provisional.\n"),
        ("en", "Q: the letter stands for quality in the council's scheme, officials said.\n"),
    ])
    func notInterviews(_ language: String, _ text: String) throws {
        let found = try quotes(text, language: language)
        #expect(!found.contains { $0.attribution == .label }, "\(found.map { content($0, in: text) })")
    }
}
