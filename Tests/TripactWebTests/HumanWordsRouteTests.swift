import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing
import TripactCore
import TripactStore
import TripactTestSupport
import TripactWeb

/// Issue 9, items 3 and 6: the agreement page and both views of the compare page name everything in words (item
/// titles, catalogue labels, parameter and variant labels), never by key, and the redline is built as a lawyer
/// reads one: one heading per page, a heading per change, numbered changes with previous and next, tables with
/// header cells, lists compared as sets.
@Suite struct HumanWordsRouteTests {
    /// Version 2 changes a parameter and a variant, adds card data to a purpose (and to Annex II's list, which no
    /// purpose then uses: a finding that quotes the key), re-sorts the purposes, removes a data subject and edits text.
    static func fixture() throws -> WebFixture {
        let fixture = try WebFixture()
        var v2 = Fixtures.example("full-scenario.json")
        Fixtures.set("breach-notification", "hours", .integer(24), in: &v2)
        v2.clauses[Fixtures.selectionIndex("subprocessors", in: v2)].variant = "specific"
        v2.processing.purposes.reverse()
        v2.processing.purposes[0].dataCategories.append("user.financial.credit_card")
        v2.processing.dataCategories.append(DataCategoryEntry(category: "user.government_id"))
        v2.processing.dataSubjects.removeLast()
        v2.processing.retention += " Then erased."
        try fixture.store.propose(v2, on: fixture.reference, basedOn: 1, by: WebFixture.email(.legal, "controller"), message: "card data")
        return fixture
    }

    /// Keys a reader must never see: every item key of the agreement, the catalogue keys it uses, its parameter names.
    static func keys(_ document: AgreementDocument) -> [String] {
        var keys = AgreementItems.items(of: document).map(\.key.rawValue)
        keys += document.processing.purposes.map(\.purpose) + document.processing.dataCategories.map(\.category)
        keys += ["user.financial.credit_card", "user.government_id", "general-objection", "notice-days", "scc-module-3", "purposes[", "dataCategories"]
        return keys
    }

    @Test func theComparePageInBothViewsAndTheAgreementPageShowWordsNotKeys() async throws {
        let fixture = try Self.fixture()
        let document = try fixture.store.version(fixture.reference, number: 2).document
        let card = try #require(Fixtures.library.dataCategory("user.financial.credit_card")?.label)
        let face = try #require(Fixtures.library.dataCategory("user.government_id")?.label)
        let (cookie, _) = try fixture.session(.legal, "processor")
        try await fixture.application.test(.router) { client in
            let compare = "/agreements/\(fixture.reference)/compare?from=1&to=2"
            for uri in [compare, compare + "&view=changes", compare + "&view=document", "/agreements/\(fixture.reference)"] {
                let response = try await client.get(uri, cookie: cookie)
                #expect(response.status == .ok)
                let visible = ConflictPageTests.visibleText(response.text)
                for key in Self.keys(document) where visible.contains(key) { Issue.record("\(uri) shows the key \(key)") }
            }
            let changes = ConflictPageTests.visibleText(try await client.get(compare, cookie: cookie).text)
            #expect(changes.contains("personal data categories: added \(card)"))
            #expect(changes.contains("Wording: General"), "the variant is named by its label")
            #expect(changes.contains("Prior specific authorisation of each Subprocessor"))
            #expect(changes.contains("s breach notice"), "the hours are named by the parameter's label")
            #expect(changes.contains("Your playbook: favours controller"))
            #expect(!changes.contains("Purposes: "), "re-sorting the purposes is no change")
            let page = ConflictPageTests.visibleText(try await client.get("/agreements/\(fixture.reference)", cookie: cookie).text)
            #expect(page.contains("“\(face)”"), "the finding names the category by its label")
            #expect(page.contains("Annex II — personal data"), "the finding names its item")
        }
    }

    @Test func bothViewsHaveOneHeadingPerPageHeadingsPerChangeAndStepsBetweenChanges() async throws {
        let fixture = try Self.fixture()
        let (cookie, _) = try fixture.session(.legal, "controller")
        try await fixture.application.test(.router) { client in
            let base = "/agreements/\(fixture.reference)/compare?from=1&to=2"
            let changes = try await client.get(base, cookie: cookie).text
            let document = try await client.get(base + "&view=document", cookie: cookie).text
            for html in [changes, document] {
                #expect(html.components(separatedBy: "<h1").count == 2, "one h1")
                #expect(html.contains("id=\"change-1\"") && html.contains("href=\"#change-2\">Next change</a>") && html.contains("href=\"#change-1\">Previous change</a>"))
                #expect(html.contains("view=document\"") && html.contains("view=changes\""), "each view links to the other")
            }
            #expect(changes.contains("<a href=\"/agreements/\(fixture.reference)/compare?from=1&amp;to=2&amp;view=changes\" aria-current=\"page\">"))
            #expect(document.contains("<th scope=\"col\">Subprocessor</th>") && document.contains("<th scope=\"row\">"))
            #expect(document.contains("<del>36 hours</del>") || document.contains("<del>36</del>"), "the clause's words are redlined in place")
            #expect(!document.contains("<table><tbody>"), "every table has header cells")
            // Sections carry headings: every <section> is labelled by a heading inside it.
            let sections = document.components(separatedBy: "<section").count - 1
            #expect(sections > 20 && document.components(separatedBy: "aria-labelledby=").count - 1 >= sections)
        }
    }
}
