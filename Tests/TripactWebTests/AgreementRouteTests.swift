import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing
import TripactCore
import TripactStore
import TripactTestSupport
import TripactWeb

@Suite struct AgreementRouteTests {
    /// Every read route for every role of the three organisations: parties see it, the outsider gets 404.
    @Test func onlyThePartiesSeeAnAgreementWhateverTheRole() async throws {
        let fixture = try WebFixture()
        let reference = fixture.reference
        let routes = ["/agreements/\(reference)", "/agreements/\(reference)/versions/1", "/agreements/\(reference)/compare?from=1&to=1"]
        try await fixture.application.test(.router) { client in
            for side in ["controller", "processor", "outsider"] {
                for role in Role.allCases {
                    let (cookie, _) = try fixture.session(role, side)
                    let dashboard = try await client.get("/", cookie: cookie)
                    #expect(dashboard.status == .ok)
                    #expect(dashboard.text.contains("/agreements/\(reference)") == (side != "outsider"), "\(role) of \(side) on the dashboard")
                    for route in routes {
                        let response = try await client.get(route, cookie: cookie)
                        #expect(response.status == (side == "outsider" ? .notFound : .ok), "\(role) of \(side) on \(route)")
                    }
                }
            }
            #expect(try await client.get("/agreements/no-such-agreement", cookie: try fixture.session(.legal, "controller").cookie).status == .notFound)
            #expect(try await client.get("/agreements/\(reference)").location == "/login")
        }
    }

    /// Every state-changing route, for the outsider and for each party role, with and without a valid token.
    @Test func everyPostNeedsTheSessionsToken() async throws {
        let fixture = try WebFixture()
        let posts: [(String, [(String, String)])] = [
            ("/agreements/\(fixture.reference)/accept", [("version", "1"), ("all", "yes")]),
            ("/agreements/\(fixture.reference)/sign", [("version", "1")]),
            ("/logout", []),
        ]
        try await fixture.application.test(.router) { client in
            for role in Role.allCases {
                let (cookie, csrf) = try fixture.session(role, "controller")
                for (uri, form) in posts {
                    #expect(try await client.post(uri, form: form, cookie: cookie).status == .forbidden, "\(uri) without token")
                    #expect(try await client.post(uri, form: form + [("_csrf", String(csrf.reversed()))], cookie: cookie).status == .forbidden, "\(uri) wrong token")
                }
                _ = csrf
            }
            #expect(try fixture.store.itemStates(fixture.reference).allSatisfy { !$0.acceptedBy.contains(.controller) }, "nothing was accepted")
        }
    }

    @Test func legalUsersAcceptViewersAndAccountManagersMayNot() async throws {
        let fixture = try WebFixture()
        try await fixture.application.test(.router) { client in
            for role in [Role.viewer, .accountManager] {
                let (cookie, csrf) = try fixture.session(role, "controller")
                let refused = try await client.post("/agreements/\(fixture.reference)/accept", form: [("_csrf", csrf), ("version", "1"), ("all", "yes")], cookie: cookie)
                #expect(refused.status == .forbidden, "\(role)")
            }
            let (outsiderCookie, outsiderCSRF) = try fixture.session(.legal, "outsider")
            #expect(try await client.post("/agreements/\(fixture.reference)/accept", form: [("_csrf", outsiderCSRF), ("version", "1"), ("all", "yes")], cookie: outsiderCookie).status == .notFound)
            let (cookie, csrf) = try fixture.session(.legal, "controller")
            let one = try await client.post("/agreements/\(fixture.reference)/accept", form: [("_csrf", csrf), ("version", "1"), ("item", "clause:audits")], cookie: cookie)
            #expect(one.status == .seeOther)
            #expect(try fixture.store.itemStates(fixture.reference).first { $0.key == "clause:audits" }?.isAgreed == true)
            let page = try await client.get("/agreements/\(fixture.reference)", cookie: cookie)
            #expect(page.text.contains("aria-label=\"Accept Clause 22 — Personal Data Breaches\""))
            #expect(!page.text.contains("aria-label=\"Accept Clause 14 — Audits and inspections\""))
            // The items read as words, not keys.
            #expect(page.text.contains(">14. Audits and inspections</a>") && !page.text.contains(">clause:audits</"))
        }
    }

