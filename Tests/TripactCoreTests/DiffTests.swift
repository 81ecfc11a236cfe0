import Foundation
import Testing
import TripactCore
import TripactTestSupport

#if canImport(FoundationXML)
import FoundationXML
#endif

@Suite struct DiffTests {
    let base = Fixtures.example("full-scenario.json")

    func diff(viewer: PartyRole? = .processor, _ change: (inout AgreementDocument) -> Void) -> AgreementDiff {
        var new = base
        change(&new)
        return AgreementDiffer.diff(base, new, library: Fixtures.library, playbook: viewer.map { Playbook.library(Fixtures.library, side: $0) })
    }

    @Test func aParameterChangeShowsOldNewAndWhomItFavours() throws {
        let result = diff { Fixtures.set("breach-notification", "hours", .integer(24), in: &$0) }
        #expect(result.changes.count == 1)
        let change = try #require(result.changes.first)
        #expect(change.key == "clause:breach-notification" && change.kind == .changed)
        #expect(change.fields.map(\.summary) == ["hours: 36 hours → 24 hours (favours controller; outside your fallback)"])
        let redline = try #require(result.redline.first { $0.key == "clause:breach-notification" })
        #expect(redline.tokens.contains(WordDiff.Token(word: "36", change: .deleted)))
        #expect(redline.tokens.contains(WordDiff.Token(word: "24", change: .inserted)))
    }

    @Test func eachSideSeesOnlyItsOwnPlaybookAndNoSideSeesNone() throws {
        let change: (inout AgreementDocument) -> Void = { $0.clauses[Fixtures.selectionIndex("subprocessors", in: $0)].variant = "specific" }
        let processor = try #require(diff(viewer: .processor, change).changes.first?.fields.first?.assessment)
        #expect(processor.beyondWalkAway == [.processor] && processor.outsideFallback == [.processor])
        let controller = try #require(diff(viewer: .controller, change).changes.first?.fields.first?.assessment)
        #expect(controller.beyondWalkAway == [] && controller.outsideFallback == [], "the controller learns nothing of the processor's limits")
        let nobody = try #require(diff(viewer: nil, change).changes.first?.fields.first)
        #expect(nobody.summary == "variant: general-objection → specific (favours controller)")
    }

    @Test func aVariantChangeIsJudgedByThePlaybook() throws {
        let result = diff { $0.clauses[Fixtures.selectionIndex("subprocessors", in: $0)].variant = "specific" }
        let field = try #require(result.changes.first?.fields.first)
        #expect(field.summary == "variant: general-objection → specific (favours controller; beyond your walk-away)")
        #expect(AgreementDiffer.diff(base, base, library: Fixtures.library).isEmpty)
    }

    @Test func aMeasureAddedAndASubprocessorRemovedShowAsSuch() {
        let removed = base.subprocessors[2]
        let result = diff {
            $0.measures.append(MeasureEntry(id: "custom-badge", heading: 8, title: "Badge audit", description: "Badge logs of the floor are reviewed every week by site security."))
            $0.subprocessors.remove(at: 2)
        }
        #expect(result.changes.map(\.kind) == [.added, .removed])
        #expect(result.changes.map(\.key.rawValue) == ["measure:custom-badge", "subprocessor:\(removed.id)"])
        let html = DiffHTMLRenderer.fragment(result, title: "t")
        #expect(html.contains("<tr class=\"added\" id=\"measure:custom-badge\"><td><ins>Badge audit</ins></td>"))
        #expect(html.contains("<tr class=\"removed\" id=\"subprocessor:\(removed.id)\"><td><del>"))
    }

    @Test func reflowedWhiteSpaceIsNoChange() {
        let result = diff {
            $0.processing.specialCategories[0].safeguards = $0.processing.specialCategories[0].safeguards
                .replacingOccurrences(of: " ", with: "\u{00A0}\n  ", options: [], range: nil)
            $0.consumerObligations.complaintRoute += "   "
        }
        #expect(result.isEmpty, "\(result.changes.map(\.key))")
    }

    @Test func reorderingTheListsInsideItemsIsNoChange() {
        let result = diff {
            $0.processing.dataSubjects.reverse()
            $0.processing.operations.reverse()
            $0.processing.purposes.reverse()
            $0.processing.dataCategories.reverse()
            $0.subprocessors[0].dataCategories.reverse()
            $0.consumerObligations.rights.reverse()
        }
        #expect(result.isEmpty, "\(result.changes.map { "\($0.key): \($0.fields.map(\.summary))" })")
        #expect(result.redline.allSatisfy { $0.status == .same })
    }

