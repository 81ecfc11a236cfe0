import Foundation
import HTTPTypes
import Hummingbird
import TripactCore
import TripactStore

/// The form for Annex II, the description of the processing, with pickers from the catalogues. Saving proposes a new
/// version on the version the form was loaded from; a stale base answers 409 with the changes since and the edits kept.
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
        router.get("agreements/:reference/annex2") { _, context in try show(context: context) }
        router.post("agreements/:reference/annex2") { request, context in try await save(request: request, context: context) }
    }

    private func show(context: TripactRequestContext) throws -> Response {
        guard let (session, reference) = try AgreementAccess.sessionAndReference(context, store: store) else { return .redirect(to: "/login", type: .normal) }
        let head = try Proposals.working(store: store, session: session, reference: reference)
        let processing = configuration.library.currentKeys(head.document.processing)
        return page(
            session: session, reference: reference, base: head.number, parties: head.document.parties, processing: processing, message: "", errors: [:], status: .ok
        )
    }

    private func save(request: Request, context: TripactRequestContext) async throws -> Response {
        guard let (session, reference) = try AgreementAccess.sessionAndReference(context, store: store) else { return .redirect(to: "/login", type: .normal) }
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
            return page(
                session: session, reference: reference, base: base, parties: baseVersion.document.parties, processing: processing, message: message, errors: errors,
                status: .unprocessableContent
            )
        }
        var document = baseVersion.document
        document.processing = processing
        return try Proposals.saveDraft(store: store, working: baseVersion, edited: document, reference: reference, session: session, note: message)
    }

    private func page(
        session: TripactStore.Session, reference: String, base: Int, parties: Parties, processing: Processing, message: String, errors: [String: String], status: HTTPResponse.Status
    ) -> Response {
        let library = configuration.library
        var page = Page(title: "Annex II — Description of the processing")
        page.raw("<p><a href=\"/agreements/\(AgreementController.path(reference))\">Back to the agreement</a></p>")
        if !errors.isEmpty { page.raw("<p class=\"error\" role=\"alert\">The form has \(errors.count) problem\(errors.count == 1 ? "" : "s"); see the fields below. Nothing was saved.</p>") }
        page.raw("<form method=\"post\" action=\"/agreements/\(AgreementController.path(reference))/annex2\">")
        page.csrf(session)
        page.raw("<input type=\"hidden\" name=\"base\" value=\"\(base)\">")
        for field in Self.textFields {
            page.raw("<label for=\"\(field.key)\">\(field.label)</label><textarea id=\"\(field.key)\" name=\"\(field.key)\" rows=\"3\" cols=\"70\" maxlength=\"\(Self.maximumTextLength)\"\(errors[field.key] != nil ? " aria-invalid=\"true\"" : "")>")
            page.text(processing[keyPath: field.path])
            page.raw("</textarea> <label class=\"inline\"><input type=\"checkbox\" name=\"clear[\(field.key)]\" value=\"yes\"> clear this field</label>")
            if let error = errors[field.key] { page.raw("<p class=\"error\">"); page.text(error); page.raw("</p>") }
        }
        for (key, label, value) in [("callRecording", "Calls are recorded", processing.callRecording), ("cardPayments", "Payment cards are taken", processing.cardPayments)] {
            page.raw("<label for=\"\(key)\">\(label)</label><select id=\"\(key)\" name=\"\(key)\"><option value=\"yes\"\(value ? " selected" : "")>yes</option><option value=\"no\"\(value ? "" : " selected")>no</option></select>")
        }
        Self.picker(&page, name: "operations", legend: "Processing operations", items: library.operations, selected: Set(processing.operations))
        Self.picker(&page, name: "channels", legend: "Channels", items: library.channels, selected: Set(processing.channels))
        Self.picker(
            &page, name: "services", legend: "Services the processing uses (a change to the processor's subprocessor register reaches this agreement through them)",
            items: library.services, selected: Set(processing.services ?? [])
        )
        Self.picker(&page, name: "dataSubjects", legend: "Data subjects", items: library.dataSubjects, selected: Set(processing.dataSubjects))
        Self.picker(
            &page, name: "dataCategories", legend: "Personal data (Art. 9 and 10 categories are marked; they need safeguards)", items: library.dataCategories,
            selected: Set(processing.dataCategories.map(\.category) + processing.specialCategories.map(\.category))
        )
        page.raw("<fieldset><legend>Safeguards for sensitive data (used for the Art. 9 and 10 categories ticked above)</legend>")
        for item in library.dataCategories where item.special != .no {
            let id = "safeguards-\(item.key)"
            page.raw("<label for=\"")
            page.text(id)
            page.raw("\">")
            page.text(item.label)
            page.raw("</label><textarea id=\"")
            page.text(id)
            page.raw("\" name=\"safeguards[")
            page.text(item.key)
            page.raw("]\" rows=\"2\" cols=\"70\" maxlength=\"\(Self.maximumTextLength)\">")
            page.text(processing.specialCategories.first { $0.category == item.key }?.safeguards ?? "")
            page.raw("</textarea>")
        }
        if let error = errors["safeguards"] { page.raw("<p class=\"error\">"); page.text(error); page.raw("</p>") }
        page.raw("</fieldset>")
        Self.picker(&page, name: "purposes", legend: "Purposes", items: library.purposes, selected: Set(processing.purposes.map(\.purpose)))
        Self.purposeData(&page, processing: processing, library: library, parties: parties, errors: errors)
        page.raw("<label for=\"message\">Message for the other side</label><textarea id=\"message\" name=\"message\" rows=\"3\" cols=\"60\" maxlength=\"500\" required>")
        page.text(message)
        page.raw("</textarea>")
        if let error = errors["message"] { page.raw("<p class=\"error\" id=\"message-error\">"); page.text(error); page.raw("</p>") }
        page.proposeButton(base: base, session: session)
        page.raw("</form>")
        return page.response(status: status, session: session)
    }

    /// For each purpose ticked, its description and the listed data it uses; for each purpose not ticked, the same
    /// choice folded away, so a purpose added in this submission takes only the data ticked for it.
    private static func purposeData(_ page: inout Page, processing: Processing, library: ClauseLibrary, parties: Parties, errors: [String: String]) {
        let listed = processing.dataCategories.map(\.category) + processing.specialCategories.map(\.category)
        let selected = Set(processing.purposes.map(\.purpose))
        let unselected = library.purposes.filter { !selected.contains($0.key) }
        if !processing.purposes.isEmpty { page.raw("<h2>Each purpose: its description and the data it uses</h2>") }
        if listed.isEmpty { page.raw("<p>Annex II lists no personal data yet: tick the data above and save, then choose the data each purpose uses.</p>") }
        for (index, purpose) in processing.purposes.enumerated() {
            purposeChoice(
                &page, index: index, key: purpose.purpose, entry: purpose, listed: listed, library: library, parties: parties, error: errors["purpose:\(purpose.purpose)"]
            )
        }
        guard !unselected.isEmpty else { return }
        page.raw("<h2>Purposes you may add</h2><p>A purpose you tick above uses only the data you tick for it here, and none if you tick none.</p>")
        for (offset, item) in unselected.enumerated() {
            page.raw("<details><summary>")
            page.text(item.label)
            page.raw("</summary>")
            purposeChoice(&page, index: processing.purposes.count + offset, key: item.key, entry: nil, listed: listed, library: library, parties: parties, error: nil)
            page.raw("</details>")
        }
    }

    private static func purposeChoice(
        _ page: inout Page, index: Int, key: String, entry: PurposeEntry?, listed: [String], library: ClauseLibrary, parties: Parties, error: String?
    ) {
        let catalogue = library.purpose(key)
        page.raw("<fieldset\(error != nil ? " aria-invalid=\"true\" aria-describedby=\"purpose-\(index)-error\"" : "")><legend>")
        page.text(catalogue?.label ?? key)
        page.raw("</legend>")
        // Only a choice that lists data says what the purpose uses; without one, saving leaves its data as it was.
        if !listed.isEmpty {
            page.raw("<input type=\"hidden\" name=\"purposeShown[")
            page.text(key)
            page.raw("]\" value=\"yes\">")
        }
        page.raw("<label for=\"purpose-\(index)-description\">Description</label><p class=\"hint\" id=\"purpose-\(index)-hint\">")
        page.text("Left blank, the catalogue's wording is printed: “\(catalogue?.description ?? "")”")
        page.raw("</p><textarea id=\"purpose-\(index)-description\" aria-describedby=\"purpose-\(index)-hint\" name=\"purposeDescriptions[")
        page.text(key)
        page.raw("]\" rows=\"2\" cols=\"70\" maxlength=\"\(maximumTextLength)\">")
        page.text(entry?.description ?? "")
        page.raw("</textarea>")
        roleChoice(&page, index: index, key: key, entry: entry, library: library, parties: parties)
        if !listed.isEmpty { page.raw("<p>The data it uses:</p>") }
        for (categoryIndex, category) in listed.enumerated() {
            Pickers.choice(
                &page, id: "purpose-\(index)-\(categoryIndex)", name: "purposeCategories[\(key)][]", value: category,
                checked: entry?.dataCategories.contains(category) ?? false, label: library.dataCategory(category)?.label ?? category
            )
        }
        if let error { page.raw("<p class=\"error\" id=\"purpose-\(index)-error\">"); page.text(error); page.raw("</p>") }
        page.raw("</fieldset>")
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

    /// The selects that say who decides a purpose and, for a purpose decided by controllers, on what basis.
    private static func roleChoice(_ page: inout Page, index: Int, key: String, entry: PurposeEntry?, library: ClauseLibrary, parties: Parties) {
        func select(_ field: String, _ name: String, _ label: String, _ options: [(String, String)], _ selected: String) {
            page.raw("<label for=\"purpose-\(index)-\(field)\">")
            page.text(label)
            page.raw("</label><select id=\"purpose-\(index)-\(field)\" name=\"\(name)[")
            page.text(key)
            page.raw("]\">")
            for (value, text) in options {
                page.option(value, text, selected: value == selected)
            }
            page.raw("</select>")
        }
        let typical = library.purpose(key)?.typicalRole
        let role = entry?.role ?? (entry == nil ? typical : nil) ?? .onBehalf
        select("role", "purposeRoles", "Who decides this purpose", PurposeRole.allCases.map { ($0.rawValue, $0.label) }, role.rawValue)
        if let typical, typical != .onBehalf, role == .onBehalf {
            page.raw("<p class=\"hint\">")
            page.text("Usually: \(typical.label). If the Processor decides this purpose itself, it is a controller for it (Art. 28(10)).")
            page.raw("</p>")
        }
        let bases = [("", "not chosen")] + LawfulBasis.allCases.map { ($0.rawValue, $0.label) }
        let conditions = [("", "none")] + SpecialCondition.allCases.map { ($0.rawValue, $0.label) }
        select(
            "basis", "purposeBases", "Lawful basis, when the controllers decide it; when the data is shared with an independent controller, the recipient's basis for its own purpose (Art. 6(1))",
            bases, entry?.lawfulBasis?.rawValue ?? ""
        )
        select(
            "condition", "purposeConditions", "Condition for special-category data, when it is shared; for an independent controller, the recipient's (Art. 9(2))",
            conditions, entry?.specialCondition?.rawValue ?? ""
        )
        select(
            "recipient", "purposeRecipients", "Who receives the data, when it is shared with an independent controller",
            [("", "nobody"), ("controller", parties.controller.name), ("processor", parties.processor.name)], entry?.recipient?.rawValue ?? ""
        )
        // Handing the data over is the discloser's own processing, which needs its own basis and condition.
        select(
            "disclosure-basis", "disclosureBases", "When the data is shared with an independent controller: the disclosing party's own lawful basis for handing it over (Art. 6(1))",
            bases, entry?.disclosureBasis?.rawValue ?? ""
        )
        select(
            "disclosure-condition", "disclosureConditions",
            "When special-category data is shared with an independent controller: the disclosing party's own condition for handing it over (Art. 9(2))",
            conditions, entry?.disclosureCondition?.rawValue ?? ""
        )
    }

    private static func picker(_ page: inout Page, name: String, legend: String, items: [CatalogueItem], selected: Set<String>) {
        let options = items.map { item in
            (key: item.key, label: item.label + (item.special == .no ? "" : " (\(item.special.rawValue == "art9" ? "Art. 9" : "Art. 10"))"))
        }
        Pickers.checkboxes(&page, name: name, legend: legend, options: options, selected: selected, error: nil)
    }
}