    @Test func acceptingAnOlderVersionIsAConflictAndChangesNothing() async throws {
        let fixture = try WebFixture()
        var v2 = Fixtures.example("full-scenario.json")
        Fixtures.set("breach-notification", "hours", .integer(24), in: &v2)
        try fixture.store.propose(v2, on: fixture.reference, basedOn: 1, by: WebFixture.email(.legal, "controller"), message: "24 hours")
        let (cookie, csrf) = try fixture.session(.legal, "processor")
        try await fixture.application.test(.router) { client in
            let stale = try await client.post("/agreements/\(fixture.reference)/accept", form: [("_csrf", csrf), ("version", "1"), ("all", "yes")], cookie: cookie)
            #expect(stale.status == .conflict)
            #expect(stale.text.contains("the head is now version 2"))
        }
        #expect(try fixture.store.itemStates(fixture.reference).first { $0.key == "clause:breach-notification" }?.acceptedBy == [.controller])
    }

    @Test func signingIsRefusedWhileItemsAreOpenAndWorksOnceAgreed() async throws {
        let fixture = try WebFixture()
        let (cookie, csrf) = try fixture.session(.legal, "controller")
        let (bpoCookie, bpoCSRF) = try fixture.signatorySession("processor")
        let (signatoryCookie, signatoryCSRF) = try fixture.signatorySession("controller")
        try await fixture.application.test(.router) { client in
            let early = try await client.post("/agreements/\(fixture.reference)/sign", form: [("_csrf", csrf), ("version", "1"), ("confirm", "yes")], cookie: cookie)
            #expect(early.status == .unprocessableContent && early.text.contains("not accepted by both parties"))
            #expect(try await client.post("/agreements/\(fixture.reference)/accept", form: [("_csrf", csrf), ("version", "1"), ("all", "yes")], cookie: cookie).status == .seeOther)
            #expect(try await client.get("/agreements/\(fixture.reference)", cookie: cookie).text.contains("<strong id=\"status\">agreed</strong>"))
            #expect(try await client.post("/agreements/\(fixture.reference)/sign", form: [("_csrf", signatoryCSRF), ("version", "1"), ("confirm", "yes")], cookie: signatoryCookie).status == .seeOther)
            #expect(try await client.post("/agreements/\(fixture.reference)/sign", form: [("_csrf", bpoCSRF), ("version", "1"), ("confirm", "yes")], cookie: bpoCookie).status == .seeOther)
            #expect(try await client.get("/agreements/\(fixture.reference)", cookie: cookie).text.contains("<strong id=\"status\">signed</strong>"))
            let preview = try await client.get("/agreements/\(fixture.reference)/versions/1", cookie: cookie)
            let verified = try ExportVerifier.verify(Data(preview.text.utf8), library: Fixtures.library)
            #expect(verified.isIntact && verified.context?.status == .signed)
        }
    }

    @Test func hostileTextComesBackEscaped() async throws {
        var document = Fixtures.example("full-scenario.json")
        document.title = "<script>alert(1)</script> \"><img src=x onerror=alert(1)>"
        document.parties.controller.name = "<script>alert(2)</script>"
        let fixture = try WebFixture(document: document)
        var v2 = document
        v2.processing.retention = "\"><img src=x onerror=alert(3)> {{placeholder}}"
        try fixture.store.propose(v2, on: fixture.reference, basedOn: 1, by: WebFixture.email(.legal, "controller"), message: "<script>alert(4)</script>")
        let (cookie, _) = try fixture.session(.legal, "controller")
        try await fixture.application.test(.router) { client in
            for uri in ["/", "/agreements/\(fixture.reference)", "/agreements/\(fixture.reference)/compare?from=1&to=2", "/agreements/\(fixture.reference)/versions/2"] {
                let page = try await client.get(uri, cookie: cookie).text
                #expect(!page.contains("<script") && !page.contains("<img"), "\(uri)")
            }
            #expect(try await client.get("/agreements/\(fixture.reference)", cookie: cookie).text.contains("&lt;script&gt;alert(4)&lt;/script&gt;"))
        }
    }

    @Test func aBodyOverOneMebibyteIs413AndChangesNothing() async throws {
        let fixture = try WebFixture()
        let (cookie, csrf) = try fixture.session(.legal, "controller")
        try await fixture.application.test(.router) { client in
            let huge = String(repeating: "x", count: 1_100_000)
            let response = try await client.post("/agreements/\(fixture.reference)/accept", form: [("_csrf", csrf), ("version", "1"), ("all", "yes"), ("pad", huge)], cookie: cookie)
            #expect(response.status == .contentTooLarge)
        }
        #expect(try fixture.store.itemStates(fixture.reference).allSatisfy { !$0.acceptedBy.contains(.controller) })
    }

    @Test func pagesCarrySecurityHeaders() async throws {
        let fixture = try WebFixture()
        try await fixture.application.test(.router) { client in
            let response = try await client.get("/login")
            #expect(response.headers[.contentSecurityPolicy]?.contains("default-src 'none'") == true)
            #expect(try await client.get("/health").text == "ok")
        }
    }
}
