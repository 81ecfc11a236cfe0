import Foundation
import Testing
import TripactCore
import TripactStore
import TripactTestSupport

/// The audit chain vouches for every row that decides what an agreement means: what Tripact writes verifies clean,
/// and a row changed by any other program is named with its table, row and field.
@Suite struct AuditChainTests {
    static let admin = "admin@atlantis.example"

    /// Every kind of decisive row, written by the store's own operations: versions proposed and applied from notices,
    /// item states, signatures, notices objected to, approved, resolved and applied, register entries and changes of
    /// every kind, evidence, a public list, users with changed roles.
    static func busyWorld() throws -> RegisterWorld {
        let world = try RegisterWorld()
        let library = world.library
        try world.store.addUser(email: admin, name: "Admin", organisation: "Atlantis", role: .admin)
        try world.store.publishRegister(slug: "atlantis", by: admin)
        try world.store.changeRole(of: "viewer@lumen.example", to: .legal, by: world.store.addUser(email: "boss@lumen.example", name: "Boss", organisation: "Lumen", role: .admin).email)
        try world.store.sign("nova-dpa", by: RegisterWorld.brandC, library: library)
        try world.store.sign("nova-dpa", by: RegisterWorld.bpo, library: library)
        let notices = try world.replaceTelephony()
        let lumen = try #require(notices.first { $0.agreement == "lumen-dpa" })
        let vega = try #require(notices.first { $0.agreement == "vega-dpa" })
        try world.store.object(to: lumen.id, reason: "no certificate", by: RegisterWorld.brandA)
        try world.store.resolve(lumen.id, as: .alternativeOffered, note: "another one", by: RegisterWorld.bpo)
        try world.store.approve(vega.id, by: RegisterWorld.brandB, library: library)
        var modified = world.crm
        modified.address = "1 Quay Street, Dublin"
        try world.store.proposeRegisterChange(.modification, entry: modified, replacing: "crm-a", plannedStart: nil, message: "moved", by: RegisterWorld.bpo, library: library)
        let speech = Fixtures.registerRecord("speech", name: "Speech", services: ["speech-analytics"])
        try world.store.proposeRegisterChange(.addition, entry: speech, replacing: nil, plannedStart: nil, message: "new", by: RegisterWorld.bpo, library: library)
        try world.store.proposeRegisterChange(.removal, entry: nil, replacing: "speech", plannedStart: nil, message: "gone", by: RegisterWorld.bpo, library: library)
        let today = world.store.today()
        try world.store.saveEvidence(
            MeasureEvidence(id: "iso", measure: "isms-governance", kind: .certificate, title: "ISO/IEC 27001", issuer: "Certa", issued: today, expires: nil, reference: "C-1"),
            by: RegisterWorld.bpo
        )
        try world.store.propose(
            withBreachHours(24, try world.store.version("lumen-dpa").document), on: "lumen-dpa", basedOn: try world.store.agreement("lumen-dpa").head, by: RegisterWorld.brandA,
            message: "24 hours"
        )
        try world.store.reject("clause:breach-notification", on: "lumen-dpa", reason: "too short", by: RegisterWorld.bpo, expectedHead: try world.store.agreement("lumen-dpa").head)
        world.time.set("2027-06-01")
        try world.store.settleDueNotices(library: library)
        return world
    }

    @Test func everythingTripactWritesVerifiesCleanAndEveryKindOfEventIsCounted() throws {
        let world = try Self.busyWorld()
        let result = try world.store.verifyAudit()
        #expect(result.problems == [])
        for action in ["register.change", "notice.issue", "notice.object", "notice.resolve", "notice.approve", "notice.apply", "version.register", "version.sign", "evidence.save", "register.publish", "user.role", "item.reject"] {
            #expect(result.eventsByAction[action, default: 0] > 0, "\(action) is counted")
        }
        #expect(result.rowsChecked > 50)
    }

