import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing
import TripactCore
import TripactStore
import TripactTestSupport
import TripactWeb

/// Limits count what storage counts as well as what a reader counts: one "character" stacked with combining marks is
/// refused like a long text, with a message, and nothing is stored.
@Suite struct LimitRouteTests {
    static let bomb = "A" + String(repeating: "\u{301}", count: 20_000)

    @Test func aCombiningMarkBombIsRefusedInACommentAnOrganisationNameAnAddressAndAPasswordAndNothingIsStored() async throws {
        let fixture = try WebFixture()
        let generation = try fixture.store.changeGeneration()
        try await fixture.application.test(.router) { client in
            let (cookie, csrf) = try fixture.session(.admin, "controller")
            let comment = try await client.post(
                "/agreements/\(fixture.reference)/items/clause:breach-notification/comments", form: [("_csrf", csrf), ("body", Self.bomb)], cookie: cookie
            )
            #expect(comment.status == .unprocessableContent && comment.text.contains("nothing was saved"))
            let organisation = try await client.post("/admin/organisations", form: [("_csrf", csrf), ("name", Self.bomb)], cookie: cookie)
            #expect(organisation.status == .unprocessableContent && organisation.text.contains("at most 200 characters"))
            let email = try await client.post("/admin/users", form: [("_csrf", csrf), ("email", "a@" + Self.bomb), ("role", "legal")], cookie: cookie)
            #expect(email.status == .unprocessableContent && email.text.contains("enter the e-mail address"))
            let login = try await client.get("/login")
            let token = try #require(login.setCookies.first { $0.hasPrefix("tripact_login=") }).split(separator: ";")[0].dropFirst("tripact_login=".count)
            let long = try await client.post(
                "/login", form: [("_csrf", String(token)), ("email", WebFixture.email(.legal, "controller")), ("password", String(repeating: "x", count: 73))],
                cookie: "tripact_login=\(token)"
            )
            #expect(long.status == .unprocessableContent && long.text.contains("at most 72 bytes"))
        }
        let events = try fixture.store.auditEvents().filter { $0.id > generation }.map(\.action)
        #expect(events.allSatisfy { $0 == "session.start" }, "\(events)")
    }
}
