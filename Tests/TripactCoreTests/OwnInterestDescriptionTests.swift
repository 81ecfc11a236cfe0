import Foundation
import Testing
import TripactCore
import TripactTestSupport

/// A purpose listed on the Controller's behalf whose own description says the Processor uses the data for its own ends
/// is flagged under Art. 28(10), as one whose catalogue hint says so (issue 16, item 3).
@Suite struct OwnInterestDescriptionTests {
    static let code = "purpose.processor-own-interest"

    /// The full example with its first purpose (customer service, on behalf, no catalogue hint) described in `words`.
    static func described(_ words: String, role: PurposeRole = .onBehalf) -> AgreementDocument {
        var document = Fixtures.example("full-scenario.json")
        document.processing.purposes[0].description = words
        if role != .onBehalf { document.processing.purposes[0].assign(role: role, lawfulBasis: .legitimateInterests, specialCondition: nil, recipient: .processor) }
        return document
    }

    static func flags(_ document: AgreementDocument) -> [Finding] {
        Validator.validate(document, library: Fixtures.library).filter { $0.code == code }
    }

    @Test func anOnBehalfDescriptionOfTheProcessorsOwnUseIsFlaggedAtTheDescriptionQuotingItsWords() throws {
        let findings = Self.flags(Self.described(
            "Answering customers by telephone and chat, and using the transcripts to improve Its Own speech models across all its clients."
        ))
        let finding = try #require(findings.first)
        #expect(findings.count == 1)
        #expect(finding.severity == .warning && finding.article == "Art. 28(10)")
        #expect(finding.path == "processing.purposes[0].description")
        #expect(finding.message.contains("\"Its Own speech models"), "the first phrase, in the document's own words: \(finding.message)")
        #expect(!Self.flags(Fixtures.example("full-scenario.json")).contains { $0.path.hasSuffix(".description") })
    }

    @Test func eachKindOfOwnEndIsSeenAndThePartysNameReadsAsTheProcessor() {
        let cases = [
            ("Handling calls; Atlantis then sells the data to partners.", "sells the data"),
            ("Scoring calls to build Atlantis Relation Client's fraud database.", "build Atlantis Relation Client's"),
            ("Training Atlantis's own forecasting model on contact metadata.", "Training Atlantis's own forecasting model"),
            ("Call reasons feed a benchmark used for more than one client.", "more than one client"),
            ("Contact history is pooled with other brands' histories in a shared fraud database.", "pooled with other"),
            ("Usage data is monetised, and monetising it funds the service.", "monetised"),
            ("Reasons for contact feed the Processor's   own\nmarketing.", "the Processor's own marketing"),
            ("Redacted calls train its own contact-volume forecasting model.", "its own contact-volume forecasting model"),
        ]
        for (text, words) in cases {
            let message = Self.flags(Self.described(text)).first?.message ?? "no finding"
            #expect(message.contains("\"\(words)\""), "\(text) → \(message)")
        }
    }

    @Test func theSamePurposeMarkedJointOrIndependentIsNotFlagged() {
        let text = "Training the Processor's own models across clients on redacted transcripts."
        #expect(Self.flags(Self.described(text)).count == 1)
        #expect(Self.flags(Self.described(text, role: .joint)).isEmpty)
        #expect(Self.flags(Self.described(text, role: .independent)).isEmpty)
    }

    @Test func ordinaryDescriptionsThatNameTheProcessorAreNotFlagged() {
        let innocent = [
            "The Processor answers customers' calls on the Controller's behalf and never uses the data for its own purposes.",
            "The Processor's agents log each reason for contact so that the Controller can improve its own products.",
            "Reports from the Processor's analytics platform, not shared across clients or used for the Processor's own models.",
            "Counsel for the Controller reviews the transcripts; the Processor keeps them apart from other clients' data.",
            "Taking orders and selling the Controller's plans and options to callers.",
            "The Processor's own staff and tools answer the calls.",
        ]
        for text in innocent {
            #expect(Self.flags(Self.described(text)).isEmpty, "\(text)")
        }
        // "Own" is read as the Processor's own ends only when a word of them follows it closely.
        #expect(Self.flags(Self.described("The Processor's own marketing uses the call reasons.")).count == 1)
    }

    /// Every catalogue purpose that is usually processing on behalf, listed on behalf with its catalogue description as
    /// its own, passes; the two whose hint says otherwise are still flagged, once, by the hint.
    @Test func noCataloguePurposeOnBehalfIsFlaggedByItsOwnDescription() {
        let library = Fixtures.library
        var document = Fixtures.example("full-scenario.json")
        let categories = document.processing.purposes[0].dataCategories
        document.processing.purposes = library.purposes.map { PurposeEntry(purpose: $0.key, description: $0.description, dataCategories: categories) }
        let findings = Self.flags(document)
        let hinted = library.purposes.enumerated().filter { $0.element.typicalRole != nil }.map { "processing.purposes[\($0.offset)].role" }
        #expect(library.purposes.count > 15 && hinted.count == 2)
        #expect(findings.map(\.path) == hinted, "\(findings.map(\.message))")
    }
}
