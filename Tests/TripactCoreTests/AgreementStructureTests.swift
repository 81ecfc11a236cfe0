import Foundation
import Testing
import TripactCore
import TripactTestSupport

/// The agreement's title and structure follow the roles of its purposes (issue 16, item 2): the processing terms, the
/// joint-controller terms and the data-sharing terms each print under a part heading, once, in that order, with one
/// set of annexes and one signature; the joint controllers' allocation prints as a table.
@Suite struct AgreementStructureTests {
    static func render(_ document: AgreementDocument) -> String {
        AgreementRenderer.render(AgreementFacts(document: document, library: Fixtures.library))
    }

    @Test func anAgreementWithAllThreeRolesPrintsEachPartOnceInOrderWithOneSetOfAnnexesAndOneSignature() {
        let html = Self.render(Fixtures.withAllThreeRoles())
        let headings = [
            "Part 1 — General terms", "Part 2 — Processing on the Controller&#39;s behalf (Art. 28)", "Part 3 — Joint controllers (Art. 26)",
            "Part 4 — Data shared between controllers", "Part 5 — Final terms",
        ]
        let places = headings.map { html.components(separatedBy: "\">\($0)</h2>").count - 1 }
        #expect(places == [1, 1, 1, 1, 1], "each part heading once in the body: \(places)")
        let order = headings.compactMap { html.range(of: "\">\($0)</h2>")?.lowerBound }
        #expect(order.count == 5 && order == order.sorted())
        // Each part holds its own clauses: the joint arrangement after Part 3's heading and before Part 4's.
        let joint = html.range(of: "id=\"clause-joint-controllership\"")!.lowerBound
        let sharing = html.range(of: "id=\"clause-data-sharing\"")!.lowerBound
        let breach = html.range(of: "id=\"clause-breach-notification\"")!.lowerBound
        let term = html.range(of: "id=\"clause-term-and-termination\"")!.lowerBound
        #expect(order[1] < breach && breach < order[2] && order[2] < joint && joint < order[3] && order[3] < sharing && sharing < order[4] && order[4] < term)
        #expect(html.components(separatedBy: "<section class=\"signatures\"").count == 2, "one signature")
        let plain = Self.render(Fixtures.example("full-scenario.json"))
        let annexes = html.components(separatedBy: "<section class=\"annex").count - 1
        #expect(annexes > 0 && annexes == plain.components(separatedBy: "<section class=\"annex").count - 1, "one set of annexes")
        #expect(html.contains("<li class=\"part-entry\"><a href=\"#part-3\">Part 3 — Joint controllers (Art. 26)</a></li>"), "the contents list the parts")
    }

    @Test func anAgreementWhosePurposesAreAllOnBehalfPrintsNoParts() {
        let html = Self.render(Fixtures.example("full-scenario.json"))
        #expect(!html.contains("<h2 class=\"part\"") && !html.contains("<li class=\"part-entry\""))
        #expect(html.contains("<h1>Data Processing Agreement for the Lumen"))
    }

    @Test func thePrintedTitleSaysWhatTheDocumentIsUnlessThePartiesTypedTheirOwn() {
        var document = Fixtures.withAllThreeRoles()
        let facts = AgreementFacts(document: document, library: Fixtures.library)
        #expect(facts.printedTitle == "Data Processing, Joint Controller and Data Sharing Agreement for the Lumen Télécom customer service programme")
        #expect(Self.render(document).contains("<h1>Data Processing, Joint Controller and Data Sharing Agreement for the Lumen"))
        var jointOnly = document
        jointOnly.processing.purposes = jointOnly.processing.purposes.map { var entry = $0; if entry.role == .independent { entry.assign(role: .onBehalf, lawfulBasis: nil, specialCondition: nil, recipient: nil) }; return entry }
        #expect(AgreementFacts(document: jointOnly, library: Fixtures.library).printedTitle.hasPrefix("Data Processing and Joint Controller Agreement for"))
        document.title = "Customer care data terms, Lumen and Atlantis"
        #expect(AgreementFacts(document: document, library: Fixtures.library).printedTitle == document.title, "the parties' own title prints as typed")
        let stored = Fixtures.withAllThreeRoles()
        #expect(stored.title.hasPrefix("Data Processing Agreement"), "the stored title is unchanged; only the print follows the roles")
    }

