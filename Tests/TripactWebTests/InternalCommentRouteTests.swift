import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing
import TripactCore
import TripactStore
import TripactTestSupport
import TripactWeb

/// An internal comment is read by its own organisation, marked as internal, and reaches the other side on no surface.
@Suite struct InternalCommentRouteTests {
    static let secret = "Our walk-away is 48 hours SECRET-7731"
    static let shared = "Could you confirm the 24 hours SHARED-5512"

    /// The controller's legal user leaves one internal and one shared comment on the audits clause through the clause
    /// page, and one internal comment on an Annex II item through the item page; then a version is proposed, so
    /// there is a redline too.
    static func commented(_ fixture: WebFixture, _ client: some TestClientProtocol) async throws {
        let (cookie, csrf) = try fixture.session(.legal, "controller")
        let clause = "/agreements/\(fixture.reference)/clauses/audits/comments"
        #expect(try await client.post(clause, form: [("_csrf", csrf), ("body", Self.secret), ("internal", "yes")], cookie: cookie).status == .seeOther)
        #expect(try await client.post(clause, form: [("_csrf", csrf), ("body", Self.shared)], cookie: cookie).status == .seeOther)
        let item = "/agreements/\(fixture.reference)/items/annex2:purposes/comments"
        #expect(try await client.post(item, form: [("_csrf", csrf), ("body", Self.secret + " (purposes)"), ("internal", "yes")], cookie: cookie).status == .seeOther)
        let head = try fixture.store.version(fixture.reference)
        var document = head.document
        document.title += " (amended)"
        try fixture.store.propose(document, on: fixture.reference, basedOn: head.number, by: WebFixture.email(.legal, "processor"), message: "title")
    }

    static func pages(_ reference: String) -> [String] {
        [
            "/", "/agreements/\(reference)", "/agreements/\(reference)/clauses/audits", "/agreements/\(reference)/items/clause:audits",
            "/agreements/\(reference)/items/annex2:purposes", "/agreements/\(reference)/compare?from=1&to=2", "/agreements/\(reference)/versions/1",
            "/agreements/\(reference)/versions/2", "/agreements/\(reference)/versions/2?download=1",
        ]
    }

    @Test func noPageOfTheOtherSideCarriesAnInternalComment() async throws {
        let fixture = try WebFixture()
        try await fixture.application.test(.router) { client in
            try await Self.commented(fixture, client)
            for role in Role.allCases {
                let (cookie, _) = try fixture.session(role, "processor")
                for page in Self.pages(fixture.reference) {
                    let response = try await client.get(page, cookie: cookie)
                    #expect(response.status == .ok, "\(role) on \(page)")
                    #expect(!response.text.contains("SECRET-7731"), "\(role) of the processor reads the internal comment on \(page)")
                    #expect(!response.text.contains("class=\"comment internal\""), "\(role) on \(page)")
                }
                let clause = try await client.get("/agreements/\(fixture.reference)/clauses/audits", cookie: cookie).text
                #expect(clause.contains("SHARED-5512"), "the shared comment still reaches the other side")
            }
        }
    }

    @Test func everyUserOfTheOwnSideReadsItMarkedAsInternal() async throws {
        let fixture = try WebFixture()
        try await fixture.application.test(.router) { client in
            try await Self.commented(fixture, client)
            for role in Role.allCases {
                let (cookie, _) = try fixture.session(role, "controller")
                for page in ["/agreements/\(fixture.reference)/clauses/audits", "/agreements/\(fixture.reference)/items/clause:audits"] {
                    let text = try await client.get(page, cookie: cookie).text
                    let marked = try #require(text.range(of: "<article class=\"comment internal\"><p class=\"internal-mark\"><strong>Internal</strong>"), "\(role) on \(page)")
                    #expect(text[marked.upperBound...].prefix(400).contains("SECRET-7731"), "\(role) on \(page)")
                    #expect(text.contains("<article class=\"comment\"><p><strong>legal of controller</strong>"), "the shared comment is not marked internal")
                }
            }
        }
    }

    @Test func noStoreAnswerJSONOrAuditLineForTheOtherSideCarriesIt() async throws {
        let fixture = try WebFixture()
        try await fixture.application.test(.router) { client in try await Self.commented(fixture, client) }
        let processor = try fixture.store.user(email: WebFixture.email(.legal, "processor")).organisationID
        let controller = try fixture.store.user(email: WebFixture.email(.legal, "controller")).organisationID
        let theirs = try fixture.store.comments(fixture.reference, visibleTo: processor)
        #expect(theirs.map(\.body) == [Self.shared])
        #expect(!String(decoding: try JSONEncoder().encode(theirs), as: UTF8.self).contains("SECRET-7731"))
        #expect(try fixture.store.comments(fixture.reference, visibleTo: controller).filter(\.isInternal).count == 2)
        #expect(try fixture.store.comments(fixture.reference, item: "clause:audits", visibleTo: processor).map(\.body) == [Self.shared])
        let outsider = try fixture.store.user(email: WebFixture.email(.legal, "outsider")).organisationID
        #expect(try fixture.store.comments(fixture.reference, visibleTo: outsider).allSatisfy { !$0.isInternal })
        for event in try fixture.store.auditEvents(agreement: fixture.reference) {
            #expect(!event.detail.contains("SECRET-7731") && !event.detail.contains("internal"), "\(event.action): \(event.detail)")
        }
        let raw = try Shell.run("/usr/bin/sqlite3", [fixture.store.path, "SELECT count(*) FROM audit_events WHERE detail LIKE '%SECRET-7731%' OR facts LIKE '%SECRET-7731%';"])
        #expect(raw.stdout.trimmingCharacters(in: .whitespacesAndNewlines) == "0", "\(raw.stderr)")
        #expect(try fixture.store.verifyAudit().problems == [])
    }
}
