import Foundation
import Testing
import TripactCore
import TripactStore
import TripactTestSupport
import TripactWeb

/// The demo database is what a new user first checks with `tripact audit verify`: it must verify clean after every
/// register operation the product offers, and a tampered row must still be caught.
@Suite struct DemoAuditTests {
    @Test func theDemoVerifiesCleanAfterAddingChangingAndRemovingRegisterEntries() throws {
        let store = try TripactStore(path: Fixtures.temporaryDirectory().appendingPathComponent("demo.sqlite").path)
        let library = Fixtures.library
        try #require(try DemoData.seedIfEmpty(store: store, signedScenario: Fixtures.example("full-scenario.json"), library: library, bcryptCost: 4) != nil)
        #expect(try store.verifyAudit().problems == [])
        let bpo = "paul.martin@atlantis.example"
        let register = try store.subprocessorRegister(organisation: DemoData.processor)
        let added = Fixtures.registerRecord("sp-sonora", name: "Sonora Cloud SAS", services: ["telephony"], categories: ["user.contact.phone_number"])
        try store.proposeRegisterChange(.addition, entry: added, replacing: nil, plannedStart: nil, message: "second carrier", by: bpo, library: library)
        #expect(try store.verifyAudit().problems == [], "after an addition")
        var changed = try #require(register.first { $0.id == "sp-orbis" })
        changed.address = "2 Rue Neuve, Lyon"
        try store.proposeRegisterChange(.modification, entry: changed, replacing: "sp-orbis", plannedStart: nil, message: "moved", by: bpo, library: library)
        #expect(try store.verifyAudit().problems == [], "after a modification")
        try store.proposeRegisterChange(.removal, entry: nil, replacing: "sp-planora", plannedStart: nil, message: "retired", by: bpo, library: library)
        #expect(try store.verifyAudit().problems == [], "after a removal, which applies at once")
        try store.settleDueNotices(library: library)
        let result = try store.verifyAudit()
        #expect(result.problems == [])
        #expect(result.eventsByAction["version.register", default: 0] >= 1)
        let shell = try SQLiteShell.run(store.path, "UPDATE item_states SET controller_accepted = 1;")
        #expect(shell.status == 0)
        #expect(try store.verifyAudit().problems.contains { $0.contains("controller_accepted is '1', the audit chain says '0'") })
    }
}
