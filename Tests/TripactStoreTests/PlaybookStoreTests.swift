import Foundation
import Testing
import TripactCore
import TripactStore
import TripactTestSupport

/// Each organisation's playbook in the store: its own, per side, only its differences from the library, changed by
/// admins and legal users only, and covered by the audit chain like every decisive row.
@Suite struct PlaybookStoreTests {
    static func atlantisPlaybook(_ library: ClauseLibrary) throws -> Playbook {
        let edited = try PlaybookEdit.settingParameter(
            Playbook.library(library, side: .processor), clause: "breach-notification", parameter: "hours", .init(preferred: "47", fallback: "45", walkAway: "43"), library: library
        )
        return try PlaybookEdit.settingVariant(edited, clause: "audits", .init(walkAway: "controller"), library: library)
    }

    @Test func aSavedPlaybookReadsBackForItsOrganisationAndSideOnly() throws {
        let world = try RegisterWorld()
        let library = world.library
        let atlantis = try world.store.user(email: RegisterWorld.bpo).organisationID
        let lumen = try world.store.user(email: RegisterWorld.brandA).organisationID
        #expect(try world.store.sides(organisationID: atlantis) == [.processor])
        #expect(try world.store.sides(organisationID: lumen) == [.controller])
        #expect(try world.store.playbook(organisationID: atlantis, side: .processor, library: library) == Playbook.library(library, side: .processor))
        #expect(try world.store.playbookChange(organisationID: atlantis, side: .processor) == nil)

        let playbook = try Self.atlantisPlaybook(library)
        try world.store.savePlaybook(playbook, by: RegisterWorld.bpo, library: library)
        #expect(try world.store.playbook(organisationID: atlantis, side: .processor, library: library) == playbook)
        #expect(try world.store.playbookChange(organisationID: atlantis, side: .processor)?.by == RegisterWorld.bpo)
        #expect(try world.store.playbook(organisationID: atlantis, side: .controller, library: library) == Playbook.library(library, side: .controller))
        #expect(try world.store.playbook(organisationID: lumen, side: .processor, library: library) == Playbook.library(library, side: .processor))
        let reader = try world.store.user(email: RegisterWorld.brandA)
        #expect(try world.store.playbook(for: reader, in: "lumen-dpa", library: library) == Playbook.library(library, side: .controller))
        #expect(try world.store.playbook(for: reader, in: "vega-dpa", library: library) == nil, "no playbook where the reader is not a party")

        // Only the differences are kept: two positions, as canonical JSON.
        let stored = try SQLiteShell.query(world.store.path, "SELECT playbook FROM playbooks;")
        #expect(stored.contains("\"hours\":{\"fallback\":45,\"preferred\":47,\"walkAway\":43}"), "\(stored)")
        #expect(!stored.contains("call-recording"))

        // Back to the library's positions: the row goes.
        try world.store.savePlaybook(Playbook.library(library, side: .processor), by: RegisterWorld.bpo, library: library)
        #expect(try world.store.playbookChange(organisationID: atlantis, side: .processor) == nil)
        #expect(try SQLiteShell.query(world.store.path, "SELECT COUNT(*) FROM playbooks;") == "0")
    }

    @Test func onlyAdminsAndLegalUsersChangeThePlaybook() throws {
        let world = try RegisterWorld()
        let library = world.library
        try world.store.addUser(email: "am@lumen.example", name: "AM", organisation: "Lumen", role: .accountManager)
        let changed = try PlaybookEdit.settingParameter(
            Playbook.library(library, side: .controller), clause: "breach-notification", parameter: "hours", .init(walkAway: "40"), library: library
        )
        for email in ["viewer@lumen.example", "am@lumen.example"] {
            #expect(throws: StoreError.self) { try world.store.savePlaybook(changed, by: email, library: library) }
        }
        let lumen = try world.store.user(email: RegisterWorld.brandA).organisationID
        #expect(try world.store.playbook(organisationID: lumen, side: .controller, library: library) == Playbook.library(library, side: .controller))
        try world.store.savePlaybook(changed, by: RegisterWorld.brandA, library: library)
        #expect(try world.store.playbook(organisationID: lumen, side: .controller, library: library) == changed)
    }

    @Test func playbookChangesAreAuditedAndAnEditOutsideTripactIsNamed() throws {
        let world = try RegisterWorld()
        let library = world.library
        try world.store.savePlaybook(try Self.atlantisPlaybook(library), by: RegisterWorld.bpo, library: library)
        let result = try world.store.verifyAudit()
        #expect(result.problems == [])
        #expect(result.eventsByAction["playbook.save"] == 1)
        let event = try #require(try world.store.auditEvents().last)
        #expect(event.detail == "processor playbook: 2 positions differ from the library", "the log says how much, never which positions")

        let shell = try SQLiteShell.run(world.store.path, "UPDATE playbooks SET playbook = replace(playbook, '43', '24');")
        #expect(shell.status == 0, "\(shell.stderr)")
        let problems = try world.store.verifyAudit().problems
        #expect(problems.contains { $0.contains("playbooks(organisation_id=") && $0.contains("side=processor): playbook is") }, "\(problems)")
    }
}
