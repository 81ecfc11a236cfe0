import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing
import TripactCore
import TripactStore
import TripactTestSupport
import TripactWeb

/// The JSON API at /api/v1 through the real router: who sees what (organisation × role), what each scope may do,
/// the tokens that are refused, and the 404, 409 and 422 bodies.
@Suite struct APIRouteTests {
    /// Every reading path of one agreement, for the isolation checks.
    static func readingPaths(_ reference: String) -> [String] {
        let ref = reference.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed) ?? reference
        return ["/agreements/\(ref)", "/agreements/\(ref)/versions", "/agreements/\(ref)/versions/1", "/agreements/\(ref)/versions/1/export",
            "/agreements/\(ref)/diff?from=1&to=1", "/agreements/\(ref)/comments"]
    }

    @Test func eachOrganisationAndRoleReadsItsOwnAgreementsOnlyAndOthersAreNotFound() async throws {
        let fixture = try WebFixture()
        try await fixture.application.test(.router) { client in
            for side in ["controller", "processor", "outsider"] {
                for role in Role.allCases {
                    let token = try fixture.token(role, side, scope: .read)
                    let list = try await client.api(.get, "/agreements", token: token)
                    #expect(list.status == .ok)
                    let references = (try list.json() as? [[String: Any]] ?? []).compactMap { $0["reference"] as? String }
                    #expect(references == (side == "outsider" ? [] : [fixture.reference]), "\(role) of \(side): \(references)")
                    for path in Self.readingPaths(fixture.reference) {
                        let response = try await client.api(.get, path, token: token)
                        #expect(response.status == (side == "outsider" ? .notFound : .ok), "\(role) of \(side): \(path) answered \(response.status)")
                        if side == "outsider" { #expect(try response.problem().message == "no such agreement or version") }
                    }
                    #expect(try await client.api(.get, "/notices", token: token).status == .ok)
                    #expect(try await client.api(.get, "/register", token: token).status == .ok)
                }
            }
            // An address the document does not have answers in JSON too, not with the web's error page.
            let nowhere = try await client.api(.get, "/agreements/\(fixture.reference)/nowhere/at/all", token: try fixture.token(.legal, "controller", scope: .read))
            #expect(nowhere.status == .notFound)
            #expect(nowhere.headers[.contentType]?.hasPrefix("application/json") == true)
            // An agreement that does not exist answers exactly as another organisation's does.
            let token = try fixture.token(.legal, "outsider", scope: .read)
            let unknown = try await client.api(.get, "/agreements/no-such-agreement", token: token)
            #expect(unknown.status == .notFound)
            #expect(try unknown.problem().message == "no such agreement or version")
        }
    }

    @Test func theAgreementCarriesItsSideItemStatesAndTheVersionItsDocument() async throws {
        let fixture = try WebFixture()
        try await fixture.application.test(.router) { client in
            let token = try fixture.token(.viewer, "controller", scope: .read)
            let detail = try #require(try await client.api(.get, "/agreements/\(fixture.reference)", token: token).json() as? [String: Any])
            #expect(detail["side"] as? String == "controller")
            let items = try #require(detail["items"] as? [[String: Any]])
            #expect(items.count == (try fixture.store.itemStates(fixture.reference)).count)
            let version = try #require(try await client.api(.get, "/agreements/\(fixture.reference)/versions/1", token: token).json() as? [String: Any])
            let document = try #require(version["document"] as? [String: Any])
            #expect(document["id"] as? String == fixture.reference)
            let export = try await client.api(.get, "/agreements/\(fixture.reference)/versions/1/export", token: token)
            #expect(export.headers[.contentType]?.hasPrefix("text/html") == true)
            #expect(export.text.contains("<html"))
        }
    }

    @Test func writingNeedsANegotiateTokenAndARoleThatMayDoIt() async throws {
        let fixture = try WebFixture()
        let reference = fixture.reference
        try await fixture.application.test(.router) { client in
            // A read token is refused on every writing route before anything is read.
            let read = try fixture.token(.admin, "controller", scope: .read)
            let writes: [(String, Any)] = [
                ("/agreements/\(reference)/versions", ["base": 1, "message": "m", "document": [:] as [String: Any]]),
                ("/agreements/\(reference)/acceptance", ["head": 1]), ("/agreements/\(reference)/rejection", ["head": 1, "item": "clause:audits", "reason": "r"]),
                ("/agreements/\(reference)/comments", ["body": "b"]), ("/notices/1/objection", ["reason": "r"]), ("/notices/1/approval", [:] as [String: Any]),
            ]
            for (path, body) in writes {
                let response = try await client.api(.post, path, token: read, json: body)
                #expect(response.status == .forbidden, "read token on \(path): \(response.status)")
            }
            // A negotiate token does what its user's role allows: a viewer comments nowhere, an account manager comments
            // but does not accept, legal accepts.
            let viewer = try fixture.token(.viewer, "controller", scope: .negotiate)
            #expect(try await client.api(.post, "/agreements/\(reference)/comments", token: viewer, json: ["body": "hello"]).status == .forbidden)
            let manager = try fixture.token(.accountManager, "controller", scope: .negotiate)
            #expect(try await client.api(.post, "/agreements/\(reference)/comments", token: manager, json: ["body": "hello"]).status == .created)
            #expect(try await client.api(.post, "/agreements/\(reference)/acceptance", token: manager, json: ["head": 1]).status == .forbidden)
            let outsider = try fixture.token(.legal, "outsider", scope: .negotiate)
            #expect(try await client.api(.post, "/agreements/\(reference)/acceptance", token: outsider, json: ["head": 1]).status == .notFound)
            let legal = try fixture.token(.legal, "controller", scope: .negotiate)
            let accepted = try await client.api(.post, "/agreements/\(reference)/acceptance", token: legal, json: ["head": 1])
            #expect(accepted.status == .ok)
            #expect(try fixture.store.agreement(reference).openForController == 0)
        }
        // The same audit lines as the web: the user's address as the actor.
        let actions = try fixture.store.auditEvents(agreement: reference).map { "\($0.actor) \($0.action)" }
        #expect(actions.contains("account-manager@controller.example comment.add"))
        #expect(actions.contains("legal@controller.example items.accept"))
        #expect(try fixture.store.verifyAudit().isIntact)
    }

    @Test func aStaleHeadIs409WithTheHeadAndABadDocumentIs422WithPaths() async throws {
        let fixture = try WebFixture()
        let reference = fixture.reference
        var second = try fixture.store.version(reference).document
        Fixtures.set("breach-notification", "hours", .integer(40), in: &second)
        try fixture.store.propose(second, on: reference, basedOn: 1, by: WebFixture.email(.legal, "processor"), message: "40 hours")
        let proposedSecond = second
        try await fixture.application.test(.router) { client in
            let second = proposedSecond
            let legal = try fixture.token(.legal, "controller", scope: .negotiate)
            let document = try JSONSerialization.jsonObject(with: DocumentCodec.canonicalJSON(second))
            var third = second
            Fixtures.set("breach-notification", "hours", .integer(30), in: &third)
            let thirdJSON = try JSONSerialization.jsonObject(with: DocumentCodec.canonicalJSON(third))
            let stale = try await client.api(.post, "/agreements/\(reference)/versions", token: legal, json: ["base": 1, "message": "30", "document": thirdJSON])
            #expect(stale.status == .conflict)
            #expect(try stale.problem().head == 2)
            let staleAccept = try await client.api(.post, "/agreements/\(reference)/acceptance", token: legal, json: ["head": 1])
            #expect(staleAccept.status == .conflict)
            #expect(try staleAccept.problem().head == 2)
            // A document with a field the format does not have: 422, the path inside the request.
            var broken = try #require(document as? [String: Any])
            broken["colour"] = "blue"
            let invalid = try await client.api(.post, "/agreements/\(reference)/versions", token: legal, json: ["base": 2, "message": "m", "document": broken])
            #expect(invalid.status == .unprocessableContent)
            #expect(try invalid.problem().paths == ["document.colour"], "\(invalid.text)")
            // A comment over the store's limit: 422 at `body`.
            let long = try await client.api(.post, "/agreements/\(reference)/comments", token: legal, json: ["body": String(repeating: "a", count: 4_001)])
            #expect(long.status == .unprocessableContent)
            #expect(try long.problem().paths == ["body"])
            // A body that is not what the document describes is 400, never a 500.
            let malformed = try await client.api(.post, "/agreements/\(reference)/acceptance", token: legal, json: ["head": "two"])
            #expect(malformed.status == .badRequest, "\(malformed.text)")
            #expect(try await client.api(.get, "/agreements/\(reference)/diff?from=1", token: legal).status == .badRequest)
            // And the right base goes through, answering 201 with the new version.
            let proposed = try await client.api(.post, "/agreements/\(reference)/versions", token: legal, json: ["base": 2, "message": "30 hours", "document": thirdJSON])
            #expect(proposed.status == .created, "\(proposed.text)")
            #expect((try proposed.json() as? [String: Any])?["number"] as? Int == 3)
        }
        #expect(try fixture.store.agreement(reference).head == 3)
    }

    @Test func missingWrongRevokedAndExpiredTokensAre401AndASessionIsNoToken() async throws {
        let fixture = try WebFixture()
        let revoked = try fixture.store.createAPIToken(for: WebFixture.email(.legal, "controller"), name: "old", scope: .read, days: 30, actor: "test")
        try fixture.store.revokeAPIToken(id: revoked.listing.id, ownerID: nil, actor: "test")
        let shortLived = try fixture.token(.legal, "controller", scope: .read, days: 1)
        let good = try fixture.token(.legal, "controller", scope: .read, days: 30)
        let (cookie, _) = try fixture.session(.legal, "controller")
        try await fixture.application.test(.router) { client in
            #expect(try await client.api(.get, "/agreements", token: shortLived).status == .ok)
            let missing = try await client.api(.get, "/agreements", token: nil)
            #expect(missing.status == .unauthorized)
            #expect(missing.headers[.wwwAuthenticate] == "Bearer realm=\"tripact\"")
            #expect(try await client.api(.get, "/agreements", token: "tripact_" + String(repeating: "0", count: 64)).status == .unauthorized)
            #expect(try await client.api(.get, "/agreements", token: String(good.dropLast()) + "x").status == .unauthorized)
            let refused = try await client.api(.get, "/agreements", token: revoked.token)
            #expect(refused.status == .unauthorized)
            #expect(try refused.problem().message == "the token has been revoked")
            // The web's session cookie opens no API door.
            #expect(try await client.api(.get, "/agreements", token: nil, cookie: cookie).status == .unauthorized)
            fixture.clock.advance(86_401)
            let expired = try await client.api(.get, "/agreements", token: shortLived)
            #expect(expired.status == .unauthorized)
            #expect(try expired.problem().message == "the token has expired")
            // A token opens no web page: the dashboard sends a bearer-only client to the log-in page.
            var headers = HTTPFields()
            headers[.authorization] = "Bearer \(good)"
            let page = try await client.executeRequest(uri: "/", method: .get, headers: headers, body: nil)
            #expect(page.status == .seeOther || page.status == .found, "\(page.status)")
        }
        let listing = try #require(try fixture.store.apiTokens(userID: fixture.store.user(email: WebFixture.email(.legal, "controller")).id).first { $0.name.hasSuffix("read") && $0.lastUsedAt != nil })
        #expect(listing.lastUsedAt != nil)
    }

    @Test func eachTokenHasItsOwnRateLimit() async throws {
        let fixture = try WebFixture()
        let first = try fixture.token(.legal, "controller", scope: .read)
        let second = try fixture.token(.legal, "processor", scope: .read)
        try await fixture.application(rateLimit: RequestRateLimit(burst: 3, perSecond: 0.01)).test(.router) { client in
            for _ in 0..<3 { #expect(try await client.api(.get, "/agreements", token: first).status == .ok) }
            let limited = try await client.api(.get, "/agreements", token: first)
            #expect(limited.status == .tooManyRequests)
            #expect(Int(limited.headers[.retryAfter] ?? "") ?? 0 >= 1)
            #expect(try await client.api(.get, "/agreements", token: second).status == .ok)
        }
    }

    @Test func theControllerObjectsToANoticeThroughTheAPIAndOthersCannot() async throws {
        let (fixture, notice, _) = try RouteTableTests.hostileFixture()
        try await fixture.application.test(.router) { client in
            let outsider = try fixture.token(.legal, "outsider", scope: .negotiate)
            #expect(try await client.api(.post, "/notices/\(notice)/objection", token: outsider, json: ["reason": "no"]).status == .notFound)
            let processor = try fixture.token(.legal, "processor", scope: .negotiate)
            #expect(try await client.api(.post, "/notices/\(notice)/objection", token: processor, json: ["reason": "no"]).status == .forbidden)
            let controller = try fixture.token(.legal, "controller", scope: .negotiate)
            let empty = try await client.api(.post, "/notices/\(notice)/objection", token: controller, json: ["reason": "  "])
            #expect(empty.status == .unprocessableContent)
            #expect(try empty.problem().paths == ["reason"])
            let objected = try await client.api(.post, "/notices/\(notice)/objection", token: controller, json: ["reason": "the new entity is outside the EEA"])
            #expect(objected.status == .ok, "\(objected.text)")
            #expect((try objected.json() as? [String: Any])?["status"] as? String == "objected")
            let notices = try #require(try await client.api(.get, "/notices", token: outsider).json() as? [Any])
            #expect(notices.isEmpty)
        }
    }
}
