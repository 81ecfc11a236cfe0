import Foundation
import Testing
import TripactCore
import TripactStore
import TripactTestSupport

/// A version made by the agreement's own procedures (a settled notice, an approval) keeps a signed agreement signed;
/// only a negotiated change needs new signatures.
@Suite struct SignedUpdateTests {
    /// Lumen's agreement (general authorisation) signed by both parties, then Telephony A replaced by Telephony B
    /// through a notice nobody objected to, settled on its day.
    static func signedThenNotified() throws -> (world: RegisterWorld, notice: NoticeEntry) {
        let world = try RegisterWorld()
        try world.store.sign("lumen-dpa", by: RegisterWorld.brandA, library: world.library)
        try world.store.sign("lumen-dpa", by: RegisterWorld.bpo, library: world.library)
        #expect(try world.store.agreement("lumen-dpa").status == .signed)
        let notice = try #require(try world.replaceTelephony().first { $0.agreement == "lumen-dpa" })
        world.time.set("2026-12-12")
        #expect(try world.store.settleDueNotices(library: world.library).map(\.id).contains(notice.id))
        return (world, notice)
    }

    @Test func aSettledNoticeOnASignedAgreementLeavesItSignedAndSaysUnderWhichClauseAndNotice() throws {
        let (world, notice) = try Self.signedThenNotified()
        let summary = try world.store.agreement("lumen-dpa")
        #expect(summary.head == 2)
        #expect(summary.status == .signed)
        let clauseNumber = try #require(AgreementFacts(document: try world.store.version("lumen-dpa").document, library: world.library).included("subprocessors")?.number)
        #expect(summary.standing == "signed; Annex IV updated on 12 December 2026 under clause \(clauseNumber), notice \(notice.id)")
        let context = try world.store.renderContext("lumen-dpa", version: 2)
        #expect(context.status == .signed)
        #expect(context.signedVersion?.version == 1)
        #expect(context.signedVersion?.contentHash == (try world.store.version("lumen-dpa", number: 1).contentHash))
        #expect(context.updates.map(\.version) == [2])
        #expect(context.updates.first?.notice == notice.id)
        #expect(context.updates.first?.summary == notice.summary)
        #expect(Set(context.signatures.keys) == Set(PartyRole.allCases))
        #expect(context.standing == "SIGNED; Annex IV updated on 12 December 2026 under clause \(clauseNumber), notice \(notice.id)")
        // The signed version itself stays signed with its own signatures.
        #expect(try world.store.renderContext("lumen-dpa", version: 1).signedVersion == nil)
        #expect(try world.store.renderContext("lumen-dpa", version: 1).status == .signed)
        #expect(try world.store.verifyAudit().problems == [])
    }

    @Test func theExportOfTheUpdatedVersionVerifiesAndListsTheSignedVersionAndTheNotice() throws {
        let (world, notice) = try Self.signedThenNotified()
        let version = try world.store.version("lumen-dpa")
        var context = try world.store.renderContext("lumen-dpa", version: version.number)
        context.embedForVerification = true
        let html = AgreementRenderer.renderUTF8(AgreementFacts(document: version.document, library: world.library), context: context, contentHash: version.contentHash)
        let result = try ExportVerifier.verify(Data(html), library: world.library)
        #expect(result.isIntact)
        let printed = try #require(result.context)
        #expect(ExportVerifier.inconsistencies(of: printed) == [])
        #expect(ExportVerifier.disagreements(printed: printed, recorded: try world.store.renderContext("lumen-dpa", version: version.number)) == [])
        let text = String(decoding: html, as: UTF8.self)
        #expect(text.contains("SIGNED; Annex IV updated on 12 December 2026 under clause"))
        #expect(text.contains("Signed version and later updates"))
        #expect(text.contains("notice \(notice.id)"))
        #expect(text.contains("<body class=\"signed\">"))
        // A file that drops the update list no longer agrees with its own status block.
        var forged = printed
        forged.updates = []
        #expect(!ExportVerifier.inconsistencies(of: forged).isEmpty)
    }

    @Test func anApprovalOnASignedAgreementLeavesItSigned() throws {
        let world = try RegisterWorld()
        try world.store.sign("vega-dpa", by: RegisterWorld.brandB, library: world.library)
        try world.store.sign("vega-dpa", by: RegisterWorld.bpo, library: world.library)
        let request = try #require(try world.replaceTelephony().first { $0.agreement == "vega-dpa" })
        try world.store.approve(request.id, by: RegisterWorld.brandB, library: world.library)
        let summary = try world.store.agreement("vega-dpa")
        #expect(summary.status == .signed)
        #expect(summary.standing.hasSuffix("approval \(request.id)"))
        #expect(try world.store.renderContext("vega-dpa", version: summary.head).signedVersion?.version == 1)
        #expect(try world.store.verifyAudit().problems == [])
    }

