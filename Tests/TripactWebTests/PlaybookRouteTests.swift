import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing
import TripactCore
import TripactStore
import TripactTestSupport
import TripactWeb

/// The playbook page, and the rule that matters most: each organisation's positions reach its own users only. The two
/// organisations get different playbooks, and every page, export and JSON answer each side can reach is read for the
/// other side's values.
@Suite struct PlaybookRouteTests {
    /// Breach-notice hours: the brand's (3, 5, 46) and the BPO's (47, 45, 43); the library's are (24, 36, 48) and (48, 36, 24).
    static let controllerHours = ["3 hours", "5 hours", "46 hours"]
    static let processorHours = ["47 hours", "45 hours", "43 hours"]

    /// The fixture with both playbooks set through the store and a version 2 by the BPO that moves the notice to 40 hours:
    /// outside the brand's fallback (5) but not its walk-away (46); beyond the BPO's walk-away (43).
    static func fixtureWithPlaybooks() throws -> (WebFixture, processorAudits: String) {
        let fixture = try WebFixture()
        let library = fixture.configuration.library
        let brand = try PlaybookEdit.settingParameter(
            Playbook.library(library, side: .controller), clause: "breach-notification", parameter: "hours", .init(preferred: "3", fallback: "5", walkAway: "46"), library: library
        )
        try fixture.store.savePlaybook(brand, by: WebFixture.email(.legal, "controller"), library: library)
        var bpo = try PlaybookEdit.settingParameter(
            Playbook.library(library, side: .processor), clause: "breach-notification", parameter: "hours", .init(preferred: "47", fallback: "45", walkAway: "43"), library: library
        )
        bpo = try PlaybookEdit.settingVariant(bpo, clause: "audits", .init(preferred: "processor", fallback: "processor", walkAway: "processor"), library: library)
        try fixture.store.savePlaybook(bpo, by: WebFixture.email(.admin, "processor"), library: library)
        var second = try fixture.store.version(fixture.reference).document
        Fixtures.set("breach-notification", "hours", .integer(40), in: &second)
        try fixture.store.propose(second, on: fixture.reference, basedOn: 1, by: WebFixture.email(.legal, "processor"), message: "40 hours")
        let audits = try #require(library.clause("audits"))
        return (fixture, Playbook.sentence(try #require(bpo.variantPositions("audits")), of: audits))
    }

    /// Whether `text` holds `value` ("5 hours") as a whole number, not as the end of another ("45 hours").
    static func holds(_ text: String, _ value: String) -> Bool {
        var searchRange = text.startIndex..<text.endIndex
        while let found = text.range(of: value, range: searchRange) {
            if found.lowerBound == text.startIndex || !text[text.index(before: found.lowerBound)].isNumber { return true }
            searchRange = found.upperBound..<text.endIndex
        }
        return false
    }

    @Test func neitherSideEverSeesTheOtherSidesPositions() async throws {
        let (fixture, processorAudits) = try Self.fixtureWithPlaybooks()
        let reference = fixture.reference
        let head = try fixture.store.version(reference).document
        let routes = buildRouterWithRoutes(store: fixture.store, configuration: fixture.configuration).routes.filter { $0.method == .get && $0.path != "health" }
        try await fixture.application.test(.router) { client in
            for side in ["controller", "processor"] {
                let forbidden = side == "controller" ? Self.processorHours : Self.controllerHours
                let own = side == "controller" ? Self.controllerHours : Self.processorHours
                var uris = routes.map { RouteTableTests.concrete($0, reference: reference, notice: 1, entry: "none") }
                uris += head.clauses.map { "/agreements/\(reference)/clauses/\($0.clause)" }
                uris += head.clauses.map { "/agreements/\(reference)/items/clause:\($0.clause)" }
                uris += ["/agreements/\(reference)/compare?from=1&to=2", "/agreements/\(reference)/compare?from=2&to=1", "/agreements/\(reference)/versions/2",
                    "/agreements/\(reference)/versions/2?download=1", "/playbook?side=controller", "/playbook?side=processor",
                    "/playbook/export?side=controller", "/playbook/export?side=processor"]
                for role in [Role.admin, .legal, .viewer] {
                    let (cookie, csrf) = try fixture.session(role, side)
                    var pages: [(String, String)] = []
                    for uri in uris { pages.append((uri, try await client.get(uri, cookie: cookie).text)) }
                    if role != .viewer {
                        // The review page of the side's draft, whose redline carries the side's own verdicts.
                        let saved = try await client.post(
                            "/agreements/\(reference)/clauses/breach-notification",
                            form: [("_csrf", csrf), ("base", "1"), ("variant", "balanced"), ("parameters[hours]", "38"), ("message", "thirty-eight")], cookie: cookie
                        )
                        #expect(saved.status == .seeOther && saved.location == "/agreements/\(reference)/draft")
                        pages.append(("draft", try await client.get("/agreements/\(reference)/draft", cookie: cookie).text))
                    }
                    for (uri, text) in pages {
                        for value in forbidden { #expect(!Self.holds(text, value), "\(role) of \(side): \(uri) shows the other side's '\(value)'") }
                        if side == "controller" {
                            #expect(!text.contains(HTMLEscaping.escape(processorAudits)), "\(role) of \(side): \(uri) shows the processor's audit positions")
                        }
                    }
                    let text = Dictionary(pages, uniquingKeysWith: { first, _ in first })
                    let clausePage = try #require(text["/agreements/\(reference)/clauses/breach-notification"])
                    #expect(clausePage.contains("Your playbook: preferred \(own[0]), fallback \(own[1]), walk-away \(own[2])."), "\(side): its own positions, in words")
                    let auditsPage = try #require(text["/agreements/\(reference)/clauses/audits"])
                    #expect(auditsPage.contains("Your playbook: " + HTMLEscaping.escape(processorAudits)) == (side == "processor"))
                    // Each side's verdict on 36 → 40 hours is its own: never the other's, never the library's.
                    let verdict = side == "controller" ? "outside your fallback" : "beyond your walk-away"
                    let otherVerdict = side == "controller" ? "beyond your walk-away" : "outside your fallback"
                    for uri in ["/agreements/\(reference)/compare?from=1&to=2"] + (role == .viewer ? [] : ["draft"]) {
                        let page = try #require(text[uri])
                        #expect(page.contains(verdict) && !page.contains(otherVerdict), "\(role) of \(side): \(uri)")
                    }
                    let export = try #require(text["/playbook/export?side=\(side)"])
                    let exported = try PlaybookCodec.decode(Data(export.utf8), library: fixture.configuration.library)
                    #expect(exported.parameterPositions("breach-notification", "hours")?.walkAway == .integer(side == "controller" ? 46 : 43))
                }
            }
        }
    }

    @Test func adminsAndLegalUsersEditThePlaybookInWordsAndOthersReadIt() async throws {
        let fixture = try WebFixture()
        let library = fixture.configuration.library
        let processorID = try fixture.store.user(email: WebFixture.email(.legal, "processor")).organisationID
        try await fixture.application.test(.router) { client in
            let (cookie, csrf) = try fixture.session(.legal, "processor")
            let page = try await client.get("/playbook", cookie: cookie)
            #expect(page.status == .ok)
            #expect(page.text.contains("Your playbook as Processor") && page.text.contains("Personal Data Breaches"))
            #expect(page.text.contains("Deadline for the Processor&#39;s breach notice") || page.text.contains("Deadline for the Processor's breach notice"))
            #expect(!page.text.contains(">breach-notification<") && !page.text.contains(">balanced<"), "labels, not keys")

            let form: [(String, String)] = [
                ("_csrf", csrf), ("side", "processor"), ("variant-preferred", "processor"), ("variant-fallback", "balanced"), ("variant-walk-away", "controller"),
                ("parameter-hours-preferred", "47"), ("parameter-hours-fallback", "45"), ("parameter-hours-walk-away", "43"),
            ]
            let saved = try await client.post("/playbook/clauses/breach-notification", form: form, cookie: cookie)
            #expect(saved.status == .seeOther || saved.status == .found)
            let stored = try fixture.store.playbook(organisationID: processorID, side: .processor, library: library)
            #expect(stored.parameterPositions("breach-notification", "hours") == PlaybookPositions(preferred: .integer(47), fallback: .integer(45), walkAway: .integer(43)))
            #expect(stored.variantPositions("breach-notification")?.walkAway == "controller")

            let bad = try await client.post(
                "/playbook/clauses/breach-notification", form: [("_csrf", csrf), ("side", "processor"), ("parameter-hours-walk-away", "96"), ("parameter-update-hours-fallback", "x")],
                cookie: cookie
            )
            #expect(bad.status == .unprocessableContent)
            #expect(bad.text.contains("Walk-away: Deadline for the Processor") && bad.text.contains("above its maximum 48 hours"))
            #expect(bad.text.contains("id=\"breach-notification--parameter-hours-walk-away\" name=\"parameter-hours-walk-away\" type=\"number\" min=\"1\" max=\"48\" step=\"1\" value=\"96\" aria-invalid=\"true\""))
            #expect(bad.text.contains("Fallback: Longest interval"), "every bad field is named")
            #expect(try fixture.store.playbook(organisationID: processorID, side: .processor, library: library) == stored, "nothing was saved")

            for role in [Role.viewer, .accountManager] {
                let (readerCookie, readerCSRF) = try fixture.session(role, "processor")
                let read = try await client.get("/playbook", cookie: readerCookie)
                #expect(read.text.contains("preferred") || read.text.contains("Preferred"))
                #expect(read.text.contains("<dd>47 hours</dd>") && !read.text.contains("<form method=\"post\" action=\"/playbook"), "\(role) reads, in words, without forms")
                let refused = try await client.post("/playbook/clauses/breach-notification", form: [("_csrf", readerCSRF), ("side", "processor"), ("parameter-hours-walk-away", "40")], cookie: readerCookie)
                #expect(refused.status == .forbidden)
            }
            let brand = try await client.get("/playbook", cookie: try fixture.session(.legal, "controller").cookie)
            #expect(brand.text.contains("Your playbook as Controller") && !brand.text.contains("value=\"47\""))
        }
        #expect(try fixture.store.verifyAudit().isIntact)
    }
}
