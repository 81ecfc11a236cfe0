import TripactCore
import TripactStore

/// The playbook page's section on who decides a purpose: the organisation's preferred, fallback and walk-away role,
/// against which the diff judges a purpose's role change. Like every position, never shown to the other side.
extension PlaybookForm {
    static let rolesAnchor = "playbook-roles"
    static let rolesPrefix = "role-"

    func writeRoles(into page: inout Page, entered: PlaybookPage.Entered?) {
        let current = playbook.rolePositions
        page.raw("<section class=\"playbook-clause\" id=\"\(Self.rolesAnchor)\"><h2>Who decides a purpose</h2>")
        page.raw("<p>How far you accept a purpose of Annex II moving away from processing on the Controller's behalf: decided jointly (Art. 26) or by a recipient as a controller in its own right.</p>")
        if editable {
            page.raw("<form method=\"post\" action=\"\(SiteRoute.playbookRoles.link())\">")
            page.csrf(session)
            page.raw("<input type=\"hidden\" name=\"side\" value=\"\(playbook.side.rawValue)\">")
            page.raw("<fieldset><legend>Role of a purpose")
        } else {
            page.raw("<h3>Role of a purpose")
        }
        if current != defaults.rolePositions { page.raw(" <em>(changed from the library)</em>") }
        page.raw(editable ? "</legend>" : "</h3><dl class=\"facts\">")
        for (field, name) in Self.positions {
            let role = field == "preferred" ? current.preferred : field == "fallback" ? current.fallback : current.walkAway
            let id = "roles--\(field)"
            guard editable else {
                page.raw("<dt>")
                page.text(name)
                page.raw("</dt><dd>")
                page.text(role.label)
                page.raw("</dd>")
                continue
            }
            let error = entered?.errors[Self.rolesPrefix + field]
            let selected = entered?.values[Self.rolesPrefix + field] ?? role.rawValue
            page.raw("<label for=\"\(id)\">")
            page.text(name)
            page.raw("</label><select id=\"\(id)\" name=\"\(Self.rolesPrefix)\(field)\"")
            page.raw(error == nil ? ">" : " aria-invalid=\"true\" aria-describedby=\"\(id)-error\">")
            for option in PurposeRole.allCases { page.option(option.rawValue, option.label, selected: option.rawValue == selected) }
            page.raw("</select>")
            if let error {
                page.raw("<p class=\"error\" id=\"\(id)-error\">")
                page.text(error)
                page.raw("</p>")
            }
        }
        page.raw(editable ? "</fieldset><p><button type=\"submit\">Save the positions on who decides a purpose</button></p></form>" : "</dl>")
        page.raw("</section>")
    }
}
