import Foundation
import Testing
import TripactCore
import TripactTestSupport

/// A purpose's role and each row of the joint controllers' allocation are negotiation items of their own (issue 16,
/// item 5), with their own hash, state, stance and redline; a document without roles splits exactly as before.
@Suite struct RoleItemTests {
    static func items(_ document: AgreementDocument) -> [ItemKey: AgreementItem] {
        Dictionary(AgreementItems.items(of: document).map { ($0.key, $0) }, uniquingKeysWith: { _, last in last })
    }

    static func changedKeys(_ old: AgreementDocument, _ new: AgreementDocument) -> Set<ItemKey> {
        let before = items(old)
        let after = items(new)
        return Set(before.keys).union(after.keys).filter { before[$0]?.canonical != after[$0]?.canonical }
    }

    @Test func aDocumentWithoutRolesKeepsEveryItemHashEvenWithTheJointClauseSelected() throws {
        var plain = Fixtures.example("full-scenario.json")
        try AgreementItemsTests.check(plain)
        plain.clauses += Fixtures.withAllThreeRoles().clauses.suffix(2)
        try AgreementItemsTests.check(plain)
        #expect(!AgreementItems.items(of: plain).contains { $0.key.kind == "role" || $0.key.kind == "allocation" })
    }

    @Test func aDocumentWithRolesHasARoleItemPerPurposeAndAnItemPerAllocationRow() {
        let document = Fixtures.withAllThreeRoles()
        let keys = AgreementItems.items(of: document).map(\.key)
        #expect(keys.filter { $0.kind == "role" }.map(\.name) == document.processing.purposes.filter { $0.role != nil }.map(\.purpose), "a role item for each purpose with a role")
        #expect(keys.filter { $0.kind == "allocation" }.map(\.name) == JointAllocation.rows.map(\.parameter))
        #expect(Set(keys).count == keys.count)
        let purposes = String(decoding: Self.items(document)["annex2:purposes"]!.canonical, as: UTF8.self)
        #expect(!purposes.contains("\"role\"") && !purposes.contains("\"lawfulBasis\""), "the role is its own item")
    }

    @Test func eachRoleAndEachRowMovesOnlyItsOwnItem() throws {
        let document = Fixtures.withAllThreeRoles()
        var role = document
        role.processing.purposes[5].assign(role: .joint, lawfulBasis: .contract, specialCondition: nil, recipient: nil)
        #expect(Self.changedKeys(document, role) == [ItemKey(rawValue: "role:\(document.processing.purposes[5].purpose)")])
        var basis = document
        basis.processing.purposes[0].lawfulBasis = .legitimateInterests
        #expect(Self.changedKeys(document, basis) == [ItemKey(rawValue: "role:\(document.processing.purposes[0].purpose)")])
        var row = document
        let index = try #require(row.clauses.lastIndex { $0.clause == JointAllocation.clause })
        row.clauses[index].parameters["right-access"] = .string("processor")
        #expect(Self.changedKeys(document, row) == ["allocation:right-access"])
        var essence = document
        essence.clauses[index].parameters["essence"] = .string("We decide together; ask either of us.")
        #expect(Self.changedKeys(document, essence) == ["clause:joint-controllership"])
    }

    @Test func theFirstRoleOfADocumentIsOneChangeFromOnBehalf() throws {
        let old = Fixtures.example("full-scenario.json")
        var new = old
        new.processing.purposes[0].assign(role: .joint, lawfulBasis: .contract, specialCondition: nil, recipient: nil)
        let diff = AgreementDiffer.diff(old, new, library: Fixtures.library, playbook: Playbook.library(Fixtures.library, side: .controller))
        #expect(diff.changes.map(\.key) == [ItemKey(rawValue: "role:\(old.processing.purposes[0].purpose)")], "\(diff.changes.map(\.key))")
        let role = try #require(diff.changes.first?.fields.first { $0.field == "role" })
        #expect(diff.changes.first?.kind == .changed && role.old == PurposeRole.onBehalf.label && role.assessment?.favours == .processor)
    }