    @Test func aListChangeNamesTheElementAddedOrRemovedWithItsCatalogueLabel() throws {
        let dropped = try #require(base.processing.dataSubjects.first)
        let result = diff { $0.processing.dataSubjects.removeFirst() }
        let change = try #require(result.changes.first)
        #expect(change.key == "annex2:data-subjects" && change.title == "Annex II: data subjects")
        let field = try #require(change.fields.first)
        #expect(field.oldKey == dropped && field.old == Fixtures.library.dataSubject(dropped)?.label && field.new == nil)
        #expect(field.summary.hasPrefix("data subjects: removed"))
    }

    @Test func aTextFieldChangeIsShownWordByWordWithItsReadersName() throws {
        let result = diff { $0.processing.retention = $0.processing.retention.replacingOccurrences(of: " ", with: " very ", options: [], range: nil) + " Then erased." }
        let field = try #require(result.changes.first?.fields.first)
        #expect(field.field == "retention" && field.label == "Retention period")
        let words = try #require(field.words)
        #expect(words.filter { $0.change == .inserted }.map(\.word).contains("erased."))
        #expect(field.summary.contains("{+Then erased.+}"))
        #expect(!field.summary.contains(" → "))
    }

    @Test func aMeasureChangeCarriesTheCatalogueTitle() throws {
        let result = diff { $0.measures[0].description = "Reviewed by hand every week." }
        let change = try #require(result.changes.first)
        #expect(change.title.hasPrefix("Annex III: ") && change.title != "Annex III: measure \(base.measures[0].id)")
    }

    @Test func aClauseInsertedNearTheTopGivesOneRenumberingNoteAndNoOtherChange() throws {
        let result = diff { $0.clauses.append(ClauseSelection(clause: "docking", variant: "standard")) }
        #expect(result.changes.map(\.key) == ["clause:docking"])
        #expect(result.changes.first?.kind == .added)
        #expect(result.renumbering.count == 1)
        let note = try #require(result.renumbering.first)
        #expect(note.shift == 1 && note.firstOld == 5)
        #expect(note.summary.hasPrefix("renumbered: clauses 5–"))
    }

    @Test func aMovedRowIsReportedAsMovedNotAsChanged() {
        let result = diff { $0.subprocessors.append($0.subprocessors.removeFirst()) }
        #expect(result.changes.count == 1)
        #expect(result.changes.first?.kind == .moved)
        #expect(result.changes.first?.key.rawValue == "subprocessor:\(base.subprocessors[0].id)")
    }

    @Test func theTextFormatHasNoColourUnlessAsked() {
        let result = diff { Fixtures.set("breach-notification", "hours", .integer(24), in: &$0) }
        let plain = DiffTextFormatter.format(result, color: false)
        #expect(!plain.contains("\u{1B}["))
        #expect(plain.contains("~ clause:breach-notification"))
        #expect(plain.contains("[-36-] {+24+}"))
        #expect(DiffTextFormatter.format(result, color: true).contains("\u{1B}[31m"))
    }

    /// Generated version pairs: every word of both versions is in the redline, and the HTML parses as XML.
    @Test(arguments: 0..<200)
    func everyWordOfBothVersionsAppearsInTheRedline(seed: Int) throws {
        var random = SeededRandom(seed: UInt64(seed) + 1)
        let old = VersionMutator.mutate(base, steps: 3, using: &random)
        let new = VersionMutator.mutate(old, steps: 1 + seed % 6, using: &random)
        let result = AgreementDiffer.diff(old, new, library: Fixtures.library)
        let oldFacts = AgreementFacts(document: old, library: Fixtures.library)
        let newFacts = AgreementFacts(document: new, library: Fixtures.library)
        let oldTexts = oldFacts.itemTexts { newFacts.number(of: $0) ?? oldFacts.number(of: $0) }
        let newTexts = newFacts.itemTexts()
        #expect(Set(result.redline.map(\.key)) == Set(oldTexts.keys).union(newTexts.keys))
        for item in result.redline {
            let before = item.tokens.filter { $0.change != .inserted }.map(\.word)
            let after = item.tokens.filter { $0.change != .deleted }.map(\.word)
            #expect(before == WordDiff.tokens(oldTexts[item.key] ?? []), "old words of \(item.key)")
            #expect(after == WordDiff.tokens(newTexts[item.key] ?? []), "new words of \(item.key)")
        }
        // An oracle that does not use the differ's own text extraction: the printed strings read straight from the documents
        // and split by the standard library; each word must be on its side of the redline.
        for (document, side) in [(old, WordDiff.Token.Change.inserted), (new, .deleted)] {
            let shown = Set(result.redline.flatMap { $0.tokens.filter { $0.change != side }.map(\.word) })
            for text in IndependentOracle.printedStrings(document) {
                for word in text.split(whereSeparator: \.isWhitespace) {
                    #expect(shown.contains(String(word)), "'\(word)' of '\(text)' missing from the \(side == .inserted ? "old" : "new") side")
                }
            }
        }
        let itself = AgreementDiffer.diff(new, new, library: Fixtures.library)
        #expect(itself.isEmpty && itself.redline.allSatisfy { $0.status == .same && $0.tokens.allSatisfy { $0.change == .same } })
        // The lists that are sets, shuffled: no change, and nothing in the redline moves.
        var shuffled = new
        shuffled.processing.dataSubjects.shuffle(using: &random)
        shuffled.processing.operations.shuffle(using: &random)
        shuffled.processing.purposes.shuffle(using: &random)
        shuffled.processing.dataCategories.shuffle(using: &random)
        for index in shuffled.subprocessors.indices { shuffled.subprocessors[index].dataCategories.shuffle(using: &random) }
        shuffled.consumerObligations.rights.shuffle(using: &random)
        let reordered = AgreementDiffer.diff(new, shuffled, library: Fixtures.library)
        #expect(reordered.isEmpty, "\(reordered.changes.map { "\($0.key): \($0.fields.map(\.summary))" })")
        #expect(reordered.redline.allSatisfy { $0.status == .same })
        let fragment = DiffHTMLRenderer.fragment(result, title: new.title)
        let parser = XMLParser(data: Data(fragment.utf8))
        #expect(parser.parse(), "redline HTML is not well-formed: \(parser.parserError.map { "\($0)" } ?? "")")
    }
}

