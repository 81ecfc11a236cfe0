import Foundation
import Hummingbird
import TripactCore
import TripactStore

/// The delivery locations of Annex II: the sites where the processor's agents handle the controller's contacts, each with
/// its country (from the countries catalogue), entity, home working, transfer mechanism and transfer impact assessment.
/// A row is removed only through its "remove" box; a blank text keeps what is stored unless its "clear" box is ticked;
/// saving writes into the side's draft. The page is `DeliveryLocationsPage`.
struct DeliveryLocationController {
    let store: TripactStore
    let configuration: WebConfiguration
    static let maximumLength = 4_000
    /// A select's value for "no transfer mechanism"; an empty value keeps the stored one.
    static let none = "none"

    func register(on router: Routes) {
        router.get(.locations) { _, context, session in
            let (reference, _) = try AgreementAccess.check(context, session: session, store: store)
            let model = try DeliveryLocationsPage.Model.load(store: store, library: configuration.library, session: session, reference: reference)
            return DeliveryLocationsPage.View(model: model).page(session: session).response(session: session)
        }
        router.post(.locations) { request, context, session in try await save(request: request, context: context, session: session) }
    }

    private func save(request: Request, context: TripactRequestContext, session: TripactStore.Session) async throws -> Response {
        let (reference, _) = try AgreementAccess.check(context, session: session, store: store)
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
            let model = DeliveryLocationsPage.Model.make(
                library: configuration.library, reference: reference, base: baseVersion.number, rows: rows, added: added, message: message, errors: errors
            )
            return DeliveryLocationsPage.View(model: model).page(session: session).response(status: .unprocessableContent, session: session)
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
}
