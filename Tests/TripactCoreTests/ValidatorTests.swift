import Foundation
import Testing
import TripactCore
import TripactTestSupport

/// A change to the valid fixture that must make exactly one rule speak.
struct RuleCase: CustomTestStringConvertible, Sendable {
    let code: String
    let severity: Finding.Severity
    let change: @Sendable (inout AgreementDocument) -> Void
    var testDescription: String { code }
}

@Suite struct ValidatorTests {
    @Test func theValidFixtureHasNoFindingAtAll() {
        let findings = Fixtures.findings(Fixtures.document())
        #expect(findings.isEmpty, "\(findings.map(\.description).joined(separator: "\n"))")
    }

    @Test func theValidatorHasAtLeastTwentyFiveRulesWithDistinctCodes() {
        let codes = Validator.rules.map(\.code)
        #expect(codes.count >= 25)
        #expect(Set(codes).count == codes.count)
    }

    static let cases: [RuleCase] = [
        RuleCase(code: "party.signatory-missing", severity: .error) { $0.parties.processor.signatory = nil },
        RuleCase(code: "party.signatory-email-missing", severity: .error) { $0.parties.controller.signatory?.email = "not an address" },
        RuleCase(code: "party.time-zone-unknown", severity: .error) { $0.parties.processor.timeZone = "CET" },
        RuleCase(code: "party.identity-incomplete", severity: .error) { $0.parties.controller.address = " " },
        RuleCase(code: "party.contact-incomplete", severity: .warning) { $0.parties.controller.contact.email = nil },
        RuleCase(code: "document.effective-date", severity: .error) { $0.effectiveDate = "2026-02-30" },
        RuleCase(code: "annex2.subject-matter", severity: .error) { $0.processing.subjectMatter = "" },
        RuleCase(code: "annex2.duration", severity: .error) { $0.processing.duration = "" },
        RuleCase(code: "annex2.nature", severity: .error) {
            $0.processing.nature = ""
            $0.processing.operations = []
        },
        RuleCase(code: "annex2.purposes", severity: .error) { $0.processing.purposes = [] },
        RuleCase(code: "annex2.data-subjects", severity: .error) { $0.processing.dataSubjects = [] },
        RuleCase(code: "catalogue.unknown-key", severity: .error) { $0.processing.channels.append("telepathy") },
        RuleCase(code: "clause.unknown", severity: .error) { $0.clauses.append(ClauseSelection(clause: "breach-notice", variant: "balanced")) },
        RuleCase(code: "clause.unknown-variant", severity: .error) {
            $0.clauses[Fixtures.selectionIndex("audits", in: $0)].variant = "lenient"
        },
        RuleCase(code: "clause.duplicate", severity: .error) { $0.clauses.append($0.clauses[0]) },
        RuleCase(code: "clause.unknown-parameter", severity: .error) { Fixtures.set("audits", "colour", .string("red"), in: &$0) },
        RuleCase(code: "clause.parameter-out-of-bounds", severity: .error) { Fixtures.set("breach-notification", "hours", .integer(97), in: &$0) },
        RuleCase(code: "clause.mandatory-missing", severity: .error) {
            $0.processing.specialCategories = [SpecialCategoryEntry(category: "user.health", safeguards: "Only the two supervisors of the care team see it; encrypted field.")]
            $0.processing.purposes[0].dataCategories.append("user.health")
        },
        RuleCase(code: "art28.element-missing", severity: .error) { $0.clauses.removeAll { $0.clause == "confidentiality" } },
        RuleCase(code: "clause.not-applicable", severity: .warning) {
            $0.clauses.append(ClauseSelection(clause: "card-payments", variant: Fixtures.library.clause("card-payments")!.defaultVariant.key))
        },
        RuleCase(code: "text.unfilled-placeholder", severity: .error) { $0.mainAgreement = "" },
        RuleCase(code: "clause.custom-wording-invalid", severity: .error) {
            $0.clauses[Fixtures.selectionIndex("audits", in: $0)].ownWording = "Audits on {{frequency-of-audits}} notice."
        },
        RuleCase(code: "clause.custom-wording", severity: .warning) {
            $0.clauses[Fixtures.selectionIndex("audits", in: $0)].rider = "Audits take place on working days only."
        },
        RuleCase(code: "governing-law.outside-eea", severity: .error) { Fixtures.set("governing-law", "law", .string("the law of the State of New York"), in: &$0) },
        RuleCase(code: "special-categories.safeguards-missing", severity: .error) {
            $0.processing.specialCategories = [SpecialCategoryEntry(category: "user.health", safeguards: "Access control")]
            $0.processing.purposes[0].dataCategories.append("user.health")
            $0.clauses.append(ClauseSelection(clause: "sensitive-data", variant: "standard"))
        },
        RuleCase(code: "special-categories.undeclared", severity: .error) {
            $0.processing.dataCategories.append(DataCategoryEntry(category: "user.biometrics.voice"))
            $0.processing.purposes[0].dataCategories.append("user.biometrics.voice")
            $0.clauses.append(ClauseSelection(clause: "sensitive-data", variant: "standard"))
            $0.processing.specialCategories = []
        },
        RuleCase(code: "transfer.mechanism-missing", severity: .error) { $0.subprocessors = [Fixtures.subprocessor(country: "MA", mechanism: "eea")] },
        RuleCase(code: "transfer.location-mechanism-missing", severity: .error) {
            $0.processing.deliveryLocations.append(DeliveryLocation(id: "rabat", site: "Rabat", country: "MA"))
        },
        RuleCase(code: "transfer.processor-establishment-missing", severity: .error) { $0.parties.processor.country = "MA" },
        RuleCase(code: "transfer.tia-missing", severity: .warning) { $0.subprocessors = [Fixtures.subprocessor(country: "MA", mechanism: "scc-module-3")] },
        RuleCase(code: "subprocessor.incomplete", severity: .error) {
            var sub = Fixtures.subprocessor()
            sub.service = ""
            $0.subprocessors = [sub]
        },
        RuleCase(code: "subprocessor.data-outside-annex2", severity: .warning) {
            var sub = Fixtures.subprocessor()
            sub.dataCategories.append("user.location")
            $0.subprocessors = [sub]
        },
        RuleCase(code: "subprocessor.specific-without-list", severity: .warning) {
            $0.clauses[Fixtures.selectionIndex("subprocessors", in: $0)].variant = "specific"
        },
        RuleCase(code: "subprocessor.notice-shorter-than-objection", severity: .error) {
            let index = Fixtures.selectionIndex("subprocessors", in: $0)
            $0.clauses[index].variant = "general"
            $0.clauses[index].parameters["notice-days"] = .integer(10)
            $0.clauses[index].parameters["objection-days"] = .integer(14)
        },
        RuleCase(code: "transfer.wrong-module", severity: .warning) {
            $0.subprocessors = [Fixtures.subprocessor(country: "MA", mechanism: "scc-module-2", tia: "TIA-1")]
        },
        RuleCase(code: "breach.notice-too-late", severity: .error) { Fixtures.set("breach-notification", "hours", .integer(72), in: &$0) },
        RuleCase(code: "rights.forwarding-too-slow", severity: .warning) { Fixtures.set("rights-requests", "forward-days", .integer(7), in: &$0) },
        RuleCase(code: "rights.deadlines-too-long", severity: .error) {
            Fixtures.set("rights-requests", "forward-days", .integer(10), in: &$0)
            Fixtures.set("rights-requests", "assist-days", .integer(7), in: &$0)
        },
        RuleCase(code: "measures.none", severity: .error) { $0.measures = [] },
        RuleCase(code: "measures.unknown", severity: .error) { $0.measures.append(MeasureEntry(id: "quantum-shield")) },
        RuleCase(code: "measures.generic", severity: .warning) {
            $0.measures.append(MeasureEntry(id: "custom-encryption", heading: 1, title: "Encryption", description: "Pseudonymisation and encryption of personal data"))
            $0.measures[0].description = ""
        },
        RuleCase(code: "minimisation.category-without-purpose", severity: .warning) {
            $0.processing.dataCategories.append(DataCategoryEntry(category: "user.location"))
        },
        RuleCase(code: "minimisation.purpose-unlisted-category", severity: .warning) {
            $0.processing.purposes[0].dataCategories.append("user.device.ip_address")
        },
        RuleCase(code: "retention.missing", severity: .warning) { $0.processing.retention = "" },
        RuleCase(code: "consumer.right-unassigned", severity: .warning) { $0.consumerObligations.rights.removeLast() },
        RuleCase(code: "consumer.identity-check-missing", severity: .warning) { $0.consumerObligations.identityVerification = "" },
        RuleCase(code: "consumer.recording-announcement-missing", severity: .error) {
            $0.processing.callRecording = true
            $0.clauses.append(ClauseSelection(clause: "call-recording", variant: Fixtures.library.clause("call-recording")!.defaultVariant.key))
        },
        RuleCase(code: "consumer.complaint-route-missing", severity: .warning) { $0.consumerObligations.complaintRoute = "" },
        RuleCase(code: "assistance.missing", severity: .warning) { $0.assistanceMeasures.removeAll { $0.area == .breaches } },
        RuleCase(code: "consumer.privacy-notice-missing", severity: .warning) { $0.consumerObligations.privacyNotice = " " },
        RuleCase(code: "consumer.processor-answers-without-authority", severity: .error) {
            Fixtures.set("rights-requests", "authority", .string("controller-only"), in: &$0)
            $0.consumerObligations.rights[1].answeredBy = .processor
        },
        RuleCase(code: "transfer.mechanism-not-for-processors", severity: .error) {
            $0.subprocessors = [Fixtures.subprocessor(country: "MA", mechanism: "derogation")]
        },
        RuleCase(code: "annex2.delivery-location-incomplete", severity: .error) {
            $0.processing.deliveryLocations.append(DeliveryLocation(id: "nantes", site: "Nantes 2", country: "FR"))
        },
        RuleCase(code: "clause.incompatible-variants", severity: .error) {
            $0.clauses[Fixtures.selectionIndex("international-transfers", in: $0)].variant = "controller"
            $0.clauses[Fixtures.selectionIndex("delivery-locations", in: $0)].variant = "processor"
        },
        RuleCase(code: "breach.telecom-too-slow", severity: .error) {
            $0.clauses[Fixtures.selectionIndex("breach-notification", in: $0)].variant = "telecom"
        },
        RuleCase(code: "purpose.lawful-basis-missing", severity: .error) { $0.processing.purposes[0].role = .joint },
        RuleCase(code: "purpose.special-condition-missing", severity: .error) {
            $0.processing.purposes[0].role = .joint
            $0.processing.purposes[0].lawfulBasis = .consent
            $0.processing.specialCategories = [SpecialCategoryEntry(category: "user.health_and_medical", safeguards: "Only the two supervisors of the care team see it; encrypted field.")]
            $0.processing.purposes[0].dataCategories.append("user.health_and_medical")
        },
        RuleCase(code: "joint.handover-note", severity: .error) {
            $0.clauses[Fixtures.selectionIndex("breach-notification", in: $0)].handoverNotes = ["right-access": "Passed on by the shared queue."]
        },
        RuleCase(code: "purpose.disclosure-basis-missing", severity: .error) {
            $0.processing.purposes[0].role = .independent
            $0.processing.purposes[0].lawfulBasis = .legitimateInterests
            $0.processing.purposes[0].recipient = .processor
        },
        RuleCase(code: "purpose.disclosure-condition-missing", severity: .error) {
            $0.processing.purposes[0].role = .independent
            $0.processing.purposes[0].lawfulBasis = .consent
            $0.processing.purposes[0].specialCondition = .explicitConsent
            $0.processing.purposes[0].recipient = .processor
            $0.processing.purposes[0].disclosureBasis = .consent
            $0.processing.specialCategories = [SpecialCategoryEntry(category: "user.health_and_medical", safeguards: "Only the two supervisors of the care team see it; encrypted field.")]
            $0.processing.purposes[0].dataCategories.append("user.health_and_medical")
        },
        RuleCase(code: "purpose.recipient", severity: .error) {
            $0.processing.purposes[0].role = .independent
            $0.processing.purposes[0].lawfulBasis = .legitimateInterests
        },
        RuleCase(code: "purpose.processor-own-interest", severity: .warning) {
            $0.processing.purposes.append(PurposeEntry(purpose: "train_ai_system.processor_own", dataCategories: $0.processing.purposes[0].dataCategories))
        },
        RuleCase(code: "purpose.processor-own-interest", severity: .warning) {
            $0.processing.purposes[0].description = "Answering calls, and training the Processor's own models on their transcripts."
        },
        RuleCase(code: "purpose.controller-terms-missing", severity: .error) {
            $0.processing.purposes[0].role = .joint
            $0.processing.purposes[0].lawfulBasis = .contract
        },
        RuleCase(code: "joint.allocation-unassigned", severity: .error) {
            $0.processing.purposes[0].role = .joint
            $0.processing.purposes[0].lawfulBasis = .contract
            $0.clauses.append(ClauseSelection(clause: "joint-controllership", variant: "balanced", parameters: [
                "essence": .string("We decide this together; Lumen Telecom is your contact point."), "right-erasure": .string("nobody"),
            ]))
        },
        RuleCase(code: "joint.essence", severity: .error) {
            $0.processing.purposes[0].role = .joint
            $0.processing.purposes[0].lawfulBasis = .contract
            $0.clauses.append(ClauseSelection(clause: "joint-controllership", variant: "balanced", parameters: ["essence": .string("We decide this together.")]))
        },
        RuleCase(code: "purpose.shared-data-unnamed", severity: .error) {
            $0.processing.purposes[0].role = .independent
            $0.processing.purposes[0].lawfulBasis = .legitimateInterests
            $0.processing.purposes[0].recipient = .processor
            $0.processing.purposes[0].dataCategories = []
        },
        RuleCase(code: "purpose.recipient-not-in-notice", severity: .warning) {
            $0.processing.purposes[0].role = .independent
            $0.processing.purposes[0].lawfulBasis = .legitimateInterests
            $0.processing.purposes[0].recipient = .processor
            $0.consumerObligations.privacyNotice = "Lumen Telecom decides how your data is used."
        },
    ]

