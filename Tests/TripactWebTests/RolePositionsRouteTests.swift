import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing
import TripactCore
import TripactStore
import TripactTestSupport
import TripactWeb

/// An organisation's positions on who decides a purpose are edited on its playbook page and judge the role changes it
/// is shown; the other side's pages never reflect them (issue 16, what is left, item 2).
@Suite struct RolePositionsRouteTests {
    @Test func aLegalUserSetsRolePositionsOnThePlaybookPageAndOthersCannot() async throws {
        let fixture = try WebFixture()
        let library = fixture.configuration.library
        let brandID = try fixture.store.user(email: WebFixture.email(.legal, "controller")).organisationID
        try await fixture.application.test(.router) { client in
            let (cookie, csrf) = try fixture.session(.legal, "controller")
            let page = try await client.get("/playbook", cookie: cookie).text
            #expect(page.contains("<h2>Who decides a purpose</h2>") && page.contains("<form method=\"post\" action=\"/playbook/roles\">"))
            #expect(page.contains("<option value=\"joint\" selected>Joint controllers (Art. 26)</option>"), "the brand's fallback by default")
            let saved = try await client.post(
                "/playbook/roles", form: [("_csrf", csrf), ("side", "controller"), ("role-preferred", "on-behalf"), ("role-fallback", "on-behalf"), ("role-walk-away", "joint")],
                cookie: cookie
            )
            #expect(saved.status == .seeOther || saved.status == .found)
            let stored = try fixture.store.playbook(organisationID: brandID, side: .controller, library: library)
            #expect(stored.rolePositions == PlaybookPositions(preferred: .onBehalf, fallback: .onBehalf, walkAway: .joint))
            #expect(try await client.get("/playbook", cookie: cookie).text.contains("Role of a purpose <em>(changed from the library)</em>"))

            let bad = try await client.post("/playbook/roles", form: [("_csrf", csrf), ("side", "controller"), ("role-fallback", "partner")], cookie: cookie)
            #expect(bad.status == .unprocessableContent && bad.text.contains("Fallback: &#39;partner&#39; is not a role of a purpose"))
            #expect(try fixture.store.playbook(organisationID: brandID, side: .controller, library: library) == stored, "nothing was saved")
            let noToken = try await client.post("/playbook/roles", form: [("side", "controller"), ("role-fallback", "independent")], cookie: cookie)
            #expect(noToken.status == .forbidden || noToken.status == .badRequest)

            let (viewer, viewerCSRF) = try fixture.session(.viewer, "controller")
            let read = try await client.get("/playbook", cookie: viewer).text
            #expect(read.contains("<dt>Walk-away</dt><dd>Joint controllers (Art. 26)</dd>"), "a viewer reads the positions in words")
            let refused = try await client.post("/playbook/roles", form: [("_csrf", viewerCSRF), ("side", "controller"), ("role-fallback", "independent")], cookie: viewer)
            #expect(refused.status == .forbidden)
        }
        #expect(try fixture.store.playbook(organisationID: brandID, side: .controller, library: library).rolePositions.fallback == .onBehalf)
    }

    /// The brand accepts only processing on its behalf; the BPO's version 2 makes a purpose joint. The brand's compare
    /// page says the change is beyond its walk-away; the BPO's, judged by the BPO's own playbook, says nothing of it.
    @Test func aRoleChangeIsJudgedByTheReadersOwnRolePositionsOnly() async throws {
        let fixture = try WebFixture()
        let library = fixture.configuration.library
        let strict = try PlaybookEdit.settingRoles(Playbook.library(library, side: .controller), .init(preferred: "on-behalf", fallback: "on-behalf", walkAway: "on-behalf"))
        try fixture.store.savePlaybook(strict, by: WebFixture.email(.legal, "controller"), library: library)
        var second = try fixture.store.version(fixture.reference).document
        second.processing.purposes[0].assign(role: .joint, lawfulBasis: .contract, specialCondition: nil, recipient: nil)
        try fixture.store.propose(second, on: fixture.reference, basedOn: 1, by: WebFixture.email(.legal, "processor"), message: "decided together")
        try await fixture.application.test(.router) { client in
            let compare = "/agreements/\(fixture.reference)/compare?from=1&to=2"
            let brand = try await client.get(compare, cookie: try fixture.session(.legal, "controller").cookie).text
            #expect(brand.contains("beyond your walk-away"), "the brand's own role positions judge the change")
            let bpo = try await client.get(compare, cookie: try fixture.session(.legal, "processor").cookie).text
            #expect(!bpo.contains("beyond your walk-away") && !bpo.contains("outside your fallback"), "the BPO never sees the brand's verdict")
            let bpoExport = try await client.get("/playbook/export?side=controller", cookie: try fixture.session(.legal, "processor").cookie).text
            #expect(try PlaybookCodec.decode(Data(bpoExport.utf8), library: library).rolePositions == Playbook.defaultRolePositions(.controller))
        }
        let bpoUser = try fixture.store.user(email: WebFixture.email(.legal, "processor"))
        #expect(try fixture.store.playbook(for: bpoUser, in: fixture.reference, library: library)?.rolePositions == Playbook.defaultRolePositions(.processor))
    }
}
