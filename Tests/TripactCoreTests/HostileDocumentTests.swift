import Foundation
import Testing
import TripactCore
import TripactTestSupport

/// Issue 11, item 8: hostile and offshore documents each give their finding at its path, and the renderer never
/// prints what the Parties did not agree.
@Suite struct HostileDocumentTests {
    func render(_ document: AgreementDocument) -> String {
        AgreementRenderer.render(AgreementFacts(document: document, library: Fixtures.library))
    }

    func summary(_ document: AgreementDocument) -> String {
        ConsumerSummaryRenderer.render(AgreementFacts(document: document, library: Fixtures.library))
    }

    /// The fixture with a US subprocessor, encoded, changed as raw JSON and decoded again.
    func decoded(_ change: (inout [String: Any]) -> Void) throws -> AgreementDocument {
        let document = Fixtures.document { $0.subprocessors = [Fixtures.subprocessor(id: "speech", country: "US", mechanism: "scc-module-3", tia: "TIA-1")] }
        var object = try #require(JSONSerialization.jsonObject(with: DocumentCodec.prettyJSON(document)) as? [String: Any])
        change(&object)
        return try DocumentCodec.decode(JSONSerialization.data(withJSONObject: object))
    }

    func setMechanism(_ value: Any?, in object: inout [String: Any]) {
        var subs = object["subprocessors"] as! [[String: Any]]
        if let value { subs[0]["transferMechanism"] = value } else { subs[0].removeValue(forKey: "transferMechanism") }
        object["subprocessors"] = subs
    }

    @Test(arguments: ["missing", "null"])
    func aSubprocessorWithoutMechanismIsAFindingAtItsPathNotAnUnreadableDocument(_ how: String) throws {
        let document = try decoded { setMechanism(how == "null" ? NSNull() : nil, in: &$0) }
        let findings = Fixtures.findings(document)
        #expect(findings.contains { $0.code == "transfer.mechanism-missing" && $0.severity == .error && $0.path == "subprocessors[0].transferMechanism" })
        for html in [render(document), summary(document)] {
            #expect(!html.contains("None (no transfer)"))
            #expect(html.contains("Not agreed"))
        }
    }

    @Test func anOffshoreSiteWithoutMechanismPrintsAsNotAgreedAndIsAnError() {
        let document = Fixtures.document { $0.processing.deliveryLocations.append(DeliveryLocation(id: "rabat", site: "Rabat", country: "MA")) }
        #expect(Fixtures.findings(document).contains { $0.code == "transfer.location-mechanism-missing" && $0.path == "processing.deliveryLocations[1].transferMechanism" })
        let html = render(document)
        #expect(!html.contains("None (no transfer)"))
        #expect(html.contains("Not agreed"))
        #expect(!summary(document).contains("None (no transfer)"))
    }

    @Test func anUnknownMechanismKeyIsNeverPrintedToConsumers() {
        let document = Fixtures.document { $0.subprocessors = [Fixtures.subprocessor(id: "speech", country: "US", mechanism: "pinky-promise")] }
        #expect(Fixtures.findings(document).contains { $0.code == "catalogue.unknown-key" && $0.path == "subprocessors[0].transferMechanism" })
        let text = summary(document)
        #expect(!text.contains("pinky-promise"))
        #expect(text.contains("Not agreed"))
    }

    static let generic: [(String, String)] = [
        ("en", "Appropriate technical and organisational measures are implemented in accordance with the GDPR and industry best practice."),
        ("fr", "Des mesures techniques et organisationnelles appropriées sont mises en œuvre conformément au RGPD et aux bonnes pratiques du secteur."),
        ("de", "Geeignete technische und organisatorische Maßnahmen werden gemäß der DSGVO und dem Stand der Technik umgesetzt."),
    ]

    @Test(arguments: generic.map(\.0))
    func aGenericMeasureIsCaughtWhateverItsLanguage(_ language: String) {
        let description = Self.generic.first { $0.0 == language }!.1
        let document = Fixtures.document { $0.measures.append(MeasureEntry(id: "custom-\(language)", heading: 11, title: "Governance", description: description)) }
        let index = document.measures.count - 1
        #expect(Fixtures.findings(document).contains { $0.code == "measures.generic" && $0.path == "measures[\(index)].description" })
    }

    @Test func aConcreteFrenchMeasurePasses() {
        let description = "Les postes des conseillers verrouillent l'écran après cinq minutes ; les clés USB sont bloquées par l'outil Intune et un audit trimestriel vérifie les exceptions."
        let document = Fixtures.document { $0.measures.append(MeasureEntry(id: "custom-fr", heading: 11, title: "Postes de travail", description: description)) }
        #expect(!Fixtures.codes(document).contains("measures.generic"))
    }

