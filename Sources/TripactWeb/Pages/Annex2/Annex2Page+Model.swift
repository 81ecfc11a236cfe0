import TripactCore
import TripactStore

/// The form for Annex II, the description of the processing (`/agreements/:reference/annex2`).
enum Annex2Page {
    /// What the form shows, every catalogue entry by its label: the text fields, the pickers, the safeguards, and for
    /// each purpose its description, data and roles; from the side's working copy, or as submitted with the problems
    /// of a refused submission by field (`purpose:KEY` for a purpose's choice).
    struct Model {
        struct Picker {
            let name: String
            let legend: String
            let options: [(key: String, label: String)]
            let selected: Set<String>
        }

        struct Select {
            let field: String
            let name: String
            let label: String
            let options: [(value: String, label: String)]
            let selected: String
        }

        /// One purpose's choice: ticked purposes first in the document's order, then the others folded away.
        struct PurposeChoice {
            let index: Int
            let key: String
            let label: String
            let catalogueDescription: String
            let description: String
            /// The data listed in Annex II, each with whether this purpose uses it.
            let categories: [(key: String, label: String, checked: Bool)]
            let roleSelect: Select
            /// "Usually: …" when the catalogue's typical role differs from the one chosen.
            let typicalRoleHint: String?
            let selects: [Select]
            let error: String?
        }

        let reference: String
        let base: Int
        let textFields: [(key: String, label: String, value: String)]
        let callRecording: Bool
        let cardPayments: Bool
        /// Operations, channels, services, data subjects and data, in the form's order; purposes apart.
        let pickers: [Picker]
        let safeguards: [(key: String, label: String, value: String)]
        let purposes: Picker
        /// Whether Annex II lists any data, so that a purpose's choice says what it uses.
        let listsData: Bool
        let selectedPurposes: [PurposeChoice]
        let otherPurposes: [PurposeChoice]
        let message: String
        let errors: [String: String]

        /// The form filled from the side's working copy, under the catalogues' current keys.
        static func load(store: TripactStore, library: ClauseLibrary, session: TripactStore.Session, reference: String) throws -> Model {
            let working = try Proposals.working(store: store, session: session, reference: reference)
            return make(
                library: library, reference: reference, base: working.number, parties: working.document.parties,
                processing: library.currentKeys(working.document.processing), message: "", errors: [:]
            )
        }

        /// The form for this processing: as loaded, or as submitted and refused.
        static func make(
            library: ClauseLibrary, reference: String, base: Int, parties: Parties, processing: Processing, message: String, errors: [String: String]
        ) -> Model {
            func picker(_ name: String, _ legend: String, _ items: [CatalogueItem], _ selected: [String]) -> Picker {
                let options = items.map { item in
                    (key: item.key, label: item.label + (item.special == .no ? "" : " (\(item.special.rawValue == "art9" ? "Art. 9" : "Art. 10"))"))
                }
                return Picker(name: name, legend: legend, options: options, selected: Set(selected))
            }
            let listed = processing.dataCategories.map(\.category) + processing.specialCategories.map(\.category)
            let pickers = [
                picker("operations", "Processing operations", library.operations, processing.operations),
                picker("channels", "Channels", library.channels, processing.channels),
                picker(
                    "services", "Services the processing uses (a change to the processor's subprocessor register reaches this agreement through them)", library.services,
                    processing.services ?? []
                ),
                picker("dataSubjects", "Data subjects", library.dataSubjects, processing.dataSubjects),
                picker("dataCategories", "Personal data (Art. 9 and 10 categories are marked; they need safeguards)", library.dataCategories, listed),
            ]
            let safeguards = library.dataCategories.filter { $0.special != .no }.map { item in
                (key: item.key, label: item.label, value: processing.specialCategories.first { $0.category == item.key }?.safeguards ?? "")
            }
            let selected = Set(processing.purposes.map(\.purpose))
            let chosen = processing.purposes.enumerated().map { index, purpose in
                choice(library: library, parties: parties, index: index, key: purpose.purpose, entry: purpose, listed: listed, error: errors["purpose:\(purpose.purpose)"])
            }
            let others = library.purposes.filter { !selected.contains($0.key) }.enumerated().map { offset, item in
                choice(library: library, parties: parties, index: processing.purposes.count + offset, key: item.key, entry: nil, listed: listed, error: nil)
            }
            return Model(
                reference: reference, base: base,
                textFields: Annex2Controller.textFields.map { ($0.key, $0.label, processing[keyPath: $0.path]) }, callRecording: processing.callRecording,
                cardPayments: processing.cardPayments, pickers: pickers, safeguards: safeguards,
                purposes: picker("purposes", "Purposes", library.purposes, processing.purposes.map(\.purpose)), listsData: !listed.isEmpty, selectedPurposes: chosen,
                otherPurposes: others, message: message, errors: errors
            )
        }

