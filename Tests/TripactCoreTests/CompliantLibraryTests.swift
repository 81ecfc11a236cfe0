import Foundation
import Testing
import TripactCore
import TripactTestSupport

/// Issue 11: whatever variants the Parties choose, what the validator accepts is compliant.
@Suite struct CompliantLibraryTests {
    let library = Fixtures.library

    /// The printed words of a variant, placeholders shown as written.
    func words(_ clause: ClauseID, _ variant: String) -> String {
        guard let text = library.clause(clause)?.variant(variant)?.text else {
            Issue.record("no variant \(variant) of \(clause)")
            return ""
        }
        return text.paragraphs.flatMap(\.lines).flatMap { $0 }.map { segment in
            switch segment {
            case .literal(let text, _): text
            case .placeholder(let placeholder): placeholder.written
            }
        }.joined()
    }

    func errors(_ document: AgreementDocument) -> [Finding] { Fixtures.findings(document).filter { $0.severity == .error } }

    /// A document with a subprocessor in the United States and a delivery centre in Morocco on processor BCRs.
    func offshore(_ change: (inout AgreementDocument) -> Void = { _ in }) -> AgreementDocument {
        Fixtures.document { document in
            document.subprocessors = [
                Fixtures.subprocessor(), Fixtures.subprocessor(id: "speech", country: "US", mechanism: "scc-module-3", tia: "TIA-US-1"),
            ]
            document.processing.deliveryLocations.append(
                DeliveryLocation(id: "rabat", site: "Rabat", country: "MA", entity: "Atlantis Maroc SARL", transferMechanism: "bcr-processor", tiaReference: "TIA-MA-1")
            )
            document.clauses.append(ClauseSelection(clause: "processor-bcrs", variant: "standard"))
            change(&document)
        }
    }

    // MARK: Item 1: no unsafe variant

    @Test func everyTransferVariantSuspendsATransferWhoseProtectionFails() {
        for variant in library.clause("international-transfers")!.variants {
            let text = words("international-transfers", variant.key)
            #expect(text.contains("the Processor shall suspend the Transfer without undue delay"), "variant \(variant.key)")
            #expect(!text.contains("take reasonable steps to adopt further safeguards"), "variant \(variant.key)")
        }
    }

    @Test func noGeneralAuthorisationLetsASubprocessorStartBeforeTheObjectionPeriodOrWhileAnObjectionIsOpen() {
        for variant in library.clause("subprocessors")!.variants where variant.key != "specific" {
            let text = words("subprocessors", variant.key)
            #expect(text.contains("shall not allow the new Subprocessor to process Personal Data before"), "variant \(variant.key)")
            #expect(text.contains("while an objection is"), "variant \(variant.key)")
        }
        let general = words("subprocessors", "general")
        #expect(general.contains("approved back-up"))
        #expect(general.contains("consented in writing"))
        #expect(!general.contains("may engage the replacement on shorter notice. It shall inform the Controller as soon as possible"))
    }

    @Test func everyDeliveryLocationVariantNeedsApprovalForANewCountryAndBlocksASiteWhileAnObjectionIsOpen() {
        for variant in library.clause("delivery-locations")!.variants {
            let text = words("delivery-locations", variant.key)
            #expect(text.contains("prior written approval"), "variant \(variant.key)")
            #expect(!text.contains("in any country"), "variant \(variant.key)")
            if variant.key != "controller" {
                #expect(text.contains("shall not use the new Delivery Location for the Services while an objection is"), "variant \(variant.key)")
            }
        }
    }

    // MARK: Item 2: essentials always in

    // Second reading: identity checks on every channel (I10), records kept for the agreed years and the liability clause
    // the term clause refers to (I7).
    static let alwaysEssential: [ClauseID] = [
        "purpose-limitation", "non-compliance-and-termination", "governing-law", "invariability", "volunteered-special-data", "identity-verification",
        "term-and-termination", "liability",
    ]

    @Test(arguments: alwaysEssential)
    func anEssentialClauseIsMandatoryInEveryAgreement(_ id: ClauseID) {
        let clause = library.clause(id)!
        #expect(clause.mandatory && clause.applies == [.always])
        let findings = Fixtures.findings(Fixtures.document { $0.clauses.removeAll { $0.clause == id } })
        #expect(findings.contains { $0.code == "clause.mandatory-missing" && $0.severity == .error && $0.message.contains("'\(id)'") })
    }