    @Test(arguments: ["Appropriate safeguards apply.", "Des garanties appropriées s'appliquent.", "Access control"])
    func specialCategorySafeguardsMustBeNamed(_ safeguards: String) {
        let document = Fixtures.document {
            $0.processing.specialCategories = [SpecialCategoryEntry(category: "user.health", safeguards: safeguards)]
            $0.processing.purposes[0].dataCategories.append("user.health")
            $0.clauses.append(ClauseSelection(clause: "sensitive-data", variant: "standard"))
        }
        #expect(Fixtures.findings(document).contains { $0.code == "special-categories.safeguards-missing" && $0.path == "processing.specialCategories[0].safeguards" })
    }

    @Test func namedSafeguardsPass() {
        let document = Fixtures.document {
            $0.processing.specialCategories = [
                SpecialCategoryEntry(category: "user.health", safeguards: "Only the two supervisors of the care team see it; the field is encrypted and every access is logged.")
            ]
            $0.processing.purposes[0].dataCategories.append("user.health")
            $0.clauses.append(ClauseSelection(clause: "sensitive-data", variant: "standard"))
        }
        #expect(!Fixtures.codes(document).contains("special-categories.safeguards-missing"))
    }

    @Test func aParameterOfTheWrongTypeIsAnErrorAndIsNeverPrinted() {
        let document = Fixtures.document { Fixtures.set("breach-notification", "hours", .string("24"), in: &$0) }
        let index = Fixtures.selectionIndex("breach-notification", in: document)
        #expect(Fixtures.findings(document).contains { $0.code == "clause.parameter-out-of-bounds" && $0.severity == .error && $0.path == "clauses[\(index)].parameters.hours" })
        let html = render(document)
        #expect(!html.contains("within <span class=\"value\">24</span>"))
        #expect(!html.contains(">24</span> of becoming aware"))
    }

    @Test func anUnknownClauseIsAnErrorAndIsNamedInTheRender() {
        let document = Fixtures.document { $0.clauses.append(ClauseSelection(clause: "breach-notice", variant: "balanced")) }
        #expect(Fixtures.findings(document).contains { $0.code == "clause.unknown" && $0.severity == .error && $0.path == "clauses[\(document.clauses.count - 1)].clause" })
        #expect(render(document).contains("unknown clause &#39;breach-notice&#39;") || render(document).contains("unknown clause 'breach-notice'"))
    }

    @Test func assistanceFeesAndNotesArePrinted() {
        let document = Fixtures.document { $0.commercial = CommercialTerms(assistanceFees: "Included in the per-contact fee.", notes: "Agreed in version 3.") }
        let html = render(document)
        #expect(html.contains("Included in the per-contact fee."))
        #expect(html.contains("Agreed in version 3."))
    }

    @Test func theTelecomBreachPresetAllowsAtMostTwelveHoursAndHoursAreCappedAt48() {
        let spec = Fixtures.library.clause("breach-notification")!.parameter("hours")!
        if case .integer(_, _, let max) = spec.kind { #expect(max == 48) } else { Issue.record("hours is not an integer") }
        let slow = Fixtures.document { document in
            document.clauses[Fixtures.selectionIndex("breach-notification", in: document)].variant = "telecom"
            Fixtures.set("breach-notification", "hours", .integer(24), in: &document)
        }
        #expect(Fixtures.findings(slow).contains { $0.code == "breach.telecom-too-slow" && $0.severity == .error })
        let fast = Fixtures.document { document in
            document.clauses[Fixtures.selectionIndex("breach-notification", in: document)].variant = "telecom"
            Fixtures.set("breach-notification", "hours", .integer(12), in: &document)
        }
        #expect(Fixtures.findings(fast).filter { $0.severity == .error }.isEmpty)
    }
}

extension HostileDocumentTests {
    @Test func anApprovedBackUpIsPrintedInAnnexIVAndMustNameAnotherEntry() {
        var backup = Fixtures.subprocessor(id: "crm-2", country: "IE")
        backup.name = "Second CRM Ltd"
        backup.backupFor = "crm"
        let document = Fixtures.document { $0.subprocessors = [Fixtures.subprocessor(), backup] }
        #expect(!Fixtures.codes(document).contains("subprocessor.incomplete"))
        #expect(render(document).contains("Approved back-up for Cloud CRM Ltd"))
        backup.backupFor = "nobody"
        let wrong = Fixtures.document { $0.subprocessors = [Fixtures.subprocessor(), backup] }
        #expect(Fixtures.findings(wrong).contains { $0.code == "subprocessor.incomplete" && $0.path == "subprocessors[1].backupFor" })
    }

    @Test func aStoredDocumentWithoutTheNewOptionalFieldsKeepsItsHash() throws {
        let example = Fixtures.example("full-scenario.json")
        let reread = try DocumentCodec.decode(DocumentCodec.canonicalJSON(example))
        #expect(DocumentCodec.contentHash(reread) == DocumentCodec.contentHash(example))
        let json = String(decoding: DocumentCodec.canonicalJSON(example), as: UTF8.self)
        #expect(!json.contains("backupFor") && !json.contains("adequacyConfirmed"))
    }
}
