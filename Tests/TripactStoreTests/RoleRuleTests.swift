import Foundation
import Testing
import TripactCore
import TripactStore
import TripactTestSupport

/// Every rule of who may do what, tested on the store itself: each refusal is exact and leaves the audit chain where
/// it was. The web and the CLI only pass these refusals on.
@Suite struct RoleRuleTests {
    /// The register world with a user of every role on the controller's (Lumen) and the processor's (Atlantis) side.
    static func world() throws -> RegisterWorld {
        let world = try RegisterWorld()
        // Lumen's viewer is the register world's own.
        for role in Role.allCases where role != .legal {
            try world.store.addUser(email: "\(role.rawValue)@atlantis.example", name: role.rawValue, organisation: "Atlantis", role: role)
            if role != .viewer { try world.store.addUser(email: "\(role.rawValue)@lumen.example", name: role.rawValue, organisation: "Lumen", role: role) }
        }
        return world
    }

    enum Action: String, CaseIterable {
        case importAgreement, propose, accept, reject, sign, comment, object, approve, resolve, registerChange, evidence, publish, changeRole
    }

    /// Which roles may do it, and the refusal for the others ("" is replaced by the user's address and role).
    static func rule(_ action: Action) -> (allowed: Set<Role>, refusal: String) {
        switch action {
        case .importAgreement: ([.admin, .legal], "only admin and legal users create agreements")
        case .propose: ([.admin, .legal], "only admin and legal users propose versions")
        case .accept: ([.admin, .legal], "only admin and legal users accept items")
        case .reject: ([.admin, .legal], "only admin and legal users reject items")
        case .sign: ([.admin, .legal], "only admin and legal users sign")
        case .comment: ([.admin, .legal, .accountManager], "viewers read, they do not comment")
        case .object: ([.admin, .legal], "only admin and legal users object to subprocessor changes")
        case .approve: ([.admin, .legal], "only admin and legal users approve subprocessors")
        case .resolve: ([.admin, .legal], "only admin and legal users resolve objections")
        case .registerChange: ([.admin, .legal], "only admin and legal users change the subprocessor register")
        case .evidence: ([.admin, .legal], "only admin and legal users keep the measure register")
        case .publish: ([.admin], "only admins publish the subprocessor list")
        case .changeRole: ([.admin], "only admins manage users")
        }
    }

    static func perform(_ action: Action, as email: String, in world: RegisterWorld, notice: Int) throws(StoreError) {
        let store = world.store
        let library = world.library
        switch action {
        case .importAgreement:
            var document = Fixtures.document()
            document.id = "new-\(UUID().uuidString.prefix(8).lowercased())"
            try store.importAgreement(document, controller: "Lumen", processor: "Atlantis", by: email)
        case .propose:
            try store.propose(withBreachHours(30, try store.version("lumen-dpa").document), on: "lumen-dpa", basedOn: try store.agreement("lumen-dpa").head, by: email, message: "30")
        case .accept: try store.accept(nil, on: "lumen-dpa", by: email)
        case .reject: try store.reject("clause:breach-notification", on: "lumen-dpa", reason: "no", by: email, expectedHead: try store.agreement("lumen-dpa").head)
        case .sign: try store.sign("lumen-dpa", by: email, library: library)
        case .comment: try store.comment(on: "lumen-dpa", item: nil, body: "a remark", by: email)
        case .object: try store.object(to: notice, reason: "no", by: email)
        case .approve: try store.approve(notice, by: email, library: library)
        case .resolve: try store.resolve(notice, as: .withdrawn, note: "withdrawn", by: email)
        case .registerChange:
            try store.proposeRegisterChange(.addition, entry: Fixtures.registerRecord("x-\(UUID().uuidString.prefix(6).lowercased())", name: "X", services: ["hosting"]), replacing: nil, plannedStart: nil, message: "x", by: email, library: library)
        case .evidence:
            try store.saveEvidence(MeasureEvidence(id: "e", measure: "isms-governance", kind: .report, title: "t", issuer: "i", issued: store.today(), expires: nil, reference: "r"), by: email)
        case .publish: try store.publishRegister(slug: "atlantis", by: email)
        case .changeRole: try store.changeRole(of: email, to: .viewer, by: email)
        }
    }

    static var cases: [(Action, Role)] { Action.allCases.flatMap { action in Role.allCases.filter { !rule(action).allowed.contains($0) }.map { (action, $0) } } }

    @Test(arguments: cases)
    func aRoleThatMayNotActIsRefusedExactlyAndNothingChanges(action: Action, role: Role) throws {
        let world = try Self.world()
        let notice = try #require(try world.replaceTelephony().first { $0.agreement == "lumen-dpa" }).id
        // The registers, their list and resolving an objection are the processor's; the rest is tried on the controller's side.
        let side = [.resolve, .registerChange, .evidence, .publish, .changeRole].contains(action) ? "atlantis" : "lumen"
        let email = role == .legal ? (side == "lumen" ? RegisterWorld.brandA : RegisterWorld.bpo) : "\(role.rawValue)@\(side).example"
        let before = try world.store.changeGeneration()
        let expected = StoreError.notPermitted("'\(email)' is \(role.rawValue); \(Self.rule(action).refusal)")
        #expect(throws: expected) { try Self.perform(action, as: email, in: world, notice: notice) }
        #expect(try world.store.changeGeneration() == before, "a refusal writes nothing")
    }

    @Test func signingIsTheSignersAndOnlyAdminOrLegalUsersSign() throws {
        let world = try Self.world()
        try world.store.accept(nil, on: "nova-dpa", by: RegisterWorld.brandC)
        #expect(throws: StoreError.notPermitted("'account-manager@atlantis.example' is account-manager; only admin and legal users sign")) {
            try world.store.sign("nova-dpa", by: "account-manager@atlantis.example", library: world.library)
        }
        #expect(try world.store.signatures("nova-dpa", version: 1).isEmpty)
        // An admin of the side is not its signatory: Annex I names the processor's legal user.
        #expect(
            throws: StoreError.notPermitted(
                "only Jeanne Roux (paul@atlantis.example), whom Annex I names as the processor's signatory, signs for the processor; 'admin@atlantis.example' cannot sign in their place"
            )
        ) { try world.store.sign("nova-dpa", by: "admin@atlantis.example", library: world.library) }
        #expect(try world.store.signatures("nova-dpa", version: 1).isEmpty)
        #expect(try world.store.sign("nova-dpa", by: RegisterWorld.bpo, library: world.library) == .agreed)
    }
}
