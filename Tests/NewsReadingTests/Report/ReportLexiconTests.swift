import Foundation
@testable import NewsReading
import Testing

@Suite("The report's words are data, one file per language")
struct ReportLexiconTests {
    @Test("every bundled report-<language>.json decodes, and the role families keep their order")
    func bundledFiles() throws {
        let lexicon = ReportLexicon.bundled
        #expect(lexicon.languages == ["en", "es", "it"])
        #expect(lexicon.families.map(\.name) == ["law and security", "politics and government", "spokespeople and officials",
                                                 "experts and academia", "business and management", "citizens and witnesses"])
    }

    @Test("roles in each language fall in their family; prefixes and folded accents match", arguments: [
        ("former police chief", "law and security"),
        ("sindaca di Riverton", "politics and government"),
        ("ministro degli Esteri", "politics and government"),
        ("portavoz del Ministerio de Sanidad", "spokespeople and officials"),
        ("catedrático de Economía", "experts and academia"),
        ("vecina del barrio", "citizens and witnesses"),
        ("trombonist", RoleFamily.other),
    ])
    func families(role: String, family: String) {
        #expect(RoleFamily.family(of: role) == family)
    }

    @Test("titles and pronouns of each language give the gender the text states")
    func genderCues() {
        #expect(GenderCues.label(ofTitle: "Mrs") == "female")
        #expect(GenderCues.label(ofTitle: "signora") == "female")
        #expect(GenderCues.label(ofTitle: "Sra.") == "female")
        #expect(GenderCues.label(ofTitle: "señor") == "male")
        #expect(GenderCues.label(ofTitle: "Dr") == nil)
        #expect(GenderCues.label(ofPronoun: "Ella") == "female")
        #expect(GenderCues.label(ofPronoun: "lui") == "male")
        #expect(GenderCues.allTitles.contains("alcalde"))
    }
}
