import Foundation
import Testing
import TripactCore
import TripactStore
import TripactTestSupport

/// Issue 10 item 3: an organisation's admin requires approval before its turns are sent or before it signs; a pending
/// approval blocks, an approval unblocks, a refusal carries its reason; all audited, none of it the other side's.
@Suite struct ApprovalStoreTests {
    static let admin = "admin@lumen.example"
    static let dpo = "dpo@lumen.example"

    static func world() throws -> Negotiators {
        let n = try Negotiators()
        try n.store.addUser(email: admin, name: "Lumen Admin", organisation: Negotiators.controller, role: .admin)
        try n.store.addUser(email: dpo, name: "Julien Ferrand", organisation: Negotiators.controller, role: .legal)
        try n.importExample()
        return n
    }

    @Test func aPendingApprovalBlocksProposingUntilTheApproverApprovesThatTurn() throws {
        let n = try Self.world()
        try n.store.requireApproval(.proposal, approver: Self.dpo, by: Self.admin)
        let turn = withBreachHours(24)
        #expect(throws: StoreError.notPermitted(
            "sending a turn needs the approval of Julien Ferrand (dpo@lumen.example); request 1 now waits for them. Nothing was sent to the other side."
        )) { try n.store.propose(turn, on: n.reference, basedOn: 1, by: Negotiators.brand, message: "24 h") }
        #expect(try n.store.agreement(n.reference).head == 1, "nothing proposed")
        #expect(throws: StoreError.notPermitted(
            "sending a turn waits for the approval of Julien Ferrand (dpo@lumen.example), asked in request 1. Nothing was sent to the other side."
        )) { try n.store.propose(turn, on: n.reference, basedOn: 1, by: Negotiators.brand, message: "24 h") }
        #expect(try n.store.approvals(of: Negotiators.brand, pendingOnly: true).map(\.id) == [1])
        #expect(throws: StoreError.notPermitted("request 1 waits for Julien Ferrand (dpo@lumen.example); only they decide it")) {
            try n.store.decideApproval(1, approve: true, reason: nil, by: Self.admin)
        }
        try n.store.decideApproval(1, approve: true, reason: nil, by: Self.dpo)
        #expect(try n.store.propose(turn, on: n.reference, basedOn: 1, by: Negotiators.brand, message: "24 h").number == 2)
        // Another turn is another subject: it needs its own approval.
        #expect(throws: StoreError.self) { try n.store.propose(withBreachHours(30, turn), on: n.reference, basedOn: 2, by: Negotiators.brand, message: "30 h") }
        // The approver's own turn needs no one else's approval, and the other side has no rule at all.
        #expect(try n.store.propose(withBreachHours(36, turn), on: n.reference, basedOn: 2, by: Self.dpo, message: "36 h").number == 3)
        #expect(try n.store.propose(withBreachHours(48, turn), on: n.reference, basedOn: 3, by: Negotiators.bpo, message: "48 h").number == 4)
        #expect(try n.store.approvals(of: Negotiators.bpo).isEmpty, "the other side sees no request")
        #expect(try n.store.approvalRules(of: Negotiators.bpo).isEmpty)
    }

    @Test func aScopedRuleBlocksOnlyTurnsThatChangeItsItems() throws {
        let n = try Self.world()
        try n.store.requireApproval(.proposal, scope: "measure", approver: Self.dpo, by: Self.admin)
        #expect(try n.store.propose(withBreachHours(24), on: n.reference, basedOn: 1, by: Negotiators.brand, message: "clause only").number == 2)
        var measures = try n.store.version(n.reference).document
        measures.measures[0].description = (measures.measures[0].description ?? "") + " Reviewed every quarter."
        let refusal = #expect(throws: StoreError.self) { try n.store.propose(measures, on: n.reference, basedOn: 2, by: Negotiators.brand, message: "Annex III") }
        // The person refused reads the scope's label, not its key.
        #expect(refusal?.description.contains("sending a turn that changes Annex III — security measures needs the approval of") == true, "\(String(describing: refusal))")
        #expect(try n.store.approvals(of: Self.dpo, pendingOnly: true).map(\.scope) == ["measure"])
    }

    @Test func aRefusalKeepsItsReasonIsAuditedWithoutTheAgreementAndBlocksThatTurn() throws {
        let n = try Self.world()
        try n.store.requireApproval(.proposal, approver: Self.dpo, by: Self.admin)
        let turn = withBreachHours(24)
        #expect(throws: StoreError.self) { try n.store.propose(turn, on: n.reference, basedOn: 1, by: Negotiators.brand, message: "24 h") }
        #expect(throws: StoreError.invalidFields([FieldProblem(field: "reason", message: "say why you refuse, so the colleague who asked can change it")])) {
            try n.store.decideApproval(1, approve: false, reason: "  ", by: Self.dpo)
        }
        let refused = try n.store.decideApproval(1, approve: false, reason: "24 hours is more than our SOC can promise", by: Self.dpo)
        #expect(refused.state == .refused && refused.reason == "24 hours is more than our SOC can promise")
        #expect(throws: StoreError.notPermitted(
            "Julien Ferrand refused sending a turn (request 1): 24 hours is more than our SOC can promise; change it before asking again. Nothing was sent to the other side."
        )) { try n.store.propose(turn, on: n.reference, basedOn: 1, by: Negotiators.brand, message: "24 h") }
        let events = try n.store.auditEvents()
        let refusal = try #require(events.first { $0.action == "approval.refuse" })
        #expect(refusal.actor == Self.dpo && refusal.agreement == nil && refusal.detail.contains("24 hours is more than our SOC can promise"))
        #expect(events.contains { $0.action == "approval.request" && $0.agreement == nil })
        #expect(try n.store.auditEvents(agreement: n.reference).allSatisfy { !$0.action.hasPrefix("approval.") }, "the agreement's own log carries none of it")
        #expect(try n.store.verifyAudit().problems == [])
    }

    @Test func anApprovalIsAuditedByTheApproverWithoutTheAgreementAndTheChainVerifies() throws {
        let n = try Self.world()
        try n.store.requireApproval(.proposal, approver: Self.dpo, by: Self.admin)
        let turn = withBreachHours(24)
        #expect(throws: StoreError.self) { try n.store.propose(turn, on: n.reference, basedOn: 1, by: Negotiators.brand, message: "24 h") }
        let countBefore = try n.store.verifyAudit().eventsByAction["approval.approve"] ?? 0
        let approved = try n.store.decideApproval(1, approve: true, reason: nil, by: Self.dpo)
        #expect(approved.state == .approved)
        let events = try n.store.auditEvents()
        let line = try #require(events.last, "the approval is the latest audit line")
        #expect(line.action == "approval.approve" && line.actor == Self.dpo && line.agreement == nil, "\(line)")
        // It names what was approved (the request, the turn's version and hash), so the chain shows which turn went out.
        #expect(line.detail.contains("request 1 (") && line.detail.contains("version 1, sha256 \(approved.subjectHash)") && line.detail.hasSuffix(") approved"), "\(line.detail)")
        #expect(line.previousHash == events[events.count - 2].hash, "chained onto the line before it")
        #expect(events.filter { $0.action == "approval.approve" }.count == 1)
        #expect(try n.store.auditEvents(agreement: n.reference).allSatisfy { !$0.action.hasPrefix("approval.") }, "the agreement's own log carries none of it")
        let verification = try n.store.verifyAudit()
        #expect(verification.problems == [] && verification.eventsByAction["approval.approve"] == countBefore + 1)
        // The turn it approved goes out, and the chain still verifies after it.
        #expect(try n.store.propose(turn, on: n.reference, basedOn: 1, by: Negotiators.brand, message: "24 h").number == 2)
        #expect(try n.store.verifyAudit().problems == [])
    }

    @Test func aSigningApprovalBlocksTheSignatoryUntilApproved() throws {
        let n = try Self.world()
        try n.store.requireApproval(.signing, approver: Self.admin, by: Self.admin)
        try n.store.accept(nil, on: n.reference, by: Negotiators.brand)
        #expect(throws: StoreError.notPermitted(
            "signing for your organisation needs the approval of Lumen Admin (admin@lumen.example); request 1 now waits for them. Nothing was sent to the other side."
        )) { try n.store.sign(n.reference, by: Negotiators.brandSignatory, library: Fixtures.library) }
        #expect(try n.store.signatures(n.reference, version: 1).isEmpty)
        // A user who is not the signatory asks nothing: they are refused as before.
        #expect(throws: StoreError.self) { try n.store.sign(n.reference, by: Negotiators.brand, library: Fixtures.library) }
        #expect(try n.store.approvals(of: Self.admin).count == 1)
        try n.store.decideApproval(1, approve: true, reason: nil, by: Self.admin)
        #expect(try n.store.sign(n.reference, by: Negotiators.brandSignatory, library: Fixtures.library) == .agreed)
        #expect(throws: StoreError.invalidFields([FieldProblem(field: "approver", message: "'paul@atlantis.example' is not a user of your organisation")])) {
            try n.store.requireApproval(.signing, approver: Negotiators.bpo, by: Self.admin)
        }
        #expect(throws: StoreError.notPermitted("'jeanne@lumen.example' is legal; only admins set approval rules")) {
            try n.store.requireApproval(.signing, approver: Self.dpo, by: Negotiators.brand)
        }
    }
}
