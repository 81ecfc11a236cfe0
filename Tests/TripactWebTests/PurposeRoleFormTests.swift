import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing
import TripactCore
import TripactStore
import TripactTestSupport
import TripactWeb

/// A negotiator sets who decides each purpose of Annex II, and its basis, in the same form (issue 16, item 5).
@Suite struct PurposeRoleFormTests {
    static func form(_ page: String, reference: String) throws -> [(String, String)] {
        let start = try #require(page.range(of: "action=\"/agreements/\(reference)/annex2\""))
        let formPart = String(page[start.lowerBound...].split(separator: "</form>", maxSplits: 1)[0])
        return try Annex2OrderTests.submission(formPart)
    }

    static func replacing(_ fields: [(String, String)], _ changes: [String: String]) -> [(String, String)] {
        fields.filter { changes[$0.0] == nil } + changes.map { ($0.key, $0.value) }
    }

    @Test func aPurposeIsMadeIndependentWithItsBasisAndRecipientThenBackOnBehalf() async throws {
        let fixture = try WebFixture()
        let (cookie, _) = try fixture.session(.legal, "processor")
        let purpose = try fixture.store.version(fixture.reference).document.processing.purposes[0].purpose
        try await fixture.application.test(.router) { client in
            let page = try await client.get("/agreements/\(fixture.reference)/annex2", cookie: cookie).text
            #expect(page.contains("<label for=\"purpose-0-role\">Who decides this purpose</label><select id=\"purpose-0-role\" name=\"purposeRoles[\(purpose)]\">"))
            #expect(page.contains("<option value=\"on-behalf\" selected>On the Controller&#39;s behalf (Art. 28)</option>"))
            #expect(page.contains("<option value=\"independent\" selected>") , "a purpose one may add starts with the catalogue's typical role")
            let shared = Self.replacing(try Self.form(page, reference: fixture.reference), [
                "purposeRoles[\(purpose)]": "independent", "purposeBases[\(purpose)]": "legitimate-interests", "purposeRecipients[\(purpose)]": "processor",
                "message": "The processor uses this data for its own purpose",
            ])
            #expect(try await client.propose("/agreements/\(fixture.reference)/annex2", form: shared, cookie: cookie).status == .seeOther)
            let stored = try fixture.store.version(fixture.reference).document.processing.purposes[0]
            #expect(stored.role == .independent && stored.lawfulBasis == .legitimateInterests && stored.recipient == .processor)

            let again = try await client.get("/agreements/\(fixture.reference)/annex2", cookie: cookie).text
            #expect(again.contains("<option value=\"independent\" selected>"))
            let invalid = Self.replacing(try Self.form(again, reference: fixture.reference), ["purposeBases[\(purpose)]": "because", "message": "x"])
            let refused = try await client.propose("/agreements/\(fixture.reference)/annex2", form: invalid, cookie: cookie)
            #expect(refused.status == .unprocessableContent && refused.text.contains("choose the basis, condition and recipient from the lists"))

            let back = Self.replacing(try Self.form(again, reference: fixture.reference), ["purposeRoles[\(purpose)]": "on-behalf", "message": "Back to processing on behalf"])
            #expect(try await client.propose("/agreements/\(fixture.reference)/annex2", form: back, cookie: cookie).status == .seeOther)
        }
        let head = try fixture.store.version(fixture.reference)
        #expect(head.number == 3 && head.document.processing == Fixtures.example("full-scenario.json").processing, "on behalf is stored as no role at all: the first hash's processing again")
    }

    /// Each side of a purpose shared with an independent controller has its own basis: the form has both, in words.
    @Test func anIndependentPurposeTakesTheDisclosersOwnBasisAndConditionBesideTheRecipients() async throws {
        let fixture = try WebFixture()
        let (cookie, _) = try fixture.session(.legal, "controller")
        let purpose = try fixture.store.version(fixture.reference).document.processing.purposes[0].purpose
        try await fixture.application.test(.router) { client in
            let page = try await client.get("/agreements/\(fixture.reference)/annex2", cookie: cookie).text
            #expect(page.contains("<label for=\"purpose-0-disclosure-basis\">When the data is shared with an independent controller: the disclosing party&#39;s own lawful basis for handing it over (Art. 6(1))</label>"))
            #expect(page.contains("name=\"disclosureConditions[\(purpose)]\""))
            let shared = Self.replacing(try Self.form(page, reference: fixture.reference), [
                "purposeRoles[\(purpose)]": "independent", "purposeBases[\(purpose)]": "contract", "purposeRecipients[\(purpose)]": "processor",
                "disclosureBases[\(purpose)]": "legitimate-interests", "disclosureConditions[\(purpose)]": "explicit-consent",
                "message": "Both sides of the sharing have their basis",
            ])
            #expect(try await client.propose("/agreements/\(fixture.reference)/annex2", form: shared, cookie: cookie).status == .seeOther)
            let stored = try fixture.store.version(fixture.reference).document.processing.purposes[0]
            #expect(stored.lawfulBasis == .contract && stored.disclosureBasis == .legitimateInterests && stored.disclosureCondition == .explicitConsent)
            let again = try await client.get("/agreements/\(fixture.reference)/annex2", cookie: cookie).text
            let invalid = Self.replacing(try Self.form(again, reference: fixture.reference), ["disclosureBases[\(purpose)]": "goodwill", "message": "x"])
            let refused = try await client.propose("/agreements/\(fixture.reference)/annex2", form: invalid, cookie: cookie)
            #expect(refused.status == .unprocessableContent)
            #expect(try fixture.store.version(fixture.reference).document.processing.purposes[0].disclosureBasis == .legitimateInterests, "nothing stored")
            let joint = Self.replacing(try Self.form(again, reference: fixture.reference), ["purposeRoles[\(purpose)]": "joint", "message": "Decided together after all"])
            #expect(try await client.propose("/agreements/\(fixture.reference)/annex2", form: joint, cookie: cookie).status == .seeOther)
            let jointStored = try fixture.store.version(fixture.reference).document.processing.purposes[0]
            #expect(jointStored.role == .joint && jointStored.disclosureBasis == nil && jointStored.disclosureCondition == nil, "only an independent purpose has a discloser")
        }
    }

    /// A purpose that is usually the Processor's own, listed as processing on behalf, is explained where it is chosen.
    @Test func thePageSaysWhenAPurposeOnBehalfIsUsuallyTheProcessorsOwn() async throws {
        var document = Fixtures.example("full-scenario.json")
        document.processing.purposes.append(PurposeEntry(purpose: "train_ai_system.processor_own", dataCategories: ["user.behavior.contact_history"]))
        let fixture = try WebFixture(document: document)
        let (cookie, _) = try fixture.session(.legal, "controller")
        try await fixture.application.test(.router) { client in
            let page = try await client.get("/agreements/\(fixture.reference)/annex2", cookie: cookie).text
            #expect(page.components(separatedBy: "If the Processor decides this purpose itself, it is a controller for it (Art. 28(10))").count == 2)
        }
    }
}
