import Foundation
import Testing
import TripactCore
import TripactTestSupport

/// The blocking findings of the second reading (B1–B8) and its stale facts (M2, M3): each test fails without its fix.
@Suite struct SecondReadingTests {
    let library = Fixtures.library

    func render(_ document: AgreementDocument) -> String {
        AgreementRenderer.render(AgreementFacts(document: document, library: library))
    }

    func variants(_ clause: ClauseID) -> [Variant] {
        library.clause(clause)?.variants ?? []
    }

    /// A variant's text as written, placeholders included, one paragraph or list item a line.
    func words(_ variant: Variant) -> String {
        variant.text.paragraphs.flatMap(\.lines).map { segments in
            segments.map { segment in
                switch segment {
                case .literal(let text, _): text
                case .placeholder(let placeholder): placeholder.written
                }
            }.joined()
        }.joined(separator: "\n")
    }

    // MARK: B1, a Processor established outside the EEA

    @Test func aProcessorEstablishedOutsideTheEEAMakesTransfersHoldWithNoSiteThere() {
        let document = Fixtures.document { $0.parties.processor.country = "MA" }
        #expect(AgreementFacts(document: document, library: library).holds(.transfers))
        let html = render(document)
        #expect(html.contains("no adequacy decision covers it as a recipient"))
        #expect(!html.contains("list no Delivery Location or Subprocessor outside"))
        #expect(!AgreementFacts(document: Fixtures.document(), library: library).holds(.transfers))
    }

    @Test func aProcessorOutsideTheEEANeedsItsOwnEstablishmentListedWithAMechanism() throws {
        let bare = Fixtures.findings(Fixtures.document { $0.parties.processor.country = "MA" })
        let finding = try #require(bare.first { $0.code == "transfer.processor-establishment-missing" })
        #expect(finding.severity == .error && finding.path == "parties.processor.country")

        let listed = Fixtures.codes(Fixtures.document {
            $0.parties.processor.country = "MA"
            $0.processing.deliveryLocations.append(
                DeliveryLocation(id: "rabat", site: "Rabat", country: "MA", transferMechanism: "scc-module-2", tiaReference: "TIA-MA-1")
            )
        })
        #expect(!listed.contains("transfer.processor-establishment-missing"))
        #expect(!listed.contains("transfer.location-mechanism-missing"))

        // An affiliate's site in the same country is not the Processor's own establishment.
        let affiliate = Fixtures.codes(Fixtures.document {
            $0.parties.processor.country = "MA"
            $0.processing.deliveryLocations.append(
                DeliveryLocation(id: "rabat", site: "Rabat", country: "MA", entity: "Other SARL", transferMechanism: "scc-module-2", tiaReference: "TIA-MA-1")
            )
        })
        #expect(affiliate.contains("transfer.processor-establishment-missing"))
    }

    @Test func aUSProcessorWithoutTheFrameworkNeedsAnotherMechanismAndAnAdequateOneNone() {
        func codes(_ mechanism: String) -> Set<String> {
            Fixtures.codes(Fixtures.document {
                $0.parties.processor.country = "US"
                $0.processing.deliveryLocations.append(DeliveryLocation(id: "austin", site: "Austin", country: "US", transferMechanism: mechanism, tiaReference: "TIA-US-1"))
            })
        }
        #expect(codes("eea").contains("transfer.location-mechanism-missing"))
        #expect(!codes("adequacy-dpf").contains("transfer.location-mechanism-missing"))
        #expect(!codes("scc-module-2").contains("transfer.location-mechanism-missing"))
        let swiss = Fixtures.document { $0.parties.processor.country = "CH" }
        #expect(AgreementFacts(document: swiss, library: library).holds(.transfers))
        #expect(!Fixtures.codes(swiss).contains("transfer.processor-establishment-missing"))
    }

    // MARK: B2, governing law of a state of the EEA

    func lawFindings(_ parameter: String, _ value: String, change: (inout AgreementDocument) -> Void = { _ in }) -> [Finding] {
        Fixtures.findings(Fixtures.document {
            change(&$0)
            Fixtures.set("governing-law", parameter, .string(value), in: &$0)
        }).filter { $0.code == "governing-law.outside-eea" }
    }

    @Test(arguments: ["the law of New York", "the law of England and Wales", "the law of Northern Ireland", "Swiss law", "the law of Ireland or, failing that, of Switzerland", "the law the Main Agreement names"])
    func aLawOutsideTheEEAIsAnError(_ law: String) throws {
        let finding = try #require(lawFindings("law", law).first)
        let index = Fixtures.selectionIndex("governing-law", in: Fixtures.document())
        #expect(finding.severity == .error && finding.path == "clauses[\(index)].parameters.law")
    }