    @Test func aRoleChangeIsOneChangeWithItsStanceAgainstTheReadersOwnPlaybook() throws {
        let old = Fixtures.withAllThreeRoles()
        var new = old
        new.processing.purposes[5].assign(role: .independent, lawfulBasis: .legitimateInterests, specialCondition: nil, recipient: .processor)
        let library = Fixtures.library
        let brand = AgreementDiffer.diff(old, new, library: library, playbook: Playbook.library(library, side: .controller))
        #expect(brand.changes.map(\.key) == [ItemKey(rawValue: "role:\(old.processing.purposes[5].purpose)")], "\(brand.changes.map(\.key))")
        let role = try #require(brand.changes.first?.fields.first { $0.field == "role" })
        #expect(role.label == "Who decides the purpose" && role.new == PurposeRole.independent.label)
        #expect(role.assessment?.favours == .processor)
        #expect(role.assessment?.outsideFallback == [.controller], "the brand's fallback is a joint purpose")
        let bpo = AgreementDiffer.diff(old, new, library: library, playbook: Playbook.library(library, side: .processor))
        #expect(bpo.changes.first?.fields.first { $0.field == "role" }?.assessment?.isWithinPlaybook == true)
        let none = AgreementDiffer.diff(old, new, library: library)
        #expect(none.changes.first?.fields.first { $0.field == "role" }?.assessment?.outsideFallback == [], "no playbook, no limits")
    }

    /// Regression: a joint purpose put back on behalf also listed Clauses 1, 3 and the final terms, whose conditional
    /// paragraphs (the joint part's definitions and survival) read differently though nobody changed them.
    @Test func aRoleChangeIsListedOnceAndTheClausesItRewordsOnlyMarkedInTheRedline() throws {
        let old = Fixtures.withAllThreeRoles()
        var new = old
        new.processing.purposes[0].assign(role: .onBehalf, lawfulBasis: nil, specialCondition: nil, recipient: nil)
        let diff = AgreementDiffer.diff(old, new, library: Fixtures.library, playbook: Playbook.library(Fixtures.library, side: .processor))
        #expect(diff.changes.map(\.key) == [ItemKey(rawValue: "role:\(old.processing.purposes[0].purpose)")], "\(diff.changes.map(\.key))")
        let interpretation = try #require(diff.redline.first { $0.key == "clause:interpretation" })
        #expect(interpretation.tokens.contains { $0.change != .same }, "the definitions' words stay marked in the whole-document redline")
        for index in old.processing.purposes.indices {
            for role in PurposeRole.allCases where role != old.processing.purposes[index].effectiveRole {
                var changed = old
                changed.processing.purposes[index].assign(role: role, lawfulBasis: .legitimateInterests, specialCondition: .explicitConsent, recipient: .processor)
                let clauses = AgreementDiffer.diff(old, changed, library: Fixtures.library).changes.filter { $0.key.kind == "clause" }
                #expect(clauses.allSatisfy { ["clause:joint-controllership", "clause:data-sharing"].contains($0.key) }, "purpose \(index) → \(role): \(clauses.map(\.key))")
            }
        }
    }

    @Test func anAllocationRowChangeIsOneChangeWithTheParameterStance() throws {
        let old = Fixtures.withAllThreeRoles()
        var new = old
        let index = try #require(new.clauses.lastIndex { $0.clause == JointAllocation.clause })
        new.clauses[index].parameters["right-access"] = .string("processor")
        let library = Fixtures.library
        let diff = AgreementDiffer.diff(old, new, library: library, playbook: Playbook.library(library, side: .controller))
        #expect(diff.changes.map(\.key) == ["allocation:right-access"], "\(diff.changes.map(\.key))")
        let field = try #require(diff.changes.first?.fields.first)
        #expect(field.old == "the Controller" && field.new == "the Processor")
        #expect(field.assessment?.isWithinPlaybook == true, "the brand's walk-away allows the Processor to answer access requests")
        let labels = ItemLabels(document: new, library: library)
        #expect(labels.label("allocation:right-access").hasSuffix("allocation: Requests for access (Art. 15)"))
        #expect(labels.label(ItemKey(rawValue: "role:\(new.processing.purposes[0].purpose)")) == "Annex II — who decides “\(library.purpose(new.processing.purposes[0].purpose)!.label)”")
    }
}
