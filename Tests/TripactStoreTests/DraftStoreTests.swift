import Foundation
import Testing
import TripactCore
import TripactStore
import TripactTestSupport

/// Issue 10 item 1: a side's private draft. Edits go into it, the other side never reads it, it is carried onto a head
/// that moved without losing either side's words, and it is sent as one version under the rules of `propose`.
@Suite struct DraftStoreTests {
    static let colleague = "marc@lumen.example"
    static let outsider = "eve@elsewhere.example"

    static func world() throws -> Negotiators {
        let n = try Negotiators()
        try n.store.addUser(email: colleague, name: "Marc Colin", organisation: Negotiators.controller, role: .admin)
        try n.store.addOrganisation(name: "Elsewhere SA")
        try n.store.addUser(email: outsider, name: "Eve", organisation: "Elsewhere SA", role: .admin)
        try n.importExample()
        return n
    }

    static func with(_ clause: ClauseID, _ parameter: String, _ value: ParameterValue, _ document: AgreementDocument) -> AgreementDocument {
        var document = document
        Fixtures.set(clause, parameter, value, in: &document)
        return document
    }

    @Test func twoColleaguesEditTheDraftAndTheOtherSideNeverReadsItNorItsNotes() throws {
        let n = try Self.world()
        let head = try n.store.version(n.reference).document
        try n.store.editDraft(n.reference, from: head, to: withBreachHours(24, head), by: Negotiators.brand, note: "our playbook says 24 hours")
        // The colleague's form was filled from the head too: only the item they changed is taken, the other edit stays.
        try n.store.editDraft(n.reference, from: head, to: Self.with("audits", "notice-days", .integer(20), head), by: Self.colleague, note: "shorter audit notice")
        let draft = try #require(try n.store.draft(n.reference, for: Negotiators.brand))
        #expect(draft.changes == ["clause:audits", "clause:breach-notification"])
        #expect(draft.edits.map(\.editorEmail) == [Negotiators.brand, Self.colleague])
        #expect(draft.edits.map(\.item) == ["clause:breach-notification", "clause:audits"])
        // The other side has no draft of its own and reads none of this; an outsider learns nothing.
        #expect(try n.store.draft(n.reference, for: Negotiators.bpo) == nil)
        #expect(throws: StoreError.notAParty(user: Self.outsider, agreement: n.reference)) { try n.store.draft(n.reference, for: Self.outsider) }
        #expect(try n.store.version(n.reference).number == 1, "nothing proposed")
        try n.store.discardDraft(n.reference, by: Self.colleague)
        #expect(try n.store.draft(n.reference, for: Negotiators.brand) == nil)
        // The agreement's audit lines (both sides read them) say nothing of the draft; the organisation's say it was
        // discarded, without its content.
        let events = try n.store.auditEvents()
        #expect(!events.contains { $0.agreement == n.reference && $0.action.hasPrefix("draft") })
        #expect(events.contains { $0.agreement == nil && $0.action == "draft.discard" })
        #expect(!events.contains { $0.detail.contains("24 hours") || $0.detail.contains("audit notice") || $0.detail.contains("breach") })
    }

