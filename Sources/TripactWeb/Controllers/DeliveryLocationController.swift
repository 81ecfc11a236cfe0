import Foundation
import HTTPTypes
import Hummingbird
import TripactCore
import TripactStore

/// The delivery locations of Annex II: the sites where the processor's agents handle the controller's contacts, each with
/// its country (from the countries catalogue), entity, home working, transfer mechanism and transfer impact assessment.
/// A row is removed only through its "remove" box; a blank text keeps what is stored unless its "clear" box is ticked;
/// a stale base answers 409 with the changes since and the edits kept.
struct DeliveryLocationController {
    let store: TripactStore
    let configuration: WebConfiguration
    static let maximumLength = 4_000
    /// A select's value for "no transfer mechanism"; an empty value keeps the stored one.
    static let none = "none"

    func register(on router: Routes) {
        router.get("agreements/:reference/locations") { _, context in try show(context: context) }
        router.post("agreements/:reference/locations") { request, context in try await save(request: request, context: context) }
    }

    private func show(context: TripactRequestContext) throws -> Response {
        guard let access = try AgreementAccess.check(context, store: store) else { return .redirect(to: "/login", type: .normal) }
        let head = try Proposals.working(store: store, session: access.session, reference: access.reference)
        return page(session: access.session, reference: access.reference, base: head.number, rows: head.document.processing.deliveryLocations.map { ($0, false) },
                    added: [:], message: "", errors: [:], status: .ok)
    }

    private func save(request: Request, context: TripactRequestContext) async throws -> Response {
        guard let access = try AgreementAccess.check(context, store: store) else { return .redirect(to: "/login", type: .normal) }
        let (session, reference) = (access.session, access.reference)
        let form = try await FormDecoding.decode([String: String].self, request: request, context: context)
        let baseVersion = try Proposals.start(store: store, session: session, reference: reference, csrf: form["_csrf"], base: form["base"].flatMap(Int.init))
        func value(_ key: String) -> String { (form[key] ?? "").trimmingCharacters(in: .whitespacesAndNewlines) }
        var errors: [String: String] = [:]
        for (key, text) in form where TextLimit.exceeds(text, Self.maximumLength) { errors[key] = "at most \(Self.maximumLength) characters" }
        // Rows are matched by the location's id (a hidden field), not by position, so a form re-shown after a conflict
        // never applies one row's edits to another.
        var formRow: [String: String] = [:]
        for (key, id) in form where key.hasPrefix("l.") && key.hasSuffix(".id") { formRow[id] = String(key.dropLast(3)) }
        var rows: [(location: DeliveryLocation, removed: Bool)] = []
        for var location in baseVersion.document.processing.deliveryLocations {
            guard let prefix = formRow[location.id] else {
                rows.append((location, false))
                continue
            }
            apply(value, prefix: prefix, clear: { form["\(prefix).clear.\($0)"] == "yes" }, to: &location, errors: &errors)
            rows.append((location, form["\(prefix).remove"] == "yes"))
        }
        var kept = rows.filter { !$0.removed }.map(\.location)
        var added: [String: String] = [:]
        if !value("new.site").isEmpty || !value("new.country").isEmpty {
            for field in ["site", "country", "entity", "homeWorking", "transferMechanism", "adequacyConfirmed", "tiaReference"] { added[field] = value("new.\(field)") }
            var location = DeliveryLocation(id: "", site: "", country: "")
            apply(value, prefix: "new", clear: { _ in false }, to: &location, errors: &errors)
            if location.site.isEmpty { errors["new.site"] = "name the site (city, address, what is handled there)" }
            if location.country.isEmpty { errors["new.country"] = "choose the site's country" }
            // The id names the place (the site's text up to its first comma), numbered when the place is already listed.
            let stem = "dl-" + DraftFactory.slug(String(location.site.prefix { $0 != "," }.prefix(40)))
            let taken = Set(baseVersion.document.processing.deliveryLocations.map(\.id))
            var number = 1
            location.id = stem
            while taken.contains(location.id) {
                number += 1
                location.id = "\(stem)-\(number)"
            }
            kept.append(location)
        }
        let message = value("message")
        if message.isEmpty { errors["message"] = "say what you changed and why" } else if TextLimit.exceeds(message, 500) { errors["message"] = "at most 500 characters" }
        var document = baseVersion.document
        document.processing.deliveryLocations = kept
        // On a refusal every row is shown as entered, its remove box still ticked; a new row stays in the "add" fields.
        guard errors.isEmpty else {
            return page(session: session, reference: reference, base: baseVersion.number, rows: rows, added: added, message: message, errors: errors, status: .unprocessableContent)
        }
        return try Proposals.saveDraft(store: store, working: baseVersion, edited: document, reference: reference, session: session, note: message)
    }