    struct ConditionalCase: Sendable, CustomTestStringConvertible {
        let clause: ClauseID
        let makeHold: @Sendable (inout AgreementDocument) -> Void
        let makeFail: @Sendable (inout AgreementDocument) -> Void
        var testDescription: String { clause.rawValue }
    }

    static let conditional: [ConditionalCase] = [
        ConditionalCase(clause: "delivery-locations", makeHold: { _ in }, makeFail: { $0.processing.deliveryLocations = [] }),
        // Second reading I11: analytics that may score emotions bring in the AI clause.
        ConditionalCase(clause: "ai-systems", makeHold: { $0.processing.operations.append("analysis") }, makeFail: { $0.processing.services = ["crm"] }),
        ConditionalCase(clause: "call-recording", makeHold: { $0.processing.callRecording = true }, makeFail: { $0.processing.callRecording = false }),
        ConditionalCase(clause: "card-payments", makeHold: { $0.processing.cardPayments = true }, makeFail: { $0.processing.cardPayments = false }),
        ConditionalCase(
            clause: "processor-bcrs",
            makeHold: { $0.subprocessors = [Fixtures.subprocessor(id: "group", country: "MA", mechanism: "bcr-processor", tia: "TIA-1")] },
            makeFail: { $0.subprocessors = [] }
        ),
    ]

    @Test(arguments: conditional)
    func aConditionalEssentialIsRequiredWheneverItsConditionHolds(_ item: ConditionalCase) {
        let clause = library.clause(item.clause)!
        #expect(clause.mandatory)
        let missing = { (finding: Finding) in finding.code == "clause.mandatory-missing" && finding.message.contains("'\(item.clause)'") }
        let holding = Fixtures.findings(Fixtures.document { document in
            item.makeHold(&document)
            document.clauses.removeAll { $0.clause == item.clause }
        })
        #expect(holding.contains(where: missing))
        let failing = Fixtures.findings(Fixtures.document { document in
            item.makeFail(&document)
            document.clauses.removeAll { $0.clause == item.clause }
        })
        #expect(!failing.contains(where: missing))
    }

    @Test func theExamplesSelectEveryEssentialThatApplies() {
        for name in ["full-scenario.json", "minimal.json"] {
            let facts = AgreementFacts(document: Fixtures.example(name), library: library)
            let errors = Validator.validate(facts).filter { $0.severity == .error }
            #expect(errors.isEmpty, "\(name): \(errors.map(\.description).joined(separator: "\n"))")
            for clause in library.clauses where clause.mandatory && facts.applies(clause) {
                #expect(facts.number(of: clause.id) != nil, "\(name) lacks \(clause.id)")
            }
        }
    }

    // MARK: Item 3: variants that fit together

    @Test func theLibraryDeclaresContradictoryVariantPairs() {
        #expect(library.incompatibilities.count >= 2)
        #expect(library.incompatibilities.contains { $0.first == VariantReference(clause: "international-transfers", variant: "controller") && $0.second.clause == "delivery-locations" })
    }

    @Test func everyDeclaredIncompatiblePairIsRefusedWithAnErrorNamingBothClauses() {
        for pair in library.incompatibilities {
            let document = offshore { document in
                for reference in [pair.first, pair.second] {
                    document.clauses[Fixtures.selectionIndex(reference.clause, in: document)].variant = reference.variant
                }
            }
            let refusal = Fixtures.findings(document).filter { $0.code == "clause.incompatible-variants" }
            #expect(refusal.count == 1, "pair \(pair.key)")
            guard let finding = refusal.first else { continue }
            #expect(finding.severity == .error)
            #expect(finding.message.contains("'\(pair.first.clause)'") && finding.message.contains("'\(pair.second.clause)'"))
            #expect(finding.path == "clauses[\(Fixtures.selectionIndex(pair.second.clause, in: document))].variant")
        }
    }

    @Test func lintRefusesAPairThatNamesAVariantTheClauseDoesNotHave() {
        let files = Fixtures.libraryFiles.map { file in
            guard file.name == "catalogues/incompatible-variants.txt" else { return file }
            return LibraryFile(name: file.name, contents: file.contents + "\npair: ghost\nfirst: subprocessors lenient\nsecond: audits controller\nreason: a test\n")
        }
        do {
            _ = try ClauseLibrary.load(files)
            Issue.record("a pair naming a missing variant loaded")
        } catch {
            #expect(error.problems.contains { $0.message.contains("pair 'ghost'") && $0.message.contains("'lenient'") })
        }
    }

