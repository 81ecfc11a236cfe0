import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing
import TripactCore
import TripactStore
import TripactTestSupport
import TripactWeb

/// Issue 9, bug 8: signing goes through a confirmation page, and the signature block says who signed in Tripact, for
/// which party and when, apart from the signatory Annex I names.
@Suite struct SigningRouteTests {
    /// Both sides accept every item of version 1, so it is agreed and awaits both signatures.
    static func agreedFixture() throws -> WebFixture {
        let fixture = try WebFixture()
        try fixture.store.accept(nil, on: fixture.reference, by: WebFixture.email(.legal, "controller"))
        #expect(try fixture.store.agreement(fixture.reference).status == .agreed)
        return fixture
    }

    @Test func theSignButtonOpensAConfirmationPageAndOnlyItsFormSigns() async throws {
        let fixture = try Self.agreedFixture()
        let reference = fixture.reference
        let hash = try fixture.store.version(reference).contentHash
        let (cookie, csrf) = try fixture.session(.legal, "controller")
        try await fixture.application.test(.router) { client in
            let overview = try await client.get("/agreements/\(reference)", cookie: cookie).text
            #expect(overview.contains("<form method=\"get\" action=\"/agreements/\(reference)/sign\">"))
            #expect(!overview.contains("<form method=\"post\" action=\"/agreements/\(reference)/sign\""), "no one-click signing on the agreement page")

            let confirmation = try await client.get("/agreements/\(reference)/sign?version=1", cookie: cookie)
            #expect(confirmation.status == .ok)
            let page = confirmation.text
            #expect(page.contains("<title>Sign version 1 for the controller — Tripact</title>"))
            #expect(page.contains("<dt>Version</dt><dd>1, sha256 <code>\(hash.prefix(12))</code>"))
            #expect(page.contains("<dt>Controller</dt><dd>\(WebFixture.controller)</dd>") && page.contains("<dt>Processor</dt><dd>\(WebFixture.processor)</dd>"))
            #expect(page.contains("What signing means"))
            #expect(page.contains("Annex I names Sophie Laurent as the controller&#39;s signatory, not you."))
            #expect(page.contains("<input type=\"hidden\" name=\"_csrf\" value=\"\(csrf)\">"))
            #expect(page.contains("<input type=\"hidden\" name=\"confirm\" value=\"yes\">"))

            // A POST without the confirmation signs nothing: it is sent to the confirmation page.
            let unconfirmed = try await client.post("/agreements/\(reference)/sign", form: [("_csrf", csrf), ("version", "1")], cookie: cookie)
            #expect(unconfirmed.status == .seeOther && unconfirmed.location == "/agreements/\(reference)/sign?version=1")
            #expect(try fixture.store.signatures(reference, version: 1).isEmpty)
            #expect(try await client.post("/agreements/\(reference)/sign", form: [("version", "1"), ("confirm", "yes")], cookie: cookie).status == .forbidden)

            let confirmed = try await client.post("/agreements/\(reference)/sign", form: [("_csrf", csrf), ("version", "1"), ("confirm", "yes")], cookie: cookie)
            #expect(confirmed.status == .seeOther && confirmed.location == "/agreements/\(reference)")
            #expect(try fixture.store.signatures(reference, version: 1).map(\.party) == [.controller])
            let again = try await client.get("/agreements/\(reference)/sign", cookie: cookie).text
            #expect(again.contains("already signed this version for the controller on 21 September 2026, 14:13 UTC."))
            #expect(!again.contains("name=\"confirm\""), "nothing left to confirm")
        }
    }

    @Test func viewersAndAccountManagersReadTheConfirmationButHaveNoFormToSign() async throws {
        let fixture = try Self.agreedFixture()
        try await fixture.application.test(.router) { client in
            for role in [Role.viewer, .accountManager] {
                let (cookie, csrf) = try fixture.session(role, "processor")
                let overview = try await client.get("/agreements/\(fixture.reference)", cookie: cookie).text
                #expect(!overview.contains("action=\"/agreements/\(fixture.reference)/sign\""), "\(role)")
                let page = try await client.get("/agreements/\(fixture.reference)/sign", cookie: cookie).text
                #expect(page.contains("only admin and legal users sign") && !page.contains("name=\"confirm\""), "\(role)")
                let refused = try await client.post("/agreements/\(fixture.reference)/sign", form: [("_csrf", csrf), ("version", "1"), ("confirm", "yes")], cookie: cookie)
                #expect(refused.status == .forbidden, "\(role)")
            }
            let (outsider, _) = try fixture.session(.legal, "outsider")
            #expect(try await client.get("/agreements/\(fixture.reference)/sign", cookie: outsider).status == .notFound)
        }
    }

    @Test func theSignatureBlockSaysWhoSignedInTripactWhenAndThatTheAnnexISignatoryDidNot() async throws {
        let fixture = try Self.agreedFixture()
        try fixture.store.sign(fixture.reference, by: WebFixture.email(.legal, "controller"), library: Fixtures.library, expectedHead: 1)
        try fixture.store.sign(fixture.reference, by: WebFixture.email(.admin, "processor"), library: Fixtures.library, expectedHead: 1)
        let (cookie, _) = try fixture.session(.viewer, "controller")
        try await fixture.application.test(.router) { client in
            let overview = try await client.get("/agreements/\(fixture.reference)", cookie: cookie).text
            #expect(overview.contains(
                "Signed in Tripact for the controller by legal of controller (legal@controller.example) on 21 September 2026, 14:13 UTC. "
                    + "Annex I names Sophie Laurent as the controller&#39;s signatory; Sophie Laurent did not sign in Tripact."
            ))
            let print = try await client.get("/agreements/\(fixture.reference)/versions/1", cookie: cookie).text
            #expect(print.contains("<dt>Signed in Tripact by</dt><dd class=\"signed-by\">admin of processor, for the Processor</dd>"))
            #expect(print.contains("<dt>Signed on</dt><dd class=\"signed-at\">21 September 2026, 14:13 UTC</dd>"))
            #expect(print.contains("<dt>Signatory named in Annex I</dt><dd>Thomas Guérin, Chief Executive Officer</dd>"))
            #expect(print.contains("Thomas Guérin, whom Annex I names as the Processor&#39;s signatory, did not sign in Tripact: admin of processor signed for the Processor."))
            #expect(!print.contains("<dt>Signed by</dt>"))
            #expect(try ExportVerifier.verify(Data(print.utf8), library: Fixtures.library).isIntact, "the print still verifies")
        }
    }
}