    /// Each change is made with the `sqlite3` shell, as an attacker with the file would, triggers dropped where they
    /// stand in the way; each must be named by table, row and field.
    @Test(arguments: [
        ("UPDATE item_states SET processor_accepted = 1 WHERE agreement_id = (SELECT id FROM agreements WHERE reference = 'lumen-dpa') AND key = 'clause:breach-notification';",
         "item_states(agreement_id=1, key=clause:breach-notification): processor_accepted is '1', the audit chain says '0'"),
        ("UPDATE signatures SET user_id = (SELECT id FROM users WHERE email = 'viewer@lumen.example') WHERE party = 'controller';", "signatures(agreement_id=3, version=1, party=controller): user_id"),
        ("INSERT INTO signatures (agreement_id, version, party, user_id, content_hash, signed_at) SELECT 1, 1, 'controller', 1, content_hash, '2026-12-01T00:00:00Z' FROM versions WHERE agreement_id = 1 AND number = 1;",
         "signatures(agreement_id=1, version=1, party=controller) is not in the audit chain"),
        ("DROP TRIGGER signatures_are_kept; DELETE FROM signatures WHERE party = 'processor';", "signatures(agreement_id=3, version=1, party=processor) is in the audit chain but not in the database"),
        ("DROP TRIGGER versions_are_immutable; UPDATE versions SET document = replace(document, 'nova-dpa', 'nova-dpx') WHERE agreement_id = 3 AND number = 1;",
         "versions(agreement_id=3, number=1): document does not hash to its content_hash"),
        ("UPDATE agreements SET status = 'signed' WHERE reference = 'lumen-dpa';", "agreements(id=1): status is 'signed', the audit chain says 'draft'"),
        ("UPDATE notices SET status = 'approved' WHERE kind = 'notice' AND agreement_id = 1;", ": status is 'approved', the audit chain says"),
        ("UPDATE users SET role = 'admin' WHERE email = 'omar@vega.example';", ": role is 'admin', the audit chain says 'legal'"),
        ("UPDATE register_entries SET record = replace(record, 'Telephony B', 'Telephony Z') WHERE key = 'tel-b';", "register_entries(organisation_id=1, key=tel-b): record is"),
        ("DROP TRIGGER register_changes_are_kept; DELETE FROM register_changes WHERE id = 1;", "register_changes(id=1) is in the audit chain but not in the database"),
        ("UPDATE measure_evidence SET evidence = replace(evidence, 'C-1', 'C-2');", "measure_evidence(organisation_id=1, key=iso): evidence is"),
        ("UPDATE public_registers SET slug = 'lumen';", "public_registers(organisation_id=1): slug is 'lumen', the audit chain says 'atlantis'"),
        ("UPDATE organisations SET name = 'Atlantis Ltd' WHERE name = 'Atlantis';", "organisations(id=1): name is 'Atlantis Ltd', the audit chain says 'Atlantis'"),
    ])
    func aRowChangedOutsideTripactIsNamed(sql: String, expected: String) throws {
        let world = try Self.busyWorld()
        #expect(try world.store.verifyAudit().isIntact)
        let shell = try SQLiteShell.run(world.store.path, sql)
        #expect(shell.status == 0, "\(shell.stderr)")
        let problems = try world.store.verifyAudit().problems
        #expect(problems.contains { $0.contains(expected) }, "\(problems)")
    }

    @Test func aSignatureWrittenOutsideTripactNeverPrintsAsSigned() throws {
        let world = try Self.busyWorld()
        #expect(try world.store.renderContext("nova-dpa", version: 1).status == .signed)
        let shell = try SQLiteShell.run(world.store.path, "UPDATE signatures SET signed_at = '2026-01-01T00:00:00Z' WHERE agreement_id = 3 AND party = 'controller';")
        #expect(shell.status == 0, "\(shell.stderr)")
        let context = try world.store.renderContext("nova-dpa", version: 1)
        #expect(context.status != .signed)
        #expect(context.signatures.keys.sorted { $0.rawValue < $1.rawValue } == [.processor])
    }
}