    @Test(arguments: ["French law", "the law of Ireland", "the laws of the Netherlands", "the law of the Member State in which the Controller is established"])
    func aLawOfAStateOfTheEEAPasses(_ law: String) {
        #expect(lawFindings("law", law).isEmpty)
    }

    @Test func courtsAreCheckedLikeTheLawAndTheDefaultNeedsAPartyInTheEEA() {
        #expect(!lawFindings("courts", "the courts of Paris").isEmpty)
        #expect(lawFindings("courts", "the courts of Paris, France").isEmpty)
        #expect(Fixtures.codes(Fixtures.document()).isDisjoint(with: ["governing-law.outside-eea"]))
        let britishController = Fixtures.codes(Fixtures.document { $0.parties.controller.country = "GB" })
        #expect(britishController.contains("governing-law.outside-eea"))
        #expect(!Fixtures.codes(Fixtures.example("full-scenario.json")).contains("governing-law.outside-eea"))
    }

    @Test func everyGoverningLawVariantFallsBackToTheLawOfAStateOfTheEEA() {
        #expect(variants("governing-law").count == 3)
        for variant in variants("governing-law") {
            #expect(words(variant).contains("Whatever else this Clause provides, this Agreement is governed by the law of a state of the EEA"), "\(variant.key)")
        }
    }

    // MARK: B3, mechanisms a Processor's Transfers cannot rest on

    @Test(arguments: ["derogation", "bcr-controller"])
    func aMechanismMarkedNotForProcessorsIsAnErrorForSubprocessorsAndSites(_ mechanism: String) {
        let sub = Fixtures.findings(Fixtures.document { $0.subprocessors = [Fixtures.subprocessor(country: "MA", mechanism: mechanism, tia: "TIA-1")] })
        #expect(sub.contains { $0.code == "transfer.mechanism-not-for-processors" && $0.severity == .error && $0.path == "subprocessors[0].transferMechanism" })
        let site = Fixtures.findings(Fixtures.document {
            $0.processing.deliveryLocations.append(DeliveryLocation(id: "rabat", site: "Rabat", country: "MA", transferMechanism: mechanism, tiaReference: "TIA-1"))
        })
        #expect(site.contains { $0.code == "transfer.mechanism-not-for-processors" && $0.severity == .error && $0.path == "processing.deliveryLocations[1].transferMechanism" })
    }

    @Test func processorBindingCorporateRulesAndModuleThreeRemainAvailable() {
        for mechanism in ["bcr-processor", "scc-module-3"] {
            let codes = Fixtures.codes(Fixtures.document { $0.subprocessors = [Fixtures.subprocessor(country: "MA", mechanism: mechanism, tia: "TIA-1")] })
            #expect(!codes.contains("transfer.mechanism-not-for-processors"), "\(mechanism)")
        }
        #expect(library.transferMechanisms.filter { !$0.processorUse }.map(\.key).sorted() == ["bcr-controller", "derogation"])
    }

    @Test func aRegisterEntryCannotRestOnAMechanismMarkedNotForProcessors() {
        var entry = Fixtures.registerRecord("offshore", name: "Offshore Ltd", services: ["telephony"])
        entry.country = "MA"
        entry.locations = ["MA"]
        entry.tiaReference = "TIA-1"
        entry.transferMechanism = "derogation"
        #expect(entry.problems(library: library).contains { $0.field == "transferMechanism" })
        entry.transferMechanism = "scc-module-3"
        #expect(!entry.problems(library: library).contains { $0.field == "transferMechanism" })
    }

    func files(mechanisms change: (String) -> String) -> [LibraryFile] {
        Fixtures.libraryFiles.map { $0.name == "catalogues/transfer-mechanisms.txt" ? LibraryFile(name: $0.name, contents: change($0.contents)) : $0 }
    }

