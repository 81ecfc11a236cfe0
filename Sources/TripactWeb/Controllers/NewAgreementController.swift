import Foundation
import HTTPTypes
import Hummingbird
import TripactCore
import TripactStore

/// Starting an agreement: a balanced first draft between the user's organisation and a counterpart, which the
/// drafter then completes part by part.
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
        router.get("new-agreement") { _, context in try show(context: context) }
        router.post("new-agreement") { request, context in try await create(request: request, context: context) }
    }

    private func show(context: TripactRequestContext) throws -> Response {
        guard let session = context.session else { return .redirect(to: "/login", type: .normal) }
        return try page(session: session, values: [:], errors: [:], status: .ok)
    }

    private func create(request: Request, context: TripactRequestContext) async throws -> Response {
        guard let session = context.session else { return .redirect(to: "/login", type: .normal) }
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
        guard errors.isEmpty, let counterpart else { return try page(session: session, values: values, errors: errors, status: .unprocessableContent) }
        let (controller, processor) = values["side"] == "controller" ? (own, counterpart) : (counterpart, own)
        var document = DraftFactory.balanced(
            controller: controller.name, processor: processor.name, id: reference.isEmpty ? nil : reference, library: configuration.library
        )
        document.title = values["title"] ?? document.title
        document.mainAgreement = values["mainAgreement"] ?? ""
        let created = try store.importAgreement(
            document, controller: controller.name, processor: processor.name, by: session.user.email, message: "first draft", freshReference: true
        )
        return .redirect(to: "/agreements/\(AgreementController.path(created.agreement))", type: .normal)
    }

    private func page(session: TripactStore.Session, values: [String: String], errors: [String: String], status: HTTPResponse.Status) throws -> Response {
        let others = try store.organisations().filter { $0.id != session.user.organisationID }
        var page = Page(title: "New agreement")
        if !errors.isEmpty { page.raw("<p class=\"error\" role=\"alert\">The form has \(errors.count) problem\(errors.count == 1 ? "" : "s"); nothing was saved.</p>") }
        page.raw("<form method=\"post\" action=\"/new-agreement\">")
        page.csrf(session)
        func field(_ key: String, _ label: String, _ hint: String) {
            page.raw("<label for=\"\(key)\">\(label)</label><input id=\"\(key)\" name=\"\(key)\" type=\"text\" size=\"60\" value=\"")
            page.text(values[key] ?? "")
            page.raw("\"\(errors[key] != nil ? " aria-invalid=\"true\"" : "")> <small>\(hint)</small>")
            if let error = errors[key] { page.raw("<p class=\"error\">"); page.text(error); page.raw("</p>") }
        }
        field("title", "Title", "")
        field("reference", "Reference", "optional; letters, digits and '-'. Tripact adds five characters of its own, so every reference is unique")
        field("mainAgreement", "Main agreement (the services contract this belongs to)", "")
        page.raw("<label for=\"counterpart\">Other party</label><select id=\"counterpart\" name=\"counterpart\">")
        for organisation in others {
            page.option(organisation.name, organisation.name, selected: organisation.name == values["counterpart"])
        }
        page.raw("</select>")
        if let error = errors["counterpart"] { page.raw("<p class=\"error\">"); page.text(error); page.raw("</p>") }
        page.raw("<fieldset><legend>Your organisation is</legend>")
        for side in ["processor", "controller"] {
            page.raw("<div class=\"choice\"><input type=\"radio\" id=\"side-\(side)\" name=\"side\" value=\"\(side)\"\((values["side"] ?? "processor") == side ? " checked" : "")> <label class=\"inline\" for=\"side-\(side)\">the \(side)</label></div>")
        }
        page.raw("</fieldset><p><button type=\"submit\">Create the first draft</button></p></form>")
        return page.response(status: status, session: session)
    }
}