    @Test func theDefinitionsAndTheSurvivalListFollowTheRoles() {
        let html = Self.render(Fixtures.withAllThreeRoles())
        #expect(html.contains("The name identifies the Party, not its role for every purpose"))
        #expect(html.contains("the Controller and the Processor are joint controllers, and <a class=\"ref\" href=\"#clause-joint-controllership\">"))
        #expect(html.contains("also continues after this Agreement ends, for as long as either Party holds Joint Personal Data"))
        #expect(html.contains("<a class=\"ref\" href=\"#clause-data-sharing\">") && html.contains("also continues after this Agreement ends, for as long as the Recipient holds Shared Data"))
        #expect(!html.contains("this data processing agreement,"), "the Agreement is not defined as a processing agreement only")
        let plain = Self.render(Fixtures.example("full-scenario.json"))
        #expect(!plain.contains("Joint Personal Data") && !plain.contains("Shared Data"), "an agreement without those purposes does not mention them")
        #expect(!plain.contains("class=\"unfilled\""))
    }

    @Test func theAllocationPrintsAsATableWithItsValuesAndHandOvers() throws {
        let document = Fixtures.withAllThreeRoles()
        let facts = AgreementFacts(document: document, library: Fixtures.library)
        let item = try #require(facts.included(ClauseID("joint-controllership")))
        let tables = facts.printedParagraphs(of: item).filter(\.isTable)
        #expect(tables.count == 1 && tables[0].columns == 3)
        let rows = tables[0].rows
        #expect(rows.count == 17, "a header and 16 responsibilities")
        #expect(rows[0].map { $0.map(\.plain).joined() } == ["Responsibility", "Party responsible", "Hand-over and note"])
        let contact = try #require(rows.first { $0[0].map(\.plain).joined().hasPrefix("Acting as the single contact point") })
        #expect(contact[1] == [.value("the Controller")])
        let html = AgreementRenderer.clauseFragment(item, facts: facts)
        #expect(html.contains("<table class=\"clause-table\">\n<thead><tr><th scope=\"col\">Responsibility</th><th scope=\"col\">Party responsible</th>"))
        #expect(html.contains("<td><span class=\"value\">the Controller</span></td>"))
        #expect(html.contains("passes the request on within <span class=\"value\">2 business days</span>"))
        #expect(!html.contains("<li>Acting as the single contact point"), "not a list any more")
        let plain = facts.plainParagraphs(of: item)
        #expect(plain.contains { $0.hasPrefix("Acting as the single contact point for Data Subjects for the Joint Purposes [Art. 26(1)] | the Controller | ") })
    }

    @Test func aTableParagraphIsCheckedWhenTheLibraryLoads() {
        func problems(_ text: String) -> [String] {
            let clause = """
                id: tabled
                title: Tabled
                order: 999
                part: closing
                articles: Art. 26
                mandatory: no
                applies: selected
                negotiable: no
                summary: A table.

                variant: only
                stance: balanced
                label: Only
                text:
                \(text)
                """
            do {
                _ = try ClauseLibrary.load(Fixtures.libraryFiles + [LibraryFile(name: "tabled.clause", contents: clause)])
                return []
            } catch {
                return ["\(error)"]
            }
        }
        #expect(problems("| A | B\n| one | two").isEmpty)
        #expect(problems("| A | B\n| one").joined().contains("a table row has 1 cells where its header has 2"))
        #expect(problems("| A | B | C\n| one |  | three").joined().contains("a table cell is empty"))
        #expect(problems("| A | B\nnot a row").joined().contains("every line starting with '|'"))
        #expect(problems("Prose.").isEmpty)
    }

    @Test func theLintRefusesAClauseWhoseOrderPutsItInsideAnotherPart() throws {
        let contents = try #require(Fixtures.libraryFiles.first { $0.name == "docking.clause" }).contents
        let moved = contents.replacingOccurrences(of: "order: 50\n", with: "order: 275\n")
        #expect(moved != contents)
        let files = Fixtures.libraryFiles.map { $0.name == "docking.clause" ? LibraryFile(name: $0.name, contents: moved) : $0 }
        let error = #expect(throws: (any Error).self) { try ClauseLibrary.load(files) }
        #expect("\(error.map { "\($0)" } ?? "")".contains("clause 'docking' is in part 'opening' but its order 275 puts it after"))
    }
}
