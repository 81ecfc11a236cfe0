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

    static let setupFields =
        [
            AccountForm.Field(name: "organisation", label: "Your organisation", type: "text", autocomplete: "organization", maxLength: 200),
            AccountForm.Field(name: "name", label: "Your full name", type: "text", autocomplete: "name", maxLength: 200),
            AccountForm.Field(name: "email", label: "Your e-mail address (you log in with it)", type: "email", autocomplete: "username"),
        ] + AccountForm.passwordFields

    static let invitationFields = [AccountForm.Field(name: "name", label: "Your full name", type: "text", autocomplete: "name", maxLength: 200)] + AccountForm.passwordFields

    func register(on router: Routes) {
        router.get("setup/:token") { request, context in
            let token = try context.parameters.require("token")
            return try setupPage(request: request, token: token, link: try store.oneTimeLink(token: token, purpose: .setup), values: [:], errors: [:], status: .ok)
        }
        router.post("setup/:token") { request, context in try await completeSetup(request: request, context: context) }
        router.get("invitation/:token") { request, context in
            let token = try context.parameters.require("token")
            return try invitationPage(
                request: request, token: token, link: try store.oneTimeLink(token: token, purpose: .invitation), values: [:], errors: [:], status: .ok
            )
        }
        router.post("invitation/:token") { request, context in try await acceptInvitation(request: request, context: context) }
        router.get("signatory/:token") { request, context in
            let token = try context.parameters.require("token")
            return try signatoryPage(request: request, token: token, link: try store.signatoryLink(token: token), errors: [:], status: .ok)
        }
        router.post("signatory/:token") { request, context in try await acceptSignatoryLink(request: request, context: context) }
    }

    /// The page behind a signatory's link: who invites them to sign what, and a password for the limited account.
    private func signatoryPage(request: Request, token: String, link: SignatoryLink, errors: [String: String], status: HTTPResponse.Status) throws -> Response {
        var page = Page(title: "Sign \(link.agreementTitle) for \(link.organisation)")
        page.raw("<p>")
        page.text(
            "\(link.invitedBy) of \(link.organisation) asks you, \(link.name), whom the agreement's Annex I names as the \(link.party.rawValue)'s signatory, "
                + "to read and sign it in Tripact. Choose a password: the account you create can read and sign this agreement only, and you log in as "
        )
        page.raw("<strong>")
        page.text(link.email)
        page.raw("</strong>.</p><p>This link works once, until ")
        page.text(AccountForm.utc(link.expiresAt))
        page.raw(".</p>")
        let csrf = PreLoginToken.value(request)
        AccountForm(action: "/signatory/\(token)", fields: AccountForm.passwordFields, button: "Create my account and read the agreement").write(
            into: &page, csrf: csrf, values: [:], errors: errors
        )
        return PreLoginToken.set(csrf, on: page.response(status: status, session: nil), configuration: configuration)
    }

    private func acceptSignatoryLink(request: Request, context: TripactRequestContext) async throws -> Response {
        let token = try context.parameters.require("token")
        let form = try await FormDecoding.decode(InvitationForm.self, request: request, context: context)
        try PreLoginToken.require(form._csrf, request: request)
        let link = try store.signatoryLink(token: token)
        // The name is Annex I's; only the password is chosen here.
        let errors = AccountForm.problems(name: link.name, password: form.password ?? "", passwordAgain: form.passwordAgain ?? "")
        guard errors.isEmpty else { return try signatoryPage(request: request, token: token, link: link, errors: errors, status: .unprocessableContent) }
        let hash = try await Passwords.hash(form.password ?? "", cost: configuration.bcryptCost).get()
        let user = try store.acceptSignatoryLink(token: token, passwordHash: hash)
        return try logIn(user, to: "/agreements/\(AgreementController.path(link.agreement))/sign")
    }

    private func setupPage(request: Request, token: String, link: OneTimeLink, values: [String: String], errors: [String: String], status: HTTPResponse.Status) throws
        -> Response
    {
        var page = Page(title: "Set up Tripact")
        page.raw("<p>Nobody uses this Tripact yet. Create your organisation and its first admin: you. You can then add your colleagues and ")
        page.raw("invite the other side's legal team from Administration.</p><p>This link works once, until ")
        page.text(AccountForm.utc(link.expiresAt))
        page.raw(".</p>")
        let csrf = PreLoginToken.value(request)
        AccountForm(action: "/setup/\(token)", fields: Self.setupFields, button: "Create the organisation and log in").write(
            into: &page, csrf: csrf, values: values, errors: errors
        )
        return PreLoginToken.set(csrf, on: page.response(status: status, session: nil), configuration: configuration)
    }

    private func completeSetup(request: Request, context: TripactRequestContext) async throws -> Response {
        let token = try context.parameters.require("token")
        let form = try await FormDecoding.decode(SetupForm.self, request: request, context: context)
        try PreLoginToken.require(form._csrf, request: request)
        let link = try store.oneTimeLink(token: token, purpose: .setup)
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
        guard errors.isEmpty else { return try setupPage(request: request, token: token, link: link, values: values, errors: errors, status: .unprocessableContent) }
        let hash = try await Passwords.hash(form.password ?? "", cost: configuration.bcryptCost).get()
        let user = try store.completeSetup(token: token, organisation: values["organisation"] ?? "", email: email, name: values["name"] ?? "", passwordHash: hash)
        return try logIn(user)
    }

    private func invitationPage(request: Request, token: String, link: OneTimeLink, values: [String: String], errors: [String: String], status: HTTPResponse.Status)
        throws -> Response
    {
        var page = Page(title: "Join \(link.organisation ?? "your organisation") on Tripact")
        page.raw("<p>")
        page.text(link.invitedBy ?? "An admin")
        page.raw(" invited you to negotiate data processing agreements as a user of ")
        page.text(link.organisation ?? "")
        page.raw(" (role: ")
        page.text(link.role?.rawValue ?? "viewer")
        page.raw("). You will log in as <strong>")
        page.text(link.email ?? "")
        page.raw("</strong>.</p><p>This link works once, until ")
        page.text(AccountForm.utc(link.expiresAt))
        page.raw(".</p>")
        let csrf = PreLoginToken.value(request)
        AccountForm(action: "/invitation/\(token)", fields: Self.invitationFields, button: "Create my account and log in").write(
            into: &page, csrf: csrf, values: values, errors: errors
        )
        return PreLoginToken.set(csrf, on: page.response(status: status, session: nil), configuration: configuration)
    }

    private func acceptInvitation(request: Request, context: TripactRequestContext) async throws -> Response {
        let token = try context.parameters.require("token")
        let form = try await FormDecoding.decode(InvitationForm.self, request: request, context: context)
        try PreLoginToken.require(form._csrf, request: request)
        let link = try store.oneTimeLink(token: token, purpose: .invitation)
        let name = (form.name ?? "").trimmingCharacters(in: .whitespaces)
        let errors = AccountForm.problems(name: name, password: form.password ?? "", passwordAgain: form.passwordAgain ?? "")
        guard errors.isEmpty else {
            return try invitationPage(request: request, token: token, link: link, values: ["name": name], errors: errors, status: .unprocessableContent)
        }
        let hash = try await Passwords.hash(form.password ?? "", cost: configuration.bcryptCost).get()
        return try logIn(try store.acceptInvitation(token: token, name: name, passwordHash: hash))
    }

    /// Starts a session for the account just created and goes to the dashboard.
    private func logIn(_ user: User, to destination: String = "/") throws -> Response {
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
