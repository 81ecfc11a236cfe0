import Foundation
import Testing
import TripactCore
import TripactTestSupport

/// The important findings of the second reading (I1–I14): each test fails without its fix.
@Suite struct ImportantFindingsTests {
    let library = Fixtures.library

    func variants(_ clause: ClauseID) -> [Variant] { library.clause(clause)?.variants ?? [] }

    /// A variant's text as written, placeholders included, one paragraph a line.
    func words(_ variant: Variant) -> String {
        variant.text.paragraphs.map { paragraph in
            paragraph.lines.map { segments in
                segments.map { segment in
                    switch segment {
                    case .literal(let text, _): text
                    case .placeholder(let placeholder): placeholder.written
                    }
                }.joined()
            }.joined(separator: " ")
        }.joined(separator: "\n")
    }

    func words(_ clause: ClauseID, _ variant: String) -> String {
        variants(clause).first { $0.key == variant }.map(words) ?? ""
    }

    func render(_ document: AgreementDocument) -> String {
        AgreementRenderer.render(AgreementFacts(document: document, library: library))
    }

    func outOfBounds(_ clause: ClauseID, _ parameter: String, _ value: Int) -> Bool {
        Fixtures.findings(Fixtures.document { Fixtures.set(clause, parameter, .integer(value), in: &$0) }).contains {
            $0.code == "clause.parameter-out-of-bounds" && $0.path.hasSuffix(".parameters.\(parameter)")
        }
    }

    // MARK: I1

