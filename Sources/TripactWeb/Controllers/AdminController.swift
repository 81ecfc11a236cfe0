import Foundation
import HTTPTypes
import Hummingbird
import TripactCore
import TripactStore

/// Administration for an organisation's admins: its users (with their roles) and the organisations one can negotiate with.
struct AdminController {
    let store: TripactStore
    let configuration: WebConfiguration

    struct ColleagueForm: Decodable {
        let _csrf: String?
        let email: String?
        let role: String?
    }

    struct OrganisationForm: Decodable {
        let _csrf: String?
        let name: String?
    }

    struct MemberForm: Decodable {
        let _csrf: String?
        let email: String?
        let role: String?
        let confirm: String?
    }

    func register(on router: Routes) {
        router.get(.admin) { _, _, session in try show(session: try admin(session), status: .ok) }
        router.post(.adminUsers) { request, context, session in try await inviteColleague(request: request, context: context, session: try admin(session)) }
        router.post(.adminUserRole) { request, context, session in try await changeRole(request: request, context: context, session: try admin(session)) }
        router.post(.adminUserRemove) { request, context, session in try await removeUser(request: request, context: context, session: try admin(session)) }
        router.post(.adminOrganisations) { request, context, session in try await addOrganisation(request: request, context: context, session: try admin(session)) }
    }

    private func admin(_ session: TripactStore.Session) throws -> TripactStore.Session {
        guard session.user.role == .admin else { throw StoreError.notPermitted("only your organisation's admins manage users and organisations") }
        return session
    }

    private func show(
        session: TripactStore.Session, values: [String: String] = [:], errors: [String: String] = [:], status: HTTPResponse.Status, invited: AdminPage.Model.Invited? = nil
    ) throws -> Response {
        let model = try AdminPage.Model.load(store: store, session: session, values: values, errors: errors, invited: invited)
        return AdminPage.View(model: model).page(session: session).response(status: status, session: session)
    }

    /// Invites a colleague into the admin's own organisation. The answer is the same whether or not the address has an
    /// account in another organisation: that is for the invitee to learn when they open the link, not for this admin.
    private func inviteColleague(request: Request, context: TripactRequestContext, session: TripactStore.Session) async throws -> Response {
        let form = try await FormDecoding.decode(ColleagueForm.self, request: request, context: context)
        try FormDecoding.requireCSRF(form._csrf, session: session)
        let values = ["email": (form.email ?? "").trimmingCharacters(in: .whitespaces), "role": form.role ?? ""]
        guard let role = Role(rawValue: form.role ?? "") else {
            return try show(session: session, values: values, errors: ["role": "choose a role"], status: .unprocessableContent)
        }
        let organisation = try store.organisations().first { $0.id == session.user.organisationID }?.name ?? ""
        do {
            let (token, link) = try store.invite(
                email: values["email"] ?? "", into: organisation, role: role, by: session.user.email, lifetime: InvitationController.lifetime
            )
            let path = configuration.absolute(SiteRoute.invitation.link(token), request: request)
            return try show(session: session, values: [:], errors: [:], status: .created, invited: (path, link))
        } catch {
            if let storeError = error as? StoreError, case .invalidFields(let problems) = storeError {
                let errors = Dictionary(problems.map { ($0.field, $0.message) }) { first, _ in first }
                return try show(session: session, values: values, errors: errors, status: .unprocessableContent)
            }
            throw error
        }
    }

    /// Changes the role of a user of the admin's own organisation; the organisation keeps at least one admin.
    private func changeRole(request: Request, context: TripactRequestContext, session: TripactStore.Session) async throws -> Response {
        let form = try await FormDecoding.decode(MemberForm.self, request: request, context: context)
        try FormDecoding.requireCSRF(form._csrf, session: session)
        guard let role = Role(rawValue: form.role ?? "") else {
            return try show(session: session, values: [:], errors: ["member": "role: choose one of \(Role.allCases.map(\.rawValue).joined(separator: ", "))"], status: .unprocessableContent)
        }
        try Self.withinOrganisation { () throws(StoreError) in _ = try store.changeRole(of: form.email ?? "", to: role, by: session.user.email) }
        return .redirect(to: SiteRoute.admin.link(), type: .normal)
    }

    /// Removes a user of the admin's own organisation after an explicit confirmation; their sessions end at once.
    private func removeUser(request: Request, context: TripactRequestContext, session: TripactStore.Session) async throws -> Response {
        let form = try await FormDecoding.decode(MemberForm.self, request: request, context: context)
        try FormDecoding.requireCSRF(form._csrf, session: session)
        guard form.confirm == "yes" else {
            return try show(session: session, values: [:], errors: ["member": "confirm: tick the box beside Remove to confirm; nobody was removed"], status: .unprocessableContent)
        }
        try Self.withinOrganisation { () throws(StoreError) in try store.removeUser(form.email ?? "", by: session.user.email) }
        return .redirect(to: session.user.email == form.email ? SiteRoute.login.link() : SiteRoute.admin.link(), type: .normal)
    }

    /// A user outside the admin's organisation is answered like one that does not exist.
    private static func withinOrganisation(_ body: () throws(StoreError) -> Void) throws {
        do {
            try body()
        } catch {
            if case .unknownUser = error { throw HTTPError(.notFound, message: "your organisation has no user with that e-mail address") }
            throw error
        }
    }

    private func addOrganisation(request: Request, context: TripactRequestContext, session: TripactStore.Session) async throws -> Response {
        let form = try await FormDecoding.decode(OrganisationForm.self, request: request, context: context)
        try FormDecoding.requireCSRF(form._csrf, session: session)
        let name = (form.name ?? "").trimmingCharacters(in: .whitespaces)
        guard !name.isEmpty, !TextLimit.exceeds(name, 200) else { throw HTTPError(.unprocessableContent, message: "an organisation needs a name of at most 200 characters; nothing was saved") }
        try store.addOrganisation(name: name, actor: session.user.email)
        return .redirect(to: SiteRoute.admin.link(), type: .normal)
    }
}
