import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdBcrypt
import NIOPosix
import TripactCore
import TripactStore

/// Log-in and log-out. The log-in form is protected by a double-submit token (cookie and field must match), since there
/// is no session yet; every later form carries the session's CSRF token.
struct AuthController {
    let store: TripactStore
    let configuration: WebConfiguration
    /// Checked against when the address is unknown, so a wrong address costs as long as a wrong password.
    let decoyHash: String
    static let loginCookie = "tripact_login"

    init(store: TripactStore, configuration: WebConfiguration) {
        self.store = store
        self.configuration = configuration
        decoyHash = Bcrypt.hash(Tokens.random(), cost: configuration.bcryptCost)
    }

    struct LoginForm: Decodable {
        let email: String?
        let password: String?
        let _csrf: String?
    }

    struct CSRFForm: Decodable {
        let _csrf: String?
    }

    func register(on router: Routes) {
        router.getOpen(.login) { request, context in try loginPage(request: request, context: context, message: nil, email: "", status: .ok) }
        router.postOpen(.login) { request, context in try await logIn(request: request, context: context) }
        router.postOpen(.logout) { request, context in try await logOut(request: request, context: context) }
    }

    private func loginPage(request: Request, context: TripactRequestContext, message: String?, email: String, status: HTTPResponse.Status) throws -> Response {
        if context.session != nil, status == .ok { return .redirect(to: SiteRoute.dashboard.link(), type: .normal) }
        let token = request.cookies[Self.loginCookie]?.value ?? Tokens.random()
        let page = LogInPage.View(model: LogInPage.Model(message: message, email: email)).page(csrf: token)
        var response = page.response(status: status, session: nil)
        response.setCookie(Cookie(name: Self.loginCookie, value: token, path: "/", secure: configuration.marksCookiesSecure, httpOnly: true, sameSite: .strict))
        return response
    }

    private func logIn(request: Request, context: TripactRequestContext) async throws -> Response {
        let form = try await FormDecoding.decode(LoginForm.self, request: request, context: context)
        let email = (form.email ?? "").trimmingCharacters(in: .whitespaces)
        guard let expected = request.cookies[Self.loginCookie]?.value, let sent = form._csrf, Tokens.equal(expected, sent) else {
            throw HTTPError(.forbidden, message: "the log-in form expired or did not come from this site; reload it and try again")
        }
        guard !email.isEmpty, let password = form.password, !password.isEmpty else {
            return try loginPage(request: request, context: context, message: "enter your e-mail address and password", email: email, status: .unprocessableContent)
        }
        // bcrypt reads 72 bytes and ignores the rest: a longer password cannot be the one that was set.
        guard password.utf8.count <= PasswordPolicy.maximumBytes else {
            return try loginPage(
                request: request, context: context, message: "a password is at most \(PasswordPolicy.maximumBytes) bytes (UTF-8) long; this one is longer", email: email,
                status: .unprocessableContent
            )
        }
        let client = ClientAddress.of(request, context, trusting: configuration.trustedProxies) ?? "unknown"
        let attempt = try store.beginLoginAttempt(email: email, client: client, throttle: configuration.loginThrottle)
        guard let ticket = attempt.ticket else {
            var response = try loginPage(request: request, context: context, message: Self.waitMessage(attempt.decision), email: email, status: .tooManyRequests)
            if case .wait(let seconds, _) = attempt.decision { response.headers[.retryAfter] = String(seconds) }
            return response
        }
        let hash = (try? store.passwordHash(email: email)) ?? nil
        // bcrypt blocks its thread for ~0.2 s: run it off the event loop. An unknown user still costs one hash, so
        // timing does not tell which addresses exist.
        let verified = try await NIOThreadPool.singleton.runIfActive {
            Bcrypt.verify(password, hash: hash ?? decoyHash)
        }
        guard verified, hash != nil else {
            return try loginPage(request: request, context: context, message: "the e-mail address or the password is wrong", email: email, status: .unauthorized)
        }
        try store.loginSucceeded(ticket: ticket, email: email, client: client)
        let (token, _) = try store.createSession(for: email, lifetime: configuration.sessionLifetime)
        var response = Response.redirect(to: SiteRoute.dashboard.link(), type: .normal)
        response.setCookie(sessionCookie(token, maxAge: Int(configuration.sessionLifetime)))
        return response
    }