    @Test func breachNoticeAndUpdatesAreBoundedAt48HoursAnd72IsAnError() throws {
        #expect(!outOfBounds("breach-notification", "hours", 48) && outOfBounds("breach-notification", "hours", 49))
        #expect(!outOfBounds("breach-notification", "update-hours", 48) && outOfBounds("breach-notification", "update-hours", 49))
        let late = try #require(Fixtures.findings(Fixtures.document { Fixtures.set("breach-notification", "hours", .integer(72), in: &$0) }).first {
            $0.code == "breach.notice-too-late"
        })
        #expect(late.severity == .error)
    }

    // MARK: I2

    @Test func subprocessorChangesGetTenDaysAndAnInformedNoticeAndAMoveIsAChange() {
        #expect(outOfBounds("subprocessors", "notice-days", 9) && !outOfBounds("subprocessors", "notice-days", 10))
        #expect(outOfBounds("subprocessors", "objection-days", 9) && !outOfBounds("subprocessors", "objection-days", 10))
        for variant in ["general", "general-objection"] {
            #expect(words("subprocessors", variant).contains("to process new categories of Personal Data, for new purposes or in a new country counts as a change"), "\(variant)")
        }
        let general = words("subprocessors", "general")
        #expect(general.contains("the categories of Personal Data it will receive") && general.contains("the Transfer Mechanism and a summary of the Transfer Impact Assessment"))
    }

    // MARK: I3

    @Test(arguments: [
        ("security-training", "{{confidentiality.training-months}}"), ("cc-rights-request-routing", "{{rights-requests.forward-days}}"),
        ("end-of-contract-deletion", "{{return-and-deletion.days}}"), ("end-of-contract-deletion", "{{return-and-deletion.backup-days}}"),
        ("backup-daily", "{{return-and-deletion.backup-days}}"), ("backup-expiry", "{{return-and-deletion.backup-days}}"),
        ("cc-suppression-lists", "{{outbound-calls.suppression-hours}}"), ("evidence-repository", "{{term-and-termination.records-years}}"),
        ("evidence-repository", "{{records-and-compliance.answer-days}}"), ("data-export", "{{rights-requests.assist-days}}"),
        ("single-subject-erasure", "{{rights-requests.assist-days}}"),
    ])
    func annexThreeQuotesTheParameterInsteadOfAFigure(_ measure: String, _ placeholder: String) throws {
        #expect(try #require(library.measure(measure)).description.contains(placeholder))
    }

    @Test func annexThreePrintsTheNegotiatedValuesAndNoOtherFigures() throws {
        let document = Fixtures.document {
            Fixtures.set("confidentiality", "training-months", .integer(6), in: &$0)
            Fixtures.set("rights-requests", "forward-days", .integer(3), in: &$0)
            Fixtures.set("return-and-deletion", "backup-days", .integer(45), in: &$0)
        }
        let facts = AgreementFacts(document: document, library: library)
        #expect(facts.measureDescription(MeasureEntry(id: "security-training")).contains("a refresher at least every 6 months"))
        #expect(facts.measureDescription(MeasureEntry(id: "cc-rights-request-routing")).contains("within 3 business days"))
        #expect(facts.measureDescription(MeasureEntry(id: "backup-expiry")).contains("Backups roll over within 45 days"))
        for key in ["backup-daily", "backup-expiry", "end-of-contract-deletion"] {
            #expect(!(try #require(library.measure(key)).description.contains("35 days")), "\(key)")
        }
        #expect(try #require(library.measure("iso27001")).description.contains("without undue delay"))
    }

    // MARK: I4

    @Test func theDeliveryCentreVisitIsAnOnSiteAuditUnderTheAuditsClause() throws {
        let visit = try #require(library.measure("cc-delivery-centre-audit")).description
        #expect(visit.hasPrefix("When the Controller audits on site as the audits clause allows"))
    }

    // MARK: I5

    @Test func definitionsCoverEveryTermTheClausesUseAndNoClauseNamesABreachContact() {
        let interpretation = words("interpretation", "standard")
        for term in ["\"Business Hours\" means", "\"Security Incident\" means", "\"Member State\" means a state of the EEA", "\"Union or Member State law\" means"] {
            #expect(interpretation.contains(term), "\(term)")
        }
        #expect(interpretation.contains("at a Delivery Location or in the Controller's own systems [Art. 4(12)]"))
        for clause in library.clauses {
            for variant in clause.variants {
                let text = words(variant)
                #expect(!text.contains("breach contact"), "\(clause.id)/\(variant.key)")
                #expect(!text.contains("working days"), "\(clause.id)/\(variant.key)")
            }
        }
        #expect(words("breach-notification", "balanced").contains("to the Controller's data protection officer named in Annex I or, where Annex I names none, to the Controller's contact named there"))
    }

    // MARK: I6

    @Test func aFurtherInstructionCannotAmendTheAgreement() {
        #expect(words("interpretation", "standard").contains("A further instruction cannot amend this Agreement or its Annexes"))
        for variant in variants("precedence") {
            #expect(words(variant).contains("No further Instruction prevails over this Agreement or its Annexes, nor amends them"), "\(variant.key)")
            #expect(!words(variant).contains("Where an Instruction conflicts with an earlier Instruction, the later one prevails."), "\(variant.key)")
        }
        let purposes = words("purpose-limitation", "standard")
        #expect(!purposes.contains("may add a purpose") && purposes.contains("a further Instruction alone cannot add one"))
    }

    // MARK: I7 (and M10)

    @Test func recordsRetentionAndTheEndOfTheAgreementPointToAClauseEveryAgreementHas() throws {
        let term = try #require(library.clause("term-and-termination"))
        #expect(term.mandatory && term.applies == [.always])
        #expect(try #require(library.clause("liability")).mandatory, "term-and-termination refers to liability")
        for variant in variants("records-and-compliance") where words(variant).contains("documents that show its compliance") {
            #expect(words(variant).contains("afterwards for the period set in {{clause:term-and-termination}}"), "\(variant.key)")
        }
        #expect(words("duration", "standard").contains("it ends as {{clause:term-and-termination}} provides"))
        let without = Fixtures.document { $0.clauses.removeAll { $0.clause == "term-and-termination" } }
        #expect(Fixtures.findings(without).contains { $0.code == "clause.mandatory-missing" && $0.message.contains("'term-and-termination'") })
    }

    // MARK: I8 (and M7)

    @Test func theControllerMayChangeItsReturnOrDeletionChoiceBeforeTheEnd() {
        for choice in ["delete", "return-then-delete"] {
            let html = render(Fixtures.document { Fixtures.set("return-and-deletion", "choice", .string(choice), in: &$0) })
            #expect(html.contains("The Controller may change it by written notice to the Processor at any time before the Services end"), "\(choice)")
        }
        #expect(!render(Fixtures.document()).contains("The Controller may change it by written notice"), "controller-choice needs no change")
        let processor = words("return-and-deletion", "processor")
        #expect(processor.contains("Deleted data shall not be recoverable by reasonable means"))
        #expect(processor.contains("The Processor shall not use it except to meet that law"))
        #expect(words("return-and-deletion", "controller").contains("but by no more than 30 days"))
    }

    // MARK: I9

    @Test func aRecordingWithVolunteeredHealthDataFollowsTheRecordingPeriodUnderRestrictedAccess() {
        let text = words("volunteered-special-data", "standard")
        #expect(text.contains("the retention period agreed for that recording or transcript prevails over the previous paragraph"))
        #expect(text.contains("allow access to it only to Authorised Persons who need it"))
    }

    // MARK: I10

    @Test func identityVerificationAppliesToEveryChannelAndRightsRequestsReferToIt() throws {
        let clause = try #require(library.clause("identity-verification"))
        #expect(clause.mandatory && clause.applies == [.always])
        let emailOnly = Fixtures.document {
            $0.processing.channels = ["email"]
            $0.clauses.removeAll { $0.clause == "identity-verification" }
        }
        #expect(Fixtures.findings(emailOnly).contains { $0.code == "clause.mandatory-missing" && $0.message.contains("'identity-verification'") })
        for variant in variants("rights-requests") {
            #expect(!words(variant).contains("rules on verifying identity that the Parties agree"), "\(variant.key)")
            #expect(words(variant).contains("{{clause:identity-verification}}"), "\(variant.key)")
        }
    }

    // MARK: I11

    @Test(arguments: [("operation", "analysis"), ("service", "speech-analytics"), ("service", "chatbot")])
    func analyticsOrAChatbotMakeTheAIClauseMandatory(_ kind: String, _ key: String) {
        let document = Fixtures.document {
            if kind == "operation" { $0.processing.operations.append(key) } else { $0.processing.services = [key] }
        }
        #expect(AgreementFacts(document: document, library: library).holds(.aiSystems))
        #expect(Fixtures.findings(document).contains { $0.code == "clause.mandatory-missing" && $0.message.contains("'ai-systems'") })
        var with = document
        with.clauses.append(ClauseSelection(clause: "ai-systems", variant: "standard", parameters: [:]))
        #expect(!Fixtures.codes(with).contains("clause.mandatory-missing"))
        #expect(!AgreementFacts(document: Fixtures.document(), library: library).holds(.aiSystems))
    }

    // MARK: I12

    @Test func theProcessorVariantsAssistWithObjectionsAndRecipientsAndLegalInstructionsAreFree() {
        let rights = words("rights-requests", "processor")
        #expect(rights.contains("stop any Processing to which the Data Subject has objected where the Controller so instructs [Art. 21]"))
        #expect(rights.contains("to which recipients it has disclosed the Personal Data concerned [Art. 19]"))
        #expect(words("instructions", "processor").contains("An Instruction that either Party needs in order to comply with the GDPR or other Applicable Law is carried out without any charge"))
    }

    // MARK: I13

    @Test func theControllerGetsAFullCopyOfEachTransferImpactAssessment() {
        let text = words("international-transfers", "processor")
        #expect(text.contains("a full copy of each assessment on request") && !text.contains("a summary of the assessment on request"))
    }

    // MARK: I14

    @Test func emergencyHomeWorkingIsAStatedExceptionToTheHomeWorkingRule() {
        for variant in ["balanced", "processor"] {
            #expect(words("delivery-locations", variant).contains("or for as long as an incident lasts as the paragraph on incidents below allows"), "\(variant)")
        }
        #expect(!words("delivery-locations", "controller").contains("home working in the same country"), "the controller variant moves work only to listed sites")
    }

    // MARK: the way out for stored documents

    @Test func aStoredDocumentLackingNowMandatoryClausesGetsThemInTheirDefaultWordingAndValidates() throws {
        var stored = Fixtures.example("full-scenario.json")
        stored.clauses.removeAll { ["governing-law", "identity-verification", "term-and-termination"].contains($0.clause.rawValue) }
        #expect(Set(MissingClauses.missing(in: stored, library: library).map(\.id.rawValue)) == ["governing-law", "identity-verification", "term-and-termination"])
        let (fixed, added) = MissingClauses.adding(to: stored, library: library)
        #expect(added.count == 3)
        #expect(fixed.clauses.prefix(stored.clauses.count).elementsEqual(stored.clauses), "nothing selected is touched")
        let law = try #require(fixed.clauses.first { $0.clause == "governing-law" })
        #expect(law.variant == library.clause("governing-law")?.defaultVariant.key)
        let errors = Fixtures.findings(fixed).filter { $0.severity == .error }
        #expect(errors.isEmpty, "\(errors)")
        #expect(MissingClauses.adding(to: fixed, library: library).added.isEmpty)
    }

    @Test func theExamplesValidateWithNoErrorAndTheMinimalOneWithNoWarning() {
        #expect(Fixtures.findings(Fixtures.example("minimal.json")).isEmpty)
        #expect(!Fixtures.findings(Fixtures.example("full-scenario.json")).contains { $0.severity == .error })
    }
}

