import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing
import TripactCore
import TripactStore
import TripactTestSupport
import TripactWeb

/// Issue 10 item 3 on the web: the approver approves or refuses on `/approvals`; a pending approval blocks the turn and
/// the signature with a clear message; the other side sees nothing of it on any page, export or JSON.
@Suite struct ApprovalRouteTests {
    @Test func theApproverRefusesWithAReasonThenApprovesAndTheOtherSideSeesNothing() async throws {
        let fixture = try WebFixture()
        let store = fixture.store
        let admin = WebFixture.email(.admin, "controller")
        let brand = WebFixture.email(.legal, "controller")
        try store.requireApproval(.proposal, approver: admin, by: admin)
        let reason = "Our SOC cannot promise 24 hours <yet>"
        let turn = withHours(24, try store.version(fixture.reference).document)
        #expect(throws: StoreError.self) { try store.propose(turn, on: fixture.reference, basedOn: 1, by: brand, message: "24 h") }
        let (adminCookie, adminCSRF) = try fixture.session(.admin, "controller")
        let (legalCookie, _) = try fixture.session(.legal, "controller")
        let (otherCookie, otherCSRF) = try fixture.session(.admin, "processor")
        try await fixture.application.test(.router) { client in
            let listed = try await client.get("/approvals", cookie: adminCookie).text
            #expect(listed.contains("Request 1: Sending a turn to the other side") && listed.contains("action=\"/approvals/1/refuse\""))
            // The asker by name and the agreement by its title, not an address and a reference.
            let asker = try store.user(email: brand).name
            let title = HTMLEscaping.escape(try store.agreement(fixture.reference).title)
            #expect(listed.contains("\(HTMLEscaping.escape(asker)) asks, on \u{201C}\(title)\u{201D}, version 1"), "the request names its asker and agreement in words")
            let colleague = try await client.get("/approvals", cookie: legalCookie).text
            #expect(colleague.contains("Nothing waits for your approval.") && colleague.contains("pending"), "the colleague sees the request, not its forms")
            #expect(try await client.post("/approvals/1/refuse", form: [("reason", reason)], cookie: adminCookie).status == .forbidden)
            let noReason = try await client.post("/approvals/1/refuse", form: [("_csrf", adminCSRF), ("reason", " ")], cookie: adminCookie)
            #expect(noReason.status == .unprocessableContent && noReason.text.contains("say why you refuse"))
            #expect(try await client.post("/approvals/1/refuse", form: [("_csrf", otherCSRF), ("reason", "x")], cookie: otherCookie).status == .notFound)
            #expect(try await client.post("/approvals/1/refuse", form: [("_csrf", adminCSRF), ("reason", reason)], cookie: adminCookie).status == .seeOther)
            let refused = try await client.get("/approvals", cookie: adminCookie).text
            #expect(refused.contains("refused: Our SOC cannot promise 24 hours &lt;yet&gt;") && !refused.contains("<yet>"))

            // A new turn is asked again, then approved, then sent.
            let second = withHours(30, turn)
            #expect(throws: StoreError.self) { try store.propose(second, on: fixture.reference, basedOn: 1, by: brand, message: "36 h") }
            #expect(try await client.post("/approvals/2/approve", form: [("_csrf", adminCSRF)], cookie: adminCookie).status == .seeOther)
            #expect(try store.propose(second, on: fixture.reference, basedOn: 1, by: brand, message: "36 h").number == 2)

            // The other side: no request, rule, approver or reason on its approvals page, the agreement, the print or the JSON.
            let theirs = try await client.get("/approvals", cookie: otherCookie).text
            #expect(theirs.contains("No approval is required") && theirs.contains("None yet."))
            for uri in ["/approvals", "/agreements/\(fixture.reference)", "/agreements/\(fixture.reference)/versions/2", "/agreements/\(fixture.reference)/compare?from=1&to=2"] {
                let page = try await client.get(uri, cookie: otherCookie).text
                #expect(!page.contains("SOC cannot promise") && !page.contains("Request 1") && !page.contains("admin of controller"), "\(uri)")
            }
        }
        let json = String(decoding: try JSONEncoder().encode(try store.auditEvents(agreement: fixture.reference)), as: UTF8.self)
        #expect(!json.contains("approval.") && !json.contains("SOC cannot promise"), "the agreement's audit lines carry none of it")
        #expect(try store.auditEvents().contains { $0.action == "approval.refuse" && $0.actor == admin })
    }

    @Test func aPendingSigningApprovalBlocksTheSignatoryOnTheWebUntilApproved() async throws {
        let fixture = try SigningRouteTests.agreedFixture()
        let admin = WebFixture.email(.admin, "processor")
        try fixture.store.requireApproval(.signing, approver: admin, by: admin)
        let (cookie, csrf) = try fixture.signatorySession("processor")
        let form = [("_csrf", csrf), ("version", "1"), ("confirm", "yes")]
        try await fixture.application.test(.router) { client in
            let blocked = try await client.post("/agreements/\(fixture.reference)/sign", form: form, cookie: cookie)
            #expect(blocked.status == .forbidden && blocked.text.contains("signing for your organisation needs the approval of admin of processor"))
            #expect(try await client.get("/agreements/\(fixture.reference)/sign", cookie: cookie).text.contains("waits for the approval of admin of processor (request 1)"))
            #expect(try fixture.store.signatures(fixture.reference, version: 1).isEmpty)
            let (adminCookie, adminCSRF) = try fixture.session(.admin, "processor")
            #expect(try await client.post("/approvals/1/approve", form: [("_csrf", adminCSRF)], cookie: adminCookie).status == .seeOther)
            #expect(try await client.post("/agreements/\(fixture.reference)/sign", form: form, cookie: cookie).status == .seeOther)
            #expect(try fixture.store.signatures(fixture.reference, version: 1).map(\.party) == [.processor])
        }
    }

    func withHours(_ hours: Int, _ document: AgreementDocument) -> AgreementDocument {
        var document = document
        Fixtures.set("breach-notification", "hours", .integer(hours), in: &document)
        return document
    }
}
