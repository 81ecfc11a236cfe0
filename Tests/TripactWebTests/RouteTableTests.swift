import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing
import TripactCore
import TripactStore
import TripactTestSupport
import TripactWeb

/// One test over every route `buildRouter` registers: an outsider's GET of another organisation's agreement, notice or
/// register entry is 404; a POST without or with a wrong CSRF token is 403 and changes nothing; every page, filled with
/// hostile values, shows them escaped. A route added without a place in `RouteTable.kind` fails the test, so a new
/// route cannot skip these checks.
@Suite struct RouteTableTests {
    /// Payloads that break out of element text, of a double-quoted attribute (with no `<` in it) and of a
    /// single-quoted one.
    static let payloads = [
        "<script>alert(1)</script>", "\"><img src=x onerror=alert(2)>", "\" autofocus onfocus=\"alert(3)", "' autofocus onfocus='alert(4)",
    ]

    static func hostile(_ n: Int) -> String { "Hostile \(payloads[n % payloads.count]) \(n)" }

    /// The fixture filled with hostile values wherever a party can type: the document, a comment, a register entry,
    /// evidence; a notice and a published list exist, so every route has something to show.
    static func hostileFixture() throws -> (fixture: WebFixture, notice: Int, entry: String) {
        var document = Fixtures.example("full-scenario.json")
        document.title = hostile(0)
        document.mainAgreement = hostile(1)
        document.parties.controller.contact.name = hostile(2)
        document.parties.processor.address = hostile(3)
        document.processing.subjectMatter = hostile(4)
        document.subprocessors[0].name = hostile(5)
        document.measures[0].description = hostile(6)
        let fixture = try WebFixture(document: document)
        let store = fixture.store
        let bpo = WebFixture.email(.legal, "processor")
        try store.comment(on: fixture.reference, item: "clause:breach-notification", body: hostile(7), by: WebFixture.email(.legal, "controller"))
        var entry = Fixtures.registerRecord("sp-hostile", name: hostile(8), services: ["telephony", "contact-centre-platform"], categories: ["user.contact.phone_number"])
        entry.address = hostile(9)
        let change = try store.proposeRegisterChange(.addition, entry: entry, replacing: nil, plannedStart: nil, message: hostile(10), by: bpo, library: fixture.configuration.library)
        let notice = try #require(change.notices.first).id
        try store.saveEvidence(
            MeasureEvidence(id: "iso", measure: "isms-governance", kind: .certificate, title: hostile(11), issuer: hostile(12), issued: store.today(), expires: nil, reference: "C-1"),
            by: bpo
        )
        try store.publishRegister(slug: "atlantis", by: WebFixture.email(.admin, "processor"))
        // A second version, so the redline has hostile words on both sides of a change.
        var second = try store.version(fixture.reference).document
        second.processing.subjectMatter = hostile(13)
        try store.propose(second, on: fixture.reference, basedOn: try store.agreement(fixture.reference).head, by: bpo, message: hostile(14))
        return (fixture, notice, entry.id)
    }

    enum Kind {
        /// Belongs to one agreement, notice or register entry: an outsider gets 404.
        case scoped
        /// The signed-in user's own organisation's page (dashboard, registers, administration).
        case own
        /// Public or pre-log-in.
        case open
    }

    /// Every route and what it is. A route missing here fails `everyRouteIsInTheTable`.
    static func kind(of route: RouteDescription) -> Kind? {
        let path = route.path
        if path.hasPrefix("agreements/:reference") || path.hasPrefix("notices/:id") || path.hasPrefix("registers/subprocessors/:id") { return .scoped }
        if ["", "/", "admin", "new-agreement", "registers/subprocessors", "registers/subprocessors/new", "registers/measures", "registers/publish", "logout"].contains(path)
            || path.hasPrefix("admin/") || path.hasPrefix("registers/measures/:id") || path == "playbook" || path.hasPrefix("playbook/")
            || path.hasPrefix("account/") || path == "approvals" || path.hasPrefix("approvals/")
        {
            return .own
        }
        if ["login", "health", "setup/:token", "invitation/:token", "signatory/:token"].contains(path) || path.hasPrefix("public/:slug") { return .open }
        return nil
    }

    static func concrete(_ route: RouteDescription, reference: String, notice: Int, entry: String) -> String {
        let query = route.path.hasSuffix("/compare") || route.path.hasSuffix("/compare/docx") ? "?from=1&to=2" : ""
        return "/" + route.path.split(separator: "/", omittingEmptySubsequences: false).map { segment -> String in
            switch segment {
            case ":reference": reference
            case ":clause": "breach-notification"
            case ":item": "clause:breach-notification"
            case ":number": "1"
            case ":slug": "atlantis"
            case ":id": route.path.hasPrefix("notices") ? String(notice) : route.path.hasPrefix("registers/measures") ? "iso" : entry
            default: String(segment)
            }
        }.joined(separator: "/") + query
    }

    static func routes(_ fixture: WebFixture) -> [RouteDescription] {
        buildRouterWithRoutes(store: fixture.store, configuration: fixture.configuration).routes
    }

