import Foundation
public import TripactCore
public import TripactStore

/// The scenario of PRODUCT.md for `tripact serve --demo`: the BPO, the telecom brand, two negotiators and the Annex I
/// signatory on each side, and one agreement three versions into its negotiation.
public enum DemoData {
    public struct Credential: Sendable {
        public let email: String
        public let password: String
        public let organisation: String
        public let role: Role
    }

    public static let controller = "Lumen Télécom SA"
    public static let processor = "Atlantis Relation Client SAS"

    /// Seeds an empty database and returns the credentials (passwords are random and shown only now).
    /// Returns nil when the database already holds organisations.
    public static func seedIfEmpty(store: TripactStore, signedScenario: AgreementDocument, library: ClauseLibrary, bcryptCost: UInt8 = 12) throws -> [Credential]? {
        guard try store.organisations().isEmpty else { return nil }
        try store.addOrganisation(name: controller, actor: "demo")
        try store.addOrganisation(name: processor, actor: "demo")
        let people: [(String, String, String, Role)] = [
            ("jeanne.roux@lumen.example", "Jeanne Roux", controller, .legal),
            ("marc.petit@lumen.example", "Marc Petit", controller, .accountManager),
            ("paul.martin@atlantis.example", "Paul Martin", processor, .legal),
            ("sofia.costa@atlantis.example", "Sofia Costa", processor, .admin),
            // The signatories Annex I names (with these addresses): only they sign.
            ("sophie.laurent@lumen.example", "Sophie Laurent", controller, .legal),
            ("thomas.guerin@atlantis.example", "Thomas Guérin", processor, .admin),
        ]
        var credentials: [Credential] = []
        for (email, name, organisation, role) in people {
            let password = readablePassword()
            let hash = try Passwords.hashBlocking(password, cost: bcryptCost).get()
            try store.addUser(email: email, name: name, organisation: organisation, role: role, passwordHash: hash, actor: "demo")
            credentials.append(Credential(email: email, password: password, organisation: organisation, role: role))
        }
        let (v1, v2, v3) = versions(from: withSharedPurposes(signedScenario))
        let reference = signedScenario.id
        let bpo = "paul.martin@atlantis.example"
        let brand = "jeanne.roux@lumen.example"
        try store.importAgreement(v1, controller: controller, processor: processor, by: bpo, message: "First draft: general authorisation, 48-hour breach notice, audits by report")
        try store.propose(v2, on: reference, basedOn: 1, by: brand, message: "Specific authorisation of subprocessors, 24-hour breach notice, annual on-site audit")
        try store.accept(nil, on: reference, by: brand, expectedHead: 2)
        try store.propose(v3, on: reference, basedOn: 2, by: bpo, message: "General authorisation with 30 days' notice and objection, 36 hours, report plus one on-site audit")
        try seedRegisters(store: store, scenario: signedScenario, library: library, processorLegal: bpo, processorAdmin: "sofia.costa@atlantis.example")
        return credentials
    }

    /// The BPO's registers: every subprocessor of Annex IV with the services it provides (Annex IV already lists them
    /// as the register does, so no notice goes out), evidence behind two measures, one of them due for renewal, and
    /// the public list.
    static func seedRegisters(store: TripactStore, scenario: AgreementDocument, library: ClauseLibrary, processorLegal: String, processorAdmin: String) throws {
        let services: [String: [String]] = [
            "sp-nuvola": ["contact-centre-platform", "telephony", "call-recording", "identity-verification", "chat-messaging"],
            "sp-orbis": ["crm", "ticketing"], "sp-clearsignal": ["speech-analytics"], "sp-securis": ["payments"],
            "sp-planora": ["workforce-management"], "sp-qualitas": ["quality-monitoring"], "sp-arc-maroc": ["delivery-site"], "sp-arc-madagascar": ["delivery-site"],
        ]
        let inUseSince = CalendarDay(iso: "2025-01-01")!
        for subprocessor in scenario.subprocessors {
            let record = SubprocessorRecord(annexEntry: subprocessor, services: services[subprocessor.id] ?? ["hosting"], startDate: inUseSince)
            try store.proposeRegisterChange(.addition, entry: record, replacing: nil, plannedStart: nil, message: "Register opened", by: processorLegal, library: library)
        }
        let today = store.today()
        try store.saveEvidence(
            MeasureEvidence(
                id: "iso27001-2023", measure: "isms-governance", kind: .certificate, title: "ISO/IEC 27001:2022 certificate", issuer: "Certa Europe SAS",
                issued: today.adding(days: -1_050), expires: today.adding(days: 45), reference: "CE-ISMS-23-0418"
            ),
            by: processorLegal
        )
        try store.saveEvidence(
            MeasureEvidence(
                id: "pci-dss-2026", measure: "cc-card-tokenisation", kind: .report, title: "PCI DSS v4.0 report on compliance", issuer: "Securis QSA Services",
                issued: today.adding(days: -120), expires: today.adding(days: 245), reference: "ROC-2026-ATL-07"
            ),
            by: processorLegal
        )
        try store.publishRegister(slug: "atlantis", by: processorAdmin)
    }

