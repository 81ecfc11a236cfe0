import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing
import TripactCore
import TripactStore
import TripactTestSupport

/// The clause page reads the side's draft: when the draft changes the clause, the page shows the draft's wording
/// ("Your draft — not sent yet"), with the head's wording and a redline one click away; the other side reads the head
/// only, with nothing of the draft.
@Suite struct ClauseDraftWordingTests {
    static func clause(_ fixture: WebFixture, _ id: String) -> String { "/agreements/\(fixture.reference)/clauses/\(id)" }

    @Test func theDraftingSideReadsItsDraftsWordingAndTheOtherSideTheHeadOnly() async throws {
        let fixture = try WebFixture()
        let (legal, csrf) = try fixture.session(.legal, "controller")
        let (colleague, _) = try fixture.session(.viewer, "controller")
        let (other, _) = try fixture.session(.legal, "processor")
        let page = Self.clause(fixture, "breach-notification")
        let rider = "Each notice also names the Processor's incident lead, Zanzibar-rider."
        try await fixture.application.test(.router) { client in
            let before = try await client.get(page, cookie: legal).text
            #expect(before.contains("<h2 id=\"wording-heading\">The wording in version 1</h2>") && !before.contains("Your draft — not sent yet"))
            let saved = try await client.post(
                page, form: [("_csrf", csrf), ("base", "1"), ("variant", "balanced"), ("parameters[hours]", "19"), ("message", "nineteen-hours-note")], cookie: legal
            )
            #expect(saved.status == .seeOther)
            let head = try fixture.store.version(fixture.reference).document
            let index = Fixtures.selectionIndex("breach-notification", in: head)
            let headHours = try #require(head.clauses[index].parameters["hours"].map { Self.words($0) })
            #expect(headHours != "19")
            let withRider = try await client.post(
                page + "/wording",
                form: [("_csrf", csrf), ("base", "1"), ("ownWording", ""), ("restore", "yes"), ("rider", rider), ("message", "rider-note")], cookie: legal
            )
            #expect(withRider.status == .seeOther)

            for cookie in [legal, colleague] {
                let mine = try await client.get(page, cookie: cookie).text
                #expect(mine.contains("<h2 id=\"wording-heading\">Your draft — not sent yet</h2>"))
                #expect(!mine.contains("<h2 id=\"wording-heading\">The wording in version 1</h2>"))
                let draftPart = try #require(mine.range(of: "Your draft — not sent yet")).upperBound
                let headPart = try #require(mine.range(of: "<details class=\"head-wording\">")).lowerBound
                let shown = String(mine[draftPart..<headPart])
                #expect(shown.contains("19 hours") && shown.contains("Zanzibar-rider") && shown.contains("Non-standard wording"), "the draft's values and own wording")
                #expect(mine.contains("The wording in version 1, as both sides read it now"), "the head's wording stays one click away")
                let headShown = String(mine[headPart...])
                #expect(headShown.contains("<del") && headShown.contains("<ins"), "a redline of the draft against the head")
                #expect(headShown.contains("\(headHours) hours"))
                #expect(mine.contains("href=\"/agreements/\(fixture.reference)/draft\""))
            }
            // The wording form starts from the draft, so a second edit keeps the rider.
            let form = try await client.get(page, cookie: legal).text
            #expect(form.contains("name=\"rider\"") && form.contains("Zanzibar-rider.</textarea>"))

            // The other side reads version 1 as it is: no draft heading, value, rider or note.
            let theirs = try await client.get(page, cookie: other).text
            #expect(theirs.contains("<h2 id=\"wording-heading\">The wording in version 1</h2>"))
            #expect(!theirs.contains("Your draft") && !theirs.contains("Zanzibar-rider") && !theirs.contains("nineteen-hours-note") && !theirs.contains("19 hours"))
            #expect(theirs.contains("\(headHours) hours"))

            // A clause the draft leaves alone reads the head, even for the drafting side.
            let untouched = try await client.get(Self.clause(fixture, "audits"), cookie: legal).text
            #expect(untouched.contains("<h2 id=\"wording-heading\">The wording in version 1</h2>") && !untouched.contains("Your draft — not sent yet"))
        }
    }

    static func words(_ value: ParameterValue) -> String {
        switch value {
        case .integer(let number): String(number)
        case .boolean(let flag): flag ? "yes" : "no"
        case .string(let text): text
        }
    }
}
