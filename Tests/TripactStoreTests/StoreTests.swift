import Foundation
import Testing
import TripactCore
import TripactStore
import TripactTestSupport

/// A store in a fresh temporary file with the two parties and a legal user on each side.
struct Negotiators {
    let store: TripactStore
    let path: String
    static let controller = "Lumen Télécom SA"
    static let processor = "Atlantis Relation Client SAS"
    static let brand = "jeanne@lumen.example"
    static let bpo = "paul@atlantis.example"
    /// The signatories the full example names in Annex I; only they sign.
    static let brandSignatory = "sophie.laurent@lumen.example"
    static let bpoSignatory = "thomas.guerin@atlantis.example"

    init() throws {
        path = Fixtures.temporaryDirectory().appendingPathComponent("tripact.sqlite").path
        store = try TripactStore(path: path)
        try store.addOrganisation(name: Self.controller)
        try store.addOrganisation(name: Self.processor)
        try store.addUser(email: Self.brand, name: "Jeanne Roux", organisation: Self.controller, role: .legal)
        try store.addUser(email: Self.bpo, name: "Paul Martin", organisation: Self.processor, role: .legal)
        try store.addUser(email: Self.brandSignatory, name: "Sophie Laurent", organisation: Self.controller, role: .legal)
        try store.addUser(email: Self.bpoSignatory, name: "Thomas Guérin", organisation: Self.processor, role: .admin)
    }

    var reference: String { Fixtures.example("full-scenario.json").id }

    @discardableResult
    func importExample() throws -> Version {
        try store.importAgreement(Fixtures.example("full-scenario.json"), controller: Self.controller, processor: Self.processor, by: Self.bpo)
    }
}

/// Edits of the full example used across the tests.
func withBreachHours(_ hours: Int, _ document: AgreementDocument = Fixtures.example("full-scenario.json")) -> AgreementDocument {
    var document = document
    Fixtures.set("breach-notification", "hours", .integer(hours), in: &document)
    return document
}

@Suite struct StoreTests {
    @Test func migrationsRunOnAnEmptyFileAndAgainOnAMigratedOne() throws {
        let negotiators = try Negotiators()
        try negotiators.importExample()
        let version = try negotiators.store.schemaVersion()
        #expect(version >= 1)
        let reopened = try TripactStore(path: negotiators.path)
        #expect(try reopened.schemaVersion() == version)
        #expect(try reopened.agreements().map(\.reference) == [negotiators.reference])
        #expect(try reopened.integrityCheck() == "ok")
    }

    @Test func aVersionRoundTripsWithItsHashAndItems() throws {
        let negotiators = try Negotiators()
        let imported = try negotiators.importExample()
        let stored = try negotiators.store.version(negotiators.reference, number: 1)
        #expect(stored.document == Fixtures.example("full-scenario.json"))
        #expect(stored.contentHash == DocumentCodec.contentHash(stored.document))
        #expect(stored.contentHash == imported.contentHash)
        #expect(stored.party == .processor && stored.author == Negotiators.bpo)
        let states = try negotiators.store.itemStates(negotiators.reference)
        #expect(states.map(\.key) == AgreementItems.items(of: stored.document).map(\.key))
        #expect(states.allSatisfy { $0.acceptedBy == [.processor] })
    }

