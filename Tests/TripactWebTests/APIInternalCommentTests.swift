import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing
import TripactCore
import TripactStore
import TripactTestSupport
import TripactWeb

/// Issue 10 item 2 through the JSON API: a comment posted with `isInternal: true` is read back by its organisation,
/// marked internal, and leaves no trace in any answer the other side's tokens can ask for.
@Suite struct APIInternalCommentTests {
    static let secret = "Our walk-away is 48 hours API-SECRET-4417"
    static let shared = "Please confirm 24 hours API-SHARED-2290"

    /// Every GET of the API that shows the agreement, its versions, comments or notices: the agreement list, the
    /// agreement, the log, both versions, the HTML export, the Word file and the Word redline (which carries the shared
    /// comments), the diff, the comments, the notices.
    static func readings(_ reference: String) -> [String] {
        let ref = "/agreements/\(reference)"
        return [
            "/agreements", ref, "\(ref)/versions", "\(ref)/versions/1", "\(ref)/versions/2", "\(ref)/versions/2/export", "\(ref)/versions/2/docx",
            "\(ref)/versions/2/docx?redlineFrom=1", "\(ref)/diff?from=1&to=2", "\(ref)/comments", "/notices", "/notices?agreement=\(reference)", "/register",
        ]
    }

    /// Version 2 by the controller, so there is a diff and a redline whose proposer is the comment's organisation.
    static func secondVersion(_ fixture: WebFixture) throws {
        let head = try fixture.store.version(fixture.reference)
        var document = head.document
        document.title += " (amended)"
        try fixture.store.propose(document, on: fixture.reference, basedOn: head.number, by: WebFixture.email(.legal, "controller"), message: "title")
    }

    /// The bodies of every reading, by role of the processor and path.
    static func read(_ client: some TestClientProtocol, _ fixture: WebFixture, tokens: [Role: String]) async throws -> [String: Data] {
        var bodies: [String: Data] = [:]
        for (role, token) in tokens {
            for path in readings(fixture.reference) {
                let response = try await client.api(.get, path, token: token)
                #expect(response.status == .ok, "\(role) of the processor: \(path) answered \(response.status)")
                bodies["\(role) \(path)"] = Data(response.body.readableBytesView)
            }
        }
        return bodies
    }

    @Test func anInternalCommentPostedThroughTheAPIChangesNoAnswerOfTheOtherSide() async throws {
        let fixture = try WebFixture()
        try Self.secondVersion(fixture)
        try await fixture.application.test(.router) { client in
            var theirs: [Role: String] = [:]
            for role in Role.allCases { theirs[role] = try fixture.token(role, "processor", scope: .read) }
            let before = try await Self.read(client, fixture, tokens: theirs)

            let mine = try fixture.token(.legal, "controller", scope: .negotiate)
            let path = "/agreements/\(fixture.reference)/comments"
            let posted = try await client.api(.post, path, token: mine, json: ["item": "clause:audits", "body": Self.secret, "isInternal": true])
            #expect(posted.status == .created, "\(posted.text)")
            let onAgreement = try await client.api(.post, path, token: mine, json: ["body": Self.secret + " (whole agreement)", "isInternal": true])
            #expect(onAgreement.status == .created, "\(onAgreement.text)")

            // Byte for byte what they read before: no body, no count, no flag, no changed date.
            let after = try await Self.read(client, fixture, tokens: theirs)
            for (key, body) in after {
                #expect(body == before[key], "the other side's \(key) changed after an internal comment")
                #expect(!String(decoding: body, as: UTF8.self).contains("API-SECRET-4417"), "\(key)")
            }

            // Its own organisation reads it back, every role, marked internal.
            for role in Role.allCases {
                let own = try await client.api(.get, path, token: try fixture.token(role, "controller", scope: .read))
                let comments = try #require(try own.json() as? [[String: Any]], "\(role)")
                let found = comments.filter { ($0["body"] as? String)?.hasPrefix(Self.secret) == true }
                #expect(found.count == 2, "\(role) of the controller: \(comments)")
                #expect(found.allSatisfy { $0["isInternal"] as? Bool == true }, "\(found)")
                #expect(found.contains { $0["item"] as? String == "clause:audits" } && found.contains { $0["item"] == nil })
            }

            // The comparison sees a comment when there is one to see: a shared one reaches the comments and the redline.
            #expect(try await client.api(.post, path, token: mine, json: ["item": "clause:audits", "body": Self.shared]).status == .created)
            let shared = try await Self.read(client, fixture, tokens: [.viewer: try #require(theirs[.viewer])])
            #expect(String(decoding: shared["viewer \(path)"] ?? Data(), as: UTF8.self).contains("API-SHARED-2290"))
            let redline = "viewer /agreements/\(fixture.reference)/versions/2/docx?redlineFrom=1"
            #expect(shared[redline] != before[redline], "the Word redline carries shared comments")
        }
    }
}
