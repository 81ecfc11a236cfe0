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

    @Test func anAdminInvitesAColleagueWhoChoosesTheirOwnPasswordAndLogsIn() async throws {
        let fixture = try WebFixture()
        let (cookie, csrf) = try fixture.session(.admin, "controller")
        try await fixture.application.test(.router) { client in
            let noToken = try await client.post("/admin/users", form: [("email", "new@controller.example"), ("role", "legal")], cookie: cookie)
            #expect(noToken.status == .forbidden)
            let noRole = try await client.post("/admin/users", form: [("_csrf", csrf), ("email", "new<b>@controller.example"), ("role", "owner")], cookie: cookie)
            #expect(noRole.status == .unprocessableContent && noRole.text.contains("choose a role") && noRole.text.contains("value=\"new&lt;b&gt;@controller.example\""))
            let colleague = try await client.post("/admin/users", form: [("_csrf", csrf), ("email", "legal@controller.example"), ("role", "legal")], cookie: cookie)
            #expect(colleague.status == .unprocessableContent && colleague.text.contains("already has an account in your organisation"))
            let invited = try await client.post("/admin/users", form: [("_csrf", csrf), ("email", "new@controller.example"), ("role", "legal")], cookie: cookie)
            #expect(invited.status == .created && invited.text.contains("Invitation created"))
            let path = try InvitationRouteTests.invitationPath(invited.text)
            let page = try await client.get(path)
            #expect(page.text.contains("as a user of \(WebFixture.controller) (role: legal)"))
            let (formCookie, token) = try formToken(page)
            let joined = try await client.post(path, form: InvitationRouteTests.acceptForm(token), cookie: formCookie)
            #expect(joined.status == .seeOther)
            let login = try await client.post("/login", form: [("email", "new@controller.example"), ("password", InvitationRouteTests.password), ("_csrf", "k")], cookie: "tripact_login=k")
            #expect(login.status == .seeOther)
        }
        let user = try fixture.store.user(email: "new@controller.example")
        #expect(try user.organisationID == fixture.store.organisation(named: WebFixture.controller).id && user.role == .legal && user.name == "Léa <Nova>")
    }

    /// Item 6 of the integrity issue: the admin's answer does not depend on whether the address has an account in
    /// another organisation; the invitee learns it when they open the link, and nothing moves.
    @Test func invitingAnAddressOfAnotherTenantAnswersLikeAnUnusedAddress() async throws {
        let fixture = try WebFixture()
        let (cookie, csrf) = try fixture.session(.admin, "controller")
        let outsider = WebFixture.email(.legal, "outsider")
        try await fixture.application.test(.router) { client in
            var pages: [String] = []
            for email in [outsider, "nobody@nowhere.example"] {
                let invited = try await client.post("/admin/users", form: [("_csrf", csrf), ("email", email), ("role", "legal")], cookie: cookie)
                #expect(invited.status == .created)
                pages.append(invited.text.replacingOccurrences(of: email, with: "EMAIL").replacingOccurrences(of: "/invitation/[0-9a-f]{64}", with: "LINK", options: .regularExpression))
            }
            #expect(pages[0] == pages[1], "the same page, but for the address and the link")
            let listed = try await client.get("/admin/invitations", cookie: cookie)
            #expect(listed.text.contains(outsider) && listed.text.contains("waiting, until"))
            let invited = try await client.post("/admin/users", form: [("_csrf", csrf), ("email", outsider), ("role", "admin")], cookie: cookie)
            let path = try InvitationRouteTests.invitationPath(invited.text)
            let (formCookie, token) = try formToken(try await client.get(path))
            let refused = try await client.post(path, form: InvitationRouteTests.acceptForm(token), cookie: formCookie)
            #expect(refused.status == .unprocessableContent && refused.text.contains("already has a Tripact account") && sessionCookie(refused) == nil)
        }
        let user = try fixture.store.user(email: outsider)
        #expect(try user.organisationID == fixture.store.organisation(named: WebFixture.outsider).id && user.role == .legal, "the other tenant's user is untouched")
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

@Suite struct UserAdministrationRouteTests {
    @Test func anAdminChangesARoleFromTheUsersTable() async throws {
        let fixture = try WebFixture()
        let (cookie, csrf) = try fixture.session(.admin, "controller")
        let (legal, legalCSRF) = try fixture.session(.legal, "controller")
        try await fixture.application.test(.router) { client in
            let page = try await client.get("/admin", cookie: cookie).text
            #expect(page.contains("aria-label=\"Role of legal@controller.example\"") && page.contains("aria-label=\"Remove legal@controller.example\""))
            #expect(try await client.post("/admin/users/role", form: [("email", "legal@controller.example"), ("role", "viewer")], cookie: cookie).status == .forbidden)
            let bad = try await client.post("/admin/users/role", form: [("_csrf", csrf), ("email", "legal@controller.example"), ("role", "owner")], cookie: cookie)
            #expect(bad.status == .unprocessableContent && bad.text.contains("role: choose one of"))
            let byLegal = try await client.post("/admin/users/role", form: [("_csrf", legalCSRF), ("email", "viewer@controller.example"), ("role", "admin")], cookie: legal)
            #expect(byLegal.status == .forbidden)
            let changed = try await client.post("/admin/users/role", form: [("_csrf", csrf), ("email", "legal@controller.example"), ("role", "viewer")], cookie: cookie)
            #expect(changed.status == .seeOther)
            // The demoted user's open session loses the right to negotiate at once.
            let accept = try await client.post("/agreements/\(fixture.reference)/accept", form: [("_csrf", legalCSRF), ("version", "1"), ("all", "yes")], cookie: legal)
            #expect(accept.status == .forbidden)
        }
        #expect(try fixture.store.user(email: "legal@controller.example").role == .viewer)
        #expect(try fixture.store.user(email: "viewer@controller.example").role == .viewer)
    }

    @Test func aRemovedUserIsSignedOutAtOnceCannotLogInAndKeepsTheirNameOnTheirWork() async throws {
        let fixture = try WebFixture()
        let (cookie, csrf) = try fixture.session(.admin, "processor")
        let (removed, _) = try fixture.session(.legal, "processor")
        try fixture.store.comment(on: fixture.reference, item: "clause:audits", body: "Report only", by: "legal@processor.example")
        try await fixture.application.test(.router) { client in
            #expect(try await client.get("/", cookie: removed).status == .ok)
            let unconfirmed = try await client.post("/admin/users/remove", form: [("_csrf", csrf), ("email", "legal@processor.example")], cookie: cookie)
            #expect(unconfirmed.status == .unprocessableContent && unconfirmed.text.contains("confirm: tick the box"))
            let done = try await client.post("/admin/users/remove", form: [("_csrf", csrf), ("email", "legal@processor.example"), ("confirm", "yes")], cookie: cookie)
            #expect(done.status == .seeOther)
            #expect(try await client.get("/", cookie: removed).location == "/login", "the session ended")
            let login = try await client.post("/login", form: [("email", "legal@processor.example"), ("password", WebFixture.password), ("_csrf", "k")], cookie: "tripact_login=k")
            #expect(login.status == .unauthorized)
            let admin = try await client.get("/admin", cookie: cookie).text
            #expect(admin.contains("Removed users") && admin.contains("legal of processor (legal@processor.example)"))
            let overview = try await client.get("/agreements/\(fixture.reference)", cookie: cookie).text
            #expect(overview.contains("legal@processor.example (processor)"), "the version keeps its author")
            let thread = try await client.get("/agreements/\(fixture.reference)/clauses/audits", cookie: cookie).text
            #expect(thread.contains("<strong>legal of processor</strong>"))
        }
    }

    @Test func anAdminActsOnlyInTheirOrganisationAndTheLastAdminStays() async throws {
        let fixture = try WebFixture()
        let (cookie, csrf) = try fixture.session(.admin, "processor")
        try await fixture.application.test(.router) { client in
            let foreign = try await client.post("/admin/users/remove", form: [("_csrf", csrf), ("email", "legal@controller.example"), ("confirm", "yes")], cookie: cookie)
            #expect(foreign.status == .notFound)
            let foreignRole = try await client.post("/admin/users/role", form: [("_csrf", csrf), ("email", "admin@controller.example"), ("role", "viewer")], cookie: cookie)
            #expect(foreignRole.status == .notFound)
            let demote = try await client.post("/admin/users/role", form: [("_csrf", csrf), ("email", "admin@processor.example"), ("role", "legal")], cookie: cookie)
            #expect(demote.status == .forbidden && demote.text.contains("last admin"))
            let remove = try await client.post("/admin/users/remove", form: [("_csrf", csrf), ("email", "admin@processor.example"), ("confirm", "yes")], cookie: cookie)
            #expect(remove.status == .forbidden && remove.text.contains("last admin"))
        }
        #expect(try fixture.store.user(email: "legal@controller.example").role == .legal)
        #expect(try fixture.store.user(email: "admin@controller.example").role == .admin)
        #expect(try fixture.store.user(email: "admin@processor.example").role == .admin)
    }
}
