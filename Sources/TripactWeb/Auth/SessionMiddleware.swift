import Foundation
import HTTPTypes
import Hummingbird
import TripactStore

/// Reads the session cookie and puts the live session, if any, in the context. Whether a route needs one, and what
/// an account made only to sign may reach, the registrar decides (`Routes`, `SignIn`).
struct SessionMiddleware: RouterMiddleware {
    typealias Context = TripactRequestContext
    static let cookieName = "tripact_session"
    let store: TripactStore

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var context = context
        if let token = request.cookies[Self.cookieName]?.value, token.count == 64, token.allSatisfy(\.isHexDigit) {
            context.session = try store.session(token: token)
            context.sessionToken = context.session == nil ? nil : token
        }
        return try await next(request, context)
    }
}

/// Headers every page carries: no framing, no sniffing, no script but the copy button's, no referrer leaks.
struct SecurityHeadersMiddleware: RouterMiddleware {
    typealias Context = TripactRequestContext
    /// Under TLS, browsers are told to use HTTPS only (HSTS).
    let strictTransport: Bool

    static let contentSecurityPolicy =
        "default-src 'none'; script-src \(CopyButton.policySource); style-src 'unsafe-inline'; img-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'"

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var response: Response
        do {
            response = try await next(request, context)
        } catch {
            // Errors are pages already (ErrorPageMiddleware); anything else Hummingbird answers gets the headers too.
            response = try ErrorPageMiddleware.response(for: error, context: context)
        }
        response.headers[.contentSecurityPolicy] = Self.contentSecurityPolicy
        response.headers[.xContentTypeOptions] = "nosniff"
        response.headers[.referrerPolicy] = "same-origin"
        if strictTransport { response.headers[.strictTransportSecurity] = "max-age=31536000" }
        return response
    }
}

extension HTTPField.Name {
    static let xContentTypeOptions = Self("X-Content-Type-Options")!
    static let referrerPolicy = Self("Referrer-Policy")!
    static let strictTransportSecurity = Self("Strict-Transport-Security")!
}
