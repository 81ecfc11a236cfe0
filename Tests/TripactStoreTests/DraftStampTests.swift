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

    /// The agreement page reads everything its cache key needs in one statement; it says what the separate reads say.
    @Test func thePageStampAgreesWithTheSeparateReads() throws {
        let n = try DraftStoreTests.world()
        let brand = try n.store.user(email: Negotiators.brand)
        let bpo = try n.store.user(email: Negotiators.bpo)
        func agrees(_ user: User, _ note: Comment) throws {
            let stamp = try n.store.pageStamp(n.reference, for: user)
            let access = try n.store.access(of: user, in: n.reference)
            #expect(stamp.party == access.party, note)
            #expect(stamp.generation == access.generation, note)
            #expect(stamp.reviewed == (try n.store.reviewedVersion(of: user, in: n.reference)), note)
            let draft = try n.store.draftStamp(n.reference, for: user)
            #expect(stamp.draft?.base == draft?.base && stamp.draft?.revision == draft?.revision, note)
        }
        try agrees(brand, "at the start")
        let head = try n.store.version(n.reference)
        try n.store.editDraft(n.reference, from: head.document, to: DraftStoreTests.with("audits", "notice-days", .integer(20), head.document), by: Negotiators.brand, note: "n")
        try n.store.markReviewed(n.reference, version: head.number, by: Negotiators.bpo)
        try agrees(brand, "with a draft")
        try agrees(bpo, "after a review")
        #expect(try n.store.pageStamp(n.reference, for: bpo).draft == nil, "the other side reads no stamp of our draft")
        var moved = head.document
        moved.processing.retention += " Reviewed every year."
        try n.store.propose(moved, on: n.reference, basedOn: head.number, by: Negotiators.bpo, message: "retention")
        let carried = try n.store.pageStamp(n.reference, for: brand)
        #expect(carried.draft?.base == head.number + 1, "a draft on an older head is carried onto the new one")
        try agrees(brand, "after the head moved")
        try agrees(bpo, "after proposing")
        #expect(try n.store.pageStamp(n.reference, for: bpo).reviewed == head.number + 1, "the user's own proposal counts as reviewed")
        try n.store.addOrganisation(name: "Outsider SA")
        try n.store.addUser(email: "eve@outsider.example", name: "Eve", organisation: "Outsider SA", role: .legal)
        let outsider = try n.store.user(email: "eve@outsider.example")
        #expect(try n.store.pageStamp(n.reference, for: outsider).party == nil)
        #expect(throws: StoreError.unknownAgreement("NO-SUCH")) { try n.store.pageStamp("NO-SUCH", for: brand) }
    }
}
