import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing
import TripactCore
import TripactStore
import TripactTestSupport
import TripactWeb

/// A database with nobody in it, as a real installation starts, with a clock the test moves.
struct EmptyWebFixture {
    let store: TripactStore
    let path: String
    let configuration: WebConfiguration
    let clock = ManualClock()

    init() throws {
        path = Fixtures.temporaryDirectory().appendingPathComponent("fresh.sqlite").path
        store = try TripactStore(path: path, clock: clock.storeClock)
        configuration = WebConfiguration(databasePath: path, library: Fixtures.library, bcryptCost: 4, clock: clock.storeClock)
    }

    var application: some ApplicationProtocol { Application(router: buildRouter(store: store, configuration: configuration)) }
}

/// The pre-login double-submit token a page set, as a browser would send it back.
func formToken(_ page: TestResponse) throws -> (cookie: String, csrf: String) {
    let cookie = try #require(page.setCookies.first { $0.hasPrefix("tripact_login=") })
    let token = String(cookie.dropFirst("tripact_login=".count).prefix { $0 != ";" })
    #expect(page.text.contains("name=\"_csrf\" value=\"\(token)\""))
    return ("tripact_login=\(token)", token)
}

func sessionCookie(_ response: TestResponse) -> String? {
    response.setCookies.first { $0.hasPrefix("tripact_session=") }.map { String($0.prefix { $0 != ";" }) }
}

@Suite struct FirstRunRouteTests {
    static let password = "a long pass phrase"

    static func setupForm(_ csrf: String, password: String = password, again: String? = nil, email: String = "ada@lumen.example") -> [(String, String)] {
        [("_csrf", csrf), ("organisation", "Lumen Télécom SA"), ("name", "Ada <Admin>"), ("email", email), ("password", password), ("passwordAgain", again ?? password)]
    }

    @Test func aFreshDatabaseWithoutTheDemoGetsItsFirstAdminThroughTheSetupLinkAlone() async throws {
        let fresh = try EmptyWebFixture()
        let path = try #require(try FirstRun.setupPath(store: fresh.store))
        try await fresh.application.test(.router) { client in
            #expect(try await client.get("/login").status == .ok)
            let page = try await client.get(path)
            #expect(page.status == .ok && page.text.contains("Set up Tripact") && page.text.contains("This link works once, until"))
            #expect(page.text.contains("<label for=\"account-password\">") && page.text.contains("<label for=\"account-passwordAgain\">"))
            let (cookie, csrf) = try formToken(page)
            let done = try await client.post(path, form: Self.setupForm(csrf), cookie: cookie)
            #expect(done.status == .seeOther && done.location == "/")
            let session = try #require(sessionCookie(done))
            #expect(try await client.get("/", cookie: session).status == .ok)
            let admin = try await client.get("/admin", cookie: session)
            #expect(admin.status == .ok && admin.text.contains("ada@lumen.example") && admin.text.contains("Ada &lt;Admin&gt;"))
            let again = try await client.get(path)
            #expect(again.status == .gone && again.text.contains("already been used") && !again.text.contains("<form method=\"post\" action=\"/setup"))
            let login = try await client.post("/login", form: [("email", "ada@lumen.example"), ("password", Self.password), ("_csrf", csrf)], cookie: cookie)
            #expect(login.status == .seeOther, "the password set through the link logs in")
        }
        #expect(try fresh.store.user(email: "ada@lumen.example").role == .admin)
        #expect(try fresh.store.auditEvents().contains { $0.action == "setup.complete" })
    }

