public import Foundation
public import TripactCore

/// The shipped library and small factories for documents, so each test states only what it changes.
public enum Fixtures {
    public static let repositoryRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    public static let libraryFiles: [LibraryFile] = {
        let directory = repositoryRoot.appendingPathComponent("clauses")
        let names = ((try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []).filter { $0.hasSuffix(".clause") }.sorted()
        return (names + ClauseLibrary.catalogueFiles).compactMap { name in
            (try? String(contentsOf: directory.appendingPathComponent(name), encoding: .utf8)).map { LibraryFile(name: name, contents: $0) }
        }
    }()

    public static let library: ClauseLibrary = {
        do {
            return try ClauseLibrary.load(libraryFiles)
        } catch {
            fatalError("the shipped clause library does not load:\n\(error)")
        }
    }()

    /// A complete agreement inside the EEA that validates without any finding; `change` alters it for one test.
    public static func document(_ change: (inout AgreementDocument) -> Void = { _ in }) -> AgreementDocument {
        var document = DraftFactory.balanced(controller: "Lumen Telecom SA", processor: "Atlantis Contact SAS", id: "lumen-atlantis-dpa", library: library)
        document.mainAgreement = "Customer Service Outsourcing Agreement of 2 March 2026"
        document.effectiveDate = "2026-04-01"
        for role in PartyRole.allCases {
            document.parties[role].address = role == .controller ? "12 rue de la Paix, 75002 Paris" : "5 quai de la Fosse, 44000 Nantes"
            document.parties[role].country = "FR"
            document.parties[role].contact = Contact(name: "Camille Martin", position: "Privacy lead", email: "privacy@\(role.rawValue).example")
            document.parties[role].signatory = Signatory(name: "Jeanne Roux", position: "Chief Executive Officer", email: "jeanne.roux@\(role.rawValue).example")
        }
        document.processing = Processing(
            subjectMatter: "Customer service for the Controller's mobile and broadband customers",
            duration: "The term of the Main Agreement",
            nature: "Agents receive and answer customer contacts and record their outcome in the Controller's CRM",
            operations: ["collection", "recording", "consultation", "storage"],
            purposes: [
                PurposeEntry(
                    purpose: "essential.service.operations.support",
                    dataCategories: ["user.name", "user.contact.email", "user.contact.phone_number", "user.account"]
                )
            ],
            dataSubjects: ["customer"],
            dataCategories: [
                DataCategoryEntry(category: "user.name"), DataCategoryEntry(category: "user.contact.email"),
                DataCategoryEntry(category: "user.contact.phone_number"), DataCategoryEntry(category: "user.account"),
            ],
            specialCategories: [],
            channels: ["voice", "email"],
            callRecording: false,
            cardPayments: false,
            frequency: "Continuous, during opening hours",
            retention: "Contact records are kept 3 years after the last contact",
            deliveryLocations: [DeliveryLocation(id: "nantes", site: "Nantes", country: "FR")]
        )
        document.assistanceMeasures = [
            AssistanceMeasure(area: .rightsRequests, description: "A dedicated team logs every request in the Controller's ticketing tool."),
            AssistanceMeasure(area: .breaches, description: "A 24/7 security desk reaches the Controller's breach contact by phone."),
        ]
        document.consumerObligations = ConsumerObligations(
            rights: DataSubjectRight.allCases.map { RightAssignment(right: $0, answeredBy: .controller) },
            identityVerification: "Two of: account number, date of birth, the last four digits of the IBAN on file.",
            privacyNotice: "Agents point callers to the Controller's privacy notice at lumen.example/privacy.",
            complaintRoute: "Complaints go to the Controller's customer relations team at complaints@lumen.example."
        )
        change(&document)
        return document
    }

    /// The index of a clause selection in the document.
    public static func selectionIndex(_ id: ClauseID, in document: AgreementDocument) -> Int {
        guard let index = document.clauses.firstIndex(where: { $0.clause == id }) else { fatalError("no clause \(id) in the fixture") }
        return index
    }

    /// Sets a parameter of a selected clause.
    public static func set(_ clause: ClauseID, _ parameter: String, _ value: ParameterValue, in document: inout AgreementDocument) {
        document.clauses[selectionIndex(clause, in: document)].parameters[parameter] = value
    }

    /// A subprocessor inside the EEA.
    public static func subprocessor(id: String = "crm", country: String = "IE", mechanism: String = "eea", tia: String? = nil) -> Subprocessor {
        Subprocessor(
            id: id, name: "Cloud CRM Ltd", address: "1 Dock Road, Dublin", country: country, service: "Hosted CRM",
            dataCategories: ["user.name", "user.contact.email"], locations: [country], transferMechanism: mechanism, tiaReference: tia
        )
    }

    public static func findings(_ document: AgreementDocument) -> [Finding] {
        Validator.validate(document, library: library)
    }

    public static func codes(_ document: AgreementDocument) -> Set<String> {
        Set(findings(document).map(\.code))
    }
}

extension Fixtures {
    /// An example file of `examples/`, decoded.
    public static func example(_ name: String) -> AgreementDocument {
        do {
            return try DocumentCodec.decode(Data(contentsOf: repositoryRoot.appendingPathComponent("examples/\(name)")))
        } catch {
            fatalError("examples/\(name) does not decode: \(error)")
        }
    }

    /// A fresh temporary folder for one test.
    public static func temporaryDirectory() -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("tripact-tests-\(UUID().uuidString)")
        try? FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }
}

extension Fixtures {
    /// A register entry inside the EEA, with one onward subprocessor.
    public static func registerRecord(_ id: String, name: String, services: [String], categories: [String] = ["user.name"]) -> SubprocessorRecord {
        SubprocessorRecord(
            id: id, name: name, address: "1 Main Street, Dublin", country: "IE", services: services, description: "Hosted \(services.joined(separator: ", "))",
            dataCategories: categories, locations: [], transferMechanism: "eea", startDate: CalendarDay(iso: "2026-01-01")!,
            onwardSubprocessors: [OnwardSubprocessor(name: "Hyperscale Cloud Ireland Ltd", country: "IE", service: "Infrastructure hosting")]
        )
    }
}
