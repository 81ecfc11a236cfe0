import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing
import TripactCore
import TripactStore
import TripactTestSupport
import TripactWeb

@Suite struct AdminRouteTests {
    @Test func onlyAdminsSeeTheAdministration() async throws {
        let fixture = try WebFixture()
        try await fixture.application.test(.router) { client in
            for role in Role.allCases {
                let (cookie, _) = try fixture.session(role, "processor")
                #expect(try await client.get("/admin", cookie: cookie).status == (role == .admin ? .ok : .forbidden), "\(role)")
            }
            let (admin, _) = try fixture.session(.admin, "processor")
            let page = try await client.get("/admin", cookie: admin).text
            #expect(page.contains("legal@processor.example") && !page.contains("legal@controller.example"), "an admin sees the users of their own organisation only")
        }
    }

    @Test func anAdminAddsAUserWhoCanThenLogIn() async throws {
        let fixture = try WebFixture()
        let (cookie, csrf) = try fixture.session(.admin, "controller")
        try await fixture.application.test(.router) { client in
            let noToken = try await client.post("/admin/users", form: [("email", "new@controller.example"), ("name", "New"), ("role", "legal"), ("password", "long enough pass")], cookie: cookie)
            #expect(noToken.status == .forbidden)
            let short = try await client.post("/admin/users", form: [("_csrf", csrf), ("email", "new@controller.example"), ("name", "New <b>"), ("role", "legal"), ("password", "short")], cookie: cookie)
            #expect(short.status == .unprocessableContent && short.text.contains("use 12 to 200 characters") && short.text.contains("value=\"New &lt;b&gt;\""))
            let added = try await client.post("/admin/users", form: [("_csrf", csrf), ("email", "new@controller.example"), ("name", "New Lawyer"), ("role", "legal"), ("password", "long enough pass")], cookie: cookie)
            #expect(added.status == .seeOther)
            let again = try await client.post("/admin/users", form: [("_csrf", csrf), ("email", "new@controller.example"), ("name", "New Lawyer"), ("role", "legal"), ("password", "long enough pass")], cookie: cookie)
            #expect(again.status == .conflict)
            let login = try await client.post("/login", form: [("email", "new@controller.example"), ("password", "long enough pass"), ("_csrf", "k")], cookie: "tripact_login=k")
            #expect(login.status == .seeOther)
        }
        #expect(try fixture.store.user(email: "new@controller.example").organisationID == fixture.store.organisation(named: WebFixture.controller).id)
    }

    @Test func anAdminAddsAnOrganisation() async throws {
        let fixture = try WebFixture()
        let (cookie, csrf) = try fixture.session(.admin, "processor")
        let (legal, legalCSRF) = try fixture.session(.legal, "processor")
        try await fixture.application.test(.router) { client in
            let byLegal = try await client.post("/admin/organisations", form: [("_csrf", legalCSRF), ("name", "Nova Bank")], cookie: legal)
            let byAdmin = try await client.post("/admin/organisations", form: [("_csrf", csrf), ("name", "Nova Bank")], cookie: cookie)
            #expect(byLegal.status == .forbidden && byAdmin.status == .seeOther)
        }
        #expect(try fixture.store.organisations().contains { $0.name == "Nova Bank" })
    }
}