/// The minor points of the second reading that were fixed (M4–M12) and the United Kingdom's renewal (task 5).
@Suite struct MinorPointsTests {
    let library = Fixtures.library

    func text(_ clause: ClauseID, _ variant: String) -> String {
        let found = library.clause(clause)?.variants.first { $0.key == variant }
        return found.map { ImportantFindingsTests().words($0) } ?? ""
    }

    @Test func passwordsFollowTheCurrentNISTRevision() throws {
        let policy = try #require(library.measure("password-policy")).description
        #expect(policy.contains("at least 15 characters long where a password is the only factor") && policy.contains("NIST SP 800-63B Revision 4"))
    }

    @Test func theMarketingObjectionRuleIsThePartiesOwnSubjectToArticle12Paragraph6() {
        let outbound = text("outbound-calls", "standard") + text("outbound-calls", "balanced")
        #expect(outbound.contains("The Parties agree that it also needs no identity check") && outbound.contains("Article 12(6)"))
    }

    @Test func theHoldHarmlessNeedsTheProcessorsWarning() {
        #expect(text("liability", "processor").contains("but only where the Processor told the Controller that the Instruction infringes Applicable Law"))
    }

    @Test func auditsForCauseDoNotCountAgainstTheRoutineNumber() {
        #expect(text("audits", "balanced").contains("Such audits do not count towards the number of routine audits above"))
    }

