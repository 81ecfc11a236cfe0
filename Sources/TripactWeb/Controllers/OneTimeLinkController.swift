import Foundation
import HTTPTypes
import Hummingbird
import TripactCore
import TripactStore

/// The pages behind one-time links: the first run's setup (the first organisation and its admin) and an invitation
/// (a user of the invited organisation). Both are used before anyone is logged in, so their forms carry the same
/// double-submit token as the log-in form. An unknown, expired or used link answers a page that says so, and never
/// creates an account.
struct OneTimeLinkController {
    let store: TripactStore
    let configuration: WebConfiguration

    struct SetupForm: Decodable {
        let _csrf: String?
        let organisation: String?
        let name: String?
        let email: String?
        let password: String?
        let passwordAgain: String?
    }

    struct InvitationForm: Decodable {
        let _csrf: String?
        let name: String?
        let password: String?
        let passwordAgain: String?
    }

    func register(on router: Routes) {
        router.getOpen(.setup) { request, context in
            respond(SetupPage.View(model: try SetupPage.Model.load(store: store, token: try context.parameters.require("token"))).page(csrf:), request: request, status: .ok)
        }
        router.postOpen(.setup) { request, context in try await completeSetup(request: request, context: context) }
        router.getOpen(.invitation) { request, context in
            respond(JoinPage.View(model: try JoinPage.Model.load(store: store, token: try context.parameters.require("token"))).page(csrf:), request: request, status: .ok)
        }
        router.postOpen(.invitation) { request, context in try await acceptInvitation(request: request, context: context) }
        router.getOpen(.signatory) { request, context in
            let model = try SignatoryPage.Model.load(store: store, token: try context.parameters.require("token"))
            return respond(SignatoryPage.View(model: model).page(csrf:), request: request, status: .ok)
        }
        router.postOpen(.signatory) { request, context in try await acceptSignatoryLink(request: request, context: context) }
    }

    /// A page written with the request's pre-login token, which is set (again) as a cookie.
    private func respond(_ page: (String) -> Page, request: Request, status: HTTPResponse.Status) -> Response {
        let csrf = PreLoginToken.value(request)
        return PreLoginToken.set(csrf, on: page(csrf).response(status: status, session: nil), configuration: configuration)
    }

    private func acceptSignatoryLink(request: Request, context: TripactRequestContext) async throws -> Response {
        let token = try context.parameters.require("token")
        let form = try await FormDecoding.decode(InvitationForm.self, request: request, context: context)
        try PreLoginToken.require(form._csrf, request: request)
        let page = try SignatoryPage.Model.load(store: store, token: token)
        let link = page.link
        // The name is Annex I's; only the password is chosen here.
        let errors = AccountForm.problems(name: link.name, password: form.password ?? "", passwordAgain: form.passwordAgain ?? "")
        guard errors.isEmpty else {
            return respond(SignatoryPage.View(model: page.refused(errors: errors)).page(csrf:), request: request, status: .unprocessableContent)
        }
        let hash = try await Passwords.hash(form.password ?? "", cost: configuration.bcryptCost).get()
        let user = try store.acceptSignatoryLink(token: token, passwordHash: hash)
        return try logIn(user, to: SiteRoute.sign.link(link.agreement))
    }

    private func completeSetup(request: Request, context: TripactRequestContext) async throws -> Response {
        let token = try context.parameters.require("token")
        let form = try await FormDecoding.decode(SetupForm.self, request: request, context: context)
        try PreLoginToken.require(form._csrf, request: request)
        let page = try SetupPage.Model.load(store: store, token: token)
        let values = [
            "organisation": (form.organisation ?? "").trimmingCharacters(in: .whitespaces), "name": (form.name ?? "").trimmingCharacters(in: .whitespaces),
            "email": (form.email ?? "").trimmingCharacters(in: .whitespaces),
        ]
        var errors = AccountForm.problems(name: values["name"] ?? "", password: form.password ?? "", passwordAgain: form.passwordAgain ?? "")
        if (values["organisation"] ?? "").isEmpty || TextLimit.exceeds(values["organisation"] ?? "", 200) {
            errors["organisation"] = "enter your organisation's name (at most 200 characters)"
        }
        let email = values["email"] ?? ""
        if !email.contains("@") || TextLimit.exceeds(email, 254) { errors["email"] = "enter your e-mail address" }
        guard errors.isEmpty else {
            return respond(SetupPage.View(model: page.refused(values: values, errors: errors)).page(csrf:), request: request, status: .unprocessableContent)
        }
        let hash = try await Passwords.hash(form.password ?? "", cost: configuration.bcryptCost).get()
        let user = try store.completeSetup(token: token, organisation: values["organisation"] ?? "", email: email, name: values["name"] ?? "", passwordHash: hash)
        return try logIn(user)
    }

    private func acceptInvitation(request: Request, context: TripactRequestContext) async throws -> Response {
        let token = try context.parameters.require("token")
        let form = try await FormDecoding.decode(InvitationForm.self, request: request, context: context)
        try PreLoginToken.require(form._csrf, request: request)
        let page = try JoinPage.Model.load(store: store, token: token)
        let name = (form.name ?? "").trimmingCharacters(in: .whitespaces)
        let errors = AccountForm.problems(name: name, password: form.password ?? "", passwordAgain: form.passwordAgain ?? "")
        guard errors.isEmpty else {
            return respond(JoinPage.View(model: page.refused(values: ["name": name], errors: errors)).page(csrf:), request: request, status: .unprocessableContent)
        }
        let hash = try await Passwords.hash(form.password ?? "", cost: configuration.bcryptCost).get()
        return try logIn(try store.acceptInvitation(token: token, name: name, passwordHash: hash))
    }

    /// Starts a session for the account just created and goes to the dashboard.
    private func logIn(_ user: User, to destination: String = SiteRoute.dashboard.link()) throws -> Response {
        let (token, _) = try store.createSession(for: user.email, lifetime: configuration.sessionLifetime)
        var response = Response.redirect(to: destination, type: .normal)
        response.setCookie(
            Cookie(
                name: SessionMiddleware.cookieName, value: token, maxAge: Int(configuration.sessionLifetime), path: "/", secure: configuration.marksCookiesSecure,
                httpOnly: true, sameSite: .lax
            )
        )
        return response
    }
}

/// The double-submit token of forms used before log-in (the same cookie as the log-in form's): the cookie and the
/// form's field must match, which a page of another site cannot arrange.
enum PreLoginToken {
    static func value(_ request: Request) -> String {
        if let existing = request.cookies[AuthController.loginCookie]?.value, existing.count == 64, existing.allSatisfy(\.isHexDigit) { return existing }
        return Tokens.random()
    }

    static func set(_ token: String, on response: Response, configuration: WebConfiguration) -> Response {
        var response = response
        response.setCookie(Cookie(name: AuthController.loginCookie, value: token, path: "/", secure: configuration.marksCookiesSecure, httpOnly: true, sameSite: .strict))
        return response
    }

    static func require(_ sent: String?, request: Request) throws {
        guard let expected = request.cookies[AuthController.loginCookie]?.value, let sent, Tokens.equal(expected, sent) else {
            throw HTTPError(.forbidden, message: "the form expired or did not come from this site; open the link again and retry")
        }
    }
}
