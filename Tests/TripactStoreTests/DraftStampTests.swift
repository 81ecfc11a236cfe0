import Foundation
import Testing
import TripactCore
import TripactStore
import TripactTestSupport

/// The agreement page keys its cache by the side's draft: the stamp is read without a write transaction, follows
/// every edit, carries the draft onto a head that moved, and tells the other side nothing.
@Suite struct DraftStampTests {
    @Test func theStampFollowsEditsAndAMovedHeadAndIsTheSidesOwn() throws {
        let n = try DraftStoreTests.world()
        let brand = try n.store.user(email: Negotiators.brand)
        let bpo = try n.store.user(email: Negotiators.bpo)
        #expect(try n.store.draftStamp(n.reference, for: brand) == nil)
        let head = try n.store.version(n.reference)
        try n.store.editDraft(n.reference, from: head.document, to: DraftStoreTests.with("audits", "notice-days", .integer(20), head.document), by: Negotiators.brand, note: "n")
        let first = try #require(try n.store.draftStamp(n.reference, for: brand))
        #expect(first.base == head.number)
        try n.store.editDraft(n.reference, from: head.document, to: DraftStoreTests.with("audits", "notice-days", .integer(25), head.document), by: Negotiators.brand, note: "n")
        let second = try #require(try n.store.draftStamp(n.reference, for: brand))
        #expect(second.revision != first.revision || second.base != first.base, "an edit moves the stamp")
        #expect(try n.store.draftStamp(n.reference, for: bpo) == nil, "the other side has no draft and reads none")
        // The other side proposes: the stamp carries the draft onto the new head.
        var moved = head.document
        moved.processing.retention += " Reviewed every year."
        try n.store.propose(moved, on: n.reference, basedOn: head.number, by: Negotiators.bpo, message: "retention")
        let carried = try #require(try n.store.draftStamp(n.reference, for: brand))
        #expect(carried.base == head.number + 1)
        #expect(try n.store.draft(n.reference, for: Negotiators.brand)?.document.processing.retention == moved.processing.retention)
    }
}
