import Foundation
import Hummingbird
import TripactCore
import TripactStore

/// Starting an agreement: a balanced first draft between the user's organisation and a counterpart, which the
/// drafter then completes part by part. The form is `NewAgreementPage`.
struct NewAgreementController {
    let store: TripactStore
    let configuration: WebConfiguration

    struct Form: Decodable {
        let _csrf: String?
        let title: String?
        let reference: String?
        let counterpart: String?
        let side: String?
        let mainAgreement: String?
    }

    func register(on router: Routes) {
        router.get(.newAgreement) { _, _, session in
            let model = try NewAgreementPage.Model.load(store: store, session: session)
            return NewAgreementPage.View(model: model).page(session: session).response(session: session)
        }
        router.post(.newAgreement) { request, context, session in try await create(request: request, context: context, session: session) }
    }

    private func create(request: Request, context: TripactRequestContext, session: TripactStore.Session) async throws -> Response {
        let form = try await FormDecoding.decode(Form.self, request: request, context: context)
        try FormDecoding.requireCSRF(form._csrf, session: session)
        try session.user.requireNegotiator("create agreements")
        let values: [String: String] = [
            "title": (form.title ?? "").trimmingCharacters(in: .whitespaces), "reference": (form.reference ?? "").trimmingCharacters(in: .whitespaces),
            "counterpart": form.counterpart ?? "", "side": form.side ?? "", "mainAgreement": (form.mainAgreement ?? "").trimmingCharacters(in: .whitespaces),
        ]
        var errors: [String: String] = [:]
        let organisations = try store.organisations()
        guard let own = organisations.first(where: { $0.id == session.user.organisationID }) else { throw HTTPError(.forbidden) }
        let counterpart = organisations.first { $0.name == values["counterpart"] && $0.id != own.id }
        if counterpart == nil { errors["counterpart"] = "choose the other party" }
        if values["side"] != "controller", values["side"] != "processor" { errors["side"] = "choose whether your organisation is the controller or the processor" }
        if (values["title"] ?? "").isEmpty || TextLimit.exceeds(values["title"] ?? "", 300) { errors["title"] = "give a title of at most 300 characters" }
        let reference = values["reference"] ?? ""
        if !reference.isEmpty, TextLimit.exceeds(reference, 94) || !reference.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" }) {
            errors["reference"] = "use at most 94 letters, digits, '-' or '_'"
        }
        if TextLimit.exceeds(values["mainAgreement"] ?? "", 1_000) { errors["mainAgreement"] = "at most 1,000 characters" }
        guard errors.isEmpty, let counterpart else {
            let model = try NewAgreementPage.Model.load(store: store, session: session, values: values, errors: errors)
            return NewAgreementPage.View(model: model).page(session: session).response(status: .unprocessableContent, session: session)
        }
        let (controller, processor) = values["side"] == "controller" ? (own, counterpart) : (counterpart, own)
        var document = DraftFactory.balanced(
            controller: controller.name, processor: processor.name, id: reference.isEmpty ? nil : reference, library: configuration.library
        )
        document.title = values["title"] ?? document.title
        document.mainAgreement = values["mainAgreement"] ?? ""
        let created = try store.importAgreement(
            document, controller: controller.name, processor: processor.name, by: session.user.email, message: "first draft", freshReference: true
        )
        return .redirect(to: SiteRoute.agreement.link(created.agreement), type: .normal)
    }
}
