import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing
import TripactCore
import TripactStore
import TripactTestSupport
import TripactWeb

/// The gate in front of the generated server: it checks the token and takes the request from the rate limit once,
/// whether the answer comes from the cache or from the handler.
@Suite struct APIGateTests {
    @Test func aRequestCountsOnceAgainstTheRateLimitWhetherItsAnswerIsCachedOrNot() async throws {
        let fixture = try WebFixture()
        let token = try fixture.token(.legal, "controller", scope: .read)
        try await fixture.application(rateLimit: RequestRateLimit(burst: 4, perSecond: 0.01)).test(.router) { client in
            // A miss that fills the cache, a hit, a version (miss), and a listing the cache never keeps.
            #expect(try await client.api(.get, "/agreements/\(fixture.reference)", token: token).status == .ok)
            #expect(try await client.api(.get, "/agreements/\(fixture.reference)", token: token).status == .ok)
            #expect(try await client.api(.get, "/agreements/\(fixture.reference)/versions/1", token: token).status == .ok)
            #expect(try await client.api(.get, "/agreements", token: token).status == .ok)
            // The fifth is over the burst, cached or not.
            let cached = try await client.api(.get, "/agreements/\(fixture.reference)", token: token)
            #expect(cached.status == .tooManyRequests)
            #expect(try cached.problem().message.contains("too many requests"))
        }
    }

    @Test func aCachedAnswerIsRefusedToARevokedAMissingOrAnotherOrganisationsToken() async throws {
        let fixture = try WebFixture()
        let email = WebFixture.email(.legal, "controller")
        let made = try fixture.store.createAPIToken(for: email, name: "soon revoked", scope: .read, days: 30, actor: email)
        let outsider = try fixture.token(.legal, "outsider", scope: .negotiate)
        try await fixture.application.test(.router) { client in
            let path = "/agreements/\(fixture.reference)"
            let first = try await client.api(.get, path, token: made.token)
            #expect(first.status == .ok)
            #expect(try await client.api(.get, path, token: made.token).text == first.text, "the cached answer is the handler's")
            try fixture.store.revokeAPIToken(id: made.listing.id, ownerID: nil, actor: email)
            let revoked = try await client.api(.get, path, token: made.token)
            #expect(revoked.status == .unauthorized)
            #expect(revoked.headers[.wwwAuthenticate] == "Bearer realm=\"tripact\"")
            #expect(try await client.api(.get, path, token: nil).status == .unauthorized)
            #expect(try await client.api(.get, path, token: "tripact_" + String(repeating: "0", count: 64)).status == .unauthorized)
            let foreign = try await client.api(.get, path, token: outsider)
            #expect(foreign.status == .notFound)
            #expect(!foreign.text.contains(fixture.reference + "\",\"status"), "another organisation's token reads nothing of the agreement")
        }
    }

    @Test func aReadTokenIsStillRefusedOnAWritingOperation() async throws {
        let fixture = try WebFixture()
        let token = try fixture.token(.legal, "controller", scope: .read)
        try await fixture.application.test(.router) { client in
            let refused = try await client.api(.post, "/agreements/\(fixture.reference)/comments", token: token, json: ["body": "hello"])
            #expect(refused.status == .forbidden)
            #expect(try refused.problem().message.contains("may only read"))
        }
    }
}
