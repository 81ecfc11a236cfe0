import Foundation
import Testing
import TripactCore
import TripactTestSupport

/// Issue 9, item 6: the whole-document redline numbers a clause's paragraphs as the export of the newer version does,
/// so a reader can say "see 14.3"; the numbers stay out of the compared words, so a renumbering changes nothing.
@Suite struct RedlineParagraphNumberTests {
    let base = Fixtures.example("full-scenario.json")
    let new = Fixtures.renumberedWithChanges()

    func redline(_ clause: String, _ diff: AgreementDiff) throws -> ItemRedline {
        try #require(diff.redline.first { $0.key.rawValue == "clause:\(clause)" })
    }

    func startsWith(_ paragraph: RedlineParagraph, _ words: String) -> Bool {
        paragraph.tokens.filter { $0.change != .inserted }.map(\.word).joined(separator: " ").hasPrefix(words)
    }

    @Test func eachParagraphOfTheNewerVersionCarriesTheNumberTheExportPrints() throws {
        let diff = AgreementDiffer.diff(base, new, library: Fixtures.library)
        for clause in ["breach-notification", "call-recording", "confidentiality", "description-of-processing"] {
            let numbered = try redline(clause, diff).paragraphs.compactMap(\.label)
            let exported = Fixtures.exportedNumbers(ClauseID(clause), in: new).map(\.label)
            #expect(!exported.isEmpty && numbered == exported, "\(clause)")
        }
        // The changed paragraph of the breach notice, and its list: the number on the list's first item only.
        let breach = try redline("breach-notification", diff).paragraphs
        let changed = try #require(breach.first { $0.tokens.contains(WordDiff.Token(word: "24", change: .inserted)) })
        let number = try #require(AgreementFacts(document: new, library: Fixtures.library).number(of: "breach-notification"))
        #expect(changed.label == "\(number).1")
        let list = try #require(breach.firstIndex { startsWith($0, "what happened,") })
        #expect(breach[list].label == "\(number).3" && breach[list + 1].label == nil)
    }

    @Test func aParagraphTakenOutHasNoNumberAndDoesNotMoveTheNumbersAfterIt() throws {
        let paragraphs = try redline("call-recording", AgreementDiffer.diff(base, new, library: Fixtures.library)).paragraphs
        let gone = try #require(paragraphs.first { startsWith($0, "Call and screen recording shall stop") })
        #expect(gone.tokens.allSatisfy { $0.change == .deleted } && gone.label == nil)
        let after = try #require(paragraphs.first { startsWith($0, "The Processor shall not use Recordings") })
        let exported = try #require(Fixtures.exportedNumbers("call-recording", in: new).first { $0.words.hasPrefix("The Processor shall not use Recordings") })
        let before = try #require(Fixtures.exportedNumbers("call-recording", in: base).first { $0.words.hasPrefix("The Processor shall not use Recordings") })
        #expect(after.label == exported.label && after.label != before.label, "the newer version's number, one lower than the older's")
    }

    @Test func aClauseRenumberedByAnInsertedClauseShowsItsNewNumbersWithoutAChange() throws {
        var inserted = base
        inserted.clauses.append(ClauseSelection(clause: "docking", variant: "standard"))
        let diff = AgreementDiffer.diff(base, inserted, library: Fixtures.library)
        #expect(diff.changes.map(\.key) == ["clause:docking"])
        let oldNumber = try #require(AgreementFacts(document: base, library: Fixtures.library).number(of: "confidentiality"))
        let confidentiality = try redline("confidentiality", diff)
        #expect(confidentiality.status == .same && !confidentiality.hasMarks)
        let labels = confidentiality.paragraphs.compactMap(\.label)
        #expect(labels.first == "\(oldNumber + 1).1" && labels == Fixtures.exportedNumbers("confidentiality", in: inserted).map(\.label))
    }

    @Test func theRedlineHTMLPrintsEachNumberOnTheLineOfItsParagraphsFirstWords() throws {
        let html = DiffHTMLRenderer.render(AgreementDiffer.diff(base, new, library: Fixtures.library), title: "numbers")
        for clause in ["breach-notification", "call-recording"] {
            let section = try #require(Fixtures.section(of: html, containing: "id=\"clause:\(clause)\""))
            let shown = Fixtures.paragraphNumbers(in: section)
            let exported = Fixtures.exportedNumbers(ClauseID(clause), in: new)
            #expect(shown.map(\.label) == exported.map(\.label), "\(clause)")
            // The same words follow each number (the changed words aside), a list's first item included: never a number alone.
            for (redline, export) in zip(shown, exported) {
                #expect(!redline.words.isEmpty && redline.words.split(separator: " ").first == export.words.split(separator: " ").first, "\(redline) / \(export)")
            }
        }
        #expect(html.contains("<li><del>Call and screen recording shall stop"), "a paragraph taken out shows struck through, without a number")
    }

    @Test func aParagraphJoinedToTheOneBeforeContinuesItWithoutANumberOfItsOwn() throws {
        // "A B" and "C D" became one paragraph (their break deleted), "E" stayed: the newer version has 1.1 and 1.2.
        let tokens: [(String, String)] = [
            ("Title", "same"), ("\u{2029}", "same"), ("A", "same"), ("B", "same"), ("\u{2029}", "deleted"), ("C", "same"), ("D", "same"),
            ("\u{2029}", "same"), ("E", "same"),
        ]
        let json: [String: Any] = [
            "key": "clause:x", "title": "X", "status": "changed", "number": 1,
            "tokens": tokens.map { ["word": $0.0, "change": $0.1] }, "paragraphLabels": [NSNull(), "1.1", "1.2"],
        ]
        let item = try JSONDecoder().decode(ItemRedline.self, from: JSONSerialization.data(withJSONObject: json))
        #expect(item.paragraphs.map(\.label) == [nil, "1.1", nil, "1.2"])
        #expect(item.paragraphs.map { $0.tokens.map(\.word).joined(separator: " ") } == ["Title", "A B", "C D", "E"])
    }

    @Test func theNumbersSurviveTheDiffsJSONAndAnOlderJSONWithoutThemStillReads() throws {
        let diff = AgreementDiffer.diff(base, new, library: Fixtures.library)
        let data = try JSONEncoder().encode(diff)
        let decoded = try JSONDecoder().decode(AgreementDiff.self, from: data)
        let before = try redline("call-recording", diff)
        let after = try redline("call-recording", decoded)
        #expect(after.paragraphLabels != nil && after.paragraphLabels == before.paragraphLabels)
        #expect(after.paragraphs == before.paragraphs)
        // A diff written before the numbers were kept has no `paragraphLabels`: it reads, without numbers.
        var object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        object["redline"] = (object["redline"] as? [[String: Any]])?.map { $0.filter { $0.key != "paragraphLabels" } }
        let older = try JSONDecoder().decode(AgreementDiff.self, from: JSONSerialization.data(withJSONObject: object))
        let unnumbered = try redline("call-recording", older)
        #expect(unnumbered.paragraphLabels == nil && unnumbered.paragraphs.allSatisfy { $0.label == nil })
        #expect(unnumbered.tokens == before.tokens)
    }
}
