import Foundation
import Hummingbird
import TripactCore
import TripactStore

/// The form for Annex II, the description of the processing, with pickers from the catalogues (the page is
/// `Annex2Page`). Saving writes into the side's draft.
struct Annex2Controller {
    let store: TripactStore
    let configuration: WebConfiguration
    /// Key paths are immutable values; the array is never written after start-up.
    nonisolated(unsafe) static let textFields: [(key: String, label: String, path: WritableKeyPath<Processing, String>)] = [
        ("subjectMatter", "Subject matter", \.subjectMatter),
        ("duration", "Duration", \.duration),
        ("nature", "Nature of the processing", \.nature),
        ("frequency", "Frequency", \.frequency),
        ("retention", "Retention (periods or criteria)", \.retention),
    ]
    static let maximumTextLength = 4_000

    struct Form: Decodable {
        let _csrf: String?
        let base: Int?
        let message: String?
        let subjectMatter: String?
        let duration: String?
        let nature: String?
        let frequency: String?
        let retention: String?
        let clear: [String: String]?
        let callRecording: String?
        let cardPayments: String?
        let operations: [String]?
        let channels: [String]?
        let services: [String]?
        let dataSubjects: [String]?
        let dataCategories: [String]?
        let purposes: [String]?
        let safeguards: [String: String]?
        /// The data each purpose uses, for the purposes whose choice the form showed (`purposeShown[key] = yes`).
        let purposeCategories: [String: [String]]?
        let purposeShown: [String: String]?
        /// Each purpose's own description; blank prints the catalogue's wording.
        let purposeDescriptions: [String: String]?
        /// Who decides each purpose, and for a purpose the controllers decide, its basis, Art. 9(2) condition and
        /// recipient; a purpose the form did not show keeps what it had.
        let purposeRoles: [String: String]?
        let purposeBases: [String: String]?
        let purposeConditions: [String: String]?
        let purposeRecipients: [String: String]?
        /// For a purpose shared with an independent controller: the disclosing party's own basis and condition.
        let disclosureBases: [String: String]?
        let disclosureConditions: [String: String]?

        func text(_ key: String) -> String? {
            switch key {
            case "subjectMatter": subjectMatter
            case "duration": duration
            case "nature": nature
            case "frequency": frequency
            case "retention": retention
            default: nil
            }
        }
    }

    func register(on router: Routes) {
        router.get(.annex2) { _, context, session in
            let (reference, _) = try AgreementAccess.check(context, session: session, store: store)
            let model = try Annex2Page.Model.load(store: store, library: configuration.library, session: session, reference: reference)
            return Annex2Page.View(model: model).page(session: session).response(session: session)
        }
        router.post(.annex2) { request, context, session in try await save(request: request, context: context, session: session) }
    }

