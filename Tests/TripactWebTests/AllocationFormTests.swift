import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing
import TripactCore
import TripactStore
import TripactTestSupport
import TripactWeb

/// The joint controllers' allocation table as one form (issue 16, item 5): each responsibility's Party and the
/// hand-over deadlines, saved through the common proposal flow.
@Suite struct AllocationFormTests {
    func uri(_ fixture: WebFixture) -> String { "/agreements/\(fixture.reference)/allocation" }

    static func rows(_ responsible: String) -> [(String, String)] {
        JointAllocation.rows.compactMap { row in
            guard let spec = Fixtures.library.clause(JointAllocation.clause)?.parameter(row.parameter), case .string(let value)? = spec.defaultValue else { return nil }
            return ("responsible[\(row.parameter)]", row.parameter == "right-access" ? responsible : value)
        }
    }

    @Test func theFormShowsEachResponsibilityInWordsWithItsHandOver() async throws {
        let fixture = try WebFixture(document: Fixtures.withAllThreeRoles())
        let (cookie, _) = try fixture.session(.legal, "controller")
        try await fixture.application.test(.router) { client in
            let page = try await client.get(uri(fixture), cookie: cookie)
            #expect(page.status == .ok)
            #expect(page.text.contains("<legend>Requests for access (Art. 15)</legend>"))
            #expect(page.text.contains("<option value=\"controller\" selected>The Controller</option>"))
            #expect(page.text.contains("Hand-over: The other Party passes the request on within 2 business days"), "the hand-over as printed")
            #expect(!page.text.contains("right-access</") && !page.text.contains(">right-access"), "no keys in the visible text")
        }
    }

    @Test func aSavedRowIsOneAllocationItemAcceptedByTheProposer() async throws {
        let fixture = try WebFixture(document: Fixtures.withAllThreeRoles())
        let (cookie, csrf) = try fixture.session(.legal, "processor")
        let before = try fixture.store.itemStates(fixture.reference)
        try await fixture.application.test(.router) { client in
            let response = try await client.propose(uri(fixture), form: [("_csrf", csrf), ("base", "1"), ("message", "we answer access requests")] + Self.rows("processor"), cookie: cookie)
            #expect(response.status == .seeOther)
        }
        let head = try fixture.store.version(fixture.reference)
        #expect(head.number == 2)
        #expect(head.document.clauses.last { $0.clause == JointAllocation.clause }?.parameters["right-access"] == .string("processor"))
        let states = try fixture.store.itemStates(fixture.reference)
        #expect(states.first { $0.key == "allocation:right-access" }?.acceptedBy == [.processor])
        let changed = Set(states.filter { state in before.first { $0.key == state.key }?.hash != state.hash }.map(\.key))
        #expect(changed == ["allocation:right-access"], "rows left as they were, and the clause itself, keep their hashes: \(changed)")
    }

    @Test func aWrongTokenIsRefusedAndABadChoiceComesBackAtItsField() async throws {
        let fixture = try WebFixture(document: Fixtures.withAllThreeRoles())
        let (cookie, csrf) = try fixture.session(.legal, "processor")
        try await fixture.application.test(.router) { client in
            let forged = try await client.post(uri(fixture), form: [("_csrf", "forged"), ("base", "1"), ("message", "x")] + Self.rows("processor"), cookie: cookie)
            #expect(forged.status == .forbidden)
            let bad = try await client.post(
                uri(fixture), form: [("_csrf", csrf), ("base", "1"), ("message", "x"), ("deadlines[handover-days]", "9")] + Self.rows("nobody"), cookie: cookie
            )
            #expect(bad.status == .unprocessableContent)
            #expect(bad.text.contains("<p class=\"error\" id=\"row-2-error\">choose the party responsible from the list</p>"))
            #expect(bad.text.contains("aria-invalid=\"true\" aria-describedby=\"row-2-error\""))
            #expect(bad.text.contains("<p class=\"error\" id=\"deadline-handover-days-error\">enter a whole number from 1 business day to 5 business days</p>"))
            #expect(bad.text.contains("value=\"9\" aria-invalid=\"true\""), "the entry is kept")
        }
        #expect(try fixture.store.log(fixture.reference).count == 1, "nothing was saved")
    }

    /// A form loaded before the head moved saves into the side's draft, which is carried onto the new head: sending
    /// keeps both the other side's change and this row.
    @Test func aFormFromAnOlderHeadSavesIntoTheDraftCarriedOntoTheNewHead() async throws {
        let fixture = try WebFixture(document: Fixtures.withAllThreeRoles())
        var moved = try fixture.store.version(fixture.reference).document
        moved.processing.subjectMatter = "Customer care, moved on"
        try fixture.store.propose(moved, on: fixture.reference, basedOn: 1, by: WebFixture.email(.legal, "controller"), message: "moved")
        let (cookie, csrf) = try fixture.session(.legal, "processor")
        try await fixture.application.test(.router) { client in
            let response = try await client.propose(uri(fixture), form: [("_csrf", csrf), ("base", "1"), ("message", "ours")] + Self.rows("processor"), cookie: cookie)
            #expect(response.status == .seeOther)
        }
        let head = try fixture.store.version(fixture.reference)
        #expect(head.number == 3)
        #expect(head.document.processing.subjectMatter == "Customer care, moved on")
        #expect(head.document.clauses.last { $0.clause == JointAllocation.clause }?.parameters["right-access"] == .string("processor"))
    }
}
