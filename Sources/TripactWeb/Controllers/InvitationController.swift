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
        router.get("admin/invitations") { _, context in try show(context: context, created: nil, values: ["role": Role.admin.rawValue], errors: [:], status: .ok) }
        router.post("admin/invitations") { request, context in try await invite(request: request, context: context) }
    }

    private func admin(_ context: TripactRequestContext) throws -> TripactStore.Session? {
        guard let session = context.session else { return nil }
        guard session.user.role == .admin else { throw StoreError.notPermitted("only your organisation's admins invite") }
        return session
    }

    /// The invitation form and the invitations sent; right after an invitation, its link (the only time it is shown).
    private func show(
        context: TripactRequestContext, created: (path: String, link: OneTimeLink)?, values: [String: String], errors: [String: String], status: HTTPResponse.Status
    ) throws -> Response {
        guard let session = try admin(context) else { return .redirect(to: "/login", type: .normal) }
        var page = Page(title: "Invite the other side")
        if let created { Self.writeLink(created.path, of: created.link, into: &page) }
        page.raw("<p>The invitation creates the other side's organisation (unless it already exists without users) and a link for one person ")
        page.raw("of their team, usually their admin, who can then add their colleagues.</p>")
        if !errors.isEmpty {
            page.raw("<p class=\"error\" role=\"alert\">The form has \(errors.count) problem\(errors.count == 1 ? "" : "s"); nobody was invited.</p>")
        }
        page.raw("<form method=\"post\" action=\"/admin/invitations\">")
        page.csrf(session)
        for (key, label, type) in [("organisation", "Their organisation", "text"), ("email", "E-mail address of the person you invite", "email")] {
            page.raw("<label for=\"invite-\(key)\">\(label)</label><input id=\"invite-\(key)\" name=\"\(key)\" type=\"\(type)\" required maxlength=\"254\" value=\"")
            page.text(values[key] ?? "")
            page.raw("\"\(errors[key] != nil ? " aria-invalid=\"true\"" : "")>")
            if let error = errors[key] { page.raw("<p class=\"error\">"); page.text(error); page.raw("</p>") }
        }
        page.raw("<label for=\"invite-role\">Their role</label><select id=\"invite-role\" name=\"role\">")
        for role in Role.allCases { page.raw("<option value=\"\(role.rawValue)\"\(values["role"] == role.rawValue ? " selected" : "")>\(role.rawValue)</option>") }
        page.raw("</select>")
        if let error = errors["role"] { page.raw("<p class=\"error\">"); page.text(error); page.raw("</p>") }
        page.raw("<p><button type=\"submit\">Create the invitation link</button></p></form>")
        let sent = try store.invitations(sentBy: session.user.email)
        page.raw("<h2>Invitations sent by your organisation</h2>")
        if sent.isEmpty {
            page.raw("<p>None yet.</p>")
        } else {
            page.raw("<div class=\"table-wrap\"><table><thead><tr><th scope=\"col\">Invited</th><th scope=\"col\">Organisation</th><th scope=\"col\">Role</th>")
            page.raw("<th scope=\"col\">Invited by</th><th scope=\"col\">State</th></tr></thead><tbody>")
            for invitation in sent {
                page.raw("<tr><td>")
                page.text(invitation.email)
                page.raw("</td><td>")
                page.text(invitation.organisation)
                page.raw("</td><td>")
                page.text(invitation.role.rawValue)
                page.raw("</td><td>")
                page.text(invitation.invitedBy)
                page.raw("</td><td>")
                page.text(Self.describe(invitation))
                page.raw("</td></tr>")
            }
            page.raw("</tbody></table></div>")
        }
        return page.response(status: status, session: session)
    }

    /// The invitation just created, with its link: the only time the link is shown.
    static func writeLink(_ path: String, of link: OneTimeLink, into page: inout Page) {
        page.raw("<section class=\"ok\" role=\"status\" aria-labelledby=\"invitation-link-label\"><h2>Invitation created</h2><p>")
        page.text("Send this link to \(link.email ?? "") by your own means (e-mail, your usual channel). ")
        page.text("It works once, until \(AccountForm.utc(link.expiresAt)), and is shown only now: Tripact keeps only a fingerprint of it.")
        page.raw("</p><label id=\"invitation-link-label\" for=\"invitation-link\">Invitation link (select it and copy it, or use the button)</label>")
        page.raw("<input id=\"invitation-link\" type=\"text\" readonly data-copy=\"Copy the link\" size=\"80\" value=\"")
        page.text(path)
        page.raw("\"></section>")
        page.raw(CopyButton.element)
    }

    static func describe(_ invitation: InvitationEntry) -> String {
        switch invitation.state {
        case .pending: "waiting, until \(AccountForm.utc(invitation.expiresAt))"
        case .accepted: "accepted"
        case .expired: "expired on \(AccountForm.utc(invitation.expiresAt)); invite again for a new link"
        case .revoked: "replaced by a newer invitation"
        }
    }

    /// Creates the invitation and shows its link once, in this response: it is not stored, so a redirect could not show it.
    private func invite(request: Request, context: TripactRequestContext) async throws -> Response {
        guard let session = try admin(context) else { return .redirect(to: "/login", type: .normal) }
        let form = try await FormDecoding.decode(InviteForm.self, request: request, context: context)
        try FormDecoding.requireCSRF(form._csrf, session: session)
        let values = [
            "organisation": (form.organisation ?? "").trimmingCharacters(in: .whitespaces), "email": (form.email ?? "").trimmingCharacters(in: .whitespaces),
            "role": form.role ?? "",
        ]
        guard let role = Role(rawValue: form.role ?? "") else {
            return try show(context: context, created: nil, values: values, errors: ["role": "choose a role"], status: .unprocessableContent)
        }
        do {
            let (token, link) = try store.invite(
                email: values["email"] ?? "", into: values["organisation"] ?? "", role: role, by: session.user.email, lifetime: Self.lifetime
            )
            let path = Self.absolute("/invitation/\(token)", request: request, configuration: configuration)
            return try show(context: context, created: (path, link), values: ["role": Role.admin.rawValue], errors: [:], status: .created)
        } catch {
            if let storeError = error as? StoreError, case .invalidFields(let problems) = storeError {
                let errors = Dictionary(problems.map { ($0.field, $0.message) }) { first, _ in first }
                return try show(context: context, created: nil, values: values, errors: errors, status: .unprocessableContent)
            }
            throw error
        }
    }

    /// The link as the invitee must open it: the address this page was reached at, then the path.
    static func absolute(_ path: String, request: Request, configuration: WebConfiguration) -> String {
        configuration.absolute(path, request: request)
    }
}