    private func save(request: Request, context: TripactRequestContext, session: TripactStore.Session) async throws -> Response {
        let (reference, _) = try AgreementAccess.check(context, session: session, store: store)
        let form = try await FormDecoding.decode(Form.self, request: request, context: context)
        let baseVersion = try Proposals.start(store: store, session: session, reference: reference, csrf: form._csrf, base: form.base)
        let base = baseVersion.number
        // A document written before the catalogues followed Fides is saved under the current keys.
        var processing = configuration.library.currentKeys(baseVersion.document.processing)
        var errors: [String: String] = [:]
        for field in Self.textFields {
            let entered = (form.text(field.key) ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
            if TextLimit.exceeds(entered, Self.maximumTextLength) { errors[field.key] = "at most \(Self.maximumTextLength) characters" }
            // A blank field keeps what is stored; only the "clear" box empties it.
            if !entered.isEmpty || form.clear?[field.key] == "yes" { processing[keyPath: field.path] = entered }
        }
        processing.callRecording = form.callRecording == "yes"
        processing.cardPayments = form.cardPayments == "yes"
        let library = configuration.library
        // The form lists choices in catalogue order; what stays selected keeps the document's own order, so saving
        // the form as it was is no change (the same hash, the other side's acceptance kept).
        processing.operations = SelectionOrder.keeping(processing.operations, (form.operations ?? []).filter(library.hasOperation))
        processing.channels = SelectionOrder.keeping(processing.channels, (form.channels ?? []).filter { library.channel($0) != nil })
        let services = SelectionOrder.keeping(processing.services ?? [], (form.services ?? []).filter { library.service($0) != nil })
        // An agreement drafted before services were named keeps naming none until someone ticks one.
        processing.services = services.isEmpty && processing.services == nil ? nil : services
        processing.dataSubjects = SelectionOrder.keeping(processing.dataSubjects, (form.dataSubjects ?? []).filter(library.hasDataSubject))
        let categories = SelectionOrder.keeping(
            processing.dataCategories.map(\.category) + processing.specialCategories.map(\.category), (form.dataCategories ?? []).filter { library.dataCategory($0) != nil }
        )
        let ordinary = categories.filter { library.dataCategory($0)?.special == SpecialCategoryKind.no }
        processing.dataCategories = ordinary.map { key in processing.dataCategories.first { $0.category == key } ?? DataCategoryEntry(category: key) }
        let special = categories.filter { library.dataCategory($0)?.special != SpecialCategoryKind.no }
        processing.specialCategories = special.map { key in
            let stored = processing.specialCategories.first { $0.category == key }?.safeguards ?? ""
            let entered = (form.safeguards?[key] ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
            if TextLimit.exceeds(entered, Self.maximumTextLength) { errors["safeguards"] = "safeguards take at most \(Self.maximumTextLength) characters" }
            return SpecialCategoryEntry(category: key, safeguards: entered.isEmpty ? stored : entered)
        }
        let selectedPurposes = SelectionOrder.keeping(processing.purposes.map(\.purpose), (form.purposes ?? []).filter { library.purpose($0) != nil })
        processing.purposes = selectedPurposes.map { key in
            // A purpose takes the data ticked for it where the form showed its choice. Where it did not, a purpose that
            // stays keeps the categories it had (those still listed) and a new one starts with none: every category it
            // needs must be named for it (Art. 5(1)(c)), and the next visit shows its choice.
            let kept = processing.purposes.first { $0.purpose == key }
            var used = kept?.dataCategories.filter(categories.contains) ?? []
            if form.purposeShown?[key] == "yes" {
                let ticked = Set(form.purposeCategories?[key] ?? [])
                used = SelectionOrder.keeping(kept?.dataCategories ?? [], categories.filter(ticked.contains))
                if used.isEmpty, !categories.isEmpty { errors["purpose:\(key)"] = "tick the data this purpose uses, or untick the purpose above" }
            }
            var description = kept?.description
            if let sent = form.purposeDescriptions?[key] {
                let entered = sent.trimmingCharacters(in: .whitespacesAndNewlines)
                if TextLimit.exceeds(entered, Self.maximumTextLength) { errors["purpose:\(key)"] = "a description takes at most \(Self.maximumTextLength) characters" }
                if entered != (kept?.description ?? "").trimmingCharacters(in: .whitespacesAndNewlines) { description = entered.isEmpty ? nil : entered }
            }
            var entry = PurposeEntry(
                purpose: key, description: description, dataCategories: used, role: kept?.role, lawfulBasis: kept?.lawfulBasis,
                specialCondition: kept?.specialCondition, recipient: kept?.recipient, disclosureBasis: kept?.disclosureBasis,
                disclosureCondition: kept?.disclosureCondition
            )
            if let problem = Self.applyRole(form: form, key: key, to: &entry) { errors["purpose:\(key)"] = problem }
            return entry
        }
        let message = (form.message ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        if message.isEmpty { errors["message"] = "say what you changed and why" }
        if TextLimit.exceeds(message, 500) { errors["message"] = "at most 500 characters" }
        guard errors.isEmpty else {
            let model = Annex2Page.Model.make(
                library: library, reference: reference, base: base, parties: baseVersion.document.parties, processing: processing, message: message, errors: errors
            )
            return Annex2Page.View(model: model).page(session: session).response(status: .unprocessableContent, session: session)
        }
        var document = baseVersion.document
        document.processing = processing
        return try Proposals.saveDraft(store: store, working: baseVersion, edited: document, reference: reference, session: session, note: message)
    }

    /// Reads who decides the purpose from the form; a purpose the form did not show keeps what it had.
    static func applyRole(form: Form, key: String, to entry: inout PurposeEntry) -> String? {
        guard let rawRole = form.purposeRoles?[key] else { return nil }
        guard let role = PurposeRole(rawValue: rawRole) else { return "choose who decides this purpose" }
        func choice<T: RawRepresentable>(_ raw: String?, _ type: T.Type) -> (value: T?, valid: Bool) where T.RawValue == String {
            guard let raw, !raw.isEmpty else { return (nil, true) }
            return T(rawValue: raw).map { ($0, true) } ?? (nil, false)
        }
        let basis = choice(form.purposeBases?[key], LawfulBasis.self)
        let condition = choice(form.purposeConditions?[key], SpecialCondition.self)
        let recipient = choice(form.purposeRecipients?[key], PartyRole.self)
        let disclosureBasis = choice(form.disclosureBases?[key], LawfulBasis.self)
        let disclosureCondition = choice(form.disclosureConditions?[key], SpecialCondition.self)
        guard basis.valid, condition.valid, recipient.valid, disclosureBasis.valid, disclosureCondition.valid else {
            return "choose the basis, condition and recipient from the lists"
        }
        entry.assign(
            role: role, lawfulBasis: basis.value, specialCondition: condition.value, recipient: recipient.value, disclosureBasis: disclosureBasis.value,
            disclosureCondition: disclosureCondition.value
        )
        return nil
    }
}
