import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing
import TripactCore
import TripactStore
import TripactTestSupport
import TripactWeb

/// Withdrawing a signatory link: the side's admins and legal users see its open links on the signing page and withdraw
/// one; the link then answers like an expired one and creates no account; the other side and viewers can do neither.
@Suite struct SignatoryLinkWithdrawalRouteTests {
    static let signatory = "ceo@lumen-new.example"

    static func fixture() throws -> WebFixture {
        var document = Fixtures.example("full-scenario.json")
        document.parties.controller.signatory?.email = signatory
        return try WebFixture(document: document, signatoriesAreUsers: false)
    }

    @Test func aLegalUserSeesTheOpenLinkAndWithdrawsItAndTheLinkGivesNoAccess() async throws {
        let fixture = try Self.fixture()
        let (token, _) = try fixture.store.inviteSignatory(on: fixture.reference, by: WebFixture.email(.admin, "controller"), lifetime: 3_600)
        let path = "/signatory/\(token)"
        let sign = "/agreements/\(fixture.reference)/sign"
        let (legal, csrf) = try fixture.session(.legal, "controller")
        try await fixture.application.test(.router) { client in
            let opened = try await client.get(path)
            #expect(opened.status == .ok)
            let (loginCookie, loginToken) = try formToken(opened)

            let page = try await client.get(sign, cookie: legal).text
            #expect(page.contains("Invitation links still open"))
            #expect(page.contains("For Sophie Laurent (ceo@lumen-new.example); works until") && page.contains("made by admin of controller on"))
            let id = try #require(try fixture.store.openSignatoryLinks(on: fixture.reference, for: WebFixture.email(.legal, "controller")).first).id
            #expect(page.contains("action=\"\(sign.dropLast(4))signatory-links/withdraw\"") && page.contains("name=\"link\" value=\"\(id)\""))

            #expect(try await client.post("\(sign.dropLast(4))signatory-links/withdraw", form: [("link", "\(id)")], cookie: legal).status == .forbidden)
            let withdrawn = try await client.post("\(sign.dropLast(4))signatory-links/withdraw", form: [("_csrf", csrf), ("link", "\(id)")], cookie: legal)
            #expect(withdrawn.status == .seeOther && withdrawn.location == "\(sign)#signatory-links")
            #expect(!(try await client.get(sign, cookie: legal).text.contains("Invitation links still open")))
            let again = try await client.post("\(sign.dropLast(4))signatory-links/withdraw", form: [("_csrf", csrf), ("link", "\(id)")], cookie: legal)
            #expect(again.status == .notFound)

            // The link now answers as an expired one does, and its form creates no account.
            let gone = try await client.get(path)
            #expect(gone.status == .gone && gone.text.contains("no longer valid") && !gone.text.contains("action=\"/signatory/"))
            let password = "a long signing phrase"
            let refused = try await client.post(path, form: [("_csrf", loginToken), ("password", password), ("passwordAgain", password)], cookie: loginCookie)
            #expect(refused.status == .gone && sessionCookie(refused) == nil)
        }
        #expect(throws: StoreError.unknownUser(Self.signatory)) { try fixture.store.user(email: Self.signatory) }
        // Audited by the one who withdrew it, naming the address as the creation does, but on no agreement's log: the
        // agreement's lines (and exports) are what the other side can read.
        let line = try #require(try fixture.store.auditEvents().last { $0.action == "signatory.withdraw" })
        #expect(line.action == "signatory.withdraw" && line.actor == WebFixture.email(.legal, "controller") && line.agreement == nil)
        #expect(line.detail.contains(Self.signatory))
        #expect(try fixture.store.auditEvents(agreement: fixture.reference).allSatisfy { $0.action != "signatory.withdraw" })
    }

    @Test func theOtherSideAndViewersNeitherSeeNorWithdrawTheLink() async throws {
        let fixture = try Self.fixture()
        let (token, _) = try fixture.store.inviteSignatory(on: fixture.reference, by: WebFixture.email(.admin, "controller"), lifetime: 3_600)
        let id = try #require(try fixture.store.openSignatoryLinks(on: fixture.reference, for: WebFixture.email(.admin, "controller")).first).id
        let withdraw = "/agreements/\(fixture.reference)/signatory-links/withdraw"
        try await fixture.application.test(.router) { client in
            for role in [Role.admin, .legal] {
                let (cookie, csrf) = try fixture.session(role, "processor")
                let page = try await client.get("/agreements/\(fixture.reference)/sign", cookie: cookie).text
                #expect(!page.contains("Invitation links still open") && !page.contains("signatory-links/withdraw"), "processor \(role)")
                let answer = try await client.post(withdraw, form: [("_csrf", csrf), ("link", "\(id)")], cookie: cookie)
                #expect(answer.status == .notFound, "the other side's \(role): \(answer.status)")
            }
            let (viewer, viewerCSRF) = try fixture.session(.viewer, "controller")
            #expect(!(try await client.get("/agreements/\(fixture.reference)/sign", cookie: viewer).text.contains("Invitation links still open")))
            #expect(try await client.post(withdraw, form: [("_csrf", viewerCSRF), ("link", "\(id)")], cookie: viewer).status == .forbidden)
            let (outsider, outsiderCSRF) = try fixture.session(.admin, "outsider")
            #expect(try await client.post(withdraw, form: [("_csrf", outsiderCSRF), ("link", "\(id)")], cookie: outsider).status == .notFound)
            #expect(try await client.get("/signatory/\(token)").status == .ok, "the link still works")
        }
        #expect(try fixture.store.openSignatoryLinks(on: fixture.reference, for: WebFixture.email(.legal, "processor")).isEmpty, "the other side's links are not theirs")
        #expect(throws: StoreError.self) { try fixture.store.openSignatoryLinks(on: fixture.reference, for: WebFixture.email(.viewer, "controller")) }
        #expect(try fixture.store.auditEvents().allSatisfy { $0.action != "signatory.withdraw" })
    }
}