        private static func choice(
            library: ClauseLibrary, parties: Parties, index: Int, key: String, entry: PurposeEntry?, listed: [String], error: String?
        ) -> PurposeChoice {
            let catalogue = library.purpose(key)
            let typical = catalogue?.typicalRole
            let role = entry?.role ?? (entry == nil ? typical : nil) ?? .onBehalf
            var hint: String?
            if let typical, typical != .onBehalf, role == .onBehalf {
                hint = "Usually: \(typical.label). If the Processor decides this purpose itself, it is a controller for it (Art. 28(10))."
            }
            let bases = [("", "not chosen")] + LawfulBasis.allCases.map { ($0.rawValue, $0.label) }
            let conditions = [("", "none")] + SpecialCondition.allCases.map { ($0.rawValue, $0.label) }
            let selects = [
                Select(
                    field: "basis", name: "purposeBases",
                    label: "Lawful basis, when the controllers decide it; when the data is shared with an independent controller, the recipient's basis for its own purpose (Art. 6(1))",
                    options: bases, selected: entry?.lawfulBasis?.rawValue ?? ""
                ),
                Select(
                    field: "condition", name: "purposeConditions",
                    label: "Condition for special-category data, when it is shared; for an independent controller, the recipient's (Art. 9(2))", options: conditions,
                    selected: entry?.specialCondition?.rawValue ?? ""
                ),
                Select(
                    field: "recipient", name: "purposeRecipients", label: "Who receives the data, when it is shared with an independent controller",
                    options: [("", "nobody"), ("controller", parties.controller.name), ("processor", parties.processor.name)], selected: entry?.recipient?.rawValue ?? ""
                ),
                // Handing the data over is the discloser's own processing, which needs its own basis and condition.
                Select(
                    field: "disclosure-basis", name: "disclosureBases",
                    label: "When the data is shared with an independent controller: the disclosing party's own lawful basis for handing it over (Art. 6(1))", options: bases,
                    selected: entry?.disclosureBasis?.rawValue ?? ""
                ),
                Select(
                    field: "disclosure-condition", name: "disclosureConditions",
                    label: "When special-category data is shared with an independent controller: the disclosing party's own condition for handing it over (Art. 9(2))",
                    options: conditions, selected: entry?.disclosureCondition?.rawValue ?? ""
                ),
            ]
            return PurposeChoice(
                index: index, key: key, label: catalogue?.label ?? key, catalogueDescription: catalogue?.description ?? "", description: entry?.description ?? "",
                categories: listed.map { ($0, library.dataCategory($0)?.label ?? $0, entry?.dataCategories.contains($0) ?? false) },
                roleSelect: Select(
                    field: "role", name: "purposeRoles", label: "Who decides this purpose", options: PurposeRole.allCases.map { ($0.rawValue, $0.label) },
                    selected: role.rawValue
                ),
                typicalRoleHint: hint, selects: selects, error: error
            )
        }
    }
}