    @Test func everyMechanismMustSayWhetherAProcessorMayUseIt() {
        #expect(throws: LibraryLoadError.self) {
            _ = try ClauseLibrary.load(files { $0.replacingOccurrences(of: "needs-tia: no\nprocessor-use: no", with: "needs-tia: no") })
        }
        #expect(throws: LibraryLoadError.self) {
            _ = try ClauseLibrary.load(files { $0.replacingOccurrences(of: "processor-use: no", with: "processor-use: rarely") })
        }
    }

    // MARK: B4, rights-request deadlines inside the month

    @Test func forwardingAndAssistanceHaveTighterMaxima() throws {
        let clause = try #require(library.clause("rights-requests"))
        #expect(clause.parameter("forward-days")?.kind == .integer(unit: .businessDays, min: 1, max: 5))
        #expect(clause.parameter("assist-days")?.kind == .integer(unit: .days, min: 1, max: 10))
        let codes = Fixtures.codes(Fixtures.document {
            Fixtures.set("rights-requests", "forward-days", .integer(6), in: &$0)
            Fixtures.set("rights-requests", "assist-days", .integer(11), in: &$0)
        })
        #expect(codes.contains("clause.parameter-out-of-bounds"))
    }

    @Test func forwardingPlusAssistanceOverTwentyDaysIsAnError() throws {
        // 8 business days can take 12 calendar days; with 9 days of assistance that is 21.
        let over = Fixtures.findings(Fixtures.document {
            Fixtures.set("rights-requests", "forward-days", .integer(8), in: &$0)
            Fixtures.set("rights-requests", "assist-days", .integer(9), in: &$0)
        })
        let finding = try #require(over.first { $0.code == "rights.deadlines-too-long" })
        #expect(finding.severity == .error && finding.path.hasSuffix(".parameters.assist-days"))
        // The maxima: 5 business days (7 calendar days) and 10 days, 17 in all.
        let atMaxima = Fixtures.codes(Fixtures.document {
            Fixtures.set("rights-requests", "forward-days", .integer(5), in: &$0)
            Fixtures.set("rights-requests", "assist-days", .integer(10), in: &$0)
        })
        #expect(!atMaxima.contains("rights.deadlines-too-long") && !atMaxima.contains("clause.parameter-out-of-bounds"))
    }

    // MARK: B5, audits for cause are not capped

    @Test func theProcessorVariantExemptsAuditsForCauseFromItsCapAndNotice() throws {
        let processor = try #require(library.clause("audits")?.variant("processor"))
        let text = words(processor)
        #expect(text.contains("do not apply to an audit after a Personal Data Breach, on indications that the Processor does not comply with this Agreement, or at the request of a Supervisory Authority"))
        #expect(text.contains("as much notice as the circumstances reasonably allow"))
        let html = render(Fixtures.document { $0.clauses[Fixtures.selectionIndex("audits", in: $0)].variant = "processor" })
        #expect(html.contains("do not apply to an audit after a Personal Data Breach"))
    }

    // MARK: B6, one rule for a held-back Instruction

    @Test func everyVariantOfBothClausesHoldsBackAReportedInstructionUntilItIsWithdrawnOrChanged() {
        let rule = "The Processor need not carry out an Instruction that it has reported to the Controller as infringing Applicable Law until the Controller withdraws or changes that Instruction [Art. 28(3)]."
        let clauses: [ClauseID] = ["instructions", "non-compliance-and-termination"]
        for clause in clauses {
            #expect(variants(clause).count == 3)
            for variant in variants(clause) {
                let text = words(variant)
                #expect(text.contains(rule), "\(clause) \(variant.key)")
                #expect(text.contains("If the Controller confirms the Instruction instead, the Processor still need not carry it out"), "\(clause) \(variant.key)")
                for stale in ["confirms or changes", "confirms, changes or withdraws", "confirms, withdraws or changes"] {
                    #expect(!text.contains(stale), "\(clause) \(variant.key): \(stale)")
                }
            }
        }
    }

    // MARK: B7, a payment service the Processor engages is its Subprocessor

    @Test func theControllerAnswersOnlyForAPaymentServiceItContractsWithDirectly() throws {
        let processor = try #require(library.clause("card-payments")?.variant("processor"))
        let text = words(processor)
        #expect(!text.contains("responsible for the payment service provider and for any secure payment service it chooses"))
        #expect(text.contains("that it contracts with directly"))
        #expect(text.contains("A payment service that the Processor engages is a Subprocessor"))
    }

    // MARK: B8, Annex III reports an unlawful Instruction at once

    @Test func theInstructionRegisterReportsAnUnlawfulInstructionImmediately() throws {
        let measure = try #require(library.measure("instruction-register"))
        #expect(measure.description.contains("reported to the Controller immediately, with reasons in writing"))
        #expect(!measure.description.contains("business days"))
    }

    // MARK: M2, M3, stale facts

    @Test func everyAdequacySourceGivesItsOfficialJournalReferenceOrSaysItIsMissing() throws {
        for country in library.countries where country.status == .adequate || country.status == .partial {
            #expect(country.source.contains("OJ L") || country.source.contains("still to be recorded"), "\(country.code): \(country.source)")
        }
        #expect(try #require(library.country("BR")).source.contains("(OJ L, 2026/179, 28.1.2026)"))
        let kingdom = try #require(library.country("GB"))
        #expect(kingdom.source.contains("OJ L 360, 11.10.2021") && kingdom.source.contains("still to be recorded"))
    }

    @Test func keyManagementRequiresFIPS140Dash3() throws {
        let measure = try #require(library.measure("enc-key-management"))
        #expect(measure.description.contains("validated to FIPS 140-3 at security level 3"))
        #expect(!measure.description.contains("FIPS 140-2 level 3"))
    }
}
