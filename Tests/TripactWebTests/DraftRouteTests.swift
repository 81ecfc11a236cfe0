import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing
import TripactCore
import TripactStore
import TripactTestSupport

/// Issue 10 item 1 on the web: every form saves into the side's private draft; "Review and send" shows it and sends it
/// as one version; the other side sees nothing of it anywhere until then.
@Suite struct DraftRouteTests {
    static func clause(_ fixture: WebFixture, _ id: String) -> String { "/agreements/\(fixture.reference)/clauses/\(id)" }

    @Test func aTurnPreparedInThreeFormsByTwoUsersIsSentAsOneVersionAndTheOtherSideSeesNothingBefore() async throws {
        let fixture = try WebFixture()
        let (legal, legalCSRF) = try fixture.session(.legal, "controller")
        let (admin, adminCSRF) = try fixture.session(.admin, "controller")
        let (other, _) = try fixture.session(.legal, "processor")
        let (manager, managerCSRF) = try fixture.session(.accountManager, "controller")
        let reference = fixture.reference
        try await fixture.application.test(.router) { client in
            let first = try await client.post(
                Self.clause(fixture, "breach-notification"),
                form: [("_csrf", legalCSRF), ("base", "1"), ("variant", "balanced"), ("parameters[hours]", "19"), ("message", "nineteen-hours-note")], cookie: legal
            )
            #expect(first.status == .seeOther && first.location == "/agreements/\(reference)/draft")
            let second = try await client.post(
                Self.clause(fixture, "audits"),
                form: [("_csrf", adminCSRF), ("base", "1"), ("variant", "balanced"), ("parameters[notice-days]", "17"), ("message", "seventeen-days-note")], cookie: admin
            )
            #expect(second.status == .seeOther)
            let third = try await client.post(
                Self.clause(fixture, "non-compliance-and-termination"),
                form: [("_csrf", legalCSRF), ("base", "1"), ("variant", "balanced"), ("parameters[cure-days]", "41"), ("message", "forty-one-days-note")], cookie: legal
            )
            #expect(third.status == .seeOther)
            #expect(try fixture.store.agreement(reference).head == 1, "nothing is sent by saving a form")

            let review = try await client.get("/agreements/\(reference)/draft", cookie: legal).text
            #expect(review.contains("3 items edited"))
            #expect(review.contains("legal of controller") && review.contains("admin of controller"), "who edited what")
            #expect(review.contains("seventeen-days-note"))
            #expect(review.contains("Send version 2 to the other side"))
            let overview = try await client.get("/agreements/\(reference)", cookie: admin).text
            #expect(overview.contains("Your draft: 3 changes — review and send"))
            #expect(overview.contains("Changed in your draft"))

            // The other side: no draft on any page, no note, no value.
            var theirs: [String] = []
            for uri in [
                "/agreements/\(reference)", "/agreements/\(reference)/draft", Self.clause(fixture, "audits"), "/agreements/\(reference)/versions/1",
                "/agreements/\(reference)/compare?from=1&to=1", "/agreements/\(reference)/items/clause:audits",
            ] {
                theirs.append(try await client.get(uri, cookie: other).text)
            }
            for text in theirs {
                #expect(!text.contains("seventeen-days-note") && !text.contains("nineteen-hours-note") && !text.contains("Your draft: 3"))
            }
            #expect(!theirs[1].contains("Who edited what"))

            // Sending: the CSRF token, then a role that proposes.
            let forged = try await client.post("/agreements/\(reference)/draft/send", form: [("message", "x")], cookie: legal)
            #expect(forged.status == .forbidden)
            let byManager = try await client.post("/agreements/\(reference)/draft/send", form: [("_csrf", managerCSRF), ("message", "x")], cookie: manager)
            #expect(byManager.status == .forbidden)
            let empty = try await client.post("/agreements/\(reference)/draft/send", form: [("_csrf", legalCSRF), ("message", " ")], cookie: legal)
            #expect(empty.status == .unprocessableContent && empty.text.contains("say what this turn changes and why"))
            #expect(try fixture.store.agreement(reference).head == 1)
            let sent = try await client.post("/agreements/\(reference)/draft/send", form: [("_csrf", legalCSRF), ("message", "Our turn: three changes")], cookie: legal)
            #expect(sent.status == .seeOther && sent.location == "/agreements/\(reference)")
        }
        let head = try fixture.store.version(reference)
        #expect(head.number == 2 && head.message == "Our turn: three changes" && head.party == .controller)
        let clauses = Dictionary(uniqueKeysWithValues: head.document.clauses.map { ($0.clause, $0) })
        #expect(clauses["breach-notification"]?.parameters["hours"] == .integer(19))
        #expect(clauses["audits"]?.parameters["notice-days"] == .integer(17))
        #expect(clauses["non-compliance-and-termination"]?.parameters["cure-days"] == .integer(41))
        #expect(try fixture.store.draft(reference, for: WebFixture.email(.legal, "controller")) == nil)
    }