    // MARK: The processor-leaning agreement

    /// Every clause in the variant that leans furthest towards the Processor (the balanced one where there is none).
    func processorLeaning(_ document: AgreementDocument) -> AgreementDocument {
        var document = document
        for index in document.clauses.indices {
            guard let clause = library.clause(document.clauses[index].clause) else { continue }
            if let variant = clause.variants.first(where: { $0.stance == .processor }) { document.clauses[index].variant = variant.key }
        }
        return document
    }

    @Test func anAgreementBuiltFromEveryProcessorLeaningVariantStillValidatesWithEveryArt28ElementCovered() {
        for document in [processorLeaning(Fixtures.document()), processorLeaning(offshore())] {
            let facts = AgreementFacts(document: document, library: library)
            let errors = Validator.validate(facts).filter { $0.severity == .error }
            #expect(errors.isEmpty, "\(errors.map(\.description).joined(separator: "\n"))")
            let covered = Set(facts.included.flatMap(\.clause.covers))
            for element in Article28Element.allCases {
                #expect(covered.contains(element), "\(element.rawValue) is not covered")
            }
            for item in facts.included where item.clause.variants.contains(where: { $0.stance == .processor }) {
                #expect(item.variant.stance == .processor)
            }
        }
    }
}

/// Issue 11, item 4: the topics that were missing are in the library, in every variant where they belong.
@Suite struct MissingTopicsTests {
    let library = Fixtures.library

    func text(_ clause: ClauseID, _ variant: String) -> String {
        library.clause(clause)!.variant(variant)!.text.paragraphs.flatMap(\.lines).flatMap { $0 }.map {
            if case .literal(let text, _) = $0 { text } else { "" }
        }.joined()
    }

    @Test func everyIdentityVariantRequiresAStrongerCheckForSimSwapsAndPortOuts() {
        for variant in library.clause("identity-verification")!.variants {
            let words = text("identity-verification", variant.key)
            #expect(words.contains("swaps a SIM card") && words.contains("ports a number out") && words.contains("stronger check"), "\(variant.key)")
        }
    }

    @Test func aDedicatedRightsDeskIsAnOptionOfEveryRightsVariant() {
        let clause = library.clause("rights-requests")!
        #expect(clause.parameter("dedicated-desk")?.defaultValue == .boolean(false))
        let document = Fixtures.document { Fixtures.set("rights-requests", "dedicated-desk", .boolean(true), in: &$0) }
        #expect(Fixtures.findings(document).isEmpty)
        #expect(AgreementRenderer.render(AgreementFacts(document: document, library: library)).contains("dedicated team of Authorised Persons"))
        #expect(!AgreementRenderer.render(AgreementFacts(document: Fixtures.document(), library: library)).contains("dedicated team of Authorised Persons"))
    }

    @Test func telecomTrafficAndLocationDataAreCatalogued() {
        #expect(library.dataCategory("user.telecom.traffic_data") != nil)
        #expect(library.dataCategory("user.telecom.location_data") != nil)
    }

    @Test func outboundCallsSuppressAnObjectionWithinADayAndTheClauseValidatesWhenSelected() {
        let spec = library.clause("outbound-calls")!.parameter("suppression-hours")!
        if case .integer(_, _, let max) = spec.kind { #expect(max == 24) } else { Issue.record("not an integer") }
        let document = Fixtures.document { $0.clauses.append(ClauseSelection(clause: "outbound-calls", variant: "standard")) }
        #expect(Fixtures.findings(document).isEmpty)
    }

    @Test func theNewTopicsCiteTheirSources() {
        let expected: [(ClauseID, String)] = [
            ("controller-breach-assistance", "Art. 34"), ("processor-bcrs", "Art. 47"), ("ai-systems", "Art. 50(1)"), ("ai-systems", "Art. 5(1)(f)"),
            ("volunteered-special-data", "Art. 9"), ("agents-personal-data", "Art. 88"), ("outbound-calls", "Art. 21(3)"),
        ]
        for (id, citation) in expected {
            let clause = library.clause(id)!
            #expect(clause.variants.allSatisfy { text(id, $0.key).contains(citation) }, "\(id) does not cite \(citation)")
        }
        #expect(text("breach-notification", "telecom").contains("Directive (EU) 2022/2555, Art. 23(4)"))
    }
}
