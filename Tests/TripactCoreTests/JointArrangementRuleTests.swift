import Foundation
import Testing
import TripactCore
import TripactTestSupport

/// The validation gaps of issue 16, item 3: the joint arrangement allocates every responsibility and carries an
/// essence naming its contact point; data shared with an independent controller reaches the privacy-notice outputs;
/// the joint and data-sharing terms speak of special-category data and Transfers only when their own purposes need it.
@Suite struct JointArrangementRuleTests {
    static func findings(_ document: AgreementDocument, _ code: String) -> [Finding] {
        Validator.validate(document, library: Fixtures.library).filter { $0.code == code }
    }

    static func setJoint(_ parameter: String, _ value: ParameterValue, in document: inout AgreementDocument) {
        Fixtures.set("joint-controllership", parameter, value, in: &document)
    }

    @Test func theCompleteThreeRoleFixturePassesEveryNewRule() {
        let document = Fixtures.withAllThreeRoles()
        for code in ["joint.allocation-unassigned", "joint.essence", "purpose.shared-data-unnamed", "purpose.recipient-not-in-notice"] {
            #expect(Self.findings(document, code).isEmpty, "\(code): \(Self.findings(document, code).map(\.message))")
        }
    }

    @Test func aResponsibilityWithNoPartyIsAnErrorAtItsParameter() {
        var document = Fixtures.withAllThreeRoles()
        Self.setJoint("right-erasure", .string("nobody"), in: &document)
        let found = Self.findings(document, "joint.allocation-unassigned")
        let index = Fixtures.selectionIndex("joint-controllership", in: document)
        #expect(found.count == 1 && found[0].severity == .error && found[0].path == "clauses[\(index)].parameters.right-erasure", "\(found.map(\.path))")
        #expect(found.first?.message.contains("Deciding and answering requests for erasure") == true)
    }

    @Test func aJointArrangementWithoutAnEssenceOrWhoseEssenceOmitsTheContactPointFails() {
        var document = Fixtures.withAllThreeRoles()
        let index = Fixtures.selectionIndex("joint-controllership", in: document)
        document.clauses[index].parameters["essence"] = .string("  ")
        let missing = Self.findings(document, "joint.essence")
        #expect(missing.count == 1 && missing[0].path == "clauses[\(index)].parameters.essence" && missing[0].message.contains("no essence"))
        // The Processor is the contact point, yet the essence sends consumers to the Controller.
        Self.setJoint("contact-point", .string("processor"), in: &document)
        document.clauses[index].parameters["essence"] = .string("We decide together how complaints are handled; Lumen Télécom answers your requests.")
        let wrong = Self.findings(document, "joint.essence")
        #expect(wrong.count == 1 && wrong[0].severity == .error && wrong[0].message.contains(document.parties.processor.name), "\(wrong.map(\.message))")
        // Named in plain words, without its legal form and accents aside, it passes.
        let plainName = document.parties.processor.name.split(separator: " ").dropLast().joined(separator: " ")
        document.clauses[index].parameters["essence"] = .string("We decide together how complaints are handled; \(plainName.uppercased()) answers your requests.")
        #expect(Self.findings(document, "joint.essence").isEmpty, "\(document.parties.processor.name) → \(plainName)")
    }

    @Test func dataSharedWithAnIndependentControllerMustBeNamedForThePrivacyNotice() throws {
        var document = Fixtures.withAllThreeRoles()
        let index = try #require(document.processing.purposes.firstIndex { $0.effectiveRole == .independent })
        document.processing.purposes[index].dataCategories = []
        let unnamed = Self.findings(document, "purpose.shared-data-unnamed")
        #expect(unnamed.contains { $0.severity == .error && $0.path == "processing.purposes[\(index)].dataCategories" })
        var silent = Fixtures.withAllThreeRoles()
        silent.consumerObligations.privacyNotice = "Lumen Télécom decides how your data is used; read lumen-telecom.example/privacy."
        let warned = Self.findings(silent, "purpose.recipient-not-in-notice")
        #expect(warned.count == 1 && warned[0].severity == .warning && warned[0].path == "consumerObligations.privacyNotice")
    }

    @Test func theJointTermsSpeakOfSpecialDataAndTransfersOnlyForTheJointPurposesOwnData() throws {
        let document = Fixtures.withAllThreeRoles()
        let facts = AgreementFacts(document: document, library: Fixtures.library)
        #expect(facts.holds(.specialCategories), "the scenario's voice authentication is Art. 9 data")
        let jointKeys = Set(document.processing.purposes.filter { $0.effectiveRole == .joint }.flatMap(\.dataCategories))
        let jointSpecial = jointKeys.contains { (Fixtures.library.dataCategory($0)?.special ?? .no) != .no }
        #expect(facts.holds(.jointSpecialCategories) == jointSpecial)
        let item = try #require(facts.included(ClauseID("joint-controllership")))
        let text = facts.plainParagraphs(of: item).joined(separator: "\n")
        #expect(text.contains("Where Annex II shows Special Category Data for a Joint Purpose") == jointSpecial)
        // Giving the joint purpose the voiceprint brings the paragraph in.
        var withVoice = document
        let special = try #require(document.processing.purposes.flatMap(\.dataCategories).first { (Fixtures.library.dataCategory($0)?.special ?? .no) != .no })
        withVoice.processing.purposes[0].dataCategories.append(special)
        withVoice.processing.purposes[0].specialCondition = .explicitConsent
        let voiced = AgreementFacts(document: withVoice, library: Fixtures.library)
        #expect(voiced.holds(.jointSpecialCategories) && !voiced.holds(.sharedSpecialCategories))
        #expect(voiced.plainParagraphs(of: voiced.included(ClauseID("joint-controllership"))!).joined().contains("Where Annex II shows Special Category Data for a Joint Purpose"))
        // Delivery centres outside the EEA carry every purpose's data, so the joint data may leave the EEA too.
        #expect(facts.holds(.transfers) && facts.holds(.jointTransfers) && facts.holds(.sharedTransfers))
        var inside = document
        inside.processing.deliveryLocations = inside.processing.deliveryLocations.filter { Fixtures.library.country($0.country)?.status == .eea }
        inside.subprocessors = inside.subprocessors.filter { sub in sub.allCountries.allSatisfy { Fixtures.library.country($0)?.status == .eea } }
        let home = AgreementFacts(document: inside, library: Fixtures.library)
        #expect(!home.holds(.jointTransfers) && !home.holds(.sharedTransfers))
        #expect(home.plainParagraphs(of: home.included(ClauseID("joint-controllership"))!).joined().contains("No Transfer of Joint Personal Data is agreed"))
    }
}
