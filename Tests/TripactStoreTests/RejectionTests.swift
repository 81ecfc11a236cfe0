import Foundation
import Testing
import TripactCore
import TripactStore
import TripactTestSupport

@Suite struct RejectionTests {
    let key: ItemKey = "subprocessor:speechlytics"

    func accepted(_ store: TripactStore, _ reference: String, _ key: ItemKey) throws -> Set<PartyRole>? {
        try store.itemStates(reference).first { $0.key == key }?.acceptedBy
    }

    /// Both sides accept everything of version 1: the agreement is agreed and unsigned.
    func agreedNegotiation() throws -> Negotiators {
        let n = try Negotiators()
        try n.importExample()
        try n.store.accept(nil, on: n.reference, by: Negotiators.brand, expectedHead: 1)
        return n
    }

    func anyItem(_ n: Negotiators) throws -> ItemKey {
        try #require(try n.store.itemStates(n.reference).first { $0.key.kind == "subprocessor" }?.key)
    }

    @Test func rejectingWithdrawsTheAcceptanceKeepsTheReasonAndReturnsAnAgreedAgreementToDraft() throws {
        let n = try agreedNegotiation()
        let item = try anyItem(n)
        #expect(try n.store.agreement(n.reference).status == .agreed)
        let states = try n.store.reject(item, on: n.reference, reason: "  The US transfer needs a current TIA.  ", by: Negotiators.brand, expectedHead: 1)
        #expect(states.first { $0.key == item }?.acceptedBy == [.processor])
        #expect(try accepted(n.store, n.reference, item) == [.processor])
        #expect(try n.store.agreement(n.reference).status == .draft)
        let comments = try n.store.comments(n.reference, item: item, visibleTo: n.store.user(email: Negotiators.bpo).organisationID)
        #expect(comments.count == 1)
        #expect(comments.first?.body == "The US transfer needs a current TIA." && comments.first?.isRejection == true && comments.first?.author == Negotiators.brand)
        let event = try #require(try n.store.auditEvents(agreement: n.reference).last)
        #expect(event.action == "item.reject" && event.actor == Negotiators.brand && event.detail.contains("controller rejected \(item.rawValue) of version 1"))
        #expect(try n.store.verifyAudit().isIntact)
        // Accepting again makes it agreed once more.
        try n.store.accept([item], on: n.reference, by: Negotiators.brand, expectedHead: 1)
        #expect(try n.store.agreement(n.reference).status == .agreed)
    }

    @Test func rejectingAnItemNotYetAcceptedStillRecordsTheDispute() throws {
        let n = try Negotiators()
        try n.importExample()
        let item = try anyItem(n)
        try n.store.reject(item, on: n.reference, reason: "Not this provider", by: Negotiators.brand, expectedHead: 1)
        #expect(try accepted(n.store, n.reference, item) == [.processor])
        #expect(try n.store.comments(n.reference, item: item, visibleTo: n.store.user(email: Negotiators.bpo).organisationID).map(\.isRejection) == [true])
        #expect(try n.store.agreement(n.reference).status == .draft)
    }

