import Foundation
import Testing
import TripactCore
import TripactStore
import TripactTestSupport

@Suite struct UserAdministrationTests {
    static let admin = "admin@lumen.example"

    func negotiators() throws -> Negotiators {
        let n = try Negotiators()
        try n.store.addUser(email: Self.admin, name: "Ada Admin", organisation: Negotiators.controller, role: .admin, passwordHash: "hash")
        return n
    }

    @Test func anAdminChangesARoleAndItAppliesToOpenSessions() throws {
        let n = try negotiators()
        let (token, _) = try n.store.createSession(for: Negotiators.brand, lifetime: 3_600)
        let changed = try n.store.changeRole(of: Negotiators.brand, to: .viewer, by: Self.admin)
        #expect(changed.role == .viewer)
        #expect(try n.store.session(token: token)?.user.role == .viewer)
        #expect(try n.store.auditEvents().last?.action == "user.role")
    }

    @Test func aRemovedUserCannotLogInLosesTheirSessionsAndKeepsTheirNameOnWhatTheyDid() throws {
        let n = try negotiators()
        try n.importExample()
        try n.store.accept(nil, on: n.reference, by: Negotiators.brand, expectedHead: 1)
        try n.store.comment(on: n.reference, item: nil, body: "Fine by us", by: Negotiators.brand)
        try n.store.propose(withBreachHours(24), on: n.reference, basedOn: 1, by: Negotiators.brand, message: "24 hours")
        let (token, _) = try n.store.createSession(for: Negotiators.brand, lifetime: 3_600)
        try n.store.removeUser(Negotiators.brand, by: Self.admin)
        #expect(try n.store.session(token: token) == nil, "the session ends at once")
        #expect(try n.store.passwordHash(email: Negotiators.brand) == nil)
        #expect(throws: StoreError.unknownUser(Negotiators.brand)) { try n.store.createSession(for: Negotiators.brand, lifetime: 3_600) }
        #expect(throws: StoreError.unknownUser(Negotiators.brand)) { try n.store.accept(nil, on: n.reference, by: Negotiators.brand) }
        #expect(try n.store.log(n.reference).first?.author == Negotiators.brand)
        #expect(try n.store.comments(n.reference, visibleTo: n.store.user(email: Negotiators.bpo).organisationID).first?.authorName == "Jeanne Roux")
        #expect(try !n.store.users(in: Negotiators.controller).contains { $0.email == Negotiators.brand })
        #expect(try n.store.removedUsers(in: Negotiators.controller).map(\.email) == [Negotiators.brand])
        #expect(throws: StoreError.duplicate("user '\(Negotiators.brand)'")) {
            try n.store.addUser(email: Negotiators.brand, name: "Again", organisation: Negotiators.controller, role: .legal)
        }
    }

    @Test func theLastAdminCannotBeRemovedOrDemoted() throws {
        let n = try negotiators()
        #expect(throws: StoreError.notPermitted("'admin@lumen.example' is the organisation's last admin; make another user admin before you remove 'admin@lumen.example'")) { try n.store.removeUser(Self.admin, by: Self.admin) }
        #expect(throws: StoreError.notPermitted("'admin@lumen.example' is the organisation's last admin; make another user admin before you make 'admin@lumen.example' legal")) { try n.store.changeRole(of: Self.admin, to: .legal, by: Self.admin) }
        #expect(try n.store.user(email: Self.admin).role == .admin)
        // With a second admin, the first may step down.
        try n.store.changeRole(of: Negotiators.brand, to: .admin, by: Self.admin)
        try n.store.changeRole(of: Self.admin, to: .legal, by: Self.admin)
        #expect(try n.store.user(email: Self.admin).role == .legal)
        #expect(throws: StoreError.notPermitted("'jeanne@lumen.example' is the organisation's last admin; make another user admin before you remove 'jeanne@lumen.example'")) { try n.store.removeUser(Negotiators.brand, by: Negotiators.brand) }
    }

    @Test func anAdminActsOnlyInTheirOwnOrganisationAndOnlyAdminsAct() throws {
        let n = try negotiators()
        #expect(throws: StoreError.unknownUser(Negotiators.bpo)) { try n.store.removeUser(Negotiators.bpo, by: Self.admin) }
        #expect(throws: StoreError.unknownUser(Negotiators.bpo)) { try n.store.changeRole(of: Negotiators.bpo, to: .viewer, by: Self.admin) }
        #expect(throws: StoreError.notPermitted("'jeanne@lumen.example' is legal; only admins manage users")) { try n.store.changeRole(of: Self.admin, to: .viewer, by: Negotiators.brand) }
        #expect(try n.store.user(email: Negotiators.bpo).role == .legal)
        #expect(try n.store.user(email: Self.admin).role == .admin)
    }
}
