import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing
import TripactStore
import TripactTestSupport
@testable import TripactWeb

/// Routes and the links to them come from one definition (`SiteRoute`), and signing in is checked by the registrar
/// before any handler runs.
@Suite struct SiteRouteTests {
    @Test func everyRouteIsRegisteredAndEveryRegistrationIsARoute() throws {
        let fixture = try WebFixture()
        let registered = buildRouterWithRoutes(store: fixture.store, configuration: fixture.configuration).routes
        let patterns = Set(registered.map(\.path))
        for route in SiteRoute.allCases { #expect(patterns.contains(route.pattern), "\(route) is defined but not registered") }
        for description in registered { #expect(SiteRoute(rawValue: description.path) != nil, "\(description) is registered by a path of its own, not a SiteRoute") }
        #expect(Set(registered).count == registered.count, "a route registered twice")
    }

    @Test func linksFillTheParametersInOrderEachAsOneEncodedSegment() {
        #expect(SiteRoute.dashboard.link() == "/")
        #expect(SiteRoute.agreement.link("dpa-2026.1_a") == "/agreements/dpa-2026.1_a")
        #expect(SiteRoute.clause.link("accord café/2", "breach-notification") == "/agreements/accord%20caf%C3%A9%2F2/clauses/breach-notification")
        #expect(SiteRoute.item.link("dpa", "clause:breach-notification") == "/agreements/dpa/items/clause%3Abreach-notification")
        #expect(SiteRoute.compare.link("dpa", query: ["from": "1", "to": "2", "view": "document"], fragment: "change-2") == "/agreements/dpa/compare?from=1&to=2&view=document#change-2")
        #expect(SiteRoute.publicSubprocessorFeed.link("atlantis") == "/public/atlantis/subprocessors.atom")
        #expect(SiteRoute.compare.link("dpa", query: ["q": "a&b=c"]) == "/agreements/dpa/compare?q=a%26b%3Dc")
        for route in SiteRoute.allCases {
            let values = route.parameterNames.map { "v-\($0)" }
            let link = route.link(values: values)
            let expected = "/" + route.pattern.split(separator: "/").map { $0.first == ":" ? "v-\($0.dropFirst())" : String($0) }.joined(separator: "/")
            #expect(link == (route == .dashboard ? "/" : expected))
        }
    }

    @Test func withoutASessionEveryRouteThatIsNotOpenGoesToTheLogInPageAndWritesNothing() async throws {
        let fixture = try WebFixture()
        let registered = buildRouterWithRoutes(store: fixture.store, configuration: fixture.configuration).routes
        let before = try fixture.store.changeGeneration()
        try await fixture.application.test(.router) { client in
            for description in registered {
                let route = try #require(SiteRoute(rawValue: description.path))
                let uri = RouteTableTests.concrete(description, reference: fixture.reference, notice: 1, entry: "sp-x")
                let response = description.method == .get ? try await client.get(uri) : try await client.post(uri, form: [("version", "1")])
                if route == .logout {
                    #expect(response.location == "/login", "logging out without a session still clears the cookie and goes to log in")
                } else if route.access == .open {
                    #expect(response.location != "/login", "\(description) is open but sent the browser to log in")
                } else {
                    #expect(response.status == .seeOther && response.location == "/login", "\(description) answered \(response.status) without a session")
                }
            }
        }
        #expect(try fixture.store.changeGeneration() == before)
    }

    @Test func onlyTheAgreementItsVersionsAndSigningAreOpenToAnAccountMadeToSign() {
        let reachable = SiteRoute.allCases.filter { $0.access == .signingAccountsToo }
        #expect(Set(reachable) == [.agreement, .version, .versionDocx, .sign])
    }
}
