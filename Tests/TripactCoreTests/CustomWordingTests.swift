import Foundation
import Testing
@testable import TripactCore
import TripactTestSupport

/// Wording of the parties' own on a clause: its format, where it prints, how it diffs, and what the validator says.
@Suite struct CustomWordingTests {
    static let rider = "The Processor shall also call the security desk of the Controller within {{hours}}.\n\n[if phased] Each later notice names what it adds."
    static let own = "The Processor shall tell the Controller of a Personal Data Breach within {{hours}} of becoming aware of it [Art. 33(2)]."

    func document(own: String? = nil, rider: String? = nil, clause: ClauseID = "breach-notification") -> AgreementDocument {
        Fixtures.document {
            let index = Fixtures.selectionIndex(clause, in: $0)
            $0.clauses[index].ownWording = own
            $0.clauses[index].rider = rider
        }
    }

    // MARK: format

    @Test func documentsWithoutTheKeysKeepTheirBytesAndHash() throws {
        for name in ["full-scenario.json", "minimal.json"] {
            let data = try Data(contentsOf: Fixtures.repositoryRoot.appendingPathComponent("examples/\(name)"))
            let document = try DocumentCodec.decode(data)
            // The file's own JSON written canonically: what the hash was before the keys existed.
            var bytes: [UInt8] = []
            try JSONParser.parse([UInt8](data)).writeCanonical(to: &bytes)
            #expect(DocumentCodec.canonicalJSON(document) == Data(bytes), "\(name)")
            #expect(!String(decoding: bytes, as: UTF8.self).contains("ownWording") && !String(decoding: bytes, as: UTF8.self).contains("rider"))
        }
        let selection = ClauseSelection(clause: "audits", variant: "balanced", parameters: ["a": .integer(1)])
        var writer = CanonicalWriter()
        selection.writeCanonical(to: &writer)
        #expect(String(decoding: writer.bytes, as: UTF8.self) == "{\"clause\":\"audits\",\"parameters\":{\"a\":1},\"variant\":\"balanced\"}")
    }

    @Test func wordingRoundTripsThroughTheFormatAndMovesTheHash() throws {
        let plain = document()
        let custom = document(own: Self.own, rider: Self.rider)
        let data = DocumentCodec.prettyJSON(custom)
        let read = try DocumentCodec.decode(data)
        #expect(read == custom)
        #expect(try DocumentCodec.decodeStored(DocumentCodec.canonicalJSON(custom)) == custom)
        #expect(DocumentCodec.contentHash(read) == DocumentCodec.contentHash(custom))
        #expect(DocumentCodec.contentHash(custom) != DocumentCodec.contentHash(plain))
        let items = Dictionary(uniqueKeysWithValues: AgreementItems.items(of: custom).map { ($0.key, $0.hash) })
        let plainItems = Dictionary(uniqueKeysWithValues: AgreementItems.items(of: plain).map { ($0.key, $0.hash) })
        #expect(items["clause:breach-notification"] != plainItems["clause:breach-notification"])
        #expect(items["clause:audits"] == plainItems["clause:audits"], "only the clause with the wording changes")
        // The generic encoder agrees with the canonical writer on the new keys.
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        #expect(DocumentCodec.canonicalJSON(custom) == (try encoder.encode(custom)))
    }

    @Test func wordingTextIsRefusedWithItsPathAndNormalisedLikeOtherText() throws {
        var hostile = document(own: "Fine text \u{202E}reversed")
        let data = DocumentCodec.prettyJSON(hostile)
        let index = Fixtures.selectionIndex("breach-notification", in: hostile)
        #expect(throws: DocumentError.self) { try DocumentCodec.decode(data) }
        do {
            _ = try DocumentCodec.decode(data)
        } catch {
            #expect("\(error)".contains("clauses[\(index)].ownWording"))
        }
        hostile.clauses[index].ownWording = nil
        hostile.clauses[index].rider = "Line one.   \r\nLine two.  \n\n\n"
        let normalised = try DocumentCodec.prepared(hostile)
        #expect(normalised.clauses[index].rider == "Line one.\nLine two.")
    }