    @Test func aDraftCarriedOverAMovedHeadLosesNeitherSidesWords() throws {
        let n = try Self.world()
        let v1 = try n.store.version(n.reference).document
        // Ours: breach hours 24 and the audit notice 20 days.
        try n.store.editDraft(n.reference, from: v1, to: Self.with("audits", "notice-days", .integer(20), withBreachHours(24, v1)), by: Negotiators.brand, note: "ours")
        // Theirs, sent meanwhile: breach hours 30 (both changed it) and the cure period 45 days (only they did).
        let theirs = Self.with("non-compliance-and-termination", "cure-days", .integer(45), withBreachHours(30, v1))
        try n.store.propose(theirs, on: n.reference, basedOn: 1, by: Negotiators.bpo, message: "30 hours, 45 days to cure")
        let draft = try #require(try n.store.draft(n.reference, for: Negotiators.brand))
        #expect(draft.base == 2)
        #expect(draft.conflicts == ["clause:breach-notification"])
        let clauses = Dictionary(uniqueKeysWithValues: draft.document.clauses.map { ($0.clause, $0) })
        #expect(clauses["audits"]?.parameters["notice-days"] == .integer(20), "our edit of an item they left alone moved over")
        #expect(clauses["non-compliance-and-termination"]?.parameters["cure-days"] == .integer(45), "their edit stays")
        #expect(clauses["breach-notification"]?.parameters["hours"] == .integer(24), "ours kept in the draft; theirs is the head's")
        #expect(try n.store.version(n.reference).document.clauses.first { $0.clause == "breach-notification" }?.parameters["hours"] == .integer(30))
        #expect(throws: StoreError.draftConflicts(agreement: n.reference, items: ["clause:breach-notification"])) {
            try n.store.sendDraft(n.reference, by: Negotiators.brand, message: "our turn")
        }
        try n.store.settleDraftConflict(n.reference, item: "clause:breach-notification", takeTheirs: false, by: Self.colleague)
        let sent = try n.store.sendDraft(n.reference, by: Negotiators.brand, message: "our turn")
        #expect(sent.number == 3 && sent.message == "our turn" && sent.parent == 2)
        let printed = Dictionary(uniqueKeysWithValues: sent.document.clauses.map { ($0.clause, $0) })
        #expect(printed["breach-notification"]?.parameters["hours"] == .integer(24))
        #expect(printed["audits"]?.parameters["notice-days"] == .integer(20))
        #expect(printed["non-compliance-and-termination"]?.parameters["cure-days"] == .integer(45))
        #expect(try n.store.draft(n.reference, for: Negotiators.brand) == nil, "a sent draft is gone")
    }

    @Test func takingTheirsSettlesAConflictWithTheHeadsWords() throws {
        let n = try Self.world()
        let v1 = try n.store.version(n.reference).document
        try n.store.editDraft(n.reference, from: v1, to: withBreachHours(24, v1), by: Negotiators.brand, note: "24")
        try n.store.propose(withBreachHours(30, v1), on: n.reference, basedOn: 1, by: Negotiators.bpo, message: "30")
        let settled = try n.store.settleDraftConflict(n.reference, item: "clause:breach-notification", takeTheirs: true, by: Negotiators.brand)
        #expect(settled.conflicts.isEmpty && settled.changes.isEmpty, "the draft now says what the head says")
        #expect(throws: StoreError.invalid("the draft is identical to version 2; there is nothing to propose")) {
            try n.store.sendDraft(n.reference, by: Negotiators.brand, message: "nothing")
        }
    }

    @Test func aPendingApprovalBlocksSendingAndTheDraftStays() throws {
        let n = try Self.world()
        try n.store.requireApproval(.proposal, approver: Self.colleague, by: Self.colleague)
        let v1 = try n.store.version(n.reference).document
        try n.store.editDraft(n.reference, from: v1, to: withBreachHours(24, v1), by: Negotiators.brand, note: "24")
        #expect(throws: StoreError.self) { try n.store.sendDraft(n.reference, by: Negotiators.brand, message: "24 hours") }
        #expect(try n.store.agreement(n.reference).head == 1)
        #expect(try n.store.draft(n.reference, for: Negotiators.brand)?.changes == ["clause:breach-notification"])
        let request = try #require(try n.store.approvals(of: Self.colleague, pendingOnly: true).first)
        try n.store.decideApproval(request.id, approve: true, reason: nil, by: Self.colleague)
        #expect(try n.store.sendDraft(n.reference, by: Negotiators.brand, message: "24 hours").number == 2)
    }

    @Test func anEmptyCoverMessageOrAnEmptyDraftIsRefusedAndNothingIsStored() throws {
        let n = try Self.world()
        let v1 = try n.store.version(n.reference).document
        #expect(throws: StoreError.invalid("your side has no draft of '\(n.reference)'; there is nothing to propose")) {
            try n.store.sendDraft(n.reference, by: Negotiators.brand, message: "nothing")
        }
        try n.store.editDraft(n.reference, from: v1, to: withBreachHours(24, v1), by: Negotiators.brand, note: "24")
        #expect(throws: StoreError.invalidFields([FieldProblem(field: "message", message: "say what this turn changes and why")])) {
            try n.store.sendDraft(n.reference, by: Negotiators.brand, message: "  ")
        }
        #expect(try n.store.agreement(n.reference).head == 1)
    }
}