    /// The scenario with the two purposes that are not processing on the brand's behalf, so that the demo shows all
    /// three roles: fraud patterns watched for together (joint controllers, with the Art. 26 arrangement) and the BPO's
    /// own forecasting model trained on contact metadata (shared with the BPO as a controller in its own right).
    static func withSharedPurposes(_ scenario: AgreementDocument) -> AgreementDocument {
        var document = scenario
        let listed = Set(document.processing.dataCategories.map(\.category))
        document.processing.purposes.append(PurposeEntry(
            purpose: "essential.fraud_detection.shared",
            description: "Spotting the same impostor calling several Lumen Télécom lines, with rules and alerts that Lumen Télécom and Atlantis set together.",
            dataCategories: ["user.unique_id", "user.contact.phone_number", "user.behavior.contact_history"].filter(listed.contains), role: .joint,
            lawfulBasis: .legitimateInterests
        ))
        document.processing.purposes.append(PurposeEntry(
            purpose: "train_ai_system.processor_own",
            description: "Training Atlantis's own contact-volume forecasting model on pseudonymised contact metadata (time, queue, handling time), never on the content of contacts.",
            dataCategories: ["user.behavior.contact_history"].filter(listed.contains), role: .independent, lawfulBasis: .legitimateInterests, recipient: .processor,
            disclosureBasis: .legitimateInterests
        ))
        document.clauses.append(ClauseSelection(clause: "joint-controllership", variant: "balanced", parameters: [
            "essence": .string(
                "Lumen Télécom and Atlantis Relation Client watch together for fraud across Lumen Télécom's customer lines. Lumen Télécom tells you about it and answers your questions and requests; you may also contact Atlantis."
            ),
        ]))
        document.clauses.append(ClauseSelection(clause: "data-sharing", variant: "balanced"))
        return document
    }

    /// The three versions: the processor's draft, the controller's counter, the processor's middle ground (the scenario).
    static func versions(from scenario: AgreementDocument) -> (AgreementDocument, AgreementDocument, AgreementDocument) {
        func with(_ document: AgreementDocument, subprocessors: String, hours: Int, audits: String) -> AgreementDocument {
            var document = document
            for index in document.clauses.indices {
                switch document.clauses[index].clause.rawValue {
                case "subprocessors": document.clauses[index].variant = subprocessors
                case "breach-notification": document.clauses[index].parameters["hours"] = .integer(hours)
                case "audits": document.clauses[index].variant = audits
                default: break
                }
            }
            return document
        }
        return (
            with(scenario, subprocessors: "general", hours: 48, audits: "processor"),
            with(scenario, subprocessors: "specific", hours: 24, audits: "controller"),
            scenario
        )
    }

    /// Twelve characters from an alphabet without look-alikes, from the system's cryptographic generator.
    static func readablePassword() -> String {
        let alphabet = Array("abcdefghjkmnpqrstuvwxyzACDEFGHJKLMNPQRSTUVWXYZ23456789")
        var generator = SystemRandomNumberGenerator()
        return String((0..<12).map { _ in alphabet[Int(generator.next(upperBound: UInt64(alphabet.count)))] })
    }
}
