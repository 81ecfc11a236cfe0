import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing
import TripactCore
import TripactStore
import TripactTestSupport
import TripactWeb

/// The token page: a token is shown once, stored only as its hash, listed with its state, revoked by its owner only;
/// the form's problems are named at their fields.
@Suite struct APITokenPageTests {
    /// The token in a page: the value of the read-only field.
    static func shownToken(_ page: String) -> String? {
        guard let start = page.range(of: "id=\"new-token\""), let value = page.range(of: "value=\"", range: start.upperBound..<page.endIndex),
            let end = page.range(of: "\"", range: value.upperBound..<page.endIndex)
        else { return nil }
        return String(page[value.upperBound..<end.lowerBound])
    }

    /// Every byte SQLite holds for the file: the database and its write-ahead log.
    static func fileBytes(_ path: String) -> Data {
        [path, path + "-wal"].reduce(into: Data()) { bytes, file in bytes += (try? Data(contentsOf: URL(fileURLWithPath: file))) ?? Data() }
    }

    @Test func aTokenIsShownOnceStoredHashedAndWorksOnTheAPI() async throws {
        let fixture = try WebFixture()
        let (cookie, csrf) = try fixture.session(.legal, "controller")
        try await fixture.application.test(.router) { client in
            let header = try await client.get("/", cookie: cookie)
            #expect(header.text.contains("href=\"/account/tokens\""))
            let made = try await client.post("/account/tokens", form: [("_csrf", csrf), ("name", "Laptop <CLI>"), ("scope", "negotiate"), ("days", "30")], cookie: cookie)
            #expect(made.status == .created)
            #expect(made.headers[.cacheControl] == "no-store")
            #expect(made.text.contains("Laptop &lt;CLI&gt;"))
            let token = try #require(Self.shownToken(made.text))
            #expect(token.hasPrefix("tripact_") && token.count == 72)
            let again = try await client.get("/account/tokens", cookie: cookie)
            #expect(!again.text.contains(token))
            #expect(again.text.contains("Laptop &lt;CLI&gt;") && again.text.contains("read and negotiate"))
            #expect(try await client.api(.get, "/agreements", token: token).status == .ok)
            let bytes = Self.fileBytes(fixture.store.path)
            #expect(bytes.range(of: Data(token.utf8)) == nil, "the plain token is in the database file")
            #expect(bytes.range(of: Data(token.dropFirst(8).utf8)) == nil, "the token's random part is in the database file")
            #expect(bytes.range(of: Data(DocumentCodec.sha256Hex(Data(token.utf8)).utf8)) != nil, "the token's hash is not stored")
        }
        #expect(try fixture.store.auditEvents().contains { $0.action == "token.create" && $0.actor == "legal@controller.example" })
        #expect(try fixture.store.verifyAudit().isIntact)
    }

    @Test func theFormNamesItsProblemsAndMakesNothing() async throws {
        let fixture = try WebFixture()
        let (cookie, csrf) = try fixture.session(.viewer, "processor")
        try await fixture.application.test(.router) { client in
            let refused = try await client.post("/account/tokens", form: [("_csrf", csrf), ("name", " "), ("scope", "admin"), ("days", "400")], cookie: cookie)
            #expect(refused.status == .unprocessableContent)
            #expect(refused.text.contains("id=\"token-scope-error\""))
            #expect(Self.shownToken(refused.text) == nil)
            let days = try await client.post("/account/tokens", form: [("_csrf", csrf), ("name", "ci"), ("scope", "read"), ("days", "400")], cookie: cookie)
            #expect(days.status == .unprocessableContent)
            #expect(days.text.contains("id=\"token-days-error\"") && days.text.contains("value=\"ci\""))
            let name = try await client.post("/account/tokens", form: [("_csrf", csrf), ("name", ""), ("scope", "read"), ("days", "10")], cookie: cookie)
            #expect(name.status == .unprocessableContent)
            #expect(name.text.contains("id=\"token-name-error\""))
            let forged = try await client.post("/account/tokens", form: [("name", "ci"), ("scope", "read"), ("days", "10")], cookie: cookie)
            #expect(forged.status == .forbidden)
        }
        #expect(try fixture.store.apiTokens(userID: fixture.store.user(email: WebFixture.email(.viewer, "processor")).id).isEmpty)
    }

    @Test func onlyItsOwnerRevokesATokenAndThenItIs401() async throws {
        let fixture = try WebFixture()
        let owner = WebFixture.email(.legal, "controller")
        let made = try fixture.store.createAPIToken(for: owner, name: "ci", scope: .read, days: 10, actor: owner)
        let (otherCookie, otherCSRF) = try fixture.session(.admin, "controller")
        let (cookie, csrf) = try fixture.session(.legal, "controller")
        try await fixture.application.test(.router) { client in
            let stranger = try await client.post("/account/tokens/\(made.listing.id)/revoke", form: [("_csrf", otherCSRF)], cookie: otherCookie)
            #expect(stranger.status == .notFound)
            #expect(try await client.api(.get, "/agreements", token: made.token).status == .ok)
            let revoked = try await client.post("/account/tokens/\(made.listing.id)/revoke", form: [("_csrf", csrf)], cookie: cookie)
            #expect(revoked.status == .seeOther || revoked.status == .found)
            #expect(try await client.api(.get, "/agreements", token: made.token).status == .unauthorized)
            let page = try await client.get("/account/tokens", cookie: cookie)
            #expect(page.text.contains("revoked"))
            #expect(!page.text.contains("/account/tokens/\(made.listing.id)/revoke"))
        }
        #expect(try fixture.store.auditEvents().contains { $0.action == "token.revoke" && $0.actor == owner })
        #expect(try fixture.store.verifyAudit().isIntact)
    }
}
