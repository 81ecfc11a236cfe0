import Foundation
import HTTPTypes
import Hummingbird
import TripactCore
import TripactStore

/// Administration for an organisation's admins: its users (with their roles) and the organisations one can negotiate with.
struct AdminController {
    let store: TripactStore
    let configuration: WebConfiguration

    struct UserForm: Decodable {
        let _csrf: String?
        let email: String?
        let name: String?
        let role: String?
        let password: String?
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
        router.post("admin/users") { request, context in try await addUser(request: request, context: context) }
        router.post("admin/users/role") { request, context in try await changeRole(request: request, context: context) }
        router.post("admin/users/remove") { request, context in try await removeUser(request: request, context: context) }
        router.post("admin/organisations") { request, context in try await addOrganisation(request: request, context: context) }
    }

    private func admin(_ context: TripactRequestContext) throws -> TripactStore.Session? {
        guard let session = context.session else { return nil }
        guard session.user.role == .admin else { throw StoreError.notPermitted("only your organisation's admins manage users and organisations") }
        return session
    }

    private func show(context: TripactRequestContext, values: [String: String], errors: [String: String], status: HTTPResponse.Status) throws -> Response {
        guard let session = try admin(context) else { return .redirect(to: "/login", type: .normal) }
        let organisation = try store.organisations().first { $0.id == session.user.organisationID }
        var page = Page(title: "Administration")
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
        page.raw("<h3>Add a user</h3>")
        if !errors.isEmpty { page.raw("<p class=\"error\" role=\"alert\">The form has \(errors.count) problem\(errors.count == 1 ? "" : "s"); nothing was saved.</p>") }
        page.raw("<form method=\"post\" action=\"/admin/users\">")
        page.csrf(session)
        for (key, label, type) in [("email", "E-mail", "email"), ("name", "Full name", "text"), ("password", "Initial password (\(PasswordPolicy.minimumCharacters) characters or more, at most \(PasswordPolicy.maximumBytes) bytes)", "password")] {
            page.raw("<label for=\"user-\(key)\">\(label)</label><input id=\"user-\(key)\" name=\"\(key)\" type=\"\(type)\" maxlength=\"254\"")
            if type != "password" {
                page.raw(" value=\"")
                page.text(values[key] ?? "")
                page.raw("\"")
            }
            page.raw("\(errors[key] != nil ? " aria-invalid=\"true\"" : "")>")
            if let error = errors[key] { page.raw("<p class=\"error\">"); page.text(error); page.raw("</p>") }
        }
        page.raw("<label for=\"user-role\">Role</label><select id=\"user-role\" name=\"role\">")
        for role in Role.allCases { page.raw("<option value=\"\(role.rawValue)\"\(values["role"] == role.rawValue ? " selected" : "")>\(role.rawValue)</option>") }
        page.raw("</select><p><button type=\"submit\">Add the user</button></p></form>")
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

    private func addUser(request: Request, context: TripactRequestContext) async throws -> Response {
        guard let session = try admin(context) else { return .redirect(to: "/login", type: .normal) }
        let form = try await FormDecoding.decode(UserForm.self, request: request, context: context)
        try FormDecoding.requireCSRF(form._csrf, session: session)
        let email = (form.email ?? "").trimmingCharacters(in: .whitespaces)
        let name = (form.name ?? "").trimmingCharacters(in: .whitespaces)
        let password = form.password ?? ""
        var errors: [String: String] = [:]
        if !email.contains("@") || TextLimit.exceeds(email, 254) { errors["email"] = "enter an e-mail address" }
        if name.isEmpty || TextLimit.exceeds(name, 200) { errors["name"] = "enter the user's name (at most 200 characters)" }
        if let problem = PasswordPolicy.problem(password, field: "password") { errors["password"] = problem.message }
        let role = Role(rawValue: form.role ?? "")
        if role == nil { errors["role"] = "choose a role" }
        guard errors.isEmpty, let role else {
            return try show(context: context, values: ["email": email, "name": name, "role": form.role ?? ""], errors: errors, status: .unprocessableContent)
        }
        let organisation = try store.organisations().first { $0.id == session.user.organisationID }?.name ?? ""
        let hash = try await Passwords.hash(password, cost: configuration.bcryptCost).get()
        try store.addUser(email: email, name: name, organisation: organisation, role: role, passwordHash: hash, actor: session.user.email)
        return .redirect(to: "/admin", type: .normal)
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
