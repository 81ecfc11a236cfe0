import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing
import TripactCore
import TripactStore
import TripactTestSupport
import TripactWeb

@Suite struct SelectiveAcceptRouteTests {
    @Test func theCheckedItemsAreReviewedInWordsThenExactlyThoseAreAccepted() async throws {
        let fixture = try WebFixture()
        try await fixture.application.test(.router) { client in
            let (cookie, csrf) = try fixture.session(.legal, "controller")
            let overview = try await client.get("/agreements/\(fixture.reference)", cookie: cookie).text
            #expect(overview.contains("form=\"select-items\" name=\"items[]\" value=\"clause:audits\""))
            #expect(overview.contains("action=\"/agreements/\(fixture.reference)/accept/review\""))
            let review = try await client.post(
                "/agreements/\(fixture.reference)/accept/review",
                form: [("_csrf", csrf), ("version", "1"), ("mode", "only"), ("items[]", "clause:breach-notification"), ("items[]", "annex4")], cookie: cookie
            )
            #expect(review.status == .ok, "\(review.text)")
            let page = review.text
            let list = try #require(page.range(of: "<ul id=\"to-accept\">").map { String(page[$0.upperBound...]) })
            let toAccept = String(list[..<list.range(of: "</ul>")!.lowerBound])
            #expect(toAccept.contains("Personal Data Breaches") && toAccept.contains("Annex IV — Nuvola"))
            #expect(!toAccept.contains("clause:") && !toAccept.contains("subprocessor:"), "human words, not keys: \(toAccept)")
            #expect(try fixture.store.itemStates(fixture.reference).allSatisfy { !$0.acceptedBy.contains(.controller) }, "reviewing changes nothing")
            let expected = try fixture.store.itemStates(fixture.reference).map(\.key).filter { $0 == "clause:breach-notification" || $0.kind == "subprocessor" }
            let confirm = expected.map { ("items[]", $0.rawValue) }
            let accepted = try await client.post("/agreements/\(fixture.reference)/accept", form: [("_csrf", csrf), ("version", "1")] + confirm, cookie: cookie)
            #expect(accepted.status == .seeOther)
            let states = try fixture.store.itemStates(fixture.reference)
            #expect(states.filter { $0.acceptedBy.contains(.controller) }.map(\.key) == expected)
        }
    }

    @Test func everythingExceptTheCheckedItemsLeavesExactlyThemOpen() async throws {
        let fixture = try WebFixture()
        try await fixture.application.test(.router) { client in
            let (cookie, csrf) = try fixture.session(.legal, "controller")
            let review = try await client.post(
                "/agreements/\(fixture.reference)/accept/review",
                form: [("_csrf", csrf), ("version", "1"), ("mode", "except"), ("items[]", "clause:audits")], cookie: cookie
            )
            #expect(review.status == .ok)
            #expect(review.text.contains("<ul id=\"left-open\"><li>Clause "))
            let hidden = review.text.components(separatedBy: "name=\"items[]\" value=\"").dropFirst().map { String($0.prefix { $0 != "\"" }) }
            let itemCount = try fixture.store.itemStates(fixture.reference).count
            #expect(!hidden.contains("clause:audits") && hidden.count == itemCount - 1)
            let accepted = try await client.post("/agreements/\(fixture.reference)/accept", form: [("_csrf", csrf), ("version", "1")] + hidden.map { ("items[]", $0) }, cookie: cookie)
            #expect(accepted.status == .seeOther)
            #expect(try fixture.store.itemStates(fixture.reference).filter { !$0.acceptedBy.contains(.controller) }.map(\.key) == ["clause:audits"])
        }
    }

    @Test func anEmptyOrUnknownSelectionIsRefusedAndAcceptsNothing() async throws {
        let fixture = try WebFixture()
        try await fixture.application.test(.router) { client in
            let (cookie, csrf) = try fixture.session(.legal, "controller")
            let empty = try await client.post("/agreements/\(fixture.reference)/accept/review", form: [("_csrf", csrf), ("version", "1"), ("mode", "only")], cookie: cookie)
            #expect(empty.status == .unprocessableContent && empty.text.contains("Check at least one item"))
            let unknown = try await client.post(
                "/agreements/\(fixture.reference)/accept/review", form: [("_csrf", csrf), ("version", "1"), ("mode", "only"), ("items[]", "clause:nope")], cookie: cookie
            )
            #expect(unknown.status == .notFound && unknown.text.contains("clause:nope"))
            let (viewer, viewerCSRF) = try fixture.session(.viewer, "controller")
            let refused = try await client.post(
                "/agreements/\(fixture.reference)/accept/review", form: [("_csrf", viewerCSRF), ("version", "1"), ("mode", "only"), ("items[]", "clause:audits")], cookie: viewer
            )
            #expect(refused.status == .forbidden)
        }
        #expect(try fixture.store.itemStates(fixture.reference).allSatisfy { !$0.acceptedBy.contains(.controller) })
    }
}
