import Foundation
import HTTPTypes
import Hummingbird
import TripactCore
import TripactStore

/// The measure register: the certificates and reports behind the measures the organisation promises in Annex III,
/// with their expiry. Evidence within 60 days of expiry, or past it, warns on every agreement relying on the measure.
struct EvidenceController {
    let store: TripactStore
    let configuration: WebConfiguration

    struct Form: Decodable {
        let _csrf: String?
        let id: String?
        let measure: String?
        let kind: String?
        let title: String?
        let issuer: String?
        let issued: String?
        let expires: String?
        let reference: String?
    }

    struct RemoveForm: Decodable {
        let _csrf: String?
    }

    func register(on router: Routes) {
        router.get("registers/measures") { _, context in try show(context: context, entered: nil, errors: [:], status: .ok) }
        router.post("registers/measures") { request, context in try await save(request: request, context: context) }
        router.post("registers/measures/:id/remove") { request, context in try await remove(request: request, context: context) }
    }

    private func show(context: TripactRequestContext, entered: Form?, errors: [String: String], status: HTTPResponse.Status) throws -> Response {
        guard let session = context.session else { return .redirect(to: "/login", type: .normal) }
        let evidence = try store.evidence(organisationID: session.user.organisationID)
        let today = store.today()
        let library = configuration.library
        var page = Page(title: "Measure register")
        page.raw("<p>Evidence behind the measures your organisation promises in Annex III. Evidence that expires within \(RegisterSnapshot.expiryWarningDays) days, or has expired, warns on every agreement relying on its measure. <a href=\"/registers/subprocessors\">Subprocessor register</a></p>")
        if evidence.isEmpty { page.raw("<p>No evidence is recorded.</p>") } else {
            page.raw("<div class=\"table-wrap\"><table><thead><tr><th scope=\"col\">Evidence</th><th scope=\"col\">Measure</th><th scope=\"col\">Issuer</th><th scope=\"col\">Reference</th><th scope=\"col\">Issued</th><th scope=\"col\">Expires</th>\(session.user.role.mayPropose ? "<th scope=\"col\">Remove</th>" : "")</tr></thead><tbody>")
            for item in evidence {
                let left = item.expires.map { today.days(until: $0) }
                let state = left.map { $0 < 0 ? "error" : $0 <= RegisterSnapshot.expiryWarningDays ? "warning" : "" } ?? ""
                page.raw("<tr><td>")
                page.text("\(item.title) (\(item.kind.rawValue))")
                page.raw("</td><td>")
                page.text(library.measure(item.measure)?.title ?? item.measure)
                page.raw("</td><td>")
                page.text(item.issuer)
                page.raw("</td><td>")
                page.text(item.reference)
                page.raw("</td><td>\(item.issued.iso)</td><td class=\"\(state)\">")
                page.text(item.expires.map { day in "\(day.iso)" + (left.map { $0 < 0 ? " (expired)" : " (\($0) days left)" } ?? "") } ?? "no expiry")
                page.raw("</td>")
                if session.user.role.mayPropose {
                    page.raw("<td><form method=\"post\" action=\"/registers/measures/\(AgreementController.path(item.id))/remove\">")
                    page.csrf(session)
                    page.raw("<button type=\"submit\" aria-label=\"Remove ")
                    page.text(item.title)
                    page.raw("\">Remove</button></form></td>")
                }
                page.raw("</tr>")
            }
            page.raw("</tbody></table></div>")
        }
        guard session.user.role.mayPropose else { return page.response(status: status, session: session) }
        page.raw("<h2>Record evidence</h2><p>An id already recorded is updated, for example with a renewed certificate.</p>")
        if !errors.isEmpty { page.raw("<p class=\"error\" role=\"alert\">Nothing was saved.</p>") }
        page.raw("<form method=\"post\" action=\"/registers/measures\">")
        page.csrf(session)
        func field(_ name: String, _ label: String, type: String = "text", required: Bool = true) {
            page.raw("<label for=\"\(name)\">\(label)</label><input type=\"\(type)\" id=\"\(name)\" name=\"\(name)\" maxlength=\"400\"\(required ? " required" : "") value=\"")
            let value: String? = switch name {
            case "id": entered?.id
            case "title": entered?.title
            case "issuer": entered?.issuer
            case "issued": entered?.issued
            case "expires": entered?.expires
            default: entered?.reference
            }
            page.text(value ?? "")
            page.raw("\"\(errors[name] == nil ? "" : " aria-invalid=\"true\" aria-describedby=\"\(name)-error\"")>")
            if let error = errors[name] { page.raw("<p class=\"error\" id=\"\(name)-error\">"); page.text(error); page.raw("</p>") }
        }
        field("id", "Id")
        Pickers.select(&page, name: "measure", label: "Measure it supports", options: library.measures.map { ($0.key, "\($0.title) (\($0.key))") }, selected: entered?.measure ?? "", error: errors["measure"])
        Pickers.select(&page, name: "kind", label: "Kind", options: MeasureEvidence.Kind.allCases.map { ($0.rawValue, $0.rawValue) }, selected: entered?.kind ?? "certificate", error: errors["kind"])
        field("title", "Title, e.g. ISO/IEC 27001:2022 certificate")
        field("issuer", "Issuer")
        field("issued", "Issued on", type: "date")
        field("expires", "Expires on", type: "date", required: false)
        field("reference", "Certificate number or document reference")
        page.raw("<p><button type=\"submit\">Record</button></p></form>")
        return page.response(status: status, session: session)
    }

