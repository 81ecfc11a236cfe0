import TripactCore
import TripactStore

extension JoinPage {
    /// Writes the invitation page; `csrf` is the pre-login double-submit token.
    struct View {
        let model: Model

        func page(csrf: String) -> Page {
            var page = Page(title: "Join \(model.organisation ?? "your organisation") on Tripact")
            page.raw("<p>")
            page.text(model.invitedBy)
            page.raw(" invited you to negotiate data processing agreements as a user of ")
            page.text(model.organisation ?? "")
            page.raw(" (role: ")
            page.text(model.role)
            page.raw("). You will log in as <strong>")
            page.text(model.email)
            page.raw("</strong>.</p><p>This link works once, until ")
            page.text(model.expires)
            page.raw(".</p>")
            AccountForm(action: SiteRoute.invitation.link(model.token), fields: Model.fields, button: "Create my account and log in").write(
                into: &page, csrf: csrf, values: model.values, errors: model.errors
            )
            return page
        }
    }
}