    @Test func theAIToolMeasureAgreesWithTheClauseAndTheCallerCheckWithTheAgreedMethod() throws {
        #expect(try #require(library.measure("cc-ai-tool-governance")).description.contains("named in Annex II or Annex IV"))
        let check = try #require(library.measure("cc-caller-verification")).description
        #expect(check.contains("{{identity-verification.method}}") && !check.contains("two knowledge questions"))
        let document = Fixtures.document { Fixtures.set("identity-verification", "method", .string("two-step"), in: &$0) }
        #expect(AgreementFacts(document: document, library: library).measureDescription(MeasureEntry(id: "cc-caller-verification")).contains("two independent checks"))
    }

    @Test func aRulingNeedsToBeEnforceableNotFinal() {
        #expect(text("non-compliance-and-termination", "processor").contains("in an enforceable decision"))
        #expect(!text("non-compliance-and-termination", "processor").contains("final and binding"))
    }

    @Test func theUnitedKingdomEntrySaysWhatTheSearchFound() throws {
        let kingdom = try #require(library.country("GB"))
        #expect(kingdom.source.contains("(EU) 2025/1225") && kingdom.source.contains("(EU) 2025/2571"))
        #expect(kingdom.source.contains("still to be recorded"), "the GDPR renewal's own reference was not found")
    }
}

/// What one agreement decided about an Annex IV entry survives an update from the processor's register.
@Suite struct RegisterUpdateKeepsAgreementChoicesTests {
    @Test func aModificationKeepsTheBackUpAndTheConfirmationWhileTheCountriesStayTheSame() {
        let primary = Fixtures.registerRecord("tel-a", name: "Telephony A", services: ["telephony"])
        var backup = Fixtures.registerRecord("tel-b", name: "Telephony B", services: ["telephony"])
        var listed = backup.annexEntry
        listed.backupFor = "tel-a"
        listed.adequacyConfirmed = true
        let before = Fixtures.document { $0.subprocessors = [primary.annexEntry, listed] }
        backup.description = "Hosted telephony, second region"
        let modified = RegisterChange(kind: .modification, entry: backup, previous: backup, plannedStart: backup.startDate).applied(to: before)
        #expect(modified.subprocessors[1].backupFor == "tel-a" && modified.subprocessors[1].adequacyConfirmed == true)
        #expect(modified.subprocessors[1].service == "Hosted telephony, second region")
        var moved = backup
        moved.locations = ["CA"]
        let relocated = RegisterChange(kind: .modification, entry: moved, previous: backup, plannedStart: backup.startDate).applied(to: before)
        #expect(relocated.subprocessors[1].backupFor == "tel-a" && relocated.subprocessors[1].adequacyConfirmed == nil, "a new country needs a new confirmation")
    }
}

/// The back-up and adequacy fields are part of the canonical encoding: what is stored and signed keeps them, and a
/// document without them keeps its hash.
@Suite struct CanonicalNewFieldsTests {
    @Test func theCanonicalEncodingCarriesBothFieldsAndOnlyWhenGiven() throws {
        let plain = Fixtures.example("full-scenario.json")
        var marked = plain
        marked.subprocessors[1].backupFor = marked.subprocessors[0].id
        marked.subprocessors[1].adequacyConfirmed = true
        marked.processing.deliveryLocations[0].adequacyConfirmed = true
        let canonical = String(decoding: DocumentCodec.canonicalJSON(marked), as: UTF8.self)
        #expect(canonical.contains("\"address\":\"\(marked.subprocessors[1].address)\",\"adequacyConfirmed\":true,\"backupFor\":\"\(marked.subprocessors[0].id)\","))
        #expect(canonical.contains("{\"adequacyConfirmed\":true,\"country\":\"\(marked.processing.deliveryLocations[0].country)\""))
        let reread = try DocumentCodec.decode(DocumentCodec.canonicalJSON(marked))
        #expect(reread.subprocessors[1].backupFor == marked.subprocessors[0].id && reread.processing.deliveryLocations[0].adequacyConfirmed == true)
        #expect(DocumentCodec.contentHash(marked) != DocumentCodec.contentHash(plain))
        let keys = String(decoding: DocumentCodec.canonicalJSON(plain), as: UTF8.self)
        #expect(!keys.contains("backupFor") && !keys.contains("adequacyConfirmed"))
    }
}