    static func waitMessage(_ decision: LoginThrottle.Decision) -> String {
        guard case .wait(let seconds, let reason) = decision else { return "" }
        let wait = seconds >= 120 ? "\(seconds / 60) minutes" : seconds == 1 ? "1 second" : "\(seconds) seconds"
        return "\(reason); try again in \(wait)"
    }

    private func logOut(request: Request, context: TripactRequestContext) async throws -> Response {
        let form = try await FormDecoding.decode(CSRFForm.self, request: request, context: context)
        if let session = context.session, let token = context.sessionToken {
            try FormDecoding.requireCSRF(form._csrf, session: session)
            try store.endSession(token: token)
        }
        var response = Response.redirect(to: SiteRoute.login.link(), type: .normal)
        response.setCookie(sessionCookie("", maxAge: 0))
        return response
    }

    private func sessionCookie(_ value: String, maxAge: Int) -> Cookie {
        Cookie(name: SessionMiddleware.cookieName, value: value, maxAge: maxAge, path: "/", secure: configuration.marksCookiesSecure, httpOnly: true, sameSite: .lax)
    }
}

/// Random tokens and their comparison.
enum Tokens {
    static func random() -> String {
        var generator = SystemRandomNumberGenerator()
        return (0..<4).map { _ in
            let hex = String(generator.next(), radix: 16)
            return String(repeating: "0", count: 16 - hex.count) + hex
        }.joined()
    }

    /// Compares without stopping at the first difference.
    static func equal(_ a: String, _ b: String) -> Bool {
        let x = Array(a.utf8)
        let y = Array(b.utf8)
        guard x.count == y.count else { return false }
        var difference: UInt8 = 0
        for index in x.indices { difference |= x[index] ^ y[index] }
        return difference == 0
    }
}

/// Form decoding with the body cap and the CSRF check.
enum FormDecoding {
    static func decode<T: Decodable>(_ type: T.Type, request: Request, context: TripactRequestContext) async throws -> T {
        var request = request
        let buffer = try await request.collectBody(upTo: context.maxUploadSize)
        let body = String(buffer: buffer)
        try refuseUnsafeText(body)
        do {
            return try URLEncodedFormDecoder().decode(T.self, from: body)
        } catch {
            throw HTTPError(.badRequest, message: "the form could not be read: \(error)")
        }
    }

    /// The one check every form passes: no field may carry a control character or a bidirectional override (they could
    /// drive a terminal or make a printed name read differently from the stored one). Answers 422 naming the field.
    /// Password fields are left to `PasswordPolicy`.
    static func refuseUnsafeText(_ body: String) throws {
        for pair in body.split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            func decoded(_ part: Substring) -> String {
                String(part).replacingOccurrences(of: "+", with: " ").removingPercentEncoding ?? String(part)
            }
            let name = decoded(parts[0])
            let value = parts.count > 1 ? decoded(parts[1]) : ""
            // Passwords are never shown or printed; the password policy refuses control characters in them on the
            // form itself, with the other values kept.
            for text in name.lowercased().contains("password") ? [name] : [name, value] {
                if let scalar = TextSafety.firstForbidden(in: text) {
                    let field = TextSafety.visible(name)
                    // The page answers before the form could be re-rendered: the browser's Back button returns to the
                    // form with what was typed, so the message says so.
                    throw HTTPError(
                        .unprocessableContent,
                        message: UnsafeTextError(field: field, scalar: scalar).description
                            + "; nothing was saved. Go back with your browser: your text is still in the form, remove that character and save again"
                    )
                }
            }
        }
    }

    static func requireCSRF(_ sent: String?, session: TripactStore.Session) throws {
        guard let sent, Tokens.equal(sent, session.csrfToken) else {
            throw HTTPError(.forbidden, message: "the form expired or did not come from this site (CSRF check failed); reload the page and try again")
        }
    }
}