    @Test func itemsBothSidesChangedAreSettledOnTheReviewPageBeforeSending() async throws {
        let fixture = try WebFixture()
        let (legal, csrf) = try fixture.session(.legal, "controller")
        let reference = fixture.reference
        try await fixture.application.test(.router) { client in
            _ = try await client.post(
                Self.clause(fixture, "breach-notification"),
                form: [("_csrf", csrf), ("base", "1"), ("variant", "balanced"), ("parameters[hours]", "19"), ("message", "19 hours")], cookie: legal
            )
            var theirs = try fixture.store.version(reference).document
            Fixtures.set("breach-notification", "hours", .integer(30), in: &theirs)
            try fixture.store.propose(theirs, on: reference, basedOn: 1, by: WebFixture.email(.legal, "processor"), message: "30 hours")
            let review = try await client.get("/agreements/\(reference)/draft", cookie: legal).text
            #expect(review.contains("1 item both sides changed"))
            #expect(review.contains("Theirs, in version 2") && review.contains("Yours, in the draft"))
            #expect(review.contains("within 30 hours") && review.contains("within 19 hours"))
            let refused = try await client.post("/agreements/\(reference)/draft/send", form: [("_csrf", csrf), ("message", "19 hours")], cookie: legal)
            #expect(refused.status == .conflict && refused.text.contains(">19 hours</textarea>"), "the cover message is kept")
            let settled = try await client.post(
                "/agreements/\(reference)/draft/settle", form: [("_csrf", csrf), ("item", "clause:breach-notification"), ("take", "mine")], cookie: legal
            )
            #expect(settled.status == .seeOther)
            let sent = try await client.post("/agreements/\(reference)/draft/send", form: [("_csrf", csrf), ("message", "19 hours")], cookie: legal)
            #expect(sent.status == .seeOther)
        }
        let head = try fixture.store.version(reference)
        #expect(head.number == 3 && head.document.clauses.first { $0.clause == "breach-notification" }?.parameters["hours"] == .integer(19))
    }

    @Test func discardThrowsTheDraftAwayAndAPendingApprovalBlocksSending() async throws {
        let fixture = try WebFixture()
        let (legal, csrf) = try fixture.session(.legal, "controller")
        let reference = fixture.reference
        let form = [("_csrf", csrf), ("base", "1"), ("variant", "balanced"), ("parameters[hours]", "19"), ("message", "19 hours")]
        try await fixture.application.test(.router) { client in
            _ = try await client.post(Self.clause(fixture, "breach-notification"), form: form, cookie: legal)
            let discarded = try await client.post("/agreements/\(reference)/draft/discard", form: [("_csrf", csrf)], cookie: legal)
            #expect(discarded.status == .seeOther)
            #expect(try fixture.store.draft(reference, for: WebFixture.email(.legal, "controller")) == nil)

            try fixture.store.requireApproval(.proposal, approver: WebFixture.email(.admin, "controller"), by: WebFixture.email(.admin, "controller"))
            _ = try await client.post(Self.clause(fixture, "breach-notification"), form: form, cookie: legal)
            let blocked = try await client.post("/agreements/\(reference)/draft/send", form: [("_csrf", csrf), ("message", "19 hours")], cookie: legal)
            #expect(blocked.status == .forbidden && blocked.text.contains("needs the approval of admin of controller"))
            #expect(try fixture.store.agreement(reference).head == 1)
        }
    }
}
