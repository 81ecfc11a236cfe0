import Foundation
import Testing
import TripactCore
import TripactTestSupport

/// A purpose shared with an independent controller has two sides, each with its own lawful basis (Art. 6(1)) and, for
/// special-category data, its own condition (Art. 9(2)): the recipient for its purpose, the discloser for handing the
/// data over (issue 16, what is left, item 1).
@Suite struct DisclosureBasisTests {
    static let library = Fixtures.library

    static func sharedIndex(_ document: AgreementDocument) throws -> Int {
        try #require(document.processing.purposes.firstIndex { $0.effectiveRole == .independent })
    }

    static func findings(_ document: AgreementDocument) -> [Finding] { Validator.validate(document, library: library) }

    @Test func theDisclosersBasisIsWrittenOnlyWhenPresentAndRoundTrips() throws {
        let plain = Fixtures.example("full-scenario.json")
        let plainJSON = String(decoding: DocumentCodec.canonicalJSON(plain), as: UTF8.self)
        #expect(!plainJSON.contains("\"disclosureBasis\"") && !plainJSON.contains("\"disclosureCondition\""), "an absent field stays absent, so older documents keep their hashes")
        var withoutIt = Fixtures.withAllThreeRoles()
        let index = try Self.sharedIndex(withoutIt)
        withoutIt.processing.purposes[index].disclosureBasis = nil
        #expect(!String(decoding: DocumentCodec.canonicalJSON(withoutIt), as: UTF8.self).contains("\"disclosureBasis\""))
        var both = Fixtures.withAllThreeRoles()
        both.processing.purposes[index].disclosureCondition = .explicitConsent
        let decoded = try DocumentCodec.decode(DocumentCodec.prettyJSON(both))
        #expect(decoded == both && decoded.processing.purposes[index].disclosureBasis == .legitimateInterests)
        #expect(DocumentCodec.contentHash(decoded) != DocumentCodec.contentHash(withoutIt))
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        #expect(DocumentCodec.canonicalJSON(both) == (try encoder.encode(both)), "the canonical writer orders the new keys as the generic encoder does")
    }

    @Test func onlyAnIndependentPurposeKeepsADisclosersBasis() {
        var entry = PurposeEntry(purpose: "analytics.reporting", dataCategories: [])
        entry.assign(role: .independent, lawfulBasis: .contract, specialCondition: nil, recipient: .processor, disclosureBasis: .legitimateInterests, disclosureCondition: .explicitConsent)
        #expect(entry.disclosureBasis == .legitimateInterests && entry.disclosureCondition == .explicitConsent && entry.discloser == .controller)
        entry.assign(role: .joint, lawfulBasis: .contract, specialCondition: nil, recipient: .processor, disclosureBasis: .legitimateInterests, disclosureCondition: .explicitConsent)
        #expect(entry.disclosureBasis == nil && entry.disclosureCondition == nil && entry.discloser == nil)
        entry.assign(role: .onBehalf, lawfulBasis: nil, specialCondition: nil, recipient: nil)
        #expect(entry == PurposeEntry(purpose: "analytics.reporting", dataCategories: []))
    }

    @Test func anIndependentPurposeWithoutTheDisclosersBasisIsAnErrorNamingArticle6() throws {
        var missing = Fixtures.withAllThreeRoles()
        let index = try Self.sharedIndex(missing)
        missing.processing.purposes[index].disclosureBasis = nil
        let finding = try #require(Self.findings(missing).first { $0.code == "purpose.disclosure-basis-missing" })
        #expect(finding.severity == .error && finding.article == "Art. 6(1)" && finding.path == "processing.purposes[\(index)].disclosureBasis")
        #expect(!Self.findings(Fixtures.withAllThreeRoles()).contains { $0.code.hasPrefix("purpose.disclosure") })
        #expect(!Self.findings(Fixtures.example("full-scenario.json")).contains { $0.code.hasPrefix("purpose.disclosure") })
    }

    @Test func specialCategoryDataSharedWithAnIndependentControllerNeedsBothSidesArticle9Conditions() throws {
        let special = try #require(Self.library.dataCategories.first { $0.special == .art9 })
        var document = Fixtures.withAllThreeRoles()
        let index = try Self.sharedIndex(document)
        document.processing.purposes[index].dataCategories.append(special.key)
        document.processing.specialCategories.append(SpecialCategoryEntry(category: special.key, safeguards: "Encrypted, access by two named analysts."))
        let codes = Set(Self.findings(document).map(\.code))
        #expect(codes.contains("purpose.special-condition-missing") && codes.contains("purpose.disclosure-condition-missing"))
        document.processing.purposes[index].specialCondition = .explicitConsent
        let recipientOnly = Self.findings(document)
        #expect(!recipientOnly.contains { $0.code == "purpose.special-condition-missing" })
        let finding = try #require(recipientOnly.first { $0.code == "purpose.disclosure-condition-missing" })
        #expect(finding.article.contains("Art. 9(2)") && finding.path == "processing.purposes[\(index)].disclosureCondition")
        document.processing.purposes[index].disclosureCondition = .explicitConsent
        #expect(!Self.findings(document).contains { $0.code.hasPrefix("purpose.disclosure") || $0.code == "purpose.special-condition-missing" })
    }

    @Test func annexIIPrintsBothSidesBasesInWords() throws {
        var document = Fixtures.withAllThreeRoles()
        let index = try Self.sharedIndex(document)
        document.processing.purposes[index].lawfulBasis = .contract
        let html = AgreementRenderer.render(AgreementFacts(document: document, library: Self.library))
        let processor = document.parties.processor.name
        let controller = document.parties.controller.name
        #expect(html.contains(HTMLEscaping.escape("\(processor)'s lawful basis for its own purpose: \(LawfulBasis.contract.label)")))
        #expect(html.contains(HTMLEscaping.escape("\(controller)'s lawful basis for disclosing the data: \(LawfulBasis.legitimateInterests.label)")))
        document.processing.purposes[index].disclosureBasis = nil
        let unsettled = AgreementRenderer.render(AgreementFacts(document: document, library: Self.library))
        #expect(unsettled.contains(HTMLEscaping.escape("\(controller)'s lawful basis for disclosing the data: not agreed")))
    }

    @Test func aChangeOfTheDisclosersBasisIsAChangeOfTheRoleItemWithItsLabel() throws {
        let old = Fixtures.withAllThreeRoles()
        let index = try Self.sharedIndex(old)
        var new = old
        new.processing.purposes[index].disclosureBasis = .consent
        #expect(RoleItemTests.changedKeys(old, new) == [ItemKey(rawValue: "role:\(old.processing.purposes[index].purpose)")])
        let diff = AgreementDiffer.diff(old, new, library: Self.library, playbook: Playbook.library(Self.library, side: .controller))
        #expect(diff.changes.map(\.key) == [ItemKey(rawValue: "role:\(old.processing.purposes[index].purpose)")])
        let field = try #require(diff.changes.first?.fields.first { $0.field.contains("disclosureBasis") })
        #expect(field.label.lowercased().contains("discloser's lawful basis"), "\(field.label)")
        #expect(field.old == LawfulBasis.legitimateInterests.label && field.new == LawfulBasis.consent.label)
    }
}
