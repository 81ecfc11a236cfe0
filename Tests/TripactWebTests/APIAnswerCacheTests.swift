import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing
import TripactCore
import TripactStore
import TripactTestSupport
import TripactWeb

/// The API's cached answers (an agreement with its items, a version with its document): they follow every change,
/// each organisation gets its own, the gzipped bytes are the same JSON, and the mapping to the document's types writes
/// what the domain types' own encoding writes.
@Suite struct APIAnswerCacheTests {
    /// The JSON of a domain value as its own `Codable` writes it, for comparing with an answer of the API.
    static func encoded(_ value: some Encodable) throws -> Any {
        try JSONSerialization.jsonObject(with: JSONEncoder().encode(value), options: [.fragmentsAllowed])
    }

    static func same(_ left: Any?, _ right: Any?) -> Bool {
        guard let left, let right else { return left == nil && right == nil }
        return NSArray(array: [left]).isEqual(to: [right])
    }

    @Test func theCachedAgreementFollowsAnAcceptanceAProposalAndAComment() async throws {
        let fixture = try WebFixture()
        let reference = fixture.reference
        try await fixture.application.test(.router) { client in
            let token = try fixture.token(.viewer, "controller", scope: .read)
            func detail() async throws -> [String: Any] {
                try #require(try await client.api(.get, "/agreements/\(reference)", token: token).json() as? [String: Any])
            }
            func acceptedBy(_ detail: [String: Any]) -> Set<String> {
                Set((detail["items"] as? [[String: Any]] ?? []).flatMap { $0["acceptedBy"] as? [String] ?? [] })
            }
            let first = try await detail()
            #expect(Self.same(try await detail(), first), "a second read answers the same")
            #expect(!acceptedBy(first).contains("controller"))

            // An item accepted: the next answer has it, not the cached one.
            _ = try fixture.store.accept(nil, on: reference, by: WebFixture.email(.legal, "controller"))
            let afterAcceptance = try await detail()
            #expect(acceptedBy(afterAcceptance).contains("controller"))
            #expect((afterAcceptance["agreement"] as? [String: Any])?["status"] as? String == "agreed")

            // A version proposed: the head moves, and the new version is served (not a 404 kept from before).
            var document = try fixture.store.version(reference).document
            document.title += " (revised)"
            _ = try fixture.store.propose(document, on: reference, basedOn: 1, by: WebFixture.email(.legal, "processor"), message: "a new title")
            let afterProposal = try await detail()
            #expect((afterProposal["agreement"] as? [String: Any])?["head"] as? Int == 2)
            #expect((afterProposal["agreement"] as? [String: Any])?["status"] as? String == "draft")
            let version = try #require(try await client.api(.get, "/agreements/\(reference)/versions/2", token: token).json() as? [String: Any])
            #expect((version["document"] as? [String: Any])?["title"] as? String == document.title)

            let v1 = try await client.api(.get, "/agreements/\(reference)/versions/1", token: token)
            #expect(v1.status == .ok)
            #expect(((try v1.json() as? [String: Any])?["version"] as? [String: Any])?["number"] as? Int == 1)
        }
    }

    @Test func eachOrganisationGetsItsOwnAnswerAndNothingPrivateCrosses() async throws {
        let fixture = try WebFixture()
        let reference = fixture.reference
        let secret = "our walk-away is 48 hours, keep this inside"
        try fixture.store.comment(on: reference, item: nil, body: secret, by: WebFixture.email(.legal, "controller"), isInternal: true)
        try await fixture.application.test(.router) { client in
            let controller = try fixture.token(.legal, "controller", scope: .read)
            let processor = try fixture.token(.legal, "processor", scope: .read)
            let outsider = try fixture.token(.legal, "outsider", scope: .read)
            // The controller reads first, so its answer is the cached one when the others ask.
            let mine = try await client.api(.get, "/agreements/\(reference)", token: controller)
            let theirs = try await client.api(.get, "/agreements/\(reference)", token: processor)
            #expect((try mine.json() as? [String: Any])?["side"] as? String == "controller")
            #expect((try theirs.json() as? [String: Any])?["side"] as? String == "processor")
            #expect(try await client.api(.get, "/agreements/\(reference)", token: outsider).status == .notFound)
            #expect(try await client.api(.get, "/agreements/\(reference)/versions/1", token: outsider).status == .notFound)
            for path in ["/agreements/\(reference)", "/agreements/\(reference)/versions/1", "/agreements/\(reference)/comments"] {
                _ = try await client.api(.get, path, token: controller)
                let answer = try await client.api(.get, path, token: processor)
                #expect(answer.status == .ok)
                #expect(!answer.text.contains(secret), "\(path) showed the controller's internal comment to the processor")
            }
            #expect(try await client.api(.get, "/agreements/\(reference)/comments", token: controller).text.contains(secret))
            // A revoked token is refused even when the answer it asks for is cached.
            let owner = try fixture.store.user(email: WebFixture.email(.legal, "processor"))
            for listed in try fixture.store.apiTokens(userID: owner.id) {
                try fixture.store.revokeAPIToken(id: listed.id, ownerID: owner.id, actor: owner.email)
            }
            #expect(try await client.api(.get, "/agreements/\(reference)", token: processor).status == .unauthorized)
        }
    }

