import Foundation
import HTTPTypes
import Hummingbird
import TripactStore

/// Reads the session cookie and puts the live session, if any, in the context.
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
        if let session = context.session, let agreementID = session.user.signingOnly {
            let reference = try store.reference(ofAgreement: agreementID)
            switch SigningAccountRoutes.decide(method: request.method, path: request.uri.path, reference: reference) {
            case .allow: break
            case .redirect(let target): return .redirect(to: target, type: .normal)
            case .refuse:
                throw HTTPError(.forbidden, message: "This account was made for signing one agreement, \(reference): it can read and sign that agreement only.")
            }
        }
        return try await next(request, context)
    }
}

/// What an account made through a signatory's invitation may reach: the one agreement's page, its printed versions,
/// its signing page and form, and logging out. Everything else is refused here, before any route runs, so a route
/// added later is closed to such an account unless it is listed.
enum SigningAccountRoutes {
    enum Decision: Equatable { case allow, redirect(String), refuse }

    static func decide(method: HTTPRequest.Method, path: String, reference: String) -> Decision {
        let segments = path.split(separator: "/", omittingEmptySubsequences: false).dropFirst().map(String.init)
        let home = "/agreements/\(AgreementController.path(reference))"
        if method == .get, segments == [""] || segments.isEmpty { return .redirect(home + "/sign") }
        if segments == ["logout"], method == .post { return .allow }
        if let first = segments.first, ["login", "health", "public", "setup", "invitation", "signatory"].contains(first) { return .allow }
        guard segments.count >= 2, segments[0] == "agreements", segments[1].removingPercentEncoding == reference else { return .refuse }
        let rest = Array(segments.dropFirst(2))
        switch (method, rest.count) {
        case (.get, 0): return .allow
        case (.get, 1) where rest[0] == "sign": return .allow
        case (.post, 1) where rest[0] == "sign": return .allow
        case (.get, 2) where rest[0] == "versions" && Int(rest[1]) != nil: return .allow
        case (.get, 3) where rest[0] == "versions" && Int(rest[1]) != nil && rest[2] == "docx": return .allow
        default: return .refuse
        }
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
