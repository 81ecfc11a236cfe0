import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdBcrypt
import NIOPosix
import TripactCore
import TripactStore

/// Administration for an organisation's admins: its users (with their roles) and the organisations one can negotiate with.
struct AdminController {
    let store: TripactStore
    let configuration: WebConfiguration
    static let minimumPasswordLength = 12

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

    func register(on router: Router<TripactRequestContext>) {
        router.get("admin") { _, context in try show(context: context, values: [:], errors: [:], status: .ok) }
        router.post("admin/users") { request, context in try await addUser(request: request, context: context) }
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
        page.raw("</h2><div class=\"table-wrap\"><table><thead><tr><th scope=\"col\">E-mail</th><th scope=\"col\">Name</th><th scope=\"col\">Role</th></tr></thead><tbody>")
        for user in try store.users(in: organisation?.name ?? "") {
            page.raw("<tr><td>")
            page.text(user.email)
            page.raw("</td><td>")
            page.text(user.name)
            page.raw("</td><td>\(user.role.rawValue)</td></tr>")
        }
        page.raw("</tbody></table></div><h3>Add a user</h3>")
        if !errors.isEmpty { page.raw("<p class=\"error\" role=\"alert\">The form has \(errors.count) problem\(errors.count == 1 ? "" : "s"); nothing was saved.</p>") }
        page.raw("<form method=\"post\" action=\"/admin/users\">")
        page.csrf(session)
        for (key, label, type) in [("email", "E-mail", "email"), ("name", "Full name", "text"), ("password", "Initial password (at least 12 characters)", "password")] {
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
        page.raw("<h2>Organisations</h2><ul>")
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
        if !email.contains("@") || email.count > 254 { errors["email"] = "enter an e-mail address" }
        if name.isEmpty || name.count > 200 { errors["name"] = "enter the user's name (at most 200 characters)" }
        if password.count < Self.minimumPasswordLength || password.count > 200 { errors["password"] = "use \(Self.minimumPasswordLength) to 200 characters" }
        let role = Role(rawValue: form.role ?? "")
        if role == nil { errors["role"] = "choose a role" }
        guard errors.isEmpty, let role else {
            return try show(context: context, values: ["email": email, "name": name, "role": form.role ?? ""], errors: errors, status: .unprocessableContent)
        }
        let organisation = try store.organisations().first { $0.id == session.user.organisationID }?.name ?? ""
        let cost = configuration.bcryptCost
        let hash = try await NIOThreadPool.singleton.runIfActive { Bcrypt.hash(password, cost: cost) }
        try store.addUser(email: email, name: name, organisation: organisation, role: role, passwordHash: hash, actor: session.user.email)
        return .redirect(to: "/admin", type: .normal)
    }

    private func addOrganisation(request: Request, context: TripactRequestContext) async throws -> Response {
        guard let session = try admin(context) else { return .redirect(to: "/login", type: .normal) }
        let form = try await FormDecoding.decode(OrganisationForm.self, request: request, context: context)
        try FormDecoding.requireCSRF(form._csrf, session: session)
        let name = (form.name ?? "").trimmingCharacters(in: .whitespaces)
        guard !name.isEmpty, name.count <= 200 else { throw HTTPError(.unprocessableContent, message: "an organisation needs a name of at most 200 characters; nothing was saved") }
        try store.addOrganisation(name: name, actor: session.user.email)
        return .redirect(to: "/admin", type: .normal)
    }
}
