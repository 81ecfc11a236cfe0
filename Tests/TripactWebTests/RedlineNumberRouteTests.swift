import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing
import TripactCore
import TripactStore
import TripactTestSupport
import TripactWeb

/// Issue 9, item 6: the compare page numbers a clause's paragraphs as the export of the newer version prints them, so a
/// lawyer can say "see 14.3": in the whole document, and in the changes only where a changed paragraph is shown whole.
@Suite struct RedlineNumberRouteTests {
    static func fixture() throws -> WebFixture {
        let fixture = try WebFixture()
        try fixture.store.propose(Fixtures.renumberedWithChanges(), on: fixture.reference, basedOn: 1, by: WebFixture.email(.legal, "controller"), message: "renumbered")
        return fixture
    }

    /// The section of the compare page that shows a clause: the one whose heading links to the clause's page.
    static func clause(_ id: String, in html: String, reference: String) -> [PrintedNumber] {
        Fixtures.paragraphNumbers(in: Fixtures.section(of: html, containing: "/agreements/\(reference)/clauses/\(id)\"") ?? "")
    }

    @Test func theWholeDocumentNumbersParagraphsAsTheExportOfTheNewerVersion() async throws {
        let fixture = try Self.fixture()
        let (cookie, _) = try fixture.session(.legal, "processor")
        try await fixture.application.test(.router) { client in
            let document = try await client.get("/agreements/\(fixture.reference)/compare?from=1&to=2&view=document", cookie: cookie)
            let export = try await client.get("/agreements/\(fixture.reference)/versions/2", cookie: cookie)
            #expect(document.status == .ok && export.status == .ok)
            for clause in ["confidentiality", "breach-notification", "call-recording"] {
                let shown = Self.clause(clause, in: document.text, reference: fixture.reference)
                let printed = Fixtures.paragraphNumbers(in: Fixtures.section(of: export.text, containing: "id=\"clause-\(clause)\"") ?? "")
                #expect(!printed.isEmpty && shown.map(\.label) == printed.map(\.label), "\(clause): \(shown) / \(printed)")
                // Each number on the line of its paragraph's first words, a list's first item included.
                for (redline, print) in zip(shown, printed) {
                    #expect(!redline.words.isEmpty && redline.words.split(separator: " ").first == print.words.split(separator: " ").first, "\(redline) / \(print)")
                }
            }
            let recording = try #require(Fixtures.section(of: document.text, containing: "/clauses/call-recording\""))
            #expect(recording.contains("<li><del>Call and screen recording shall stop"), "taken out: struck through, without a number")
            // Confidentiality moved down one place when 'docking' came in: its new numbers, and not a change.
            let confidentiality = try #require(Fixtures.section(of: document.text, containing: "/clauses/confidentiality\""))
            #expect(confidentiality.contains("<section class=\"item same\"") && confidentiality.contains("<span class=\"number\">10.1</span> "))
        }
    }

    @Test func theChangesOnlyViewNumbersTheChangedParagraphsItShowsWhole() async throws {
        let fixture = try Self.fixture()
        let (cookie, _) = try fixture.session(.legal, "controller")
        try await fixture.application.test(.router) { client in
            let changes = try await client.get("/agreements/\(fixture.reference)/compare?from=1&to=2", cookie: cookie)
            let breach = try #require(Fixtures.section(of: changes.text, containing: "/clauses/breach-notification\""))
            let number = try #require(AgreementFacts(document: Fixtures.renumberedWithChanges(), library: Fixtures.library).number(of: "breach-notification"))
            #expect(Fixtures.paragraphNumbers(in: breach).map(\.label) == ["\(number).1"], "only the changed paragraph is shown, with its number")
        }
    }
}
