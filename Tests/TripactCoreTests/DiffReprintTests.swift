import Foundation
import Testing
@testable import TripactCore
import TripactTestSupport

/// A diff prints again only the clauses whose words can have moved (`SurroundingChanges`): a clause with a paragraph on
/// a condition that flipped, quoting a field that changed or referring to a clause that was removed. Either way the
/// redline is word for word what printing every item of both versions gives.
@Suite struct DiffReprintTests {
    let base = Fixtures.example("full-scenario.json")
    let library = Fixtures.library

    func clauseText(_ id: ClauseID, in document: AgreementDocument) throws -> ClauseText {
        try #require(AgreementFacts(document: document, library: library).included(id)).text
    }

    /// Every item's redline holds exactly the words of both versions printed in full, whether or not it was printed again.
    func expectSameAsPrintingEverything(_ old: AgreementDocument, _ new: AgreementDocument) {
        let result = AgreementDiffer.diff(old, new, library: library)
        let oldFacts = AgreementFacts(document: old, library: library)
        let newFacts = AgreementFacts(document: new, library: library)
        let oldTexts = oldFacts.itemTexts { newFacts.number(of: $0) ?? oldFacts.number(of: $0) }
        let newTexts = newFacts.itemTexts()
        for item in result.redline {
            #expect(item.tokens.filter { $0.change != .inserted }.map(\.word) == WordDiff.tokens(oldTexts[item.key] ?? []), "old words of \(item.key)")
            #expect(item.tokens.filter { $0.change != .deleted }.map(\.word) == WordDiff.tokens(newTexts[item.key] ?? []), "new words of \(item.key)")
            // An item whose printed words are the same in both is unchanged in the redline, printed again or not.
            if oldTexts[item.key] == newTexts[item.key] { #expect(!item.hasMarks, "\(item.key)") }
        }
    }

    @Test func aFlippedConditionReprintsOnlyTheClausesWithAParagraphOnIt() throws {
        var new = base
        new.processing.cardPayments = false
        let changes = AgreementFacts(document: base, library: library).surroundingChanges(AgreementFacts(document: new, library: library))
        #expect(changes.conditions == [.cardPayments])
        // `call-recording` has paragraphs on card payments; `confidentiality` has none and reads as it did.
        #expect(!changes.printsAlike(try clauseText("call-recording", in: base)))
        #expect(changes.printsAlike(try clauseText("confidentiality", in: base)))
        let redline = AgreementDiffer.diff(base, new, library: library).redline
        #expect(redline.first { $0.key == "clause:call-recording" }?.hasMarks == true)
        #expect(redline.first { $0.key == "clause:confidentiality" }?.status == .same)
        expectSameAsPrintingEverything(base, new)
    }

    @Test func aRemovedClauseReprintsOnlyTheClausesThatReferToIt() throws {
        var new = base
        new.clauses.removeAll { $0.clause == "subprocessors" }
        let changes = AgreementFacts(document: base, library: library).surroundingChanges(AgreementFacts(document: new, library: library))
        #expect(changes.removedClauses == ["subprocessors"])
        #expect(changes.conditions.isEmpty)
        // `confidentiality` refers to the subprocessors clause by number, which the newer version no longer has;
        // `governing-law` refers to no clause.
        #expect(!changes.printsAlike(try clauseText("confidentiality", in: base)))
        #expect(changes.printsAlike(try clauseText("governing-law", in: base)))
        let redline = AgreementDiffer.diff(base, new, library: library).redline
        #expect(redline.first { $0.key == "clause:confidentiality" }?.hasMarks == true)
        expectSameAsPrintingEverything(base, new)
    }

    @Test func aChangedFieldReprintsOnlyTheTextsThatQuoteIt() {
        let quoting = ClauseText(paragraphs: [
            Paragraph(condition: nil, lines: [[.literal(text: "Signed by ", html: "Signed by "), .placeholder(.field(.controllerName))]], isList: false, line: 1),
        ])
        let plain = ClauseText(paragraphs: [Paragraph(condition: nil, lines: [[.literal(text: "No names here.", html: "No names here.")]], isList: false, line: 1)])
        var new = base
        new.parties.controller.name += " SA"
        let changes = AgreementFacts(document: base, library: library).surroundingChanges(AgreementFacts(document: new, library: library))
        #expect(changes.fields == [.controllerName])
        #expect(!changes.printsAlike(quoting))
        #expect(changes.printsAlike(plain))
        expectSameAsPrintingEverything(base, new)
    }

    /// A clause selected twice prints its first selection while its item is its last: such versions are compared in full.
    @Test func aClauseSelectedTwiceIsAlwaysPrintedAgain() throws {
        var new = base
        new.clauses.append(try #require(new.clauses.first { $0.clause == "confidentiality" }))
        new.processing.cardPayments = false
        let changes = AgreementFacts(document: base, library: library).surroundingChanges(AgreementFacts(document: new, library: library))
        #expect(!changes.unique)
        #expect(!changes.printsAlike(try clauseText("confidentiality", in: base)))
        expectSameAsPrintingEverything(base, new)
    }
}
