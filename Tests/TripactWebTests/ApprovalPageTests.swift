import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing
import TripactCore
import TripactStore
import TripactTestSupport
import TripactWeb

/// The approval page says when Annex IV will change: on the change's planned start, which may be later than today.
@Suite struct ApprovalPageTests {
    @Test func theApprovalButtonSaysAnnexIVFollowsOnThePlannedStart() async throws {
        var document = Fixtures.example("full-scenario.json")
        document.clauses[Fixtures.selectionIndex("subprocessors", in: document)].variant = "specific"
        let fixture = try WebFixture(document: document)
        let start = fixture.store.today().adding(days: 40)
        let entry = Fixtures.registerRecord("sp-sonora", name: "Sonora Telecom", services: ["telephony"], categories: ["user.contact.phone_number"])
        let change = try fixture.store.proposeRegisterChange(
            .addition, entry: entry, replacing: nil, plannedStart: start, message: "second carrier", by: WebFixture.email(.legal, "processor"),
            library: fixture.configuration.library
        )
        let request = try #require(change.notices.first { $0.kind == .approvalRequest })
        try await fixture.application.test(.router) { client in
            let (cookie, _) = try fixture.session(.legal, "controller")
            let page = try await client.get("/notices/\(request.id)", cookie: cookie).text
            #expect(page.contains("If you approve, Annex IV is updated on \(start.iso), the planned start."))
            #expect(!page.contains("updated at once"))
        }
    }
}