    @Test func aWrongExpiredOrReusedSetupLinkGivesNoAccess() async throws {
        let fresh = try EmptyWebFixture()
        let path = try #require(try FirstRun.setupPath(store: fresh.store))
        try await fresh.application.test(.router) { client in
            let (cookie, csrf) = try formToken(try await client.get(path))
            let wrong = "/setup/" + String(repeating: "0", count: 64)
            #expect(try await client.get(wrong).status == .notFound)
            let wrongPost = try await client.post(wrong, form: Self.setupForm(csrf), cookie: cookie)
            #expect(wrongPost.status == .notFound && sessionCookie(wrongPost) == nil)
            #expect(try await client.get("/setup/short").status == .notFound)
            fresh.clock.advance(FirstRun.setupLinkLifetime + 1)
            let expired = try await client.post(path, form: Self.setupForm(csrf), cookie: cookie)
            #expect(expired.status == .gone && expired.text.contains("expired") && sessionCookie(expired) == nil)
            #expect(try await client.get(path).status == .gone)
        }
        #expect(try fresh.store.organisations().isEmpty)
        // A restart prints a new link; used once, it is used up.
        let renewed = try #require(try FirstRun.setupPath(store: fresh.store))
        try await fresh.application.test(.router) { client in
            let (cookie, csrf) = try formToken(try await client.get(renewed))
            #expect(try await client.post(renewed, form: Self.setupForm(csrf), cookie: cookie).status == .seeOther)
            let reused = try await client.post(renewed, form: Self.setupForm(csrf, email: "eve@evil.example"), cookie: cookie)
            #expect(reused.status == .gone && sessionCookie(reused) == nil)
        }
        #expect(throws: StoreError.unknownUser("eve@evil.example")) { try fresh.store.user(email: "eve@evil.example") }
    }

    @Test func noSetupLinkWorksOnceAnyUserExists() async throws {
        let fresh = try EmptyWebFixture()
        let path = try #require(try FirstRun.setupPath(store: fresh.store))
        try fresh.store.addOrganisation(name: "Lumen")
        try fresh.store.addUser(email: "cli@lumen.example", name: "From the CLI", organisation: "Lumen", role: .legal)
        #expect(try FirstRun.setupPath(store: fresh.store) == nil)
        try await fresh.application.test(.router) { client in
            let page = try await client.get(path)
            #expect(page.status == .gone && page.text.contains("already set up"))
            let post = try await client.post(path, form: Self.setupForm("k"), cookie: "tripact_login=k")
            #expect(post.status == .gone && sessionCookie(post) == nil)
        }
        let fixture = try WebFixture()
        #expect(try FirstRun.setupPath(store: fixture.store) == nil)
    }

    @Test func theSetupFormNeedsItsFormToken() async throws {
        let fresh = try EmptyWebFixture()
        let path = try #require(try FirstRun.setupPath(store: fresh.store))
        try await fresh.application.test(.router) { client in
            let missing = try await client.post(path, form: Array(Self.setupForm("k").dropFirst()), cookie: "tripact_login=k")
            let other = try await client.post(path, form: Self.setupForm("k"), cookie: "tripact_login=other")
            let noCookie = try await client.post(path, form: Self.setupForm("k"))
            #expect(missing.status == .forbidden && other.status == .forbidden && noCookie.status == .forbidden)
        }
        #expect(try fresh.store.organisations().isEmpty)
    }

    @Test func theSetupFormAppliesThePasswordPolicyAndKeepsTheValues() async throws {
        let fresh = try EmptyWebFixture()
        let path = try #require(try FirstRun.setupPath(store: fresh.store))
        try await fresh.application.test(.router) { client in
            let (cookie, csrf) = try formToken(try await client.get(path))
            for (password, again, message) in [
                ("short", "short", "use at least 12 characters (found 5)"),
                (String(repeating: "b", count: 73), String(repeating: "b", count: 73), "use at most 72 bytes (found 73)"),
                ("correct horse\u{7}battery", "correct horse\u{7}battery", "control characters"),
                (Self.password, Self.password + "x", "the two passwords differ"),
            ] {
                let refused = try await client.post(path, form: Self.setupForm(csrf, password: password, again: again), cookie: cookie)
                #expect(refused.status == .unprocessableContent && refused.text.contains(message), "\(message)")
                #expect(refused.text.contains("value=\"Ada &lt;Admin&gt;\"") && refused.text.contains("href=\"#account-password\""))
                #expect(!refused.text.contains(password) || password == "short", "a password is never written back")
                #expect(sessionCookie(refused) == nil)
            }
        }
        #expect(try fresh.store.organisations().isEmpty)
        #expect(try fresh.store.oneTimeLink(token: String(path.dropFirst("/setup/".count)), purpose: .setup).purpose == .setup, "still usable")
    }
}