    /// Writes the non-blank fields of one row into a location, checking the catalogue keys.
    private func apply(_ value: (String) -> String, prefix: String, clear: (String) -> Bool, to location: inout DeliveryLocation, errors: inout [String: String]) {
        let library = configuration.library
        if !value("\(prefix).site").isEmpty { location.site = value("\(prefix).site") }
        let country = value("\(prefix).country").uppercased()
        if !country.isEmpty {
            if library.country(country) == nil { errors["\(prefix).country"] = "'\(country)' is not in the countries catalogue; choose a country from the list" }
            location.country = country
        }
        if !value("\(prefix).entity").isEmpty { location.entity = value("\(prefix).entity") } else if clear("entity") { location.entity = nil }
        switch value("\(prefix).homeWorking") {
        case "yes": location.homeWorking = true
        case "no": location.homeWorking = false
        default: break
        }
        let mechanism = value("\(prefix).transferMechanism")
        if mechanism == Self.none {
            location.transferMechanism = nil
        } else if !mechanism.isEmpty {
            if library.transferMechanism(mechanism) == nil { errors["\(prefix).transferMechanism"] = "'\(mechanism)' is not a transfer mechanism of the catalogue" }
            location.transferMechanism = mechanism
        }
        // Absent means "not confirmed", so that clearing the confirmation restores a stored document's hash.
        switch value("\(prefix).adequacyConfirmed") {
        case "": break
        case "yes": location.adequacyConfirmed = true
        case "no": location.adequacyConfirmed = nil
        case let other:
            errors["\(prefix).adequacyConfirmed"] = "adequacy confirmation: '\(other)' is not an answer; choose 'confirmed' or 'not confirmed'"
        }
        if !value("\(prefix).tiaReference").isEmpty { location.tiaReference = value("\(prefix).tiaReference") } else if clear("tiaReference") { location.tiaReference = nil }
    }

    private func page(
        session: TripactStore.Session, reference: String, base: Int, rows: [(location: DeliveryLocation, removed: Bool)], added: [String: String], message: String,
        errors: [String: String], status: HTTPResponse.Status
    ) -> Response {
        var page = Page(title: "Annex II — Delivery locations")
        page.raw("<p><a href=\"/agreements/\(AgreementController.path(reference))\">Back to the agreement</a></p>")
        if !errors.isEmpty { page.raw("<p class=\"error\" role=\"alert\">The form has \(errors.count) problem\(errors.count == 1 ? "" : "s"); see the fields below. Nothing was saved.</p>") }
        page.raw("<form method=\"post\" action=\"/agreements/\(AgreementController.path(reference))/locations\">")
        page.csrf(session)
        page.raw("<input type=\"hidden\" name=\"base\" value=\"\(base)\">")
        for (index, row) in rows.enumerated() {
            page.raw("<fieldset><legend>")
            page.text(row.location.site.count > 60 ? String(row.location.site.prefix(60)) + "…" : row.location.site)
            page.raw("</legend><input type=\"hidden\" name=\"l.\(index).id\" value=\"")
            page.text(row.location.id)
            page.raw("\">")
            rowInputs(&page, prefix: "l.\(index)", values: Self.values(row.location), errors: errors, clearable: true)
            page.raw("<label class=\"inline\"><input type=\"checkbox\" name=\"l.\(index).remove\" value=\"yes\"\(row.removed ? " checked" : "")> remove this location</label></fieldset>")
        }
        page.raw("<fieldset><legend>Add a delivery location</legend>")
        rowInputs(&page, prefix: "new", values: added, errors: errors, clearable: false)
        page.raw("</fieldset><label for=\"message\">Message for the other side</label><textarea id=\"message\" name=\"message\" rows=\"3\" cols=\"60\" maxlength=\"500\" required")
        page.raw(errors["message"] != nil ? " aria-invalid=\"true\" aria-describedby=\"message-error\">" : ">")
        page.text(message)
        page.raw("</textarea>")
        Self.error(&page, errors["message"], id: "message-error")
        page.proposeButton(base: base, session: session)
        page.raw("</form>")
        return page.response(status: status, session: session)
    }

    static func values(_ location: DeliveryLocation) -> [String: String] {
        [
            "site": location.site, "country": location.country, "entity": location.entity ?? "", "homeWorking": location.homeWorking ? "yes" : "no",
            "transferMechanism": location.transferMechanism ?? none, "adequacyConfirmed": location.adequacyConfirmed == true ? "yes" : "no",
            "tiaReference": location.tiaReference ?? "",
        ]
    }

