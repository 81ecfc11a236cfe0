import Foundation
import HTTPTypes
import Hummingbird
import TripactCore
import TripactStore

/// The user's personal API tokens (`/account/tokens`): make one (name, scope, lifetime in days), see it once, list
/// them with when each was last used, revoke one. Every user may make tokens; a token does no more than its user's
/// role allows, and a read token only reads. Only the token's SHA-256 is stored.
struct APITokenController {
    let store: TripactStore
    let configuration: WebConfiguration

    func register(on router: Routes) {
        router.get(.apiTokens) { _, _, session in try page(session: session, status: .ok) }
        router.post(.apiTokens) { request, context, session in try await create(request: request, context: context, session: session) }
        router.post(.apiTokenRevoke) { request, context, session in try await revoke(request: request, context: context, session: session) }
    }

    struct CreateForm: Decodable {
        let _csrf: String?
        let name: String?
        let scope: String?
        let days: String?
    }

    struct RevokeForm: Decodable {
        let _csrf: String?
    }

    /// A new token's lifetime unless the user picks another.
    static let defaultDays = 90

    private func create(request: Request, context: TripactRequestContext, session: TripactStore.Session) async throws -> Response {
        let form = try await FormDecoding.decode(CreateForm.self, request: request, context: context)
        try FormDecoding.requireCSRF(form._csrf, session: session)
        let entered = ["name": form.name ?? "", "scope": form.scope ?? "", "days": form.days ?? ""]
        var errors: [String: String] = [:]
        let scope = APITokenScope(rawValue: form.scope ?? "")
        if scope == nil { errors["scope"] = "choose read or negotiate" }
        let days = Int((form.days ?? "").trimmingCharacters(in: .whitespaces))
        if days == nil { errors["days"] = "give a whole number of days, from 1 to \(TripactStore.apiTokenMaximumDays)" }
        if let scope, let days {
            do {
                let made = try store.createAPIToken(for: session.user.email, name: form.name ?? "", scope: scope, days: days, actor: session.user.email)
                // Shown in this response only: it is not stored, so a reload shows the list without it.
                return try page(session: session, created: made, status: .created)
            } catch {
                guard let refusal = error as? StoreError, case .invalidFields(let problems) = refusal else { throw error }
                for problem in problems { errors[problem.field] = problem.message }
            }
        }
        return try page(session: session, created: nil, entered: entered, errors: errors, status: .unprocessableContent)
    }

    private func revoke(request: Request, context: TripactRequestContext, session: TripactStore.Session) async throws -> Response {
        let form = try await FormDecoding.decode(RevokeForm.self, request: request, context: context)
        try FormDecoding.requireCSRF(form._csrf, session: session)
        guard let id = Int(try context.pathParameter("id")) else { throw HTTPError(.notFound, message: "no such token") }
        do {
            try store.revokeAPIToken(id: id, ownerID: session.user.id, actor: session.user.email)
        } catch {
            // Another user's token is as unknown as a token that never existed.
            if case .invalid(let message) = error, message.hasPrefix("unknown") { throw HTTPError(.notFound, message: "no such token") }
            throw error
        }
        return .redirect(to: SiteRoute.apiTokens.link(), type: .normal)
    }

    private func page(
        session: TripactStore.Session, created: (token: String, listing: APIToken)? = nil, entered: [String: String] = [:], errors: [String: String] = [:],
        status: HTTPResponse.Status
    ) throws -> Response {
        let model = try APITokensPage.Model.load(store: store, session: session, now: configuration.clock.now(), created: created, entered: entered, errors: errors)
        return APITokensPage.View(model: model).page(session: session).response(status: status, session: session)
    }
}
