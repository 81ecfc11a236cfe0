import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing
import TripactCore
import TripactStore
import TripactTestSupport
import TripactWeb

/// Issue 9, bug 7: a form saved on an older version answers 409 with a page a lawyer reads — what happened in one
/// sentence, the user's edits kept in the form, then the changes since in a few lines, in words and never keys.
@Suite struct ConflictPageTests {
    /// The text a person reads: tags (and so attribute values such as links) left out.
    static func visibleText(_ html: String) -> String {
        var text = ""
        var inTag = false
        for character in html {
            if character == "<" { inTag = true } else if character == ">" { inTag = false } else if !inTag { text.append(character) }
        }
        return text
    }

    @Test func aClauseConflictSaysWhoChangedWhatThenKeepsTheEditsAboveACompactListOfTheChanges() async throws {
        let fixture = try WebFixture()
        var v2 = Fixtures.example("full-scenario.json")
        Fixtures.set("audits", "notice-days", .integer(20), in: &v2)
        try fixture.store.propose(v2, on: fixture.reference, basedOn: 1, by: WebFixture.email(.legal, "processor"), message: "20 days is enough")
        let (cookie, csrf) = try fixture.session(.legal, "controller")
        try await fixture.application.test(.router) { client in
            let response = try await client.post("/agreements/\(fixture.reference)/clauses/breach-notification", form: [
                ("_csrf", csrf), ("base", "1"), ("variant", "controller"), ("parameters[hours]", "12"), ("message", "12 hours"),
            ], cookie: cookie)
            #expect(response.status == .conflict)
            let html = response.text
            let visible = Self.visibleText(html)
            #expect(visible.contains(
                "Nothing was saved. legal of processor (processor) proposed version 2 after you opened this form on version 1; it changes Clause 14 — Audits and inspections."
            ))
            // The order a lawyer reads: what happened, the kept form, then the changes since.
            let alert = try #require(html.range(of: "role=\"alert\""))
            let form = try #require(html.range(of: "<input type=\"hidden\" name=\"base\" value=\"2\">"))
            let changes = try #require(html.range(of: "Changes since version 1"))
            #expect(alert.lowerBound < form.lowerBound && form.lowerBound < changes.lowerBound)
            #expect(html.contains("value=\"12\""), "the user's edit is kept")
            #expect(visible.contains("Version 2, by legal of processor for the processor: “20 days is enough”"))
            #expect(html.contains("Notice the Controller gives before a routine audit: <del>30 days</del> → <ins>20 days</ins>"))
            #expect(html.contains("href=\"/agreements/\(fixture.reference)/clauses/audits\">Clause 14 — Audits and inspections</a>"))
            #expect(html.contains("href=\"/agreements/\(fixture.reference)/compare?from=1&amp;to=2\""), "the full redline is a link away, not on the page")
            #expect(!html.contains("class=\"redline\""))
            for key in ["notice-days", "clause:audits", "sha256"] { #expect(!visible.contains(key), "\(key) on the page") }
        }
        #expect(try fixture.store.log(fixture.reference).count == 2)
    }

    @Test func anAnnexConflictNamesCatalogueEntriesByTheirLabelsAndSeveralVersionsByTheirAuthors() async throws {
        let fixture = try WebFixture()
        var v2 = Fixtures.example("full-scenario.json")
        v2.processing.frequency = "Office hours only"
        try fixture.store.propose(v2, on: fixture.reference, basedOn: 1, by: WebFixture.email(.legal, "controller"), message: "hours")
        var v3 = v2
        v3.processing.purposes[0].dataCategories.removeAll { $0 == "user.device.ip_address" }
        try fixture.store.propose(v3, on: fixture.reference, basedOn: 2, by: WebFixture.email(.admin, "processor"), message: "no addresses")
        let (cookie, csrf) = try fixture.session(.legal, "processor")
        let purposeKey = v2.processing.purposes[0].purpose
        try await fixture.application.test(.router) { client in
            let response = try await client.post("/agreements/\(fixture.reference)/annex2", form: [
                ("_csrf", csrf), ("base", "1"), ("duration", "Ten years"), ("message", "longer"), ("channels[]", "voice"),
            ], cookie: cookie)
            #expect(response.status == .conflict)
            let visible = Self.visibleText(response.text)
            #expect(visible.contains("legal of controller (controller) and admin of processor (processor) proposed versions 2 to 3 after you opened this form on version 1"))
            #expect(response.text.contains(">Ten years</textarea>"))
            let (own, ownCSRF) = try fixture.session(.admin, "processor")
            let yours = try await client.post("/agreements/\(fixture.reference)/annex2", form: [
                ("_csrf", ownCSRF), ("base", "2"), ("duration", "Ten years"), ("message", "longer"),
            ], cookie: own)
            #expect(Self.visibleText(yours.text).contains("Nothing was saved. You proposed version 3 after you opened this form on version 2"), "a version of one's own is said as yours")
            #expect(Self.visibleText(yours.text).contains("Version 3, by you for the processor: “no addresses”"))
            #expect(response.text.contains("<input type=\"hidden\" name=\"base\" value=\"3\">"))
            let purpose = try #require(Fixtures.library.purpose(purposeKey)?.label)
            let category = try #require(Fixtures.library.dataCategory("user.device.ip_address")?.label)
            #expect(visible.contains("Purposes › \(purpose) › personal data categories: removed \(category)"))
            #expect(visible.contains("Office hours only"))
            for key in ["user.device.ip_address", purposeKey, "annex2:"] { #expect(!visible.contains(key), "\(key) on the page") }
        }
    }
}
