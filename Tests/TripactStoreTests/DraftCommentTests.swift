import Foundation
import Testing
import TripactCore
import TripactStore
import TripactTestSupport

/// Issue 13 with drafts: a returned Word document imported into the side's draft, its comments held with the draft,
/// private to the side until the draft is sent (posted in the same transaction) or discarded (gone with it).
@Suite struct DraftCommentTests {
    static let comments = [
        ProposalComment(item: "clause:breach-notification", body: "Word comment by Counsel: why 24 hours?"),
        ProposalComment(item: nil, body: "Word comment by Counsel: call us"),
    ]

    static func commentBodies(_ n: Negotiators, organisation: String) throws -> [String] {
        try n.store.comments(n.reference, visibleTo: try n.store.organisation(named: organisation).id).map(\.body)
    }

    @Test func importedEditsAndCommentsWaitInTheDraftAndSendingPostsTheCommentsOnTheNewVersion() throws {
        let n = try DraftStoreTests.world()
        let v1 = try n.store.version(n.reference).document
        let draft = try n.store.importIntoDraft(
            n.reference, base: 1, edited: withBreachHours(24, v1), by: Negotiators.brand, note: "Returned in Word (counsel.docx)", comments: Self.comments
        )
        #expect(draft.changes == ["clause:breach-notification"])
        #expect(draft.edits.map(\.note) == ["Returned in Word (counsel.docx)"] && draft.edits.map(\.editorEmail) == [Negotiators.brand])
        #expect(draft.comments.map(\.body) == Self.comments.map(\.body) && draft.comments.map(\.item) == [ItemKey(rawValue: "clause:breach-notification"), nil])
        // Held, not posted: neither side's comment list has them, the other side has no draft, nothing was proposed.
        #expect(try n.store.version(n.reference).number == 1)
        for organisation in [Negotiators.controller, Negotiators.processor] {
            #expect(try !Self.commentBodies(n, organisation: organisation).contains { $0.contains("why 24 hours") })
        }
        #expect(try n.store.draft(n.reference, for: Negotiators.bpo) == nil)
        #expect(!(try n.store.auditEvents()).contains { $0.detail.contains("why 24 hours") })

        let sent = try n.store.sendDraft(n.reference, by: DraftStoreTests.colleague, message: "counsel's edits")
        #expect(sent.number == 2)
        let posted = try n.store.comments(n.reference, visibleTo: try n.store.organisation(named: Negotiators.processor).id)
        #expect(posted.contains { $0.item == "clause:breach-notification" && $0.version == 2 && $0.body.contains("why 24 hours") && !$0.isInternal })
        #expect(posted.contains { $0.item == nil && $0.version == 2 && $0.body.contains("call us") })
        #expect(try n.store.draft(n.reference, for: Negotiators.brand) == nil)
    }

    @Test func discardingTheDraftDropsItsHeldCommentsAndAFreshDraftHasNone() throws {
        let n = try DraftStoreTests.world()
        let v1 = try n.store.version(n.reference).document
        try n.store.importIntoDraft(n.reference, base: 1, edited: withBreachHours(24, v1), by: Negotiators.brand, note: "Returned in Word (a.docx)", comments: Self.comments)
        try n.store.discardDraft(n.reference, by: Negotiators.brand)
        let before = try Self.commentBodies(n, organisation: Negotiators.processor)
        try n.store.editDraft(n.reference, from: v1, to: withBreachHours(30, v1), by: Negotiators.brand, note: "a form")
        #expect(try #require(try n.store.draft(n.reference, for: Negotiators.brand)).comments.isEmpty)
        try n.store.sendDraft(n.reference, by: Negotiators.brand, message: "thirty hours")
        #expect(try Self.commentBodies(n, organisation: Negotiators.processor) == before, "the discarded comments were never posted")
    }

    @Test func aFileThatChangesNothingHoldsItsCommentsAndSendingPostsThemOnTheHead() throws {
        let n = try DraftStoreTests.world()
        let v1 = try n.store.version(n.reference).document
        let draft = try n.store.importIntoDraft(n.reference, base: 1, edited: v1, by: Negotiators.brand, note: "Returned in Word (same.docx)", comments: Self.comments)
        #expect(draft.changes.isEmpty && draft.comments.count == 2)
        let head = try n.store.sendDraft(n.reference, by: Negotiators.brand, message: "comments only")
        #expect(head.number == 1, "no version for a file that changes nothing")
        let posted = try n.store.comments(n.reference, visibleTo: try n.store.organisation(named: Negotiators.processor).id)
        #expect(posted.filter { $0.version == 1 && $0.body.hasPrefix("Word comment by Counsel") }.count == 2)
        #expect(try n.store.draft(n.reference, for: Negotiators.brand) == nil)
    }

    /// Read against the version it was exported from: an item the other side changed since is left to settle, an item
    /// only the file changed is taken, and the other side's other edits stay.
    @Test func aFileFromAnOlderVersionLeavesItemsBothSidesChangedToSettle() throws {
        let n = try DraftStoreTests.world()
        let v1 = try n.store.version(n.reference).document
        let theirs = DraftStoreTests.with("non-compliance-and-termination", "cure-days", .integer(45), withBreachHours(30, v1))
        try n.store.propose(theirs, on: n.reference, basedOn: 1, by: Negotiators.bpo, message: "30 hours, 45 days to cure")
        let returned = DraftStoreTests.with("audits", "notice-days", .integer(20), withBreachHours(24, v1))
        let draft = try n.store.importIntoDraft(n.reference, base: 1, edited: returned, by: Negotiators.brand, note: "Returned in Word (old.docx)", comments: [])
        #expect(draft.base == 2)
        #expect(draft.conflicts == ["clause:breach-notification"])
        let clauses = Dictionary(uniqueKeysWithValues: draft.document.clauses.map { ($0.clause, $0) })
        #expect(clauses["audits"]?.parameters["notice-days"] == .integer(20))
        #expect(clauses["breach-notification"]?.parameters["hours"] == .integer(24))
        #expect(clauses["non-compliance-and-termination"]?.parameters["cure-days"] == .integer(45), "their edit is not undone by the older file")
        #expect(throws: StoreError.unknownVersion(agreement: n.reference, version: 3)) {
            try n.store.importIntoDraft(n.reference, base: 3, edited: returned, by: Negotiators.brand, note: "n", comments: [])
        }
    }

    @Test func aCommentOnAnItemTheDraftLacksRefusesTheWholeImport() throws {
        let n = try DraftStoreTests.world()
        let v1 = try n.store.version(n.reference).document
        #expect(throws: StoreError.unknownItem(agreement: n.reference, item: "clause:no-such-clause")) {
            try n.store.importIntoDraft(
                n.reference, base: 1, edited: withBreachHours(24, v1), by: Negotiators.brand, note: "n",
                comments: [ProposalComment(item: "clause:no-such-clause", body: "refused")]
            )
        }
        #expect(try n.store.draft(n.reference, for: Negotiators.brand) == nil, "nothing stored")
    }
}
