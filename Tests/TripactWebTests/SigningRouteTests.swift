import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing
import TripactCore
import TripactStore
import TripactTestSupport
import TripactWeb

/// Issue 9, bug 8 and issue 10, item 8: signing goes through a confirmation page, only the signatory Annex I names signs,
/// and the signature block prints their name, position and the time in the party's named time zone.
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
        let (cookie, csrf) = try fixture.signatorySession("controller")
        try await fixture.application.test(.router) { client in
            let overview = try await client.get("/agreements/\(reference)", cookie: cookie).text
            #expect(overview.contains("<form method=\"get\" action=\"/agreements/\(reference)/sign\">"))
            #expect(!overview.contains("<form method=\"post\" action=\"/agreements/\(reference)/sign\""), "no one-click signing on the agreement page")

            let confirmation = try await client.get("/agreements/\(reference)/sign?version=1", cookie: cookie)
            #expect(confirmation.status == .ok)
            let page = confirmation.text
            #expect(page.contains("<title>Sign version 1 for the controller — Tripact</title>"))
            #expect(page.contains("<dt>Version</dt><dd>1 (<a href=\"/agreements/\(reference)/versions/1\">read the version as it prints</a>)</dd>"))
            #expect(page.contains("<dt>Content hash (sha256)</dt><dd><code class=\"hash\">\(hash)</code></dd>"))
            #expect(page.contains("Sophie Laurent, Chief Customer Officer (sophie.laurent@lumen.example)"))
            #expect(page.contains("the controller&#39;s time zone, Europe/Paris"))
            #expect(page.contains("<dt>Controller</dt><dd>\(WebFixture.controller)</dd>") && page.contains("<dt>Processor</dt><dd>\(WebFixture.processor)</dd>"))
            #expect(page.contains("What signing means"))
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
            // The agreement's other legal user is not the signatory: told who signs, and refused.
            let (legal, legalCSRF) = try fixture.session(.legal, "processor")
            let notSignatory = try await client.get("/agreements/\(reference)/sign", cookie: legal).text
            #expect(notSignatory.contains("Only Thomas Guérin (thomas.guerin@atlantis.example), whom Annex I names as the processor&#39;s signatory, signs for the processor."))
            #expect(!notSignatory.contains("name=\"confirm\""))
            let refused = try await client.post("/agreements/\(reference)/sign", form: [("_csrf", legalCSRF), ("version", "1"), ("confirm", "yes")], cookie: legal)
            #expect(refused.status == .forbidden && refused.text.contains("cannot sign in their place"))
            #expect(try fixture.store.signatures(reference, version: 1).map(\.party) == [.controller])
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
                #expect(page.contains("You cannot sign in their place") && !page.contains("name=\"confirm\""), "\(role)")
                #expect(!page.contains("signatory-invitation"), "\(role): only admins and legal users invite the signatory")
                let refused = try await client.post("/agreements/\(fixture.reference)/sign", form: [("_csrf", csrf), ("version", "1"), ("confirm", "yes")], cookie: cookie)
                #expect(refused.status == .forbidden, "\(role)")
            }
            let (outsider, _) = try fixture.session(.legal, "outsider")
            #expect(try await client.get("/agreements/\(fixture.reference)/sign", cookie: outsider).status == .notFound)
        }
    }

    @Test func theSignatureBlockAndTheCertificatePrintTheSignatoryTheirPositionTheNamedTimeZoneHashAddressAndChainHead() async throws {
        let fixture = try Self.agreedFixture()
        var document = try fixture.store.version(fixture.reference).document
        #expect(document.parties.processor.timeZone == "Europe/Paris")
        let hash = try fixture.store.version(fixture.reference).contentHash
        try fixture.store.sign(fixture.reference, by: fixture.signatory("controller"), library: Fixtures.library, expectedHead: 1, clientAddress: "203.0.113.7")
        let (cookie, csrf) = try fixture.signatorySession("processor")
        try await fixture.application.test(.router) { client in
            #expect(try await client.post("/agreements/\(fixture.reference)/sign", form: [("_csrf", csrf), ("version", "1"), ("confirm", "yes")], cookie: cookie).status == .seeOther)
            let chainHead = try #require(try fixture.store.auditEvents(agreement: fixture.reference).last { $0.action == "version.sign" && $0.detail.hasPrefix("controller") }).hash
            let print = try await client.get("/agreements/\(fixture.reference)/versions/1", cookie: cookie).text
            #expect(print.contains("<dt>Signed by</dt><dd class=\"signed-by\">Thomas Guérin</dd>\n<dt>Position</dt><dd class=\"position\">Chief Executive Officer</dd>"))
            // 14:13 UTC in September is 16:13 in Paris.
            #expect(print.contains("<dt>Signed on</dt><dd class=\"signed-at\">21 September 2026, 16:13 (Europe/Paris, UTC+02:00)</dd>"))
            #expect(!print.contains("did not sign in Tripact"))
            let certificate = try #require(print.range(of: "<section class=\"certificate\" id=\"certificate\" style=\"break-before: page\">")).lowerBound
            let tail = String(print[certificate...])
            #expect(tail.contains("<h2>Certificate of completion</h2>"))
            #expect(tail.contains("<td>Sophie Laurent, Chief Customer Officer (sophie.laurent@lumen.example)</td>"))
            #expect(tail.contains("<td class=\"hash\">sha256:\(hash)</td><td>203.0.113.7</td><td class=\"hash\">\(chainHead)</td>"))
            #expect(tail.contains("No version was made by the agreement's own procedures after the signature."))
            #expect(print.hasSuffix("</section>\n</main>\n</body>\n</html>\n"), "the certificate is the file's last section")
            #expect(try ExportVerifier.verify(Data(print.utf8), library: Fixtures.library).isIntact, "the print with its certificate still verifies")
        }
        // Without a time zone in Annex I, the time is UTC, named as such.
        document.parties.processor.timeZone = nil
        let context = try fixture.store.renderContext(fixture.reference, version: 1)
        let html = AgreementRenderer.render(AgreementFacts(document: document, library: Fixtures.library), context: context)
        #expect(html.contains("<dt>Signed on</dt><dd class=\"signed-at\">21 September 2026, 14:13 UTC</dd>"))
    }

    @Test func aSignatoryWithoutAnAccountIsInvitedAndTheirAccountReadsAndSignsThatAgreementOnly() async throws {
        var document = Fixtures.example("full-scenario.json")
        document.parties.controller.signatory?.email = "ceo@lumen-new.example"
        let fixture = try WebFixture(document: document, signatoriesAreUsers: false)
        var other = Fixtures.example("full-scenario.json")
        other.id = "another-dpa"
        try fixture.store.importAgreement(other, controller: WebFixture.controller, processor: WebFixture.processor, by: WebFixture.email(.legal, "processor"))
        try fixture.store.accept(nil, on: fixture.reference, by: WebFixture.email(.legal, "controller"))
        let (legal, csrf) = try fixture.session(.legal, "controller")
        try await fixture.application.test(.router) { client in
            let page = try await client.get("/agreements/\(fixture.reference)/sign", cookie: legal).text
            #expect(page.contains("Only Sophie Laurent (ceo@lumen-new.example)") && page.contains("action=\"/agreements/\(fixture.reference)/signatory-invitation\""))
            #expect(try await client.post("/agreements/\(fixture.reference)/signatory-invitation", form: [], cookie: legal).status == .forbidden)
            let created = try await client.post("/agreements/\(fixture.reference)/signatory-invitation", form: [("_csrf", csrf)], cookie: legal)
            #expect(created.status == .created && created.text.contains("Invitation created") && created.text.contains("readonly"))
            let range = try #require(created.text.range(of: "/signatory/[0-9a-f]{64}", options: .regularExpression))
            let path = String(created.text[range])
            #expect(try await client.get("/agreements/\(fixture.reference)/sign", cookie: legal).text.contains("signatory-invitation"), "a new link can replace it")

            let invitation = try await client.get(path)
            #expect(invitation.status == .ok && invitation.text.contains("Sophie Laurent") && invitation.text.contains("ceo@lumen-new.example"))
            let (loginCookie, token) = try formToken(invitation)
            let password = "a long signing phrase"
            let joined = try await client.post(path, form: [("_csrf", token), ("password", password), ("passwordAgain", password)], cookie: loginCookie)
            #expect(joined.status == .seeOther && joined.location == "/agreements/\(fixture.reference)/sign")
            let signatory = try #require(sessionCookie(joined))
            let reused = try await client.post(path, form: [("_csrf", token), ("password", password), ("passwordAgain", password)], cookie: loginCookie)
            #expect(reused.status == .gone && reused.text.contains("already been used") && sessionCookie(reused) == nil)
            #expect(try await client.get(path).status == .gone)

            // What the account reaches: the agreement, its printed versions and its signing page.
            #expect(try await client.get("/", cookie: signatory).location == "/agreements/\(fixture.reference)/sign")
            #expect(try await client.get("/agreements/\(fixture.reference)", cookie: signatory).status == .ok)
            #expect(try await client.get("/agreements/\(fixture.reference)/versions/1", cookie: signatory).status == .ok)
            let signPage = try await client.get("/agreements/\(fixture.reference)/sign", cookie: signatory).text
            #expect(signPage.contains("name=\"confirm\"") && signPage.contains("(signatory)"))
            let csrfRange = try #require(signPage.range(of: "(?<=name=\"_csrf\" value=\")[0-9a-f]{64}", options: .regularExpression))
            let signatoryCSRF = String(signPage[csrfRange])
            // Every other route of the route table refuses it, before doing anything.
            let allowed: Set<String> = [
                "GET agreements/:reference", "GET agreements/:reference/versions/:number", "GET agreements/:reference/versions/:number/docx",
                "GET agreements/:reference/sign", "POST agreements/:reference/sign", "POST logout", "GET /",
            ]
            let before = try fixture.store.changeGeneration()
            for route in RouteTableTests.routes(fixture) where !allowed.contains("\(route.method) \(route.path)") && RouteTableTests.kind(of: route) != .open {
                let uri = RouteTableTests.concrete(route, reference: fixture.reference, notice: 1, entry: "sp-x")
                let response = route.method == .get
                    ? try await client.get(uri, cookie: signatory)
                    : try await client.post(uri, form: [("_csrf", signatoryCSRF), ("version", "1")], cookie: signatory)
                #expect(response.status == .forbidden || response.status == .notFound, "\(route) answered \(response.status)")
            }
            for uri in ["/agreements/another-dpa", "/agreements/another-dpa/versions/1", "/agreements/another-dpa/sign"] {
                let response = try await client.get(uri, cookie: signatory)
                #expect(response.status == .forbidden || response.status == .notFound, "\(uri) answered \(response.status)")
            }
            #expect(try fixture.store.changeGeneration() == before, "nothing written by the refused requests")

            let signed = try await client.post("/agreements/\(fixture.reference)/sign", form: [("_csrf", signatoryCSRF), ("version", "1"), ("confirm", "yes")], cookie: signatory)
            #expect(signed.status == .seeOther)
            #expect(try fixture.store.signatures(fixture.reference, version: 1).map(\.user) == ["ceo@lumen-new.example"])
        }
    }

    @Test func anExpiredSignatoryLinkAnswersAClearPageAndCreatesNoAccount() async throws {
        var document = Fixtures.example("full-scenario.json")
        document.parties.processor.signatory?.email = "ceo@atlantis-new.example"
        let fixture = try WebFixture(document: document, signatoriesAreUsers: false)
        let (token, _) = try fixture.store.inviteSignatory(on: fixture.reference, by: WebFixture.email(.admin, "processor"), lifetime: 60)
        fixture.clock.advance(61)
        try await fixture.application.test(.router) { client in
            let page = try await client.get("/signatory/\(token)")
            #expect(page.status == .gone && page.text.contains("expired") && !page.text.contains("action=\"/signatory/"))
        }
        #expect(throws: StoreError.unknownUser("ceo@atlantis-new.example")) { try fixture.store.user(email: "ceo@atlantis-new.example") }
    }
}
