import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing
import TripactCore
import TripactStore
import TripactTestSupport
import TripactWeb

@Suite struct InvitationRouteTests {
    static let password = "the other side's pass"

    /// The invitation link's path in the page that created it.
    static func invitationPath(_ page: String) throws -> String {
        let range = try #require(page.range(of: "/invitation/[0-9a-f]{64}", options: .regularExpression))
        return String(page[range])
    }

    static func acceptForm(_ csrf: String, password: String = password, again: String? = nil) -> [(String, String)] {
        [("_csrf", csrf), ("name", "Léa <Nova>"), ("password", password), ("passwordAgain", again ?? password)]
    }

    @Test func anAdminInvitesTheOtherSideWhoJoinsThroughTheLinkOnce() async throws {
        let fixture = try WebFixture()
        let (admin, csrf) = try fixture.session(.admin, "controller")
        try await fixture.application.test(.router) { client in
            #expect(try await client.get("/admin", cookie: admin).text.contains("href=\"/admin/invitations\""))
            let form = [("_csrf", csrf), ("organisation", "Nova <BPO> SAS"), ("email", "lea@nova.example"), ("role", "admin")]
            #expect(try await client.post("/admin/invitations", form: Array(form.dropFirst()), cookie: admin).status == .forbidden)
            let created = try await client.post("/admin/invitations", form: form, cookie: admin)
            #expect(created.status == .created && created.text.contains("Invitation created") && created.text.contains("readonly"))
            #expect(created.text.contains("Nova &lt;BPO&gt; SAS") && !created.text.contains("Nova <BPO>"))
            let path = try Self.invitationPath(created.text)
            let scriptRange = try #require(created.text.range(of: "(?<=<script>)[^<]*(?=</script>)", options: .regularExpression))
            let script = String(created.text[scriptRange])
            let digest = Data(stride(from: 0, to: 64, by: 2).map { offset in
                let hex = Array(DocumentCodec.sha256Hex(Data(script.utf8)).utf8)
                return UInt8(String(decoding: hex[offset..<offset + 2], as: UTF8.self), radix: 16) ?? 0
            })
            let policy = try #require(created.headers[.contentSecurityPolicy])
            #expect(policy.contains("script-src 'sha256-\(digest.base64EncodedString())';"), "the copy button's script, and only it, may run")
            let listed = try await client.get("/admin/invitations", cookie: admin)
            #expect(listed.text.contains("lea@nova.example") && listed.text.contains("waiting, until") && !listed.text.contains(path), "the link is shown once")
            let page = try await client.get(path)
            #expect(page.status == .ok && page.text.contains("lea@nova.example") && page.text.contains("admin of controller invited you"))
            #expect(page.text.contains("Nova &lt;BPO&gt; SAS") && !page.text.contains("Nova <BPO>"))
            let (cookie, token) = try formToken(page)
            let short = try await client.post(path, form: Self.acceptForm(token, password: "short"), cookie: cookie)
            #expect(short.status == .unprocessableContent && short.text.contains("use at least 12 characters") && sessionCookie(short) == nil)
            let long = try await client.post(path, form: Self.acceptForm(token, password: String(repeating: "é", count: 40)), cookie: cookie)
            #expect(long.status == .unprocessableContent && long.text.contains("at most 72 bytes (found 80)"))
            let control = try await client.post(path, form: Self.acceptForm(token, password: "the other side\u{1B}s pass"), cookie: cookie)
            #expect(control.status == .unprocessableContent && control.text.contains("control characters") && sessionCookie(control) == nil)
            let joined = try await client.post(path, form: Self.acceptForm(token), cookie: cookie)
            #expect(joined.status == .seeOther && joined.location == "/")
            let session = try #require(sessionCookie(joined))
            let dashboard = try await client.get("/", cookie: session)
            #expect(dashboard.status == .ok && !dashboard.text.contains("Data Processing Agreement for the Lumen"), "a new organisation sees no one else's agreements")
            #expect(try await client.get("/agreements/\(fixture.reference)", cookie: session).status == .notFound)
            let reused = try await client.post(path, form: Self.acceptForm(token), cookie: cookie)
            #expect(reused.status == .gone && reused.text.contains("already been used") && sessionCookie(reused) == nil)
            #expect(try await client.get("/admin/invitations", cookie: admin).text.contains("accepted"))
        }
        let user = try fixture.store.user(email: "lea@nova.example")
        #expect(user.role == .admin && user.name == "Léa <Nova>")
        #expect(user.organisationID == (try fixture.store.organisation(named: "Nova <BPO> SAS").id))
    }

    @Test func anExpiredInvitationAnswersAClearPageAndCreatesNoAccount() async throws {
        let fixture = try WebFixture()
        let (admin, csrf) = try fixture.session(.admin, "processor")
        try await fixture.application.test(.router) { client in
            let created = try await client.post(
                "/admin/invitations", form: [("_csrf", csrf), ("organisation", "Nova SAS"), ("email", "lea@nova.example"), ("role", "legal")], cookie: admin
            )
            let path = try Self.invitationPath(created.text)
            let (cookie, token) = try formToken(try await client.get(path))
            fixture.clock.advance(7 * 24 * 3_600 + 1)
            let page = try await client.get(path)
            #expect(page.status == .gone && page.text.contains("expired") && !page.text.contains("action=\"/invitation/"))
            let post = try await client.post(path, form: Self.acceptForm(token), cookie: cookie)
            #expect(post.status == .gone && sessionCookie(post) == nil)
            #expect(try await client.get("/invitation/" + String(repeating: "f", count: 64)).status == .notFound)
        }
        #expect(throws: StoreError.unknownUser("lea@nova.example")) { try fixture.store.user(email: "lea@nova.example") }
    }

    @Test func onlyAdminsInviteAndNotIntoAnotherOrganisationsUsers() async throws {
        let fixture = try WebFixture()
        try await fixture.application.test(.router) { client in
            let (legal, legalCSRF) = try fixture.session(.legal, "controller")
            #expect(try await client.get("/admin/invitations", cookie: legal).status == .forbidden)
            let refused = try await client.post(
                "/admin/invitations", form: [("_csrf", legalCSRF), ("organisation", "Nova"), ("email", "x@nova.example"), ("role", "admin")], cookie: legal
            )
            #expect(refused.status == .forbidden)
            let (admin, csrf) = try fixture.session(.admin, "controller")
            let intoProcessor = try await client.post(
                "/admin/invitations", form: [("_csrf", csrf), ("organisation", WebFixture.processor), ("email", "spy@controller.example"), ("role", "admin")],
                cookie: admin
            )
            #expect(intoProcessor.status == .unprocessableContent && intoProcessor.text.contains("its admins add their colleagues themselves"))
            #expect(try await client.get("/admin/invitations", cookie: admin).text.contains("None yet."))
        }
    }
}