    @Test func twoProposalsOnTheSameBaseCreateExactlyOneVersion() throws {
        let negotiators = try Negotiators()
        try negotiators.importExample()
        let first = try negotiators.store.propose(withBreachHours(24), on: negotiators.reference, basedOn: 1, by: Negotiators.brand, message: "24 hours")
        #expect(first.number == 2)
        #expect(throws: StoreError.staleBase(agreement: negotiators.reference, base: 1, head: 2)) {
            try negotiators.store.propose(withBreachHours(30), on: negotiators.reference, basedOn: 1, by: Negotiators.bpo, message: "30 hours")
        }
        #expect(try negotiators.store.log(negotiators.reference).map(\.number) == [2, 1])
        #expect(try negotiators.store.version(negotiators.reference).document == withBreachHours(24))
    }

    @Test func unknownNamesAreRefusedByName() throws {
        let negotiators = try Negotiators()
        try negotiators.importExample()
        #expect(throws: StoreError.unknownAgreement("nope")) { try negotiators.store.log("nope") }
        #expect(throws: StoreError.unknownVersion(agreement: negotiators.reference, version: 9)) { try negotiators.store.version(negotiators.reference, number: 9) }
        #expect(throws: StoreError.unknownUser("ghost@example")) { try negotiators.store.accept(nil, on: negotiators.reference, by: "ghost@example") }
        #expect(throws: StoreError.unknownItem(agreement: negotiators.reference, item: "clause:nope")) {
            try negotiators.store.accept(["clause:nope"], on: negotiators.reference, by: Negotiators.brand)
        }
        #expect(throws: StoreError.unknownOrganisation("Nobody")) { try negotiators.store.addUser(email: "a@b.c", name: "A", organisation: "Nobody", role: .viewer) }
        // A refused accept wrote nothing: the controller still has accepted nothing.
        #expect(try negotiators.store.itemStates(negotiators.reference).allSatisfy { !$0.acceptedBy.contains(.controller) })
    }

    @Test func aThirdOrganisationIsNotAParty() throws {
        let negotiators = try Negotiators()
        try negotiators.importExample()
        try negotiators.store.addOrganisation(name: "Other Brand")
        try negotiators.store.addUser(email: "eve@other.example", name: "Eve", organisation: "Other Brand", role: .legal)
        #expect(throws: StoreError.notAParty(user: "eve@other.example", agreement: negotiators.reference)) {
            try negotiators.store.propose(withBreachHours(24), on: negotiators.reference, basedOn: 1, by: "eve@other.example", message: "x")
        }
    }

    @Test func concurrentWritersFromManyTasksLoseNothing() async throws {
        let negotiators = try Negotiators()
        try negotiators.importExample()
        let path = negotiators.path
        let reference = negotiators.reference
        let acknowledged = try await withThrowingTaskGroup(of: Int.self) { group in
            for writer in 0..<6 {
                group.addTask {
                    let store = try TripactStore(path: path)
                    var acks = 0
                    for attempt in 0..<8 {
                        let head = try store.agreement(reference).head
                        let author = writer % 2 == 0 ? Negotiators.brand : Negotiators.bpo
                        do {
                            try store.propose(withBreachHours(1 + (writer * 8 + attempt) % 95), on: reference, basedOn: head, by: author, message: "w\(writer) a\(attempt)")
                            acks += 1
                        } catch StoreError.staleBase {
                        } catch StoreError.invalid {
                        }
                        try store.accept(nil, on: reference, by: author)
                    }
                    return acks
                }
            }
            return try await group.reduce(0, +)
        }
        let log = try negotiators.store.log(reference)
        #expect(log.count == acknowledged + 1)
        #expect(log.map(\.number) == Array((1...(acknowledged + 1)).reversed()))
        #expect(try negotiators.store.integrityCheck() == "ok")
        #expect(try negotiators.store.verifyAudit().isIntact)
    }

    @Test func backupCopiesEverything() throws {
        let negotiators = try Negotiators()
        try negotiators.importExample()
        try negotiators.store.propose(withBreachHours(24), on: negotiators.reference, basedOn: 1, by: Negotiators.brand, message: "24 hours")
        let copyPath = Fixtures.temporaryDirectory().appendingPathComponent("backup.sqlite").path
        try negotiators.store.backup(to: copyPath)
        let copy = try TripactStore(path: copyPath)
        #expect(try copy.log(negotiators.reference).count == 2)
        #expect(try copy.verifyAudit().isIntact)
        #expect(try copy.integrityCheck() == "ok")
    }
}
