import Foundation
import Testing
import TripactCore
import TripactStore
import TripactTestSupport

/// A purpose's role is an item with its own state (issue 16, item 5): one side may accept the other's role change on
/// its own, leaving the rest of the turn open.
@Suite struct RoleItemAcceptanceTests {
    @Test func acceptingTheOtherSidesRoleChangeAloneMakesThatRoleItemAgreedAndNothingElse() throws {
        let n = try Negotiators()
        let store = n.store
        let v1 = Fixtures.withAllThreeRoles()
        try store.importAgreement(v1, controller: Negotiators.controller, processor: Negotiators.processor, by: Negotiators.bpo)
        try store.accept(nil, on: n.reference, by: Negotiators.brand)
        #expect(try store.itemStates(n.reference).allSatisfy(\.isAgreed))

        // The processor proposes to decide the reporting jointly instead of receiving it for itself, and 48 hours.
        var v2 = withBreachHours(48, v1)
        let index = try #require(v2.processing.purposes.firstIndex { $0.purpose == "analytics.reporting" })
        v2.processing.purposes[index].assign(role: .joint, lawfulBasis: .legitimateInterests, specialCondition: nil, recipient: nil)
        try store.propose(v2, on: n.reference, basedOn: 1, by: Negotiators.bpo, message: "reporting decided jointly; 48 hours")
        let role: ItemKey = "role:analytics.reporting"
        let open = try store.itemStates(n.reference).filter { !$0.isAgreed }
        #expect(Set(open.map(\.key)) == [role, "clause:breach-notification"], "the role change is one item: \(open.map(\.key))")
        #expect(open.allSatisfy { $0.acceptedBy == [.processor] })

        let states = try store.accept([role], on: n.reference, by: Negotiators.brand, expectedHead: 2)
        #expect(states.first { $0.key == role }?.isAgreed == true)
        #expect(try store.itemStates(n.reference).filter { !$0.isAgreed }.map(\.key) == ["clause:breach-notification"])
        #expect(try store.agreement(n.reference).status == .draft, "the breach hours are still open")
        #expect(try store.version(n.reference).document.processing.purposes[index].effectiveRole == .joint)
    }
}