    @Test(arguments: cases)
    func eachRuleSpeaksOnItsCaseAndNotOnTheValidFixture(_ rule: RuleCase) {
        #expect(!Fixtures.codes(Fixtures.document()).contains(rule.code))
        let findings = Fixtures.findings(Fixtures.document(rule.change)).filter { $0.code == rule.code }
        #expect(!findings.isEmpty, "rule \(rule.code) did not speak")
        for finding in findings {
            #expect(finding.severity == rule.severity)
            #expect(!finding.article.isEmpty && !finding.path.isEmpty && !finding.message.isEmpty)
        }
    }

    @Test func everyRuleHasACase() {
        let covered = Set(Self.cases.map(\.code))
        for rule in Validator.rules where rule.code != "annex2.data-categories" {
            #expect(covered.contains(rule.code), "rule \(rule.code) has no test case")
        }

    }

    @Test func removingAllDataCategoriesIsAnAnnexTwoError() {
        let findings = Fixtures.findings(Fixtures.document { $0.processing.dataCategories = [] })
        #expect(findings.contains { $0.code == "annex2.data-categories" && $0.severity == .error })
    }

    @Test func aProcessorMayAnswerListedRightsWhenTheClauseGivesItAuthority() {
        let document = Fixtures.document {
            Fixtures.set("rights-requests", "authority", .string("processor-listed"), in: &$0)
            $0.consumerObligations.rights[1].answeredBy = .processor
        }
        #expect(!Fixtures.codes(document).contains("consumer.processor-answers-without-authority"))
    }