    @Test func aRejectionNeedsAReasonTheCurrentHeadAndAnUnsignedVersion() throws {
        let n = try agreedNegotiation()
        let item = try anyItem(n)
        #expect(throws: StoreError.invalid("a rejection needs a reason: say what the other side should change")) {
            try n.store.reject(item, on: n.reference, reason: " \n ", by: Negotiators.brand, expectedHead: 1)
        }
        #expect(throws: StoreError.staleBase(agreement: n.reference, base: 0, head: 1)) {
            try n.store.reject(item, on: n.reference, reason: "x", by: Negotiators.brand, expectedHead: 0)
        }
        #expect(throws: StoreError.unknownItem(agreement: n.reference, item: "subprocessor:nobody")) {
            try n.store.reject("subprocessor:nobody", on: n.reference, reason: "x", by: Negotiators.brand, expectedHead: 1)
        }
        #expect(try accepted(n.store, n.reference, item) == [.controller, .processor], "a refused rejection changes nothing")
        #expect(try n.store.comments(n.reference, visibleTo: n.store.user(email: Negotiators.bpo).organisationID).isEmpty)

        // The controller signs: it can no longer reject what it signed, though the processor still can.
        try n.store.sign(n.reference, by: Negotiators.brandSignatory, library: Fixtures.library, expectedHead: 1)
        #expect(throws: StoreError.notPermitted("the controller signed version 1 of 'lumen-telecom-atlantis-dpa'; propose an amendment instead")) { try n.store.reject(item, on: n.reference, reason: "second thoughts", by: Negotiators.brand, expectedHead: 1) }
        try n.store.sign(n.reference, by: Negotiators.bpoSignatory, library: Fixtures.library, expectedHead: 1)
        #expect(throws: StoreError.notPermitted("version 1 of '\(n.reference)' is signed; propose an amendment instead")) {
            try n.store.reject(item, on: n.reference, reason: "too late", by: Negotiators.bpo, expectedHead: 1)
        }
        #expect(try n.store.agreement(n.reference).status == .signed)
    }

    @Test func onlyNegotiatorsOfAPartyReject() throws {
        let n = try agreedNegotiation()
        let item = try anyItem(n)
        try n.store.addUser(email: "viewer@lumen.example", name: "Viewer", organisation: Negotiators.controller, role: .viewer)
        try n.store.addUser(email: "am@lumen.example", name: "Account manager", organisation: Negotiators.controller, role: .accountManager)
        try n.store.addOrganisation(name: "Other SA")
        try n.store.addUser(email: "legal@other.example", name: "Outsider", organisation: "Other SA", role: .legal)
        for (email, role) in [("viewer@lumen.example", "viewer"), ("am@lumen.example", "account-manager")] {
            #expect(throws: StoreError.notPermitted("'\(email)' is \(role); only admin and legal users reject items")) {
                try n.store.reject(item, on: n.reference, reason: "no", by: email, expectedHead: 1)
            }
        }
        #expect(throws: StoreError.notAParty(user: "legal@other.example", agreement: n.reference)) {
            try n.store.reject(item, on: n.reference, reason: "no", by: "legal@other.example", expectedHead: 1)
        }
        #expect(try n.store.agreement(n.reference).status == .agreed)
    }
}

@Suite struct StandingRejectionTests {
    @Test func aRejectionStandsThroughUnrelatedVersionsUntilTheItemChangesOrItsSideAccepts() throws {
        let n = try Negotiators()
        try n.importExample()
        let item: ItemKey = "clause:audits"
        try n.store.reject(item, on: n.reference, reason: "One on-site audit a year is the minimum", by: Negotiators.brand, expectedHead: 1)
        try n.store.propose(withBreachHours(30), on: n.reference, basedOn: 1, by: Negotiators.bpo, message: "30 hours")
        try n.store.propose(withBreachHours(24), on: n.reference, basedOn: 2, by: Negotiators.brand, message: "24 hours")
        let disputes = try n.store.disputes(n.reference)
        #expect(disputes.map(\.item) == [item])
        #expect(disputes.first?.party == .controller && disputes.first?.authorName == "Jeanne Roux" && disputes.first?.version == 1)
        #expect(disputes.first?.reason == "One on-site audit a year is the minimum")
        #expect(try n.store.itemStates(n.reference).first { $0.key == item }?.label == "disputed by controller")
        #expect(try n.store.verifyAudit().isIntact, "the standing rejection is in the audit chain's facts")

        // Accepting it settles the controller's dispute.
        try n.store.accept([item], on: n.reference, by: Negotiators.brand, expectedHead: 3)
        #expect(try n.store.disputes(n.reference).isEmpty)

        // Rejected again, then changed: the new wording is not disputed.
        try n.store.reject(item, on: n.reference, reason: "On second thoughts, no", by: Negotiators.brand, expectedHead: 3)
        var changed = withBreachHours(24)
        let audits = Fixtures.selectionIndex("audits", in: changed)
        changed.clauses[audits].variant = changed.clauses[audits].variant == "controller" ? "balanced" : "controller"
        try n.store.propose(changed, on: n.reference, basedOn: 3, by: Negotiators.bpo, message: "another audit variant")
        #expect(try n.store.disputes(n.reference).isEmpty)
        #expect(try n.store.itemStates(n.reference).first { $0.key == item }?.isDisputed == false)
        #expect(try n.store.verifyAudit().isIntact)
    }
}
