import Foundation
import Synchronization
import Testing
import TripactCore
import TripactStore
import TripactTestSupport

/// A store on a fresh file with a clock the test moves.
private struct EmptyStore {
    let store: TripactStore
    let path: String

    init() throws {
        path = Fixtures.temporaryDirectory().appendingPathComponent("empty.sqlite").path
        let box = Box()
        store = try TripactStore(path: path, clock: StoreClock { box.now.withLock { $0 } })
        clock = box
    }

    final class Box: Sendable { let now = Mutex(Date(timeIntervalSince1970: 1_790_000_000)) }
    let clock: Box
    func advance(_ seconds: TimeInterval) { clock.now.withLock { $0 = $0.addingTimeInterval(seconds) } }

    func userCount() throws -> String { try SQLiteShell.query(path, "SELECT count(*) FROM users") }
}

@Suite struct OneTimeLinkTests {
    static let day: TimeInterval = 24 * 3_600

    @Test func theSetupLinkCreatesTheFirstOrganisationAndItsAdminOnce() throws {
        let empty = try EmptyStore()
        let token = try #require(try empty.store.issueSetupLink(lifetime: Self.day))
        #expect(token.count == 64 && token.allSatisfy(\.isHexDigit), "256 random bits")
        #expect(try empty.store.oneTimeLink(token: token, purpose: .setup).purpose == .setup)
        let admin = try empty.store.completeSetup(token: token, organisation: "Lumen Télécom SA", email: "ada@lumen.example", name: "Ada Admin", passwordHash: "$2b$hash")
        #expect(admin.role == .admin)
        #expect(try empty.store.users(in: "Lumen Télécom SA").map(\.email) == ["ada@lumen.example"])
        #expect(try empty.store.passwordHash(email: "ada@lumen.example") == "$2b$hash")
        #expect(throws: StoreError.unusableLink(.used)) {
            try empty.store.completeSetup(token: token, organisation: "Evil SA", email: "eve@evil.example", name: "Eve", passwordHash: "x")
        }
        #expect(try empty.userCount() == "1")
        #expect(try empty.store.issueSetupLink(lifetime: Self.day) == nil, "once a user exists there is no setup link")
        let actions = try empty.store.auditEvents().map(\.action)
        #expect(actions == ["setup.link", "org.add", "user.add", "setup.complete"])
        #expect(try empty.store.verifyAudit().isIntact)
    }

    @Test func onlyTheTokensHashIsStored() throws {
        let empty = try EmptyStore()
        let token = try #require(try empty.store.issueSetupLink(lifetime: Self.day))
        let stored = try SQLiteShell.query(empty.path, "SELECT token_hash FROM one_time_links")
        #expect(stored == DocumentCodec.sha256Hex(Data(token.utf8)))
        #expect(try SQLiteShell.query(empty.path, "SELECT count(*) FROM one_time_links WHERE token_hash = '\(token)'") == "0")
        #expect(try !empty.store.auditEvents().contains { $0.detail.contains(token) })
    }

    @Test func anExpiredWrongOrReplacedSetupLinkCreatesNoAccount() throws {
        let empty = try EmptyStore()
        let old = try #require(try empty.store.issueSetupLink(lifetime: Self.day))
        let token = try #require(try empty.store.issueSetupLink(lifetime: Self.day))
        let setUp = { (token: String) throws in
            try empty.store.completeSetup(token: token, organisation: "Lumen", email: "ada@lumen.example", name: "Ada", passwordHash: "x")
        }
        #expect(throws: StoreError.unusableLink(.expired), "a restart's new link replaces the old one") { try setUp(old) }
        #expect(throws: StoreError.unusableLink(.unknown)) { try setUp(String(repeating: "a", count: 64)) }
        #expect(throws: StoreError.unusableLink(.unknown)) { try setUp("not-a-token") }
        #expect(throws: StoreError.unusableLink(.unknown), "an invitation's purpose does not open setup") {
            try empty.store.acceptInvitation(token: token, name: "Ada", passwordHash: "x")
        }
        empty.advance(Self.day + 1)
        #expect(throws: StoreError.unusableLink(.expired)) { try setUp(token) }
        #expect(try empty.userCount() == "0")
        #expect(try empty.store.organisations().isEmpty)
    }

    @Test func aSetupLinkStopsWorkingOnceAUserExistsAnotherWay() throws {
        let empty = try EmptyStore()
        let token = try #require(try empty.store.issueSetupLink(lifetime: Self.day))
        try empty.store.addOrganisation(name: "Lumen")
        try empty.store.addUser(email: "cli@lumen.example", name: "Cli", organisation: "Lumen", role: .legal)
        #expect(throws: StoreError.unusableLink(.setupDone)) { try empty.store.oneTimeLink(token: token, purpose: .setup) }
        #expect(throws: StoreError.unusableLink(.setupDone)) {
            try empty.store.completeSetup(token: token, organisation: "Lumen", email: "ada@lumen.example", name: "Ada", passwordHash: "x")
        }
        #expect(try empty.userCount() == "1")
    }

    @Test func anInvitationCreatesTheOrganisationAndMakesTheInviteeItsUserOnce() throws {
        let n = try Negotiators()
        try n.store.addUser(email: "admin@lumen.example", name: "Ada Admin", organisation: Negotiators.controller, role: .admin)
        let (token, link) = try n.store.invite(email: "lea@nova.example", into: "Nova BPO SAS", role: .admin, by: "admin@lumen.example", lifetime: 7 * Self.day)
        #expect(link.organisation == "Nova BPO SAS" && link.invitedBy == "Ada Admin")
        #expect(try n.store.organisations().contains { $0.name == "Nova BPO SAS" })
        #expect(try n.store.invitations(sentBy: "admin@lumen.example").map(\.state) == [.pending])
        #expect(try n.store.invitations(sentBy: Negotiators.bpo).isEmpty, "another organisation does not see them")
        let user = try n.store.acceptInvitation(token: token, name: "Léa Nova", passwordHash: "$2b$x")
        #expect(user.email == "lea@nova.example" && user.role == .admin && user.name == "Léa Nova")
        #expect(try n.store.users(in: "Nova BPO SAS").map(\.email) == ["lea@nova.example"])
        #expect(throws: StoreError.unusableLink(.used)) { try n.store.acceptInvitation(token: token, name: "Twice", passwordHash: "x") }
        #expect(try n.store.invitations(sentBy: "admin@lumen.example").map(\.state) == [.accepted])
        #expect(try n.store.auditEvents().suffix(2).map(\.action) == ["user.add", "invitation.accept"])
    }

    @Test func anExpiredInvitationCreatesNoAccount() throws {
        let n = try Negotiators()
        let clock = EmptyStore.Box()
        let store = try TripactStore(path: n.path, clock: StoreClock { clock.now.withLock { $0 } })
        try store.addUser(email: "admin@lumen.example", name: "Ada Admin", organisation: Negotiators.controller, role: .admin)
        let (token, _) = try store.invite(email: "lea@nova.example", into: "Nova BPO SAS", role: .legal, by: "admin@lumen.example", lifetime: Self.day)
        clock.now.withLock { $0 = $0.addingTimeInterval(Self.day + 1) }
        #expect(throws: StoreError.unusableLink(.expired)) { try store.oneTimeLink(token: token, purpose: .invitation) }
        #expect(throws: StoreError.unusableLink(.expired)) { try store.acceptInvitation(token: token, name: "Léa", passwordHash: "x") }
        #expect(try store.users(in: "Nova BPO SAS").isEmpty)
        #expect(try store.invitations(sentBy: "admin@lumen.example").map(\.state) == [.expired])
    }

    @Test func onlyAnAdminInvitesAndNeverIntoAnOrganisationThatHasUsersOrOtherPartners() throws {
        let n = try Negotiators()
        try n.store.addUser(email: "admin@lumen.example", name: "Ada Admin", organisation: Negotiators.controller, role: .admin)
        #expect(throws: StoreError.notPermitted("'jeanne@lumen.example' is legal; only admins invite")) { try n.store.invite(email: "x@nova.example", into: "Nova", role: .legal, by: Negotiators.brand, lifetime: Self.day) }
        let intoUsers = #expect(throws: StoreError.self) {
            try n.store.invite(email: "me@evil.example", into: Negotiators.processor, role: .admin, by: "admin@lumen.example", lifetime: Self.day)
        }
        #expect(intoUsers?.description.contains("its admins add their colleagues themselves") == true)
        // An account in another organisation is not named to the inviting admin: the invitation is made, and refused
        // when it is accepted. An account in the admin's own organisation is theirs to know.
        let elsewhere = try n.store.invite(email: Negotiators.bpo, into: "Nova", role: .legal, by: "admin@lumen.example", lifetime: Self.day)
        let refused = #expect(throws: StoreError.self) { try n.store.acceptInvitation(token: elsewhere.token, name: "Paul", passwordHash: "x") }
        #expect(refused?.description.contains("already has a Tripact account") == true)
        #expect(try n.store.user(email: Negotiators.bpo).organisationID == n.store.organisation(named: Negotiators.processor).id)
        let colleague = #expect(throws: StoreError.self) {
            try n.store.invite(email: Negotiators.brand, into: Negotiators.controller, role: .legal, by: "admin@lumen.example", lifetime: Self.day)
        }
        #expect(colleague?.description.contains("already has an account in your organisation") == true)
        // An organisation without users that negotiates with someone else cannot be entered by invitation either.
        try n.store.addOrganisation(name: "Empty SA")
        try n.store.importAgreement(Fixtures.example("full-scenario.json"), controller: "Empty SA", processor: Negotiators.processor, by: Negotiators.bpo)
        #expect(throws: StoreError.invalidFields([FieldProblem(field: "organisation", message: "'Empty SA' already has its own users or negotiates with others; its admins add their colleagues themselves")])) { try n.store.invite(email: "me@evil.example", into: "Empty SA", role: .admin, by: "admin@lumen.example", lifetime: Self.day) }
        try n.store.addOrganisation(name: "Fresh SA")
        #expect(try n.store.invite(email: "new@fresh.example", into: "Fresh SA", role: .admin, by: "admin@lumen.example", lifetime: Self.day).link.organisation == "Fresh SA")
    }

    @Test func settingAPasswordEndsTheUsersSessionsAndIsAudited() throws {
        let n = try Negotiators()
        let (token, _) = try n.store.createSession(for: Negotiators.brand, lifetime: 3_600)
        try n.store.setPassword(of: Negotiators.brand, passwordHash: "$2b$new")
        #expect(try n.store.passwordHash(email: Negotiators.brand) == "$2b$new")
        #expect(try n.store.session(token: token) == nil)
        #expect(try n.store.auditEvents().last?.action == "user.password")
        #expect(throws: StoreError.unknownUser("ghost@nowhere.example")) { try n.store.setPassword(of: "ghost@nowhere.example", passwordHash: "x") }
    }
}