    @Test func everyLibraryVariantReadsBackFromItsSourceText() throws {
        for clause in Fixtures.library.clauses {
            for variant in clause.variants {
                let parsed = ClauseWording.parse(variant.text.source, part: .ownWording, selectionIndex: 0, clause: clause, library: Fixtures.library)
                #expect(parsed.problems.isEmpty, "\(clause.id)/\(variant.key): \(parsed.problems)")
                #expect(parsed.text.source == variant.text.source, "\(clause.id)/\(variant.key)")
                #expect(parsed.text.paragraphs.map(\.lines) == variant.text.paragraphs.map(\.lines))
                #expect(parsed.text.paragraphs.map(\.condition) == variant.text.paragraphs.map(\.condition))
                #expect(ClauseWording.departure(variant.text.source, from: variant, of: clause) == nil, "the library's own text is no departure")
            }
        }
    }

    // MARK: printing

    @Test func theRenderedAgreementPrintsTheOwnWordingAndTheRiderWithValuesFilled() {
        let facts = AgreementFacts(document: document(own: Self.own, rider: Self.rider), library: Fixtures.library)
        let html = AgreementRenderer.render(facts)
        let item = facts.included("breach-notification")!
        let hours = facts.resolve(.parameter("hours"), in: item)!
        #expect(html.contains("The Processor shall tell the Controller of a Personal Data Breach within <span class=\"value\">\(hours)</span>"))
        #expect(html.contains("call the security desk of the Controller within <span class=\"value\">\(hours)</span>"))
        #expect(html.contains("Each later notice names what it adds."), "the agreed value of 'phased' prints the conditional paragraph")
        #expect(html.contains("data-wording=\"own\""))
        #expect(!html.contains("{{hours}}"))
        // The library's first sentence of the variant is gone: the own wording replaces it.
        let library = AgreementRenderer.render(AgreementFacts(document: document(), library: Fixtures.library))
        #expect(library.contains("shall notify the Controller"))
        #expect(!html.contains("shall notify the Controller of every Personal Data Breach"))
        #expect(!library.contains("data-wording"))
        // The plain text a diff compares is the same words.
        #expect(facts.plainParagraphs(of: item).contains { $0.contains("security desk of the Controller within \(hours)") })
        #expect(facts.plainParagraphs(of: facts.libraryWording(of: item)).contains { $0.contains("shall notify the Controller") })
    }

    @Test func theRedlineAgainstTheLibraryMarksTheRiderAsInserted() {
        let facts = AgreementFacts(document: document(rider: "The Processor keeps a log of every breach."), library: Fixtures.library)
        let tokens = facts.wordingRedline(of: facts.included("breach-notification")!)
        #expect(tokens.filter { $0.change == .inserted }.map(\.word).joined(separator: " ").contains("keeps a log of every breach."))
        #expect(!tokens.contains { $0.change == .deleted })
        let fragment = DiffHTMLRenderer.wordsFragment(tokens)
        #expect(fragment.contains("<ins>The Processor keeps a log of every breach.</ins>") || fragment.contains("<ins>") && fragment.contains("keeps a log"))
    }

    // MARK: placeholders and the validator

    @Test func anUnknownPlaceholderInOwnWordingIsAnErrorNamingThePath() {
        let document = document(own: "Notice within {{hour}} of awareness.")
        let index = Fixtures.selectionIndex("breach-notification", in: document)
        let findings = Fixtures.findings(document).filter { $0.code == "clause.custom-wording-invalid" }
        #expect(findings.count == 1)
        #expect(findings.first?.path == "clauses[\(index)].ownWording")
        #expect(findings.first?.message.contains("{{hour}}") == true)
        #expect(findings.first?.severity == .error)
        // A condition on no parameter, a reference to no clause, a blank rider: each refused at its path.
        for rider in ["[if quickly] Faster.", "See {{clause:no-such-clause}}.", "  "] {
            let found = Fixtures.findings(self.document(rider: rider)).filter { $0.code == "clause.custom-wording-invalid" }
            #expect(found.map(\.path) == ["clauses[\(index)].rider"], "\(rider)")
        }
        // A known placeholder of the clause is fine, and prints the agreed value.
        #expect(!Fixtures.codes(self.document(own: "Notice within {{hours}}.")).contains("clause.custom-wording-invalid"))
    }

    @Test func aReferenceToAClauseTheAgreementLeavesOutIsUnfilledAsInTheLibrary() {
        let findings = Fixtures.findings(document(rider: "As {{clause:docking}} says."))
        #expect(findings.contains { $0.code == "text.unfilled-placeholder" })
    }

