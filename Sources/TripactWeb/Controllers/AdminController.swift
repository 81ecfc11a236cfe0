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
        router.get("admin") { _, context in try show(context: context, values: [:], errors: [:], status: .ok) }
        router.post("admin/users") { request, context in try await inviteColleague(request: request, context: context) }
        router.post("admin/users/role") { request, context in try await changeRole(request: request, context: context) }
        router.post("admin/users/remove") { request, context in try await removeUser(request: request, context: context) }
        router.post("admin/organisations") { request, context in try await addOrganisation(request: request, context: context) }
    }

    private func admin(_ context: TripactRequestContext) throws -> TripactStore.Session? {
        guard let session = context.session else { return nil }
        guard session.user.role == .admin else { throw StoreError.notPermitted("only your organisation's admins manage users and organisations") }
        return session
    }

    private func show(
        context: TripactRequestContext, values: [String: String], errors: [String: String], status: HTTPResponse.Status,
        invited: (path: String, link: OneTimeLink)? = nil
    ) throws -> Response {
        guard let session = try admin(context) else { return .redirect(to: "/login", type: .normal) }
        let organisation = try store.organisations().first { $0.id == session.user.organisationID }
        var page = Page(title: "Administration")
        if let invited { InvitationController.writeLink(invited.path, of: invited.link, into: &page) }
        page.raw("<h2>Users of ")
        page.text(organisation?.name ?? "your organisation")
        page.raw("</h2>")
        if let error = errors["member"] { page.raw("<p class=\"error\" role=\"alert\">"); page.text(error); page.raw("</p>") }
        page.raw("<div class=\"table-wrap\"><table><thead><tr><th scope=\"col\">E-mail</th><th scope=\"col\">Name</th><th scope=\"col\">Role</th><th scope=\"col\">Remove</th></tr></thead><tbody>")
        for (index, user) in try store.users(in: organisation?.name ?? "").enumerated() {
            page.raw("<tr><td>")
            page.text(user.email)
            page.raw("</td><td>")
            page.text(user.name)
            page.raw("</td><td><form method=\"post\" action=\"/admin/users/role\" class=\"actions\">")
            page.csrf(session)
            page.raw("<input type=\"hidden\" name=\"email\" value=\"")
            page.text(user.email)
            page.raw("\"><select id=\"role-\(index)\" name=\"role\" aria-label=\"")
            page.text("Role of \(user.email)")
            page.raw("\">")
            for role in Role.allCases { page.raw("<option value=\"\(role.rawValue)\"\(user.role == role ? " selected" : "")>\(role.rawValue)</option>") }
            page.raw("</select><button type=\"submit\">Change the role</button></form></td><td><form method=\"post\" action=\"/admin/users/remove\" class=\"actions\">")
            page.csrf(session)
            page.raw("<input type=\"hidden\" name=\"email\" value=\"")
            page.text(user.email)
            page.raw("\"><label class=\"inline\"><input type=\"checkbox\" name=\"confirm\" value=\"yes\" required> confirm</label><button type=\"submit\" aria-label=\"")
            page.text("Remove \(user.email)")
            page.raw("\">Remove</button></form></td></tr>")
        }
        page.raw("</tbody></table></div>")
        let removed = try store.removedUsers(in: organisation?.name ?? "")
        if !removed.isEmpty {
            page.raw("<p>Removed users (they cannot log in; their names stay on the versions, comments and signatures they made): ")
            page.text(removed.map { "\($0.name) (\($0.email))" }.joined(separator: ", "))
            page.raw("</p>")
        }
        page.raw("<h3>Invite a colleague</h3><p>Tripact makes a link that works once; your colleague chooses their name and password through it.</p>")
        if !errors.isEmpty { page.raw("<p class=\"error\" role=\"alert\">The form has \(errors.count) problem\(errors.count == 1 ? "" : "s"); nobody was invited.</p>") }
        page.raw("<form method=\"post\" action=\"/admin/users\">")
        page.csrf(session)
        page.raw("<label for=\"user-email\">E-mail</label><input id=\"user-email\" name=\"email\" type=\"email\" maxlength=\"254\" value=\"")
        page.text(values["email"] ?? "")
        page.raw("\"\(errors["email"] != nil ? " aria-invalid=\"true\"" : "")>")
        if let error = errors["email"] { page.raw("<p class=\"error\">"); page.text(error); page.raw("</p>") }
        page.raw("<label for=\"user-role\">Role</label><select id=\"user-role\" name=\"role\">")
        for role in Role.allCases { page.raw("<option value=\"\(role.rawValue)\"\(values["role"] == role.rawValue ? " selected" : "")>\(role.rawValue)</option>") }
        page.raw("</select>")
        if let error = errors["role"] { page.raw("<p class=\"error\">"); page.text(error); page.raw("</p>") }
        page.raw("<p><button type=\"submit\">Create the invitation link</button></p></form>")
        page.raw("<h2>Approvals</h2><p><a href=\"\(ApprovalRulesController.path)\">Approval rules</a>: who in your organisation approves a turn or the signature before it goes out.</p>")
        page.raw("<h2>Organisations</h2><p><a href=\"/admin/invitations\">Invite the other side's legal team</a></p><ul>")
        for other in try store.organisations() {
            page.raw("<li>")
            page.text(other.name)
            page.raw("</li>")
        }
        page.raw("</ul><form method=\"post\" action=\"/admin/organisations\">")
        page.csrf(session)
        page.raw("<label for=\"organisation-name\">Add an organisation you negotiate with</label><input id=\"organisation-name\" name=\"name\" type=\"text\" maxlength=\"200\">")
        page.raw("<p><button type=\"submit\">Add the organisation</button></p></form>")
        return page.response(status: status, session: session)
    }

    /// Invites a colleague into the admin's own organisation. The answer is the same whether or not the address has an
    /// account in another organisation: that is for the invitee to learn when they open the link, not for this admin.
    private func inviteColleague(request: Request, context: TripactRequestContext) async throws -> Response {
        guard let session = try admin(context) else { return .redirect(to: "/login", type: .normal) }
        let form = try await FormDecoding.decode(ColleagueForm.self, request: request, context: context)
        try FormDecoding.requireCSRF(form._csrf, session: session)
        let values = ["email": (form.email ?? "").trimmingCharacters(in: .whitespaces), "role": form.role ?? ""]
        guard let role = Role(rawValue: form.role ?? "") else {
            return try show(context: context, values: values, errors: ["role": "choose a role"], status: .unprocessableContent)
        }
        let organisation = try store.organisations().first { $0.id == session.user.organisationID }?.name ?? ""
        do {
            let (token, link) = try store.invite(
                email: values["email"] ?? "", into: organisation, role: role, by: session.user.email, lifetime: InvitationController.lifetime
            )
            let path = configuration.absolute("/invitation/\(token)", request: request)
            return try show(context: context, values: [:], errors: [:], status: .created, invited: (path, link))
        } catch {
            if let storeError = error as? StoreError, case .invalidFields(let problems) = storeError {
                let errors = Dictionary(problems.map { ($0.field, $0.message) }) { first, _ in first }
                return try show(context: context, values: values, errors: errors, status: .unprocessableContent)
            }
            throw error
        }
    }

    /// Changes the role of a user of the admin's own organisation; the organisation keeps at least one admin.
    private func changeRole(request: Request, context: TripactRequestContext) async throws -> Response {
        guard let session = try admin(context) else { return .redirect(to: "/login", type: .normal) }
        let form = try await FormDecoding.decode(MemberForm.self, request: request, context: context)
        try FormDecoding.requireCSRF(form._csrf, session: session)
        guard let role = Role(rawValue: form.role ?? "") else {
            return try show(context: context, values: [:], errors: ["member": "role: choose one of \(Role.allCases.map(\.rawValue).joined(separator: ", "))"], status: .unprocessableContent)
        }
        try Self.withinOrganisation { () throws(StoreError) in _ = try store.changeRole(of: form.email ?? "", to: role, by: session.user.email) }
        return .redirect(to: "/admin", type: .normal)
    }

    /// Removes a user of the admin's own organisation after an explicit confirmation; their sessions end at once.
    private func removeUser(request: Request, context: TripactRequestContext) async throws -> Response {
        guard let session = try admin(context) else { return .redirect(to: "/login", type: .normal) }
        let form = try await FormDecoding.decode(MemberForm.self, request: request, context: context)
        try FormDecoding.requireCSRF(form._csrf, session: session)
        guard form.confirm == "yes" else {
            return try show(context: context, values: [:], errors: ["member": "confirm: tick the box beside Remove to confirm; nobody was removed"], status: .unprocessableContent)
        }
        try Self.withinOrganisation { () throws(StoreError) in try store.removeUser(form.email ?? "", by: session.user.email) }
        return .redirect(to: session.user.email == form.email ? "/login" : "/admin", type: .normal)
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

    private func addOrganisation(request: Request, context: TripactRequestContext) async throws -> Response {
        guard let session = try admin(context) else { return .redirect(to: "/login", type: .normal) }
        let form = try await FormDecoding.decode(OrganisationForm.self, request: request, context: context)
        try FormDecoding.requireCSRF(form._csrf, session: session)
        let name = (form.name ?? "").trimmingCharacters(in: .whitespaces)
        guard !name.isEmpty, !TextLimit.exceeds(name, 200) else { throw HTTPError(.unprocessableContent, message: "an organisation needs a name of at most 200 characters; nothing was saved") }
        try store.addOrganisation(name: name, actor: session.user.email)
        return .redirect(to: "/admin", type: .normal)
    }
}
