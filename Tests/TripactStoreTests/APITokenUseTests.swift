import Foundation
import Synchronization
import Testing
import TripactCore
import TripactStore
import TripactTestSupport

/// The last-used time of an API token is kept to the minute: written at the first use, then at most once a minute,
/// whether the previous write was this process's or an earlier one's.
@Suite struct APITokenUseTests {
    final class Clock: Sendable { let now = Mutex(Date(timeIntervalSince1970: 1_790_000_000)) }

    static func open(_ path: String, _ clock: Clock) throws -> TripactStore {
        try TripactStore(path: path, clock: StoreClock { clock.now.withLock { $0 } })
    }

    @Test func theLastUseIsWrittenAtMostOnceAMinuteAcrossRestarts() throws {
        let path = Fixtures.temporaryDirectory().appendingPathComponent("tokens.sqlite").path
        let clock = Clock()
        let store = try Self.open(path, clock)
        try store.addOrganisation(name: "Lumen Télécom SA")
        try store.addUser(email: "ada@lumen.example", name: "Ada", organisation: "Lumen Télécom SA", role: .legal)
        let (token, _) = try store.createAPIToken(for: "ada@lumen.example", name: "laptop", scope: .read, days: 30, actor: "test")
        func lastUsed(_ store: TripactStore) throws -> String? { try store.apiTokens(userID: store.user(email: "ada@lumen.example").id).first?.lastUsedAt }
        func use(_ store: TripactStore, after seconds: TimeInterval) throws {
            clock.now.withLock { $0 = $0.addingTimeInterval(seconds) }
            guard case .success = try store.authenticateAPIToken(token) else { Issue.record("the token was refused"); return }
        }

        #expect(try lastUsed(store) == nil)
        try use(store, after: 0)
        let first = try #require(try lastUsed(store))
        try use(store, after: 30)
        #expect(try lastUsed(store) == first, "within the minute nothing is written")
        try use(store, after: 31)
        let second = try #require(try lastUsed(store))
        #expect(second != first, "a minute after the last write it is written again")

        // A new process (a restarted server) knows the stored stamp only.
        let restarted = try Self.open(path, clock)
        try use(restarted, after: 20)
        #expect(try lastUsed(restarted) == second, "20 s after the stored stamp: not yet")
        try use(restarted, after: 45)
        #expect(try lastUsed(restarted) != second)
    }
}