    @Test func aCustomMeasureWithoutDescriptionIsAnError() {
        let findings = Fixtures.findings(Fixtures.document { $0.measures.append(MeasureEntry(id: "custom-vault", heading: 7, title: "Vault")) })
        #expect(findings.contains { $0.code == "measures.unknown" && $0.severity == .error && $0.path.hasSuffix(".id") })
    }

    @Test func hugeNumbersAreOutOfBoundsAndCrashNothing() {
        for value in [Int.max, Int.min, 1_000_000_000] {
            let findings = Fixtures.findings(Fixtures.document {
                Fixtures.set("rights-requests", "forward-days", .integer(value), in: &$0)
                Fixtures.set("breach-notification", "hours", .integer(value), in: &$0)
            })
            #expect(findings.filter { $0.code == "clause.parameter-out-of-bounds" }.count == 2)
        }
    }

    @Test(arguments: [
        "Pseudonymisation and encryption.", "Encryption is used.", "Appropriate measures are taken.", "We comply with Article 32 of the GDPR.",
        "Industry standard security measures are implemented and maintained.",
    ])
    func genericMeasureDescriptionsWarn(_ description: String) {
        let findings = Fixtures.findings(Fixtures.document {
            $0.measures.append(MeasureEntry(id: "custom-x", heading: 1, title: "Encryption", description: description))
        })
        #expect(findings.contains { $0.code == "measures.generic" && $0.path == "measures[\(Fixtures.document().measures.count)].description" })
    }

