import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing
import TripactCore
import TripactStore
import TripactTestSupport
import TripactWeb

/// The public subprocessor list and its feed as a feed reader meets them.
@Suite struct PublicFeedTests {
    @Test func theListAnnouncesItsFeedWhoseLinksAreAbsoluteWordsHumanAndPollingCheap() async throws {
        let fixture = try WebFixture()
        try fixture.store.publishRegister(slug: "atlantis", by: WebFixture.email(.admin, "processor"))
        var entry = Fixtures.registerRecord("sp-us", name: "Clear Signal Inc.", services: ["speech-analytics"])
        entry.country = "US"
        entry.transferMechanism = "scc-module-3"
        entry.tiaReference = "TIA-7"
        try fixture.store.proposeRegisterChange(
            .addition, entry: entry, replacing: nil, plannedStart: nil, message: "analytics", by: WebFixture.email(.legal, "processor"), library: fixture.configuration.library
        )
        try await fixture.application.test(.router) { client in
            // The router test client reaches the application as "localhost".
            let host = HTTPFields()
            let page = try await client.executeRequest(uri: "/public/atlantis/subprocessors", method: .get, headers: host, body: nil)
            #expect(page.text.contains("<link rel=\"alternate\" type=\"application/atom+xml\""))
            #expect(page.text.contains("Standard contractual clauses, processor to processor") && !page.text.contains(">scc-module-3<"))
            #expect(page.text.contains("Ireland") && !page.text.contains("<td>IE</td>"))

            let feed = try await client.executeRequest(uri: "/public/atlantis/subprocessors.atom", method: .get, headers: host, body: nil)
            #expect(feed.status == .ok)
            #expect(feed.text.contains("href=\"http://localhost/public/atlantis/subprocessors#change-"))
            #expect(feed.text.contains("Transfer mechanism: Standard contractual clauses, processor to processor."))
            #expect(!feed.text.contains("href=\"/public"), "no relative link left")
            let tag = try #require(feed.headers[.eTag])
            let modified = try #require(feed.headers[.lastModified])

            var again = host
            again[.ifNoneMatch] = tag
            let unchanged = try await client.executeRequest(uri: "/public/atlantis/subprocessors.atom", method: .get, headers: again, body: nil)
            #expect(unchanged.status == .notModified && unchanged.body.readableBytes == 0)
            var since = host
            since[.ifModifiedSince] = modified
            #expect(try await client.executeRequest(uri: "/public/atlantis/subprocessors.atom", method: .get, headers: since, body: nil).status == .notModified)

            // A new change is a new document: the old tag no longer matches.
            fixture.clock.advance(60)
            try fixture.store.proposeRegisterChange(
                .addition, entry: Fixtures.registerRecord("sp-eu", name: "Euro Surveys SA", services: ["surveys"]), replacing: nil, plannedStart: nil, message: "surveys",
                by: WebFixture.email(.legal, "processor"), library: fixture.configuration.library
            )
            let changed = try await client.executeRequest(uri: "/public/atlantis/subprocessors.atom", method: .get, headers: again, body: nil)
            #expect(changed.status == .ok && changed.headers[.eTag] != tag)
        }
    }
}
