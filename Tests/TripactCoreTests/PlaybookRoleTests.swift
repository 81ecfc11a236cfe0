import Foundation
import Testing
import TripactCore
import TripactTestSupport

/// An organisation's own positions on who decides a purpose, kept in its private playbook (`tripact-playbook/1`) and
/// used by the diff's stance for a role change (issue 16, what is left, item 2).
@Suite struct PlaybookRoleTests {
    static let library = Fixtures.library

    /// A brand that accepts nothing but processing on its behalf.
    static func strictBrand() throws -> Playbook {
        try PlaybookEdit.settingRoles(Playbook.library(library, side: .controller), .init(preferred: "on-behalf", fallback: "on-behalf", walkAway: "on-behalf"))
    }

    @Test func rolePositionsRoundTripThroughTheFileAndOnlyAChangeIsStored() throws {
        let library = Self.library
        let defaults = Playbook.library(library, side: .controller)
        let exported = String(decoding: PlaybookCodec.prettyJSON(defaults), as: UTF8.self)
        #expect(exported.contains("\"roles\""), "the export shows the roles positions like every other")
        #expect(try PlaybookCodec.decode(Data(exported.utf8), library: library) == defaults)
        #expect(defaults.differences(from: defaults).isEmpty)

        let strict = try Self.strictBrand()
        #expect(strict.rolePositions == PlaybookPositions(preferred: .onBehalf, fallback: .onBehalf, walkAway: .onBehalf))
        let changes = strict.differences(from: defaults)
        #expect(changes.count == 1 && changes.roles == strict.rolePositions)
        let stored = String(decoding: PlaybookCodec.canonicalJSON(changes), as: UTF8.self)
        #expect(stored.contains("\"roles\":{\"fallback\":\"on-behalf\",\"preferred\":\"on-behalf\",\"walkAway\":\"on-behalf\"}"), "\(stored)")
        let reread = try #require(PlaybookCodec.decodeStored(Data(stored.utf8), library: library))
        #expect(defaults.overlaid(with: reread) == strict)

        let old = #"{"format": "tripact-playbook/1", "side": "processor", "clauses": {}}"#
        #expect(try PlaybookCodec.decode(Data(old.utf8), library: library).rolePositions == Playbook.defaultRolePositions(.processor), "a file without roles keeps the defaults")
    }

    @Test func aRoleThatIsNoRoleIsRefusedNamingItsPlace() throws {
        let file = #"{"format": "tripact-playbook/1", "side": "controller", "roles": {"preferred": "on-behalf", "fallback": "joint", "walkAway": "partner"}, "clauses": {}}"#
        let refused = #expect(throws: DocumentError.self) { try PlaybookCodec.decode(Data(file.utf8), library: Self.library) }
        #expect(refused?.description.contains("roles") == true, "\(refused?.description ?? "")")
        let extra = #"{"format": "tripact-playbook/1", "side": "controller", "roles": {"preferred": "on-behalf", "fallback": "joint", "walkAway": "joint", "always": "joint"}, "clauses": {}}"#
        #expect(throws: DocumentError.self) { try PlaybookCodec.decode(Data(extra.utf8), library: Self.library) }
        let typed = #expect(throws: PlaybookEditError.self) {
            try PlaybookEdit.settingRoles(Playbook.library(Self.library, side: .controller), .init(fallback: "partner", walkAway: "joint\u{7}"))
        }
        #expect(typed?.problems.map(\.field) == ["fallback", "walk-away"])
        #expect(typed?.problems.first?.message.contains("'partner' is not a role of a purpose") == true)
    }

    @Test func theDiffJudgesARoleChangeAgainstTheOrganisationsOwnRolePositions() throws {
        let old = Fixtures.example("full-scenario.json")
        var new = old
        new.processing.purposes[0].assign(role: .joint, lawfulBasis: .contract, specialCondition: nil, recipient: nil)
        func role(_ playbook: Playbook) throws -> StanceAssessment {
            let diff = AgreementDiffer.diff(old, new, library: Self.library, playbook: playbook)
            return try #require(diff.changes.first?.fields.first { $0.field == "role" }?.assessment)
        }
        let usual = try role(Playbook.library(Self.library, side: .controller))
        #expect(usual.outsideFallback.isEmpty && usual.beyondWalkAway.isEmpty, "joint is the library brand's fallback")
        let strict = try role(try Self.strictBrand())
        #expect(strict.outsideFallback == [.controller] && strict.beyondWalkAway == [.controller])
    }
}