    @Test func theGzippedAnswerIsTheSameJSON() async throws {
        let fixture = try WebFixture()
        try await fixture.application.test(.router) { client in
            let token = try fixture.token(.viewer, "processor", scope: .read)
            for path in ["/agreements/\(fixture.reference)", "/agreements/\(fixture.reference)/versions/1"] {
                let plain = try await client.api(.get, path, token: token)
                #expect(plain.headers[.contentEncoding] == nil && plain.headers[.vary] == "Accept-Encoding")
                #expect(plain.headers[.contentType]?.hasPrefix("application/json") == true)
                var headers = HTTPFields()
                headers[.authorization] = "Bearer \(token)"
                headers[.acceptEncoding] = "gzip, deflate"
                let zipped = try await client.executeRequest(uri: "/api/v1" + path, method: .get, headers: headers, body: nil)
                #expect(zipped.status == .ok && zipped.headers[.contentEncoding] == "gzip")
                #expect(zipped.body.readableBytes < plain.body.readableBytes)
                let file = Fixtures.temporaryDirectory().appendingPathComponent("answer.json.gz")
                try Data(zipped.body.readableBytesView).write(to: file)
                let unzipped = try Shell.run("/bin/gzip", ["-dc", file.path])
                #expect(unzipped.status == 0 && unzipped.stdout == plain.text)
            }
        }
    }

    /// The field-by-field mapping to `openapi.yaml`'s types writes what the domain types' own `Codable` writes (which
    /// the API's answers were built from before), for every answer that uses it.
    @Test func theAnswersWriteWhatTheDomainTypesEncode() async throws {
        let fixture = try WebFixture()
        let store = fixture.store
        let reference = fixture.reference
        try store.comment(on: reference, item: nil, body: "please look at the audit clause", by: WebFixture.email(.legal, "processor"))
        _ = try store.accept(nil, on: reference, by: WebFixture.email(.legal, "controller"))
        var revised = try store.version(reference).document
        revised.title += " (revised)"
        _ = try store.propose(revised, on: reference, basedOn: 1, by: WebFixture.email(.legal, "processor"), message: "a new title")
        let document = revised
        try await fixture.application.test(.router) { client in
            let token = try fixture.token(.legal, "controller", scope: .read)
            let user = try store.user(email: WebFixture.email(.legal, "controller"))
            let detail = try #require(try await client.api(.get, "/agreements/\(reference)", token: token).json() as? [String: Any])
            #expect(Self.same(detail["items"], try Self.encoded(store.itemStates(reference))))
            let summary = try store.agreement(reference)
            var expectedSummary = try #require(try Self.encoded(summary) as? [String: Any])
            expectedSummary["standing"] = summary.standing
            #expect(Self.same(detail["agreement"], expectedSummary))
            #expect(Self.same(try await client.api(.get, "/agreements", token: token).json(), [expectedSummary]))

            let versions = try #require(try await client.api(.get, "/agreements/\(reference)/versions", token: token).json() as? [Any])
            #expect(Self.same(versions, try Self.encoded(store.log(reference))))
            let version = try #require(try await client.api(.get, "/agreements/\(reference)/versions/2", token: token).json() as? [String: Any])
            #expect(Self.same(version["version"], try Self.encoded(store.log(reference).first { $0.number == 2 })))
            #expect(Self.same(version["document"], try JSONSerialization.jsonObject(with: DocumentCodec.canonicalJSON(store.version(reference).document))))

            let comments = try await client.api(.get, "/agreements/\(reference)/comments", token: token).json()
            #expect(Self.same(comments, try Self.encoded(store.comments(reference, visibleTo: user.organisationID))))

            let diff = try #require(try await client.api(.get, "/agreements/\(reference)/diff?from=1&to=2", token: token).json() as? [String: Any])
            let domainDiff = AgreementDiffer.diff(
                try store.version(reference, number: 1).document, document, library: Fixtures.library, oldLabel: "\(reference) v1", newLabel: "\(reference) v2",
                playbook: nil
            )
            var expectedDiff = try #require(try Self.encoded(domainDiff) as? [String: Any])
            expectedDiff["redline"] = nil
            expectedDiff["changes"] = (expectedDiff["changes"] as? [[String: Any]])?.map { change in
                var change = change
                change["fields"] = (change["fields"] as? [[String: Any]])?.map { $0.filter { $0.key != "assessment" && $0.key != "words" } }
                return change
            }
            #expect(Self.same(diff, expectedDiff))

            let notices = try await client.api(.get, "/notices", token: token).json()
            #expect(Self.same(notices, try Self.encoded(store.notices(visibleTo: user.organisationID, dueBefore: nil, openOnly: false, agreement: nil))))
            let register = try await client.api(.get, "/register", token: token).json() as? [[String: Any]]
            let records = try #require(try Self.encoded(store.subprocessorRegister(organisationID: user.organisationID)) as? [[String: Any]])
            #expect(Self.same(register, records.map { $0.filter { $0.key != "contact" && $0.key != "onwardSubprocessors" } }))
        }
    }
}
