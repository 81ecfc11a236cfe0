import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing
import TripactCore
import TripactStore
import TripactTestSupport
import TripactWeb

@Suite struct AuthRouteTests {
    @Test func loggingInSetsAnHttpOnlySameSiteSessionCookie() async throws {
        let fixture = try WebFixture()
        try await fixture.application.test(.router) { client in
            let page = try await client.get("/login")
            #expect(page.status == .ok)
            let loginCookie = try #require(page.setCookies.first { $0.hasPrefix("tripact_login=") })
            let token = String(loginCookie.dropFirst("tripact_login=".count).prefix { $0 != ";" })
            #expect(page.text.contains("<input type=\"hidden\" name=\"_csrf\" value=\"\(token)\">"))
            #expect(page.text.contains("<label for=\"email\">") && page.text.contains("<label for=\"password\">"))
            let response = try await client.post(
                "/login", form: [("email", WebFixture.email(.legal, "controller")), ("password", WebFixture.password), ("_csrf", token)],
                cookie: "tripact_login=\(token)"
            )
            #expect(response.status == .seeOther && response.location == "/")
            let session = try #require(response.setCookies.first { $0.hasPrefix("tripact_session=") })
            #expect(session.contains("HttpOnly") && session.contains("SameSite=Lax") && !session.contains("Secure"))
            let cookie = String(session.prefix { $0 != ";" })
            let dashboard = try await client.get("/", cookie: cookie)
            #expect(dashboard.status == .ok && dashboard.text.contains("Data Processing Agreement for the Lumen"))
        }
    }

    @Test func aWrongPasswordIsRefusedAndRepeatedFailuresAreThrottled() async throws {
        let fixture = try WebFixture()
        try await fixture.application.test(.router) { client in
            let form: (String) -> [(String, String)] = { password in [("email", WebFixture.email(.legal, "processor")), ("password", password), ("_csrf", "t0k3n")] }
            for _ in 0..<3 {
                let wrong = try await client.post("/login", form: form("guess"), cookie: "tripact_login=t0k3n")
                #expect(wrong.status == .unauthorized && wrong.text.contains("the e-mail address or the password is wrong"))
                #expect(!wrong.setCookies.contains { $0.hasPrefix("tripact_session=") })
            }
            let throttled = try await client.post("/login", form: form(WebFixture.password), cookie: "tripact_login=t0k3n")
            #expect(throttled.status == .tooManyRequests)
            fixture.clock.advance(601)
            #expect(try await client.post("/login", form: form(WebFixture.password), cookie: "tripact_login=t0k3n").status == .seeOther)
        }
    }

    @Test func logInWithoutOrWithAWrongFormTokenIs403() async throws {
        let fixture = try WebFixture()
        try await fixture.application.test(.router) { client in
            let credentials: [(String, String)] = [("email", WebFixture.email(.legal, "processor")), ("password", WebFixture.password)]
            let missing = try await client.post("/login", form: credentials, cookie: "tripact_login=abc")
            let wrong = try await client.post("/login", form: credentials + [("_csrf", "xyz")], cookie: "tripact_login=abc")
            let noCookie = try await client.post("/login", form: credentials + [("_csrf", "abc")])
            #expect(missing.status == .forbidden && wrong.status == .forbidden && noCookie.status == .forbidden)
        }
    }

    @Test func anExpiredSessionLeadsBackToTheLogInPage() async throws {
        let fixture = try WebFixture()
        let (cookie, _) = try fixture.session(.legal, "controller")
        try await fixture.application.test(.router) { client in
            #expect(try await client.get("/", cookie: cookie).status == .ok)
            fixture.clock.advance(fixture.configuration.sessionLifetime + 1)
            let expired = try await client.get("/", cookie: cookie)
            #expect(expired.status == .seeOther && expired.location == "/login")
            #expect(try await client.get("/agreements/\(fixture.reference)", cookie: cookie).location == "/login")
        }
    }

    @Test func loggingOutNeedsTheTokenAndEndsTheSession() async throws {
        let fixture = try WebFixture()
        let (cookie, csrf) = try fixture.session(.viewer, "processor")
        try await fixture.application.test(.router) { client in
            #expect(try await client.post("/logout", form: [], cookie: cookie).status == .forbidden)
            #expect(try await client.get("/", cookie: cookie).status == .ok)
            let out = try await client.post("/logout", form: [("_csrf", csrf)], cookie: cookie)
            #expect(out.status == .seeOther && out.location == "/login")
            #expect(try await client.get("/", cookie: cookie).location == "/login")
        }
    }
}