    private func save(request: Request, context: TripactRequestContext) async throws -> Response {
        guard let session = context.session else { return .redirect(to: "/login", type: .normal) }
        let form = try await FormDecoding.decode(Form.self, request: request, context: context)
        try FormDecoding.requireCSRF(form._csrf, session: session)
        try session.user.requireNegotiator("keep the measure register")
        var errors: [String: String] = [:]
        for (name, value) in [("id", form.id), ("title", form.title), ("issuer", form.issuer), ("reference", form.reference)] where TextLimit.exceeds((value ?? ""), 400) {
            errors[name] = "keep this under 400 characters"
        }
        let issued = CalendarDay(iso: form.issued.trimmed ?? "")
        if issued == nil { errors["issued"] = "give the issue date as YYYY-MM-DD" }
        let expiresText = form.expires.trimmed ?? ""
        let expires = CalendarDay(iso: expiresText)
        if !expiresText.isEmpty, expires == nil { errors["expires"] = "give the expiry as YYYY-MM-DD, or leave it empty" }
        let kind = MeasureEvidence.Kind(rawValue: form.kind ?? "")
        if kind == nil { errors["kind"] = "choose certificate, report or other" }
        let measure = form.measure.trimmed ?? ""
        if configuration.library.measure(measure) == nil { errors["measure"] = "choose a measure of the catalogue" }
        guard errors.isEmpty, let issued, let kind else { return try show(context: context, entered: form, errors: errors, status: .unprocessableContent) }
        let evidence = MeasureEvidence(
            id: form.id.trimmed ?? "", measure: measure, kind: kind, title: form.title.trimmed ?? "", issuer: form.issuer.trimmed ?? "", issued: issued, expires: expires,
            reference: form.reference.trimmed ?? ""
        )
        do {
            try store.saveEvidence(evidence, by: session.user.email)
        } catch {
            if case .invalidFields(let problems) = error {
                return try show(context: context, entered: form, errors: problems.messagesByField(), status: .unprocessableContent)
            }
            throw error
        }
        return .redirect(to: "/registers/measures", type: .normal)
    }

    private func remove(request: Request, context: TripactRequestContext) async throws -> Response {
        guard let session = context.session else { return .redirect(to: "/login", type: .normal) }
        let form = try await FormDecoding.decode(RemoveForm.self, request: request, context: context)
        try FormDecoding.requireCSRF(form._csrf, session: session)
        try store.removeEvidence(try context.pathParameter("id"), by: session.user.email)
        return .redirect(to: "/registers/measures", type: .normal)
    }
}