    @Test func everyRouteIsInTheTable() throws {
        let (fixture, _, _) = try Self.hostileFixture()
        let routes = Self.routes(fixture)
        #expect(routes.count >= 50)
        for route in routes { #expect(Self.kind(of: route) != nil, "\(route) is not in RouteTableTests.kind: say who may reach it") }
    }

    @Test func anOutsiderGetsNotFoundOnEveryScopedPage() async throws {
        let (fixture, notice, entry) = try Self.hostileFixture()
        let routes = Self.routes(fixture).filter { $0.method == .get && Self.kind(of: $0) == .scoped }
        #expect(routes.count >= 12)
        try await fixture.application.test(.router) { client in
            for role in [Role.admin, .legal, .viewer] {
                let (outsider, _) = try fixture.session(role, "outsider")
                for route in routes {
                    let response = try await client.get(Self.concrete(route, reference: fixture.reference, notice: notice, entry: entry), cookie: outsider)
                    #expect(response.status == .notFound, "\(role) outsider: \(route) answered \(response.status)")
                }
            }
        }
    }

    @Test func everyPostWithoutOrWithAWrongTokenIsRefusedAndChangesNothing() async throws {
        let (fixture, notice, entry) = try Self.hostileFixture()
        let routes = Self.routes(fixture).filter { $0.method == .post }
        #expect(routes.count >= 25)
        let generation = try fixture.store.changeGeneration()
        try await fixture.application.test(.router) { client in
            for side in ["controller", "processor"] {
                let (cookie, csrf) = try fixture.session(.admin, side)
                for route in routes {
                    let uri = Self.concrete(route, reference: fixture.reference, notice: notice, entry: entry)
                    let fields = [("message", "m"), ("reason", "r"), ("note", "n"), ("body", "b"), ("email", "x@y.example"), ("name", "n"), ("outcome", "withdrawn")]
                    let missing = try await client.post(uri, form: fields, cookie: cookie)
                    #expect(missing.status == .forbidden, "\(side): \(route) without a token answered \(missing.status)")
                    let wrong = try await client.post(uri, form: [("_csrf", String(csrf.reversed()))] + fields, cookie: cookie)
                    #expect(wrong.status == .forbidden, "\(side): \(route) with a wrong token answered \(wrong.status)")
                }
            }
        }
        // Sessions are not audited rows; nothing else may have changed.
        let events = try fixture.store.auditEvents().filter { $0.id > generation }.map(\.action)
        #expect(events.allSatisfy { $0 == "session.start" }, "\(events)")
    }

    @Test func everyPageShowsHostileValuesEscaped() async throws {
        let (fixture, notice, entry) = try Self.hostileFixture()
        let routes = Self.routes(fixture).filter { $0.method == .get && $0.path != "health" }
        try await fixture.application.test(.router) { client in
            for side in ["controller", "processor"] {
                let (cookie, _) = try fixture.session(.admin, side)
                for route in routes {
                    let uri = Self.concrete(route, reference: fixture.reference, notice: notice, entry: entry)
                    let response = try await client.get(uri, cookie: cookie)
                    // A register entry is the processor's: the controller does not see it.
                    // A one-time link's page needs a real token (InvitationRouteTests and FirstRunRouteTests show them).
                    let expected: [HTTPResponse.Status] =
                        side == "controller" && route.path.hasPrefix("registers/subprocessors/:id") || route.path.hasSuffix("/:token") ? [.notFound] : [.ok, .seeOther, .found]
                    #expect(expected.contains(response.status), "\(side): \(route) answered \(response.status)")
                    for payload in Self.payloads { #expect(!response.text.contains(payload), "\(side): \(route) shows \(payload) unescaped") }
                    #expect(response.headers[.contentSecurityPolicy]?.contains("base-uri 'none'") == true, "\(route) has the CSP")
                }
            }
            // The values are there, escaped: the checks above are not passing on empty pages.
            let (cookie, _) = try fixture.session(.legal, "controller")
            let overview = try await client.get("/agreements/\(fixture.reference)", cookie: cookie).text
            #expect(overview.contains("Hostile &lt;script&gt;alert(1)&lt;/script&gt; 0"))
            let item = try await client.get("/agreements/\(fixture.reference)/items/clause:breach-notification", cookie: cookie).text
            #expect(item.contains("Hostile &#39; autofocus onfocus=&#39;alert(4) 7"))
        }
    }

    @Test func errorPagesCarryTheSecurityHeaders() async throws {
        let fixture = try WebFixture()
        try await fixture.application.test(.router) { client in
            let (outsider, _) = try fixture.session(.legal, "outsider")
            for uri in ["/agreements/\(fixture.reference)", "/no-such-page", "/notices/999999"] {
                let response = try await client.get(uri, cookie: outsider)
                #expect(response.status == .notFound)
                let policy = response.headers[.contentSecurityPolicy] ?? ""
                #expect(policy.hasPrefix("default-src 'none'; script-src 'sha256-"), "only the copy button's script, by its hash")
                #expect(policy.hasSuffix("'; style-src 'unsafe-inline'; img-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'"))
                #expect(response.headers[HTTPField.Name("X-Content-Type-Options")!] == "nosniff")
                #expect(response.headers[HTTPField.Name("Referrer-Policy")!] == "same-origin")
            }
        }
    }

    @Test func aReferenceThatNeedsPercentEncodingIsFound() async throws {
        var document = Fixtures.example("full-scenario.json")
        document.id = "accord-café"
        let fixture = try WebFixture(document: document)
        try await fixture.application.test(.router) { client in
            let (cookie, _) = try fixture.session(.legal, "controller")
            let response = try await client.get("/agreements/accord-caf%C3%A9", cookie: cookie)
            #expect(response.status == .ok)
        }
    }
}
