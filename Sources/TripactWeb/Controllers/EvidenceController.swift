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
        router.get(.measureRegister) { _, _, session in try show(session: session, status: .ok) }
        router.post(.measureRegister) { request, context, session in try await save(request: request, context: context, session: session) }
        router.post(.measureRegisterRemove) { request, context, session in try await remove(request: request, context: context, session: session) }
    }

    private func show(session: TripactStore.Session, entered: Form? = nil, errors: [String: String] = [:], status: HTTPResponse.Status) throws -> Response {
        let values: [String: String?] = [
            "id": entered?.id, "measure": entered?.measure, "kind": entered?.kind, "title": entered?.title, "issuer": entered?.issuer, "issued": entered?.issued,
            "expires": entered?.expires, "reference": entered?.reference,
        ]
        let model = try MeasureRegisterPage.Model.load(
            store: store, library: configuration.library, session: session, entered: values.compactMapValues { $0 }, errors: errors
        )
        return MeasureRegisterPage.View(model: model).page(session: session).response(status: status, session: session)
    }

    private func save(request: Request, context: TripactRequestContext, session: TripactStore.Session) async throws -> Response {
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
        guard errors.isEmpty, let issued, let kind else { return try show(session: session, entered: form, errors: errors, status: .unprocessableContent) }
        let evidence = MeasureEvidence(
            id: form.id.trimmed ?? "", measure: measure, kind: kind, title: form.title.trimmed ?? "", issuer: form.issuer.trimmed ?? "", issued: issued, expires: expires,
            reference: form.reference.trimmed ?? ""
        )
        do {
            try store.saveEvidence(evidence, by: session.user.email)
        } catch {
            if case .invalidFields(let problems) = error {
                return try show(session: session, entered: form, errors: problems.messagesByField(), status: .unprocessableContent)
            }
            throw error
        }
        return .redirect(to: SiteRoute.measureRegister.link(), type: .normal)
    }

    private func remove(request: Request, context: TripactRequestContext, session: TripactStore.Session) async throws -> Response {
        let form = try await FormDecoding.decode(RemoveForm.self, request: request, context: context)
        try FormDecoding.requireCSRF(form._csrf, session: session)
        try store.removeEvidence(try context.pathParameter("id"), by: session.user.email)
        return .redirect(to: SiteRoute.measureRegister.link(), type: .normal)
    }
}