/// The strings an agreement prints, read from the document and the library directly (not through `AgreementFacts`).
enum IndependentOracle {
    static func printedStrings(_ document: AgreementDocument) -> [String] {
        var strings: [String] = [document.processing.retention]
        // Rows print catalogue entries by their labels.
        for sub in document.subprocessors {
            strings += [sub.name, sub.address, Fixtures.library.service(sub.service)?.label ?? sub.service, Fixtures.library.mechanismLabel(sub.transferMechanism)]
        }
        for measure in document.measures { strings.append(measure.title ?? Fixtures.library.measure(measure.id)?.title ?? measure.id) }
        for selection in document.clauses where selection.clause != "docking" {
            if let clause = Fixtures.library.clause(selection.clause), clause.applies == [.always] { strings.append(clause.title) }
        }
        return strings
    }
}

/// A small deterministic generator (SplitMix64), so a failing seed can be replayed.
struct SeededRandom: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// Random but valid-shaped edits of a document: parameters, variants, measures, subprocessors, free text.
enum VersionMutator {
    static func mutate(_ document: AgreementDocument, steps: Int, using random: inout SeededRandom) -> AgreementDocument {
        var document = document
        let library = Fixtures.library
        for _ in 0..<steps {
            switch Int.random(in: 0..<8, using: &random) {
            case 0:
                let index = Int.random(in: 0..<document.clauses.count, using: &random)
                if let clause = library.clause(document.clauses[index].clause), let spec = clause.parameters.randomElement(using: &random),
                    case .integer(_, let min, let max) = spec.kind
                {
                    document.clauses[index].parameters[spec.name] = .integer(Int.random(in: min...max, using: &random))
                }
            case 1:
                let index = Int.random(in: 0..<document.clauses.count, using: &random)
                if let clause = library.clause(document.clauses[index].clause), let variant = clause.variants.randomElement(using: &random) {
                    document.clauses[index].variant = variant.key
                }
            case 2:
                if let measure = library.measures.randomElement(using: &random), !document.measures.contains(where: { $0.id == measure.key }) {
                    document.measures.insert(MeasureEntry(id: measure.key), at: Int.random(in: 0...document.measures.count, using: &random))
                }
            case 3:
                if !document.measures.isEmpty { document.measures.remove(at: Int.random(in: 0..<document.measures.count, using: &random)) }
            case 4:
                if !document.subprocessors.isEmpty { document.subprocessors.remove(at: Int.random(in: 0..<document.subprocessors.count, using: &random)) }
            case 5:
                document.processing.retention += " Reviewed \(Int.random(in: 1...12, using: &random)) times a year."
            case 6:
                if document.clauses.contains(where: { $0.clause == "docking" }) {
                    document.clauses.removeAll { $0.clause == "docking" }
                } else {
                    document.clauses.append(ClauseSelection(clause: "docking", variant: "standard"))
                }
            default:
                if document.subprocessors.count > 1 { document.subprocessors.swapAt(0, document.subprocessors.count - 1) }
            }
        }
        return document
    }
}

@Suite struct WordSplittingTests {
    @Test func wordsSplitOnEveryKindOfSpace() {
        let text = "a\u{00A0}b\u{2009}c\u{3000}d\u{2029}e\u{202F}f\tg\r\nh  \u{1680}i\u{0085}j é"
        #expect(WordDiff.words(text) == ["a", "b", "c", "d", "e", "f", "g", "h", "i", "j", "é"])
        #expect(WordDiff.words(text) == text.split(whereSeparator: \.isWhitespace).map(String.init))
        #expect(WordDiff.words("  ") == [])
        #expect(WordDiff.words("€uro") == ["€uro"])
    }
}
