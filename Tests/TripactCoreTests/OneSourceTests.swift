import Foundation
import Testing
import TripactCore
import TripactTestSupport

/// Issue 11, item 7: a number that a clause parameter sets is stated once; Annex III prints the negotiated value.
@Suite struct OneSourceTests {
    let library = Fixtures.library

    @Test func aCatalogueMeasurePrintsTheValueTheAgreementGivesTheClauseParameter() {
        let document = Fixtures.document { document in
            document.measures.append(MeasureEntry(id: "security-questionnaire"))
            Fixtures.set("records-and-compliance", "answer-days", .integer(12), in: &document)
        }
        let facts = AgreementFacts(document: document, library: library)
        let text = facts.measureDescription(MeasureEntry(id: "security-questionnaire"))
        #expect(text.contains("within 12 days of receiving it"))
        #expect(!text.contains("{{"))
        #expect(AgreementRenderer.render(facts).contains("within 12 days of receiving it"))
    }

    /// A diff prints again only what can read differently: a measure whose record is unchanged but which quotes a
    /// changed parameter is redlined with both values; a measure that quotes another clause is not.
    @Test func aDiffRedlinesTheMeasuresThatQuoteAChangedParameterAndNoOthers() throws {
        let old = Fixtures.document { document in
            document.measures.append(MeasureEntry(id: "security-questionnaire"))
            document.measures.append(MeasureEntry(id: "cc-delivery-centre-audit"))
            Fixtures.set("records-and-compliance", "answer-days", .integer(12), in: &document)
        }
        var new = old
        Fixtures.set("records-and-compliance", "answer-days", .integer(20), in: &new)
        let diff = AgreementDiffer.diff(old, new, library: library)
        let quoting = try #require(diff.redline.first { $0.key == "measure:security-questionnaire" })
        #expect(quoting.status == .changed)
        #expect(quoting.tokens.contains { $0.change == .deleted && $0.word == "12" } && quoting.tokens.contains { $0.change == .inserted && $0.word == "20" })
        #expect(diff.changes.contains { $0.key == "measure:security-questionnaire" })
        let other = try #require(diff.redline.first { $0.key == "measure:cc-delivery-centre-audit" })
        #expect(other.status == .same && !other.hasMarks && other.tokens.contains { $0.word == "visit" })
    }

    @Test func noCatalogueMeasureStatesAFigureForTheAuditNoticeOrTheQuestionnaireDeadline() {
        let audit = library.measure("cc-delivery-centre-audit")!.description
        #expect(audit.contains("{{audits.notice-days}}"))
        #expect(library.measure("security-questionnaire")!.description.contains("{{records-and-compliance.answer-days}}"))
    }

    @Test func lintRefusesAMeasureThatRefersToAParameterTheLibraryDoesNotHave() {
        let files = Fixtures.libraryFiles.map { file in
            guard file.name == "catalogues/measures.txt" else { return file }
            return LibraryFile(name: file.name, contents: file.contents.replacingOccurrences(of: "{{audits.notice-days}}", with: "{{audits.notice-weeks}}"))
        }
        do {
            _ = try ClauseLibrary.load(files)
            Issue.record("a measure naming a missing parameter loaded")
        } catch {
            #expect(error.problems.contains { $0.message.contains("{{audits.notice-weeks}}") })
        }
    }

    @Test func businessDaysHaveOneDefinitionThatTheCodeFollows() {
        let interpretation = library.clause("interpretation")!.variants[0].text.paragraphs.flatMap(\.lines).flatMap { $0 }.map {
            if case .literal(let text, _) = $0 { text } else { "" }
        }.joined()
        #expect(interpretation.contains("\"Business Day\" means any day from Monday to Friday, counted in Coordinated Universal Time (UTC), public holidays included"))
        // 25 December 2026 is a Friday: a public holiday in most Member States, and a Business Day by the definition.
        let christmasEve = CalendarDay(iso: "2026-12-24")!
        #expect(christmasEve.adding(businessDays: 1).iso == "2026-12-25")
        #expect(christmasEve.adding(businessDays: 2).iso == "2026-12-28")
    }
}
