import Foundation
import TripactCore
import TripactStore

/// The form for one subprocessor register entry: rendering with the values entered and a message at each field, and
/// reading it back into a `SubprocessorRecord`.
struct RegisterEntryForm: Decodable {
    static let maximumLength = 4_000

    let _csrf: String?
    let kind: String?
    let id: String?
    let name: String?
    let address: String?
    let country: String?
    let services: [String]?
    let description: String?
    let dataCategories: [String]?
    /// Country codes, from the multiple-choice list of country names.
    let locations: [String]?
    let transferMechanism: String?
    let tiaReference: String?
    let contactName: String?
    let contactEmail: String?
    let startDate: String?
    let onward: String?
    let plannedStart: String?
    let message: String?

    /// The entry as entered, or the problems keyed by field name (the names of `SubprocessorRecord`).
    func record(library: ClauseLibrary, today: CalendarDay) -> (SubprocessorRecord?, [String: String]) {
        var errors: [String: String] = [:]
        for (field, value) in [
            ("id", id), ("name", name), ("address", address), ("description", description), ("tiaReference", tiaReference),
            ("contact", contactName), ("contact", contactEmail), ("onwardSubprocessors", onward), ("message", message),
        ] where (value ?? "").count > Self.maximumLength {
            errors[field] = "keep this under \(Self.maximumLength) characters"
        }
        let start: CalendarDay
        if let text = startDate.trimmed, !text.isEmpty {
            guard let day = CalendarDay(iso: text) else { return (nil, errors.merging(["startDate": "give a date as YYYY-MM-DD"]) { $1 }) }
            start = day
        } else {
            start = today
        }
        var onwardEntries: [OnwardSubprocessor] = []
        for (number, line) in (onward ?? "").split(whereSeparator: \.isNewline).enumerated() where !line.allSatisfy(\.isWhitespace) {
            let parts = line.split(separator: ";", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
            guard parts.count == 3, !parts[0].isEmpty, !parts[2].isEmpty else {
                errors["onwardSubprocessors"] = "line \(number + 1): write 'legal entity; country code; what it does'"
                continue
            }
            onwardEntries.append(OnwardSubprocessor(name: parts[0], country: parts[1].uppercased(), service: parts[2]))
        }
        let contact = (contactName.trimmed ?? "").isEmpty ? nil : Contact(name: contactName.trimmed ?? "", email: (contactEmail.trimmed ?? "").isEmpty ? nil : contactEmail.trimmed)
        let record = SubprocessorRecord(
            id: id.trimmed ?? "", name: name.trimmed ?? "", address: address.trimmed ?? "", country: (country.trimmed ?? "").uppercased(),
            services: services ?? [], description: description.trimmed ?? "", dataCategories: dataCategories ?? [],
            locations: (locations ?? []).map { $0.trimmingCharacters(in: .whitespaces).uppercased() }.filter { !$0.isEmpty },
            transferMechanism: transferMechanism.trimmed ?? "", tiaReference: (tiaReference.trimmed ?? "").isEmpty ? nil : tiaReference.trimmed,
            contact: contact, startDate: start, onwardSubprocessors: onwardEntries.isEmpty ? nil : onwardEntries
        )
        errors.merge(record.problems(library: library).messagesByField()) { first, _ in first }
        return (errors.isEmpty ? record : nil, errors)
    }

    /// The fields the form shows; a problem with any other key is shown above the form.
    static let renderedFields: Set<String> = [
        "id", "name", "address", "country", "services", "description", "dataCategories", "locations", "transferMechanism", "tiaReference", "contact",
        "startDate", "onwardSubprocessors", "plannedStart", "message", "kind",
    ]

    /// The options of the form's pickers, in the catalogue's words: read once by the page's model, so that writing the
    /// form needs no library.
    struct Choices {
        let countries: [(key: String, label: String)]
        let services: [(key: String, label: String)]
        let dataCategories: [(key: String, label: String)]
        let transferMechanisms: [(key: String, label: String)]

        init(library: ClauseLibrary) {
            countries = library.countries.map { ($0.code, $0.name) }
            services = library.services.map { ($0.key, $0.label) }
            dataCategories = library.dataCategories.map { ($0.key, $0.label) }
            transferMechanisms = library.transferMechanisms.map { ($0.key, $0.label) }
        }
    }

    /// The entry's fields, filled with `record` (or what was entered), each with its message.
    static func fields(_ page: inout Page, record: SubprocessorRecord?, entered: RegisterEntryForm?, errors: [String: String], choices: Choices, idEditable: Bool) {
        func value(_ typed: String?, _ stored: String?) -> String { typed ?? stored ?? "" }
        func error(_ field: String) {
            guard let message = errors[field] else { return }
            page.raw("<p class=\"error\" id=\"\(field)-error\">")
            page.text(message)
            page.raw("</p>")
        }
        func input(_ field: String, _ label: String, _ current: String, type: String = "text", required: Bool = true, readOnly: Bool = false) {
            page.raw("<label for=\"\(field)\">\(label)</label><input type=\"\(type)\" id=\"\(field)\" name=\"\(field)\" size=\"60\" maxlength=\"\(maximumLength)\" value=\"")
            page.text(current)
            page.raw("\"")
            if required { page.raw(" required") }
            if readOnly { page.raw(" readonly") }
            if errors[field] != nil { page.raw(" aria-invalid=\"true\" aria-describedby=\"\(field)-error\"") }
            page.raw(">")
            error(field)
        }
        input("id", "Id (letters, digits, '-'; it becomes the Annex IV id)", value(entered?.id, record?.id), readOnly: !idEditable)
        input("name", "Legal entity", value(entered?.name, record?.name))
        input("address", "Address", value(entered?.address, record?.address))
        Pickers.select(&page, name: "country", label: "Country of establishment", options: choices.countries,
                       selected: value(entered?.country, record?.country), error: errors["country"])
        Pickers.checkboxes(&page, name: "services", legend: "Services it provides", options: choices.services,
                           selected: Set(entered?.services ?? record?.services ?? []), error: errors["services"])
        page.raw("<label for=\"description\">What it does with the personal data (Annex IV)</label><textarea id=\"description\" name=\"description\" rows=\"3\" cols=\"60\" maxlength=\"\(maximumLength)\" required>")
        page.text(value(entered?.description, record?.description))
        page.raw("</textarea>")
        error("description")
        Pickers.checkboxes(&page, name: "dataCategories", legend: "Personal data it processes", options: choices.dataCategories,
                           selected: Set(entered?.dataCategories ?? record?.dataCategories ?? []), error: errors["dataCategories"])
        locationChoice(&page, options: choices.countries, selected: entered?.locations ?? record?.locations ?? [], error: errors["locations"])
        Pickers.select(&page, name: "transferMechanism", label: "Transfer mechanism", options: choices.transferMechanisms,
                       selected: value(entered?.transferMechanism, record?.transferMechanism ?? "eea"), error: errors["transferMechanism"])
        input("tiaReference", "Transfer impact assessment (reference)", value(entered?.tiaReference, record?.tiaReference), required: false)
        input("contactName", "Contact person", value(entered?.contactName, record?.contact?.name), required: false)
        input("contactEmail", "Contact e-mail", value(entered?.contactEmail, record?.contact?.email), type: "email", required: false)
        error("contact")
        input("startDate", "In use from", value(entered?.startDate, record?.startDate.iso), type: "date", required: false)
        page.raw("<label for=\"onward\">Its own subprocessors, one per line: legal entity; country code; what it does</label><textarea id=\"onward\" name=\"onward\" rows=\"3\" cols=\"60\" maxlength=\"\(maximumLength)\">")
        page.text(value(entered?.onward, record?.onwardSubprocessors?.map { "\($0.name); \($0.country); \($0.service)" }.joined(separator: "\n")))
        page.raw("</textarea>")
        error("onwardSubprocessors")
    }

    /// The processing locations as one list of country names that takes several choices (its values are the codes): the
    /// 488 countries are too many for a box each. A stored code the catalogue lacks stays offered, chosen, as it is.
    private static func locationChoice(_ page: inout Page, options: [(key: String, label: String)], selected: [String], error: String?) {
        let chosen = Set(selected.map { $0.uppercased() })
        page.raw("<label for=\"locations\">Processing locations: every country where it processes or accesses the data (hold Ctrl, or ⌘ on a Mac, to choose several)</label>")
        page.raw("<select id=\"locations\" name=\"locations[]\" multiple size=\"8\"")
        page.invalid(error != nil, describedBy: "locations-error")
        page.raw(">")
        for code in selected where !options.contains(where: { $0.key == code.uppercased() }) { page.option(code, code, selected: true) }
        for option in options { page.option(option.key, option.label, selected: chosen.contains(option.key)) }
        page.raw("</select>")
        // A long list scrolls its chosen countries out of sight: name them under it.
        if !selected.isEmpty {
            page.raw("<p>Chosen: ")
            page.text(selected.map { code in options.first { $0.key == code.uppercased() }?.label ?? code }.joined(separator: ", "))
            page.raw("</p>")
        }
        if let error { page.raw("<p class=\"error\" id=\"locations-error\">"); page.text(error); page.raw("</p>") }
    }

    /// The fields every change carries: when it should take effect and the message for the notices.
    static func changeFields(_ page: inout Page, entered: RegisterEntryForm?, errors: [String: String], today: CalendarDay) {
        page.raw("<label for=\"plannedStart\">Planned start (each agreement follows only once its own notice period has run)</label>")
        page.raw("<input type=\"date\" id=\"plannedStart\" name=\"plannedStart\" min=\"\(today.iso)\" value=\"")
        page.text(entered?.plannedStart ?? today.iso)
        page.raw("\">")
        if let message = errors["plannedStart"] { page.raw("<p class=\"error\">"); page.text(message); page.raw("</p>") }
        page.raw("<label for=\"message\">Message for the controllers</label><textarea id=\"message\" name=\"message\" rows=\"3\" cols=\"60\" maxlength=\"500\" required>")
        page.text(entered?.message ?? "")
        page.raw("</textarea>")
        if let message = errors["message"] { page.raw("<p class=\"error\">"); page.text(message); page.raw("</p>") }
    }
}
