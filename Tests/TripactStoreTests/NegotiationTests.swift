import Foundation
import Testing
import TripactCore
import TripactStore
import TripactTestSupport

@Suite struct NegotiationTests {
    func state(_ states: [ItemState], _ key: ItemKey) -> Set<PartyRole>? { states.first { $0.key == key }?.acceptedBy }

    @Test func aThreeVersionNegotiationEndsSignedWithItemStatesAtEachStep() throws {
        let n = try Negotiators()
        let store = n.store
        let reference = n.reference
        let library = Fixtures.library

        // Version 1: the processor's draft; everything is accepted by the processor only.
        try n.importExample()
        #expect(try store.agreement(reference).status == .draft)

        // Version 2: the controller wants 24 hours and specific authorisation of subprocessors.
        var v2 = withBreachHours(24)
        v2.clauses[Fixtures.selectionIndex("subprocessors", in: v2)].variant = "specific"
        try store.propose(v2, on: reference, basedOn: 1, by: Negotiators.brand, message: "24 h, specific authorisation")
        var states = try store.itemStates(reference)
        #expect(state(states, "clause:breach-notification") == [.controller])
        #expect(state(states, "clause:subprocessors") == [.controller])
        #expect(state(states, "clause:audits") == [.processor])
        let refused = #expect(throws: StoreError.self) { try store.sign(reference, by: Negotiators.brandSignatory, library: library) }
        guard case .signingRefused(let agreement, let refusals)? = refused else { Issue.record("signing must be refused as such, got \(String(describing: refused))"); return }
        #expect(agreement == reference && refusals.count == 1 && refusals[0].contains(" items are not accepted by both parties: agreement:terms"))

        // Version 3: the processor meets in the middle on hours and accepts the rest.
        var v3 = withBreachHours(36, v2)
        v3.clauses[Fixtures.selectionIndex("subprocessors", in: v3)].variant = "general-objection"
        try store.propose(v3, on: reference, basedOn: 2, by: Negotiators.bpo, message: "36 h, general authorisation with objection")
        states = try store.itemStates(reference)
        #expect(state(states, "clause:breach-notification") == [.processor])
        #expect(state(states, "clause:audits") == [.processor])
        try store.accept(nil, on: reference, by: Negotiators.bpo)
        states = try store.itemStates(reference)
        #expect(states.allSatisfy { $0.acceptedBy.contains(.processor) })
        #expect(try store.agreement(reference).status == .draft)

        // Signing is refused while items are open.
        let reasons = refusal { try store.sign(reference, by: Negotiators.bpoSignatory, library: library) }
        #expect(reasons.first?.contains("not accepted by both parties") == true)

        try store.accept(nil, on: reference, by: Negotiators.brand)
        #expect(try store.itemStates(reference).allSatisfy(\.isAgreed))
        #expect(try store.agreement(reference).status == .agreed)
        #expect(try store.sign(reference, by: Negotiators.brandSignatory, library: library) == .agreed)
        #expect(throws: StoreError.duplicate("the controller's signature on version 3")) { try store.sign(reference, by: Negotiators.brandSignatory, library: library) }
        #expect(try store.sign(reference, by: Negotiators.bpoSignatory, library: library) == .signed)
        #expect(try store.agreement(reference).status == .signed)
        #expect(try store.log(reference).first?.signedBy == [.controller, .processor])
        #expect(try store.signatures(reference, version: 3).allSatisfy { $0.contentHash == DocumentCodec.contentHash(v3) })

        // A signed version cannot be changed: items cannot be accepted again and the row cannot be updated.
        #expect(throws: StoreError.notPermitted("version 3 of 'lumen-telecom-atlantis-dpa' is signed; propose an amendment instead")) { try store.accept(nil, on: reference, by: Negotiators.brand) }
        let update = try SQLiteShell.run(n.path, "UPDATE versions SET message = 'tampered' WHERE number = 3;")
        #expect(update.status != 0 && update.stderr.contains("versions are immutable"))

        // An amendment starts a new version on top; version 3 stays signed.
        try store.propose(withBreachHours(30, v3), on: reference, basedOn: 3, by: Negotiators.bpo, message: "amendment")
        #expect(try store.agreement(reference).status == .draft)
        #expect(try store.log(reference).first { $0.number == 3 }?.signedBy == [.controller, .processor])
    }

    @Test func signingIsRefusedWhileAValidationErrorStands() throws {
        let n = try Negotiators()
        var broken = Fixtures.example("full-scenario.json")
        broken.parties.processor.signatory = nil
        try n.store.importAgreement(broken, controller: Negotiators.controller, processor: Negotiators.processor, by: Negotiators.bpo)
        try n.store.accept(nil, on: n.reference, by: Negotiators.brand)
        let reasons = refusal { try n.store.sign(n.reference, by: Negotiators.brandSignatory, library: Fixtures.library) }
        #expect(reasons.contains { $0.contains("validation error") && $0.contains("signatory") })
    }

    @Test func removingAnItemIsItselfAnItemToAccept() {
        let document = Fixtures.example("full-scenario.json")
        var fewer = document
        let removed = fewer.subprocessors.removeLast()
        let first = Negotiation.initialStates(items: AgreementItems.items(of: document), proposer: .processor)
        let agreed = first.map { ItemState(key: $0.key, hash: $0.hash, acceptedBy: [.controller, .processor]) }
        let after = Negotiation.statesAfterProposal(previous: agreed, items: AgreementItems.items(of: fewer), proposer: .controller)
        let tombstone = after.first { $0.key.rawValue == "subprocessor:\(removed.id)" }
        #expect(tombstone?.isRemoval == true && tombstone?.acceptedBy == [.controller])
        #expect(!Negotiation.isAgreed(after))
        let accepted = after.map { ItemState(key: $0.key, hash: $0.hash, acceptedBy: [.controller, .processor]) }
        let next = Negotiation.statesAfterProposal(previous: accepted, items: AgreementItems.items(of: fewer), proposer: .processor)
        #expect(!next.contains { $0.isRemoval })
    }
}

/// The reasons of a refused signature; records an issue when signing went ahead or failed otherwise.
func refusal(_ body: () throws -> Void) -> [String] {
    do {
        try body()
        Issue.record("signing went ahead")
    } catch let error as StoreError {
        if case .signingRefused(_, let reasons) = error { return reasons }
        Issue.record("unexpected error \(error)")
    } catch {
        Issue.record("unexpected error \(error)")
    }
    return []
}
