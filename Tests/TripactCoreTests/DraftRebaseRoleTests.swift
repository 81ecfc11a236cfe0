import Testing
import TripactCore
import TripactTestSupport

/// A draft's roles and allocation rows are items of their own: a carry-over moves exactly the ones the draft changed
/// and keeps those the head changed, even where the purposes item or the joint clause changed too.
@Suite struct DraftRebaseRoleTests {
    static func joint(_ document: AgreementDocument) -> Int { document.clauses.lastIndex { $0.clause == JointAllocation.clause }! }

    @Test func rowsAndRolesChangedOnEachSideBothSurviveTheCarryOver() throws {
        let base = Fixtures.withAllThreeRoles()
        let reporting = try #require(base.processing.purposes.firstIndex { $0.purpose == "analytics.reporting" })
        // The draft: one allocation row, one role back on behalf, and the joint clause's essence.
        var draft = base
        draft.clauses[Self.joint(draft)].parameters["right-access"] = .string("processor")
        draft.clauses[Self.joint(draft)].parameters["essence"] = .string("We decide together; the Controller answers you.")
        draft.processing.purposes[reporting].role = nil
        draft.processing.purposes[reporting].lawfulBasis = nil
        draft.processing.purposes[reporting].recipient = nil
        // The head: another row, and the first purpose's description (the purposes item).
        var head = base
        head.clauses[Self.joint(head)].parameters["dpia"] = .string("processor")
        head.processing.purposes[0].description = "Handled together, described anew"

        let rebased = DraftRebase.rebase(draft: draft, base: base, head: head)
        #expect(rebased.conflicts.isEmpty, "\(rebased.conflicts)")
        let clause = rebased.document.clauses[Self.joint(rebased.document)]
        #expect(clause.parameters["right-access"] == .string("processor"), "the draft's row")
        #expect(clause.parameters["dpia"] == .string("processor"), "the head's row, kept when the draft's clause item moved over")
        #expect(clause.parameters["essence"] == .string("We decide together; the Controller answers you."))
        #expect(rebased.document.processing.purposes[reporting].role == nil, "the draft's role change")
        #expect(rebased.document.processing.purposes[0].description == "Handled together, described anew")
        #expect(rebased.document.processing.purposes[0].role == .joint, "the head's purposes item keeps the roles")
        #expect(DraftRebase.changedItems(from: head, to: rebased.document).sorted() == DraftRebase.changedItems(from: base, to: draft).sorted())
    }
}