    @Test func aConcreteCustomMeasureDoesNotWarn() {
        let concrete = "Recordings are encrypted with AES-256 keys held in the Lyon HSM; keys rotate every 90 days and two officers approve each export."
        let findings = Fixtures.findings(Fixtures.document { $0.measures.append(MeasureEntry(id: "custom-x", heading: 1, title: "Encryption", description: concrete)) })
        #expect(!findings.contains { $0.code == "measures.generic" })
    }

    @Test func aNoticeAsLongAsTheObjectionWindowIsFine() {
        let document = Fixtures.document {
            let index = Fixtures.selectionIndex("subprocessors", in: $0)
            $0.clauses[index].variant = "general"
            $0.clauses[index].parameters["notice-days"] = .integer(14)
            $0.clauses[index].parameters["objection-days"] = .integer(14)
        }
        #expect(!Fixtures.codes(document).contains("subprocessor.notice-shorter-than-objection"))
    }

    @Test func breachNoticeOf72HoursOrMoreIsAnErrorAnd71IsNot() {
        let at71 = Fixtures.codes(Fixtures.document { Fixtures.set("breach-notification", "hours", .integer(71), in: &$0) })
        let at96 = Fixtures.codes(Fixtures.document { Fixtures.set("breach-notification", "hours", .integer(96), in: &$0) })
        #expect(!at71.contains("breach.notice-too-late"))
        #expect(at96.contains("breach.notice-too-late"))
    }

