import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing
import TripactCore
import TripactStore
import TripactTestSupport
import TripactWeb

@Suite struct SignedUpdateRouteTests {
    @Test func theOverviewDashboardAndPrintSayAnUpdatedAgreementIsStillSignedAndListTheNotice() async throws {
        let fixture = try WebFixture()
        let bpo = WebFixture.email(.legal, "processor")
        let brand = WebFixture.email(.legal, "controller")
        try fixture.store.accept(nil, on: fixture.reference, by: brand)
        try fixture.store.sign(fixture.reference, by: fixture.signatory("processor"), library: Fixtures.library)
        try fixture.store.sign(fixture.reference, by: fixture.signatory("controller"), library: Fixtures.library)
        let result = try fixture.store.proposeRegisterChange(
            .addition, entry: Fixtures.registerRecord("sp-voice", name: "Voice Cloud", services: ["telephony"]), replacing: nil, plannedStart: nil, message: "new telephony",
            by: bpo, library: Fixtures.library
        )
        let notice = try #require(result.notices.first)
        fixture.clock.advance(Double(fixture.store.today().days(until: notice.takesEffect) + 1) * 86_400)
        try fixture.store.settleDueNotices(library: Fixtures.library)
        let summary = try fixture.store.agreement(fixture.reference)
        #expect(summary.status == .signed && summary.head == 2)
        try await fixture.application.test(.router) { client in
            let (cookie, csrf) = try fixture.session(.legal, "controller")
            let review = try await client.post(
                "/agreements/\(fixture.reference)/accept/review", form: [("_csrf", csrf), ("version", "2"), ("mode", "only"), ("items[]", "annex4")], cookie: cookie
            )
            #expect(review.status == .forbidden, "a signed agreement has nothing to accept")
            let overview = try await client.get("/agreements/\(fixture.reference)", cookie: cookie).text
            #expect(overview.contains("<strong id=\"status\">signed; Annex IV updated on "))
            #expect(overview.contains("notice \(notice.id)</strong>"))
            #expect(overview.contains("Signed version and later updates"))
            #expect(overview.contains("href=\"/notices/\(notice.id)\""))
            #expect(overview.contains("signatures of version 1 (updated by procedure)"))
            #expect(!overview.contains("action=\"/agreements/\(fixture.reference)/sign\""), "nothing is left to sign")
            let dashboard = try await client.get("/", cookie: cookie).text
            #expect(dashboard.contains("signed; Annex IV updated on "))
            let print = try await client.get("/agreements/\(fixture.reference)/versions/2", cookie: cookie).text
            #expect(print.contains("<dd class=\"status\">SIGNED; Annex IV updated on "))
            #expect(print.contains("<body class=\"signed\">"))
            // The certificate names the signed version and lists the update made since, with its hash.
            let certificate = String(print[try #require(print.range(of: "<h2>Certificate of completion</h2>")).lowerBound...])
            #expect(certificate.contains("the parties signed version 1; this file prints a later version made by the agreement's own procedures"))
            #expect(certificate.contains("<h3>Updates after the signature</h3>") && certificate.contains("<li>Version 2: "))
            #expect(certificate.contains("sha256:\(try fixture.store.version(fixture.reference).contentHash)"))
            let verified = try ExportVerifier.verify(Data(print.utf8), library: Fixtures.library)
            #expect(verified.isIntact)
            #expect(ExportVerifier.disagreements(printed: try #require(verified.context), recorded: try fixture.store.renderContext(fixture.reference, version: 2)) == [])
        }
    }
}