    @Test func theCustomWordingWarningNamesTheElementsTheClauseMustStillCover() throws {
        let document = document(own: Self.own)
        let finding = try #require(Fixtures.findings(document).first { $0.code == "clause.custom-wording" })
        #expect(finding.severity == .warning)
        #expect(finding.path == "clauses[\(Fixtures.selectionIndex("breach-notification", in: document))].ownWording")
        #expect(finding.message.contains("assistance with Articles 32 to 36 (Art. 28(3)(f))"))
        #expect(finding.article.contains("Art. 33(2)"))
        let rider = try #require(Fixtures.findings(self.document(rider: "Also by phone.", clause: "audits")).first { $0.code == "clause.custom-wording" })
        #expect(rider.message.contains("has a rider") && rider.message.contains("(Art. 28(3)(h))"))
        #expect(!Fixtures.codes(self.document()).contains("clause.custom-wording"))
    }

    @Test func storedWordingTooLongIsFoundWithItsPath() {
        let long = String(repeating: "word ", count: ClauseWording.maximumRiderLength)
        let selection = ClauseSelection(clause: "audits", variant: "balanced", rider: long)
        #expect(selection.wordingLengthProblems(selectionIndex: 3).map(\.path) == ["clauses[3].rider"])
        #expect(Fixtures.findings(document(rider: long)).contains { $0.code == "clause.custom-wording-invalid" && $0.path.hasSuffix(".rider") })
    }

    // MARK: diff and playbooks

    @Test func aWordingChangeIsDiffedWordByWordWithLabelsAndNeedsReview() throws {
        let old = document()
        let new = document(own: Self.own, rider: "The Processor keeps a log of every breach.")
        for playbook in [nil, Playbook.library(Fixtures.library, side: .controller), Playbook.library(Fixtures.library, side: .processor)] {
            let diff = AgreementDiffer.diff(old, new, library: Fixtures.library, playbook: playbook)
            let change = try #require(diff.changes.first { $0.key == "clause:breach-notification" })
            #expect(change.kind == .changed)
            #expect(change.fields.map(\.label) == ["Own wording", "Rider"])
            #expect(change.fields.first?.new == "the parties' own wording")
            for field in change.fields {
                let assessment = try #require(field.assessment)
                #expect(assessment.review != nil && !assessment.isWithinPlaybook, "never acceptable by a playbook")
                #expect(field.sentence.contains("review"))
            }
            let redline = try #require(diff.redline.first { $0.key == "clause:breach-notification" })
            #expect(redline.tokens.contains { $0.change == .inserted && $0.word == "log" })
            #expect(redline.tokens.contains { $0.change == .deleted })
        }
        // The command line says it too.
        let text = DiffTextFormatter.format(AgreementDiffer.diff(old, new, library: Fixtures.library), color: false)
        #expect(text.contains("own wording: the library's wording → the parties' own wording (review:"))
        #expect(text.contains("{+"))
        // Rewording the own wording is a change of its own, reviewed too; going back to the library is one as well.
        let reworded = document(own: Self.own.replacingOccurrences(of: "tell", with: "inform"), rider: "The Processor keeps a log of every breach.")
        let again = AgreementDiffer.diff(new, reworded, library: Fixtures.library).changes.first { $0.key == "clause:breach-notification" }
        #expect(again?.fields.map(\.new) == ["the parties' own wording, reworded"])
        let back = AgreementDiffer.diff(new, old, library: Fixtures.library).changes.first { $0.key == "clause:breach-notification" }
        #expect(back?.fields.first?.new == "the library's wording" && back?.fields.last?.new == nil)
    }

    @Test func aPlaybookThatPrefersEveryVariantStillReviewsOwnWording() throws {
        // A playbook whose every position is the variant in force would find a variant change acceptable, never a wording.
        var playbook = Playbook.library(Fixtures.library, side: .processor)
        playbook.setVariantPositions(PlaybookPositions(preferred: "balanced", fallback: "balanced", walkAway: "balanced"), for: "audits")
        let diff = AgreementDiffer.diff(document(), document(rider: "Audits take place on working days.", clause: "audits"), library: Fixtures.library, playbook: playbook)
        let field = try #require(diff.changes.first { $0.key == "clause:audits" }?.fields.first)
        #expect(field.label == "Rider" && field.assessment?.isWithinPlaybook == false)
        #expect(field.assessment?.summary.hasPrefix("review:") == true)
    }

    @Test func labelsMarkTheClauseAsNonStandardWording() {
        let labels = ItemLabels(document: document(rider: "Also by phone."), library: Fixtures.library)
        #expect(labels.label("clause:breach-notification").hasSuffix("(non-standard wording)"))
        #expect(!labels.label("clause:audits").contains("non-standard"))
    }
}