    @Test func forwardingWithinSixBusinessDaysKeepsTwoThirdsOfTheMonth() {
        #expect(!Fixtures.codes(Fixtures.document { Fixtures.set("rights-requests", "forward-days", .integer(6), in: &$0) }).contains("rights.forwarding-too-slow"))
    }

    @Test func anAdequateCountryNeedsNoMechanismButTheUnitedStatesNeedsTheFramework() {
        #expect(!Fixtures.codes(Fixtures.document { $0.subprocessors = [Fixtures.subprocessor(country: "CH", mechanism: "adequacy")] }).contains("transfer.mechanism-missing"))
        #expect(Fixtures.codes(Fixtures.document { $0.subprocessors = [Fixtures.subprocessor(country: "US", mechanism: "adequacy")] }).contains("transfer.mechanism-missing"))
        #expect(!Fixtures.codes(Fixtures.document { $0.subprocessors = [Fixtures.subprocessor(country: "US", mechanism: "adequacy-dpf")] }).contains("transfer.mechanism-missing"))
    }

    @Test func aParameterOutOfBoundsNamesClauseParameterAndPath() throws {
        let document = Fixtures.document { Fixtures.set("breach-notification", "hours", .integer(97), in: &$0) }
        let finding = try #require(Fixtures.findings(document).first { $0.code == "clause.parameter-out-of-bounds" })
        let index = Fixtures.selectionIndex("breach-notification", in: document)
        #expect(finding.path == "clauses[\(index)].parameters.hours")
        #expect(finding.message == "clause 'breach-notification' parameter 'hours' is 97 hours, above its maximum 48 hours")
    }

    @Test func aWrongParameterTypeIsAnError() {
        let findings = Fixtures.findings(Fixtures.document { Fixtures.set("breach-notification", "hours", .string("soon"), in: &$0) })
        #expect(findings.contains { $0.code == "clause.parameter-out-of-bounds" && $0.message.contains("must be a whole number") })
    }

    @Test func errorsComeBeforeWarnings() {
        let findings = Fixtures.findings(Fixtures.document {
            $0.processing.retention = ""
            $0.processing.subjectMatter = ""
        })
        #expect(findings.map(\.severity) == findings.map(\.severity).sorted())
    }
}
