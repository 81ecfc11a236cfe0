import Foundation
import Testing
import TripactCore
import TripactTestSupport

/// Each purpose carries who decides it (issue 16, items 1 and 3): on the Controller's behalf, jointly, or by a
/// recipient as a controller in its own right.
@Suite struct PurposeRoleTests {
    static func document(_ change: (inout AgreementDocument) -> Void) -> AgreementDocument {
        var document = Fixtures.example("full-scenario.json")
        change(&document)
        return document
    }

    /// The example with its first purpose decided jointly and its reporting shared with the Processor as a controller.
    static func withSharedPurposes() throws -> AgreementDocument {
        var shared = Fixtures.example("full-scenario.json")
        shared.processing.purposes[0].role = .joint
        shared.processing.purposes[0].lawfulBasis = .contract
        let independent = try #require(shared.processing.purposes.firstIndex { $0.purpose == "analytics.reporting" })
        shared.processing.purposes[independent].role = .independent
        shared.processing.purposes[independent].lawfulBasis = .legitimateInterests
        shared.processing.purposes[independent].recipient = .processor
        shared.processing.purposes[independent].disclosureBasis = .legitimateInterests
        return shared
    }

    static func codes(_ document: AgreementDocument) -> [String] {
        Validator.validate(document, library: Fixtures.library).map(\.code)
    }

    @Test func aDocumentWithoutRolesKeepsItsBytesAndADocumentWithRolesRoundTrips() throws {
        let plain = Fixtures.example("full-scenario.json")
        let canonical = String(decoding: DocumentCodec.canonicalJSON(plain), as: UTF8.self)
        #expect(!canonical.contains("\"role\"") && !canonical.contains("\"lawfulBasis\""), "absent roles are not written, so stored hashes stay")
        #expect(plain.processing.purposes.allSatisfy { $0.effectiveRole == .onBehalf })
        let shared = Self.document {
            $0.processing.purposes[0].role = .independent
            $0.processing.purposes[0].lawfulBasis = .legitimateInterests
            $0.processing.purposes[0].recipient = .processor
            $0.processing.purposes[1].role = .joint
            $0.processing.purposes[1].specialCondition = .explicitConsent
        }
        let decoded = try DocumentCodec.decode(DocumentCodec.prettyJSON(shared))
        #expect(decoded == shared)
        #expect(DocumentCodec.contentHash(decoded) != DocumentCodec.contentHash(plain))
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        #expect(DocumentCodec.canonicalJSON(shared) == (try encoder.encode(shared)), "the canonical writer writes the new keys as the generic encoder does")
    }

    @Test func anUnknownRoleIsRefusedNamingItsPath() {
        var text = String(decoding: DocumentCodec.prettyJSON(Fixtures.example("minimal.json")), as: UTF8.self)
        text = text.replacingOccurrences(of: "\"purpose\" : ", with: "\"role\" : \"partner\", \"purpose\" : ")
        let refused = #expect(throws: DocumentError.self) { try DocumentCodec.decode(Data(text.utf8)) }
        let message = refused?.description ?? ""
        #expect(message.contains("purposes[0].role"), "\(message)")
    }

    @Test func aJointOrIndependentPurposeNeedsItsLawfulBasisAndAnIndependentOneItsRecipient() {
        let missing = Self.codes(Self.document { $0.processing.purposes[0].role = .independent })
        #expect(missing.contains("purpose.lawful-basis-missing") && missing.contains("purpose.recipient"))
        let complete = Self.codes(Self.document {
            $0.processing.purposes[0].role = .independent
            $0.processing.purposes[0].lawfulBasis = .legitimateInterests
            $0.processing.purposes[0].recipient = .processor
        })
        #expect(!complete.contains("purpose.lawful-basis-missing") && !complete.contains("purpose.recipient"))
        let stray = Self.codes(Self.document { $0.processing.purposes[0].recipient = .processor })
        #expect(stray.contains("purpose.recipient"), "a purpose on behalf has no recipient")
        #expect(!Self.codes(Fixtures.example("full-scenario.json")).contains { $0.hasPrefix("purpose.") })
    }

