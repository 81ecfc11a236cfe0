import Foundation
import Testing
import TripactCore
import TripactStore
import TripactTestSupport

/// Limits that hold under load and against input built to get past them.
@Suite struct HardeningStoreTests {
    @Test func parallelGuessesCannotGetPastTheLimitAndTheRealUserStillGetsIn() async throws {
        let n = try Negotiators()
        let throttle = LoginThrottle(perClientAndAccount: 5, perClient: 20, perAccountBeforeBackoff: 10, firstBackoff: 1, maximumBackoff: 30, window: 900)
        for _ in 0..<4 { _ = try n.store.beginLoginAttempt(email: Negotiators.brand, client: "203.0.113.9", throttle: throttle) }
        let store = n.store
        let passed = try await withThrowingTaskGroup(of: Bool.self) { group in
            for _ in 0..<100 {
                group.addTask { try store.beginLoginAttempt(email: Negotiators.brand, client: "203.0.113.9", throttle: throttle).ticket != nil }
            }
            return try await group.reduce(0) { $0 + ($1 ? 1 : 0) }
        }
        #expect(passed == 1, "the check and the count are one step: exactly one of the parallel guesses was the fifth")
        let real = try n.store.beginLoginAttempt(email: Negotiators.brand, client: "198.51.100.7", throttle: throttle)
        #expect(real.decision == .proceed, "the real user, from another address, is not locked out")
        try n.store.loginSucceeded(ticket: try #require(real.ticket), email: Negotiators.brand, client: "198.51.100.7")
    }

    @Test func sprayingAcrossAccountsFromOneAddressIsLimitedToo() throws {
        let n = try Negotiators()
        let throttle = LoginThrottle(perClientAndAccount: 5, perClient: 20)
        var allowed = 0
        for index in 0..<60 where try n.store.beginLoginAttempt(email: "user\(index)@lumen.example", client: "203.0.113.9", throttle: throttle).ticket != nil {
            allowed += 1
        }
        #expect(allowed == 20)
        #expect(try n.store.beginLoginAttempt(email: "user1@lumen.example", client: "192.0.2.1", throttle: throttle).decision == .proceed)
    }

    @Test func guessesFromManyAddressesSlowTheAccountDownWithoutLockingIt() {
        let throttle = LoginThrottle(perClientAndAccount: 5, perClient: 20, perAccountBeforeBackoff: 10, firstBackoff: 1, maximumBackoff: 30, window: 900)
        let fresh = LoginThrottle.Counts(clientOnAccount: 0, client: 0, account: 9, sinceLastAccountFailure: 0)
        #expect(throttle.decide(fresh) == .proceed)
        let slowed = LoginThrottle.Counts(clientOnAccount: 0, client: 0, account: 14, sinceLastAccountFailure: 3)
        guard case .wait(let seconds, _) = throttle.decide(slowed) else { Issue.record("14 failures slow the account"); return }
        #expect(seconds == 13, "2⁴ s of backoff, 3 s already waited")
        let capped = LoginThrottle.Counts(clientOnAccount: 0, client: 0, account: 500, sinceLastAccountFailure: 30)
        #expect(throttle.decide(capped) == .proceed, "the backoff never exceeds 30 s: the real user gets in")
    }

    @Test func organisationNamesAreOneNameWhateverTheirUnicodeFormOrCase() throws {
        let store = try TripactStore(path: Fixtures.temporaryDirectory().appendingPathComponent("t.sqlite").path)
        try store.addOrganisation(name: "Lumen T\u{E9}l\u{E9}com SA")
        #expect(throws: StoreError.duplicate("organisation 'Lumen Télécom SA'")) { try store.addOrganisation(name: "Lumen Te\u{301}le\u{301}com SA") }
        #expect(throws: StoreError.duplicate("organisation 'Lumen Télécom SA'")) { try store.addOrganisation(name: "LUMEN TÉLÉCOM SA") }
        #expect(try store.organisation(named: "lumen te\u{301}le\u{301}com sa").name == "Lumen Télécom SA")
        let bomb = "A" + String(repeating: "\u{301}", count: 10_000)
        #expect(throws: StoreError.invalidFields([FieldProblem(field: "name", message: "an organisation's name has at most 200 characters")])) {
            try store.addOrganisation(name: bomb)
        }
    }

