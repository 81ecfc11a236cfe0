import Foundation
import HTTPTypes
import Hummingbird
import TripactCore
import TripactStore

/// An admin invites the other side's legal team: the invitation creates their organisation and a one-time link with an
/// expiry, shown once, which the admin sends by their own means. The invitee sets their name and password through it.
struct InvitationController {
    let store: TripactStore
    let configuration: WebConfiguration
    /// How long an invitation works.
    static let lifetime: TimeInterval = 7 * 24 * 3_600

    struct InviteForm: Decodable {
        let _csrf: String?
        let organisation: String?
        let email: String?
        let role: String?
    }

    func register(on router: Routes) {
        router.get(.adminInvitations) { _, _, session in try show(session: try admin(session), status: .ok) }
        router.post(.adminInvitations) { request, context, session in try await invite(request: request, context: context, session: try admin(session)) }
    }

    private func admin(_ session: TripactStore.Session) throws -> TripactStore.Session {
        guard session.user.role == .admin else { throw StoreError.notPermitted("only your organisation's admins invite") }
        return session
    }

    private func show(
        session: TripactStore.Session, created: AdminPage.Model.Invited? = nil, values: [String: String] = ["role": Role.admin.rawValue], errors: [String: String] = [:],
        status: HTTPResponse.Status
    ) throws -> Response {
        let model = try InvitationsPage.Model.load(store: store, session: session, created: created, values: values, errors: errors)
        return InvitationsPage.View(model: model).page(session: session).response(status: status, session: session)
    }

    /// Creates the invitation and shows its link once, in this response: it is not stored, so a redirect could not show it.
    private func invite(request: Request, context: TripactRequestContext, session: TripactStore.Session) async throws -> Response {
        let form = try await FormDecoding.decode(InviteForm.self, request: request, context: context)
        try FormDecoding.requireCSRF(form._csrf, session: session)
        let values = [
            "organisation": (form.organisation ?? "").trimmingCharacters(in: .whitespaces), "email": (form.email ?? "").trimmingCharacters(in: .whitespaces),
            "role": form.role ?? "",
        ]
        guard let role = Role(rawValue: form.role ?? "") else {
            return try show(session: session, created: nil, values: values, errors: ["role": "choose a role"], status: .unprocessableContent)
        }
        do {
            let (token, link) = try store.invite(
                email: values["email"] ?? "", into: values["organisation"] ?? "", role: role, by: session.user.email, lifetime: Self.lifetime
            )
            let path = Self.absolute(SiteRoute.invitation.link(token), request: request, configuration: configuration)
            return try show(session: session, created: (path, link), values: ["role": Role.admin.rawValue], errors: [:], status: .created)
        } catch {
            if let storeError = error as? StoreError, case .invalidFields(let problems) = storeError {
                let errors = Dictionary(problems.map { ($0.field, $0.message) }) { first, _ in first }
                return try show(session: session, created: nil, values: values, errors: errors, status: .unprocessableContent)
            }
            throw error
        }
    }

    /// The link as the invitee must open it: the address this page was reached at, then the path.
    static func absolute(_ path: String, request: Request, configuration: WebConfiguration) -> String {
        configuration.absolute(path, request: request)
    }
}