    @Test func specialCategoryDataSharedBetweenControllersNeedsItsArticle9Condition() throws {
        let index = try #require(Fixtures.example("full-scenario.json").processing.purposes.firstIndex { $0.purpose == "essential.service.authentication" })
        let joint = Self.document {
            $0.processing.purposes[index].role = .joint
            $0.processing.purposes[index].lawfulBasis = .consent
        }
        #expect(Self.codes(joint).contains("purpose.special-condition-missing"), "the voiceprint is Art. 9 data")
        var withCondition = joint
        withCondition.processing.purposes[index].specialCondition = .explicitConsent
        #expect(!Self.codes(withCondition).contains("purpose.special-condition-missing"))
        #expect(!Self.codes(Fixtures.example("full-scenario.json")).contains("purpose.special-condition-missing"), "processing on behalf needs no Art. 9 condition of the Processor")
    }

    @Test func aPurposeThatIsUsuallyTheProcessorsOwnIsFlaggedWhenListedOnBehalf() {
        let onBehalf = Self.document {
            $0.processing.purposes.append(PurposeEntry(purpose: "train_ai_system.processor_own", dataCategories: ["user.behavior.contact_history"]))
        }
        let findings = Validator.validate(onBehalf, library: Fixtures.library).filter { $0.code == "purpose.processor-own-interest" }
        #expect(findings.count == 1 && findings[0].article == "Art. 28(10)" && findings[0].path.hasSuffix(".role"))
        var declared = onBehalf
        declared.processing.purposes[declared.processing.purposes.count - 1].role = .independent
        #expect(!Self.codes(declared).contains("purpose.processor-own-interest"))
    }

    @Test func untilTheControllerTermsExistAJointOrIndependentPurposeCannotPass() {
        let complete = Self.document {
            $0.processing.purposes[0].role = .joint
            $0.processing.purposes[0].lawfulBasis = .contract
        }
        let findings = Validator.validate(complete, library: Fixtures.library).filter { $0.code == "purpose.controller-terms-missing" }
        #expect(findings.count == 1 && findings[0].severity == .error && findings[0].message.contains("Art. 26"))
    }