    @Test func aDocumentTooLargeOrWithATitleTooLongIsRefusedAndNothingIsStored() throws {
        let n = try Negotiators()
        try n.importExample()
        var huge = Fixtures.example("full-scenario.json")
        huge.processing.retention = String(repeating: "x", count: TripactStore.maximumDocumentBytes)
        #expect(throws: StoreError.invalidFields([FieldProblem(field: "document", message: "the agreement is 4233204 bytes; the largest Tripact stores is 4194304 bytes (4 MiB)")])) { try n.store.propose(huge, on: n.reference, basedOn: 1, by: Negotiators.brand, message: "big") }
        var titled = Fixtures.example("full-scenario.json")
        titled.title = "T" + String(repeating: "\u{301}", count: 5_000)
        #expect(throws: StoreError.invalidFields([FieldProblem(field: "title", message: "a title has at most 300 characters")])) {
            try n.store.propose(titled, on: n.reference, basedOn: 1, by: Negotiators.brand, message: "title")
        }
        #expect(try n.store.agreement(n.reference).head == 1)
        #expect(try n.store.verifyAudit().isIntact)
    }

    @Test func aWithdrawnPublicListAddressStaysItsOrganisations() throws {
        let world = try RegisterWorld()
        try world.store.addUser(email: "admin@atlantis.example", name: "A", organisation: "Atlantis", role: .admin)
        try world.store.addUser(email: "admin@lumen.example", name: "B", organisation: "Lumen", role: .admin)
        try world.store.publishRegister(slug: "atlantis", by: "admin@atlantis.example")
        try world.store.publishRegister(slug: "atlantis-ltd", by: "admin@atlantis.example")
        try world.store.publishRegister(slug: nil, by: "admin@atlantis.example")
        for slug in ["atlantis", "atlantis-ltd"] {
            #expect(throws: StoreError.duplicate("a public list at '\(slug)'")) { try world.store.publishRegister(slug: slug, by: "admin@lumen.example") }
        }
        try world.store.publishRegister(slug: "atlantis", by: "admin@atlantis.example")
        #expect(try world.store.publicRegister(slug: "atlantis")?.organisation == "Atlantis")
    }

    @Test func aBackupOfAFileThatIsBeingWrittenCompletesAndVerifies() throws {
        let n = try Negotiators()
        try n.importExample()
        // Some 32 MB of pages, so the copy takes many pages while the writer commits.
        let filled = try SQLiteShell.run(
            n.path, "CREATE TABLE filler AS WITH RECURSIVE r(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM r WHERE i < 8000) SELECT i, randomblob(4000) AS b FROM r;"
        )
        #expect(filled.status == 0, "\(filled.stderr)")
        let writing = Atomic(true)
        let writer = Thread {
            var round = 0
            while writing.value {
                round += 1
                let head = (try? n.store.agreement(n.reference).head) ?? 1
                _ = try? n.store.propose(withBreachHours(1 + round % 96), on: n.reference, basedOn: head, by: Negotiators.brand, message: "round \(round)")
            }
        }
        writer.start()
        defer { writing.value = false }
        usleep(200_000)
        let copy = Fixtures.temporaryDirectory().appendingPathComponent("copy.sqlite").path
        try n.store.backup(to: copy)
        writing.value = false
        let restored = try TripactStore(path: copy)
        #expect(try restored.integrityCheck() == "ok")
        #expect(try restored.verifyAudit().problems == [])
        #expect(try restored.agreement(n.reference).head >= 1)
    }
}

/// A flag shared with a thread.
final class Atomic: @unchecked Sendable {
    private let lock = NSLock()
    private var stored: Bool
    init(_ value: Bool) { stored = value }
    var value: Bool {
        get { lock.withLock { stored } }
        set { lock.withLock { stored = newValue } }
    }
}