    @Test func theUpdatedVersionIsNotSignedAgainButANegotiatedChangeAfterItNeedsNewSignatures() throws {
        let (world, _) = try Self.signedThenNotified()
        #expect(throws: StoreError.notPermitted("version 2 of 'lumen-dpa' is signed: the agreement's own procedures updated the signed version, which needs no new signature")) { try world.store.sign("lumen-dpa", by: RegisterWorld.brandA, library: world.library) }
        let head = try world.store.version("lumen-dpa")
        try world.store.propose(withBreachHours(24, head.document), on: "lumen-dpa", basedOn: head.number, by: RegisterWorld.brandA, message: "24 hours")
        #expect(try world.store.agreement("lumen-dpa").status == .draft)
        try world.store.accept(nil, on: "lumen-dpa", by: RegisterWorld.bpo)
        #expect(try world.store.agreement("lumen-dpa").status == .agreed)
        let context = try world.store.renderContext("lumen-dpa", version: 3)
        #expect(context.status == .agreed)
        #expect(context.signedVersion == nil)
        #expect(context.signatures.isEmpty)
        try world.store.sign("lumen-dpa", by: RegisterWorld.brandA, library: world.library)
        #expect(try world.store.agreement("lumen-dpa").status == .agreed)
        try world.store.sign("lumen-dpa", by: RegisterWorld.bpo, library: world.library)
        #expect(try world.store.agreement("lumen-dpa").status == .signed)
        // The procedurally updated version 2 is still the signed text that was in force before.
        #expect(try world.store.renderContext("lumen-dpa", version: 2).status == .signed)
        #expect(try world.store.verifyAudit().problems == [])
    }

    @Test func aNoticeAppliedOnTopOfAnUnsignedProposalDoesNotMakeItSigned() throws {
        let world = try RegisterWorld()
        try world.store.sign("lumen-dpa", by: RegisterWorld.brandA, library: world.library)
        try world.store.sign("lumen-dpa", by: RegisterWorld.bpo, library: world.library)
        let head = try world.store.version("lumen-dpa")
        try world.store.propose(withBreachHours(24, head.document), on: "lumen-dpa", basedOn: head.number, by: RegisterWorld.brandA, message: "24 hours")
        _ = try world.replaceTelephony()
        world.time.set("2026-12-12")
        try world.store.settleDueNotices(library: world.library)
        let summary = try world.store.agreement("lumen-dpa")
        #expect(summary.head == 3)
        #expect(summary.status == .draft)
        #expect(summary.standing == "draft")
        #expect(try world.store.renderContext("lumen-dpa", version: 3).status == .draft)
    }

    @Test func aProceduralVersionWrittenOutsideTripactCarriesNoSignatureAndIsNamed() throws {
        let world = try RegisterWorld()
        try world.store.sign("lumen-dpa", by: RegisterWorld.brandA, library: world.library)
        try world.store.sign("lumen-dpa", by: RegisterWorld.bpo, library: world.library)
        // A negotiated change, accepted by both but not signed: someone tries to pass it off as a procedural update.
        let head = try world.store.version("lumen-dpa")
        try world.store.propose(withBreachHours(24, head.document), on: "lumen-dpa", basedOn: head.number, by: RegisterWorld.brandA, message: "24 hours")
        try world.store.accept(nil, on: "lumen-dpa", by: RegisterWorld.bpo)
        let notice = try #require(try world.replaceTelephony().first { $0.agreement == "lumen-dpa" })
        let shell = try SQLiteShell.run(
            world.store.path,
            "INSERT INTO procedural_versions (agreement_id, version, base, notice_id, clause, clause_number, applied_on) VALUES (1, 2, 1, \(notice.id), 'subprocessors', 9, '2026-12-12'); UPDATE agreements SET status = 'signed' WHERE id = 1;"
        )
        #expect(shell.status == 0, "\(shell.stderr)")
        #expect(try world.store.renderContext("lumen-dpa", version: 2).status != .signed)
        let problems = try world.store.verifyAudit().problems
        #expect(problems.contains { $0.contains("procedural_versions(agreement_id=1, version=2) is not in the audit chain") }, "\(problems)")
    }
}
