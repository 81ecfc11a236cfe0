import TripactCore
import TripactStore

extension AdminPage {
    /// Writes the administration page from its model.
    struct View {
        let model: Model

        func page(session: TripactStore.Session) -> Page {
            var page = Page(title: "Administration")
            if let invited = model.invited { InvitationsPage.writeLink(invited.path, of: invited.link, into: &page) }
            page.raw("<h2>Users of ")
            page.text(model.organisation ?? "your organisation")
            page.raw("</h2>")
            if let error = model.errors["member"] { page.raw("<p class=\"error\" role=\"alert\">"); page.text(error); page.raw("</p>") }
            writeUsers(&page, session: session)
            if let removed = model.removed {
                page.raw("<p>Removed users (they cannot log in; their names stay on the versions, comments and signatures they made): ")
                page.text(removed)
                page.raw("</p>")
            }
            writeInvitation(&page, session: session)
            page.raw("<h2>Approvals</h2><p><a href=\"\(SiteRoute.approvalRules.link())\">Approval rules</a>: who in your organisation approves a turn or the signature before it goes out.</p>")
            page.raw("<h2>Organisations</h2><p><a href=\"\(SiteRoute.adminInvitations.link())\">Invite the other side's legal team</a></p><ul>")
            for name in model.organisations {
                page.raw("<li>")
                page.text(name)
                page.raw("</li>")
            }
            page.raw("</ul><form method=\"post\" action=\"\(SiteRoute.adminOrganisations.link())\">")
            page.csrf(session)
            page.raw("<label for=\"organisation-name\">Add an organisation you negotiate with</label><input id=\"organisation-name\" name=\"name\" type=\"text\" maxlength=\"200\">")
            page.raw("<p><button type=\"submit\">Add the organisation</button></p></form>")
            return page
        }

        private func writeUsers(_ page: inout Page, session: TripactStore.Session) {
            page.raw("<div class=\"table-wrap\"><table><thead><tr><th scope=\"col\">E-mail</th><th scope=\"col\">Name</th><th scope=\"col\">Role</th><th scope=\"col\">Remove</th></tr></thead><tbody>")
            for (index, user) in model.users.enumerated() {
                page.raw("<tr><td>")
                page.text(user.email)
                page.raw("</td><td>")
                page.text(user.name)
                page.raw("</td><td><form method=\"post\" action=\"\(SiteRoute.adminUserRole.link())\" class=\"actions\">")
                page.csrf(session)
                page.raw("<input type=\"hidden\" name=\"email\" value=\"")
                page.text(user.email)
                page.raw("\"><select id=\"role-\(index)\" name=\"role\" aria-label=\"")
                page.text("Role of \(user.email)")
                page.raw("\">")
                for role in Role.allCases { page.option(role.rawValue, role.rawValue, selected: user.role == role) }
                page.raw("</select><button type=\"submit\">Change the role</button></form></td><td><form method=\"post\" action=\"\(SiteRoute.adminUserRemove.link())\" class=\"actions\">")
                page.csrf(session)
                page.raw("<input type=\"hidden\" name=\"email\" value=\"")
                page.text(user.email)
                page.raw("\"><label class=\"inline\"><input type=\"checkbox\" name=\"confirm\" value=\"yes\" required> confirm</label><button type=\"submit\" aria-label=\"")
                page.text("Remove \(user.email)")
                page.raw("\">Remove</button></form></td></tr>")
            }
            page.raw("</tbody></table></div>")
        }

        private func writeInvitation(_ page: inout Page, session: TripactStore.Session) {
            let errors = model.errors
            page.raw("<h3>Invite a colleague</h3><p>Tripact makes a link that works once; your colleague chooses their name and password through it.</p>")
            if !errors.isEmpty { page.raw("<p class=\"error\" role=\"alert\">The form has \(errors.count) problem\(errors.count == 1 ? "" : "s"); nobody was invited.</p>") }
            page.raw("<form method=\"post\" action=\"\(SiteRoute.adminUsers.link())\">")
            page.csrf(session)
            page.raw("<label for=\"user-email\">E-mail</label><input id=\"user-email\" name=\"email\" type=\"email\" maxlength=\"254\" value=\"")
            page.text(model.values["email"] ?? "")
            page.raw("\"")
            if errors["email"] != nil { page.raw(" aria-invalid=\"true\"") }
            page.raw(">")
            if let error = errors["email"] { page.raw("<p class=\"error\">"); page.text(error); page.raw("</p>") }
            page.raw("<label for=\"user-role\">Role</label><select id=\"user-role\" name=\"role\">")
            for role in Role.allCases { page.option(role.rawValue, role.rawValue, selected: model.values["role"] == role.rawValue) }
            page.raw("</select>")
            if let error = errors["role"] { page.raw("<p class=\"error\">"); page.text(error); page.raw("</p>") }
            page.raw("<p><button type=\"submit\">Create the invitation link</button></p></form>")
        }
    }
}