    private func rowInputs(_ page: inout Page, prefix: String, values: [String: String], errors: [String: String], clearable: Bool) {
        let library = configuration.library
        let id = prefix.replacingOccurrences(of: ".", with: "-")
        func describedBy(_ field: String) -> String {
            errors["\(prefix).\(field)"] != nil ? " aria-invalid=\"true\" aria-describedby=\"\(id)-\(field)-error\"" : ""
        }
        func text(_ field: String, _ label: String, multiline: Bool) {
            page.raw("<label for=\"\(id)-\(field)\">\(label)</label>")
            if multiline {
                page.raw("<textarea id=\"\(id)-\(field)\" name=\"\(prefix).\(field)\" rows=\"2\" cols=\"70\" maxlength=\"\(Self.maximumLength)\"\(describedBy(field))>")
                page.text(values[field] ?? "")
                page.raw("</textarea>")
            } else {
                page.raw("<input id=\"\(id)-\(field)\" name=\"\(prefix).\(field)\" type=\"text\" size=\"50\" maxlength=\"\(Self.maximumLength)\" value=\"")
                page.text(values[field] ?? "")
                page.raw("\"\(describedBy(field))>")
            }
            if clearable, field != "site" { page.raw(" <label class=\"inline\"><input type=\"checkbox\" name=\"\(prefix).clear.\(field)\" value=\"yes\"> clear</label>") }
            Self.error(&page, errors["\(prefix).\(field)"], id: "\(id)-\(field)-error")
        }
        text("site", "Site (city, address, what is handled there)", multiline: true)
        page.raw("<label for=\"\(id)-country\">Country</label><select id=\"\(id)-country\" name=\"\(prefix).country\"\(describedBy("country"))><option value=\"\">—</option>")
        for country in library.countries {
            page.option(country.code, "\(country.name) (\(country.code))", selected: country.code == values["country"])
        }
        page.raw("</select>")
        Self.error(&page, errors["\(prefix).country"], id: "\(id)-country-error")
        text("entity", "Entity running the site (when not the processor itself)", multiline: false)
        page.raw("<label for=\"\(id)-homeWorking\">Agents also work from home</label><select id=\"\(id)-homeWorking\" name=\"\(prefix).homeWorking\">")
        for option in ["no", "yes"] { page.raw("<option value=\"\(option)\"\(values["homeWorking"] == option ? " selected" : "")>\(option)</option>") }
        page.raw("</select><label for=\"\(id)-transferMechanism\">Transfer mechanism (needed outside the EEA without adequacy)</label>")
        page.raw("<select id=\"\(id)-transferMechanism\" name=\"\(prefix).transferMechanism\"\(describedBy("transferMechanism"))><option value=\"\(Self.none)\">none</option>")
        for mechanism in library.transferMechanisms {
            page.option(mechanism.key, mechanism.label, selected: mechanism.key == values["transferMechanism"])
        }
        page.raw("</select>")
        Self.error(&page, errors["\(prefix).transferMechanism"], id: "\(id)-transferMechanism-error")
        Self.adequacyConfirmation(&page, prefix: prefix, id: id, value: values["adequacyConfirmed"] ?? "no", error: errors["\(prefix).adequacyConfirmed"])
        text("tiaReference", "Transfer impact assessment (reference)", multiline: false)
    }

    /// Where an adequacy decision covers only some recipients of a country (Canada: commercial organisations under
    /// PIPEDA), the parties confirm that this one falls within it; only then does "adequacy decision" count for it.
    static func adequacyConfirmation(_ page: inout Page, prefix: String, id: String, value: String, error: String?) {
        let invalid = error == nil ? "" : " aria-invalid=\"true\" aria-describedby=\"\(id)-adequacyConfirmed-error\""
        page.raw("<label for=\"\(id)-adequacyConfirmed\">Covered by an adequacy decision that applies only to some recipients (for Canada: a commercial organisation under PIPEDA)</label>")
        page.raw("<select id=\"\(id)-adequacyConfirmed\" name=\"\(prefix).adequacyConfirmed\"\(invalid)>")
        for (option, label) in [("no", "not confirmed"), ("yes", "confirmed by the parties")] {
            page.raw("<option value=\"\(option)\"\(value == option ? " selected" : "")>\(label)</option>")
        }
        page.raw("</select>")
        Self.error(&page, error, id: "\(id)-adequacyConfirmed-error")
    }

    static func error(_ page: inout Page, _ message: String?, id: String) {
        guard let message else { return }
        page.raw("<p class=\"error\" id=\"\(HTMLEscaping.escape(id))\">")
        page.text(message)
        page.raw("</p>")
    }
}