    @Test func annexTwoSaysWhoDecidesAPurposeAndOnWhatBasis() {
        let shared = Self.document {
            $0.processing.purposes[0].role = .independent
            $0.processing.purposes[0].lawfulBasis = .legitimateInterests
            $0.processing.purposes[0].recipient = .processor
            $0.processing.purposes[1].role = .joint
        }
        let html = AgreementRenderer.render(AgreementFacts(document: shared, library: Fixtures.library))
        let processor = HTMLEscaping.escape(shared.parties.processor.name)
        let controller = HTMLEscaping.escape(shared.parties.controller.name)
        #expect(html.contains(
            "Shared with \(processor) as a controller in its own right; \(processor)&#39;s lawful basis for its own purpose: Legitimate interests, Art. 6(1)(f); "
                + "\(controller)&#39;s lawful basis for disclosing the data: not agreed"
        ))
        #expect(html.contains("Decided jointly by the Controller and the Processor as joint controllers (Art. 26); lawful basis: not agreed"))
        let plain = AgreementRenderer.render(AgreementFacts(document: Fixtures.example("full-scenario.json"), library: Fixtures.library))
        #expect(!plain.contains("class=\"role\""))
    }

    @Test func aRoleChangeIsOneChangeOfTheRoleItem() {
        let old = Fixtures.example("full-scenario.json")
        let new = Self.document { $0.processing.purposes[0].role = .joint }
        let changes = AgreementDiffer.diff(old, new, library: Fixtures.library).changes
        // One change: the purpose's role item (issue 16, item 5), from on behalf to joint. The opening and closing
        // clauses that now speak of the joint terms are not listed: their records did not change (RoleItemTests).
        #expect(changes.map(\.key) == [ItemKey(rawValue: "role:\(old.processing.purposes[0].purpose)")], "\(changes.map(\.key))")
        let fields = changes.first?.fields ?? []
        #expect(fields.count == 1 && fields[0].field == "role" && fields[0].newKey == "joint", "\(fields.map { ($0.field, $0.old, $0.new) })")
    }

    /// The library carries the terms for joint purposes (Art. 26) and for data shared with an independent controller;
    /// the conditions `joint-purposes` and `independent-purposes` bring them in, and once included the purposes no
    /// longer wait for their terms. The agreement prints each part once, after the terms of processing on behalf.
    @Test func theJointAndDataSharingClausesComeInWithTheirPurposesAndPrintOnce() throws {
        var shared = try Self.withSharedPurposes()
        let facts = AgreementFacts(document: shared, library: Fixtures.library)
        #expect(facts.holds(.jointPurposes) && facts.holds(.independentPurposes))
        let without = Validator.validate(shared, library: Fixtures.library).filter { $0.severity == .error }
        #expect(without.filter { $0.code == "clause.mandatory-missing" }.map(\.message).joined().contains("joint-controllership"))
        #expect(without.contains { $0.code == "purpose.controller-terms-missing" })
        shared.clauses.append(ClauseSelection(clause: "joint-controllership", variant: "balanced", parameters: [
            "essence": .string("Lumen Télécom and Atlantis decide together how complaints are handled; Lumen Télécom answers every request about them."),
        ]))
        shared.clauses.append(ClauseSelection(clause: "data-sharing", variant: "balanced"))
        let with = Validator.validate(shared, library: Fixtures.library)
        #expect(!with.contains { ["clause.mandatory-missing", "purpose.controller-terms-missing"].contains($0.code) }, "\(with.filter { $0.severity == .error })")
        let html = AgreementRenderer.render(AgreementFacts(document: shared, library: Fixtures.library))
        let sections = ["subprocessors", "joint-controllership", "data-sharing"].map { "<section class=\"clause\" id=\"clause-\($0)\"" }
        #expect(sections.allSatisfy { html.components(separatedBy: $0).count == 2 }, "each part printed once")
        let order = sections.compactMap { html.range(of: $0)?.lowerBound }
        #expect(order.count == 3 && order == order.sorted(), "processing terms, then the joint arrangement, then the data-sharing terms")
        #expect(!AgreementFacts(document: Fixtures.example("full-scenario.json"), library: Fixtures.library).holds(.jointPurposes))
        #expect(!AgreementRenderer.render(AgreementFacts(document: Fixtures.example("full-scenario.json"), library: Fixtures.library)).contains(sections[1]))
    }

    /// The consumer outputs say who is responsible for each shared purpose, on what basis, where to turn, and the essence
    /// of the joint arrangement (Art. 26(2)); the agent script says where such requests go.
    @Test func theConsumerSummaryNamesTheContactPointTheEssenceAndTheRecipient() throws {
        var shared = try Self.withSharedPurposes()
        shared.clauses.append(ClauseSelection(clause: "joint-controllership", variant: "balanced", parameters: [
            "essence": .string("We decide together how <complaints> are handled."), "contact-point": .string("processor"),
        ]))
        shared.clauses.append(ClauseSelection(clause: "data-sharing", variant: "balanced"))
        let summary = ConsumerSummaryRenderer.render(AgreementFacts(document: shared, library: Fixtures.library))
        let processor = shared.parties.processor.name
        #expect(summary.contains("are joint controllers for these purposes. Contact \(HTMLEscaping.escape(processor)) about them"))
        #expect(summary.contains("The essence of our arrangement: We decide together how &lt;complaints&gt; are handled."))
        #expect(summary.contains("uses it for its own purpose: \(Fixtures.library.purpose("analytics.reporting")!.label), on the basis of Legitimate interests, Art. 6(1)(f)"))
        #expect(summary.contains("the contact point") && summary.contains("own purpose; take the request all the same"))
        let plain = ConsumerSummaryRenderer.render(AgreementFacts(document: Fixtures.example("full-scenario.json"), library: Fixtures.library))
        #expect(!plain.contains("joint controllers") && plain.contains("processes your personal data on our behalf and only on our documented instructions."))
    }
}

extension PurposeRoleTests {
    @Test func assigningARoleKeepsOnlyWhatThatRoleHas() {
        var entry = PurposeEntry(purpose: "analytics.reporting", dataCategories: [])
        entry.assign(role: .joint, lawfulBasis: .contract, specialCondition: .explicitConsent, recipient: .processor)
        #expect(entry.role == .joint && entry.lawfulBasis == .contract && entry.specialCondition == .explicitConsent && entry.recipient == nil)
        entry.assign(role: .independent, lawfulBasis: .legitimateInterests, specialCondition: nil, recipient: .processor)
        #expect(entry.recipient == .processor)
        entry.assign(role: .onBehalf, lawfulBasis: .consent, specialCondition: nil, recipient: .controller)
        #expect(entry == PurposeEntry(purpose: "analytics.reporting", dataCategories: []), "on behalf is no role at all")
    }
}
