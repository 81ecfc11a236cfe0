import TripactCore
import TripactStore

extension InvitationsPage {
    /// Writes the invitation page from its model.
    struct View {
        let model: Model

        func page(session: TripactStore.Session) -> Page {
            let errors = model.errors
            var page = Page(title: "Invite the other side")
            if let created = model.created { InvitationsPage.writeLink(created.path, of: created.link, into: &page) }
            page.raw("<p>The invitation creates the other side's organisation (unless it already exists without users) and a link for one person ")
            page.raw("of their team, usually their admin, who can then add their colleagues.</p>")
            if !errors.isEmpty {
                page.raw("<p class=\"error\" role=\"alert\">The form has \(errors.count) problem\(errors.count == 1 ? "" : "s"); nobody was invited.</p>")
            }
            page.raw("<form method=\"post\" action=\"\(SiteRoute.adminInvitations.link())\">")
            page.csrf(session)
            for (key, label, type) in [("organisation", "Their organisation", "text"), ("email", "E-mail address of the person you invite", "email")] {
                page.raw("<label for=\"invite-\(key)\">\(label)</label><input id=\"invite-\(key)\" name=\"\(key)\" type=\"\(type)\" required maxlength=\"254\" value=\"")
                page.text(model.values[key] ?? "")
                page.raw("\"")
                if errors[key] != nil { page.raw(" aria-invalid=\"true\"") }
                page.raw(">")
                if let error = errors[key] { page.raw("<p class=\"error\">"); page.text(error); page.raw("</p>") }
            }
            page.raw("<label for=\"invite-role\">Their role</label><select id=\"invite-role\" name=\"role\">")
            for role in Role.allCases { page.option(role.rawValue, role.rawValue, selected: model.values["role"] == role.rawValue) }
            page.raw("</select>")
            if let error = errors["role"] { page.raw("<p class=\"error\">"); page.text(error); page.raw("</p>") }
            page.raw("<p><button type=\"submit\">Create the invitation link</button></p></form>")
            page.raw("<h2>Invitations sent by your organisation</h2>")
            if model.sent.isEmpty {
                page.raw("<p>None yet.</p>")
            } else {
                page.raw("<div class=\"table-wrap\"><table><thead><tr><th scope=\"col\">Invited</th><th scope=\"col\">Organisation</th><th scope=\"col\">Role</th>")
                page.raw("<th scope=\"col\">Invited by</th><th scope=\"col\">State</th></tr></thead><tbody>")
                for invitation in model.sent {
                    page.raw("<tr>")
                    page.cells(invitation.email, invitation.organisation, invitation.role, invitation.invitedBy, invitation.state)
                    page.raw("</tr>")
                }
                page.raw("</tbody></table></div>")
            }
            return page
        }
    }

    /// The invitation just created, with its link: the only time the link is shown. Also on the administration page.
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
}
