import TripactCore
import TripactStore

extension SetupPage {
    /// Writes the setup page; `csrf` is the pre-login double-submit token.
    struct View {
        let model: Model

        func page(csrf: String) -> Page {
            var page = Page(title: "Set up Tripact")
            page.raw("<p>Nobody uses this Tripact yet. Create your organisation and its first admin: you. You can then add your colleagues and ")
            page.raw("invite the other side's legal team from Administration.</p><p>This link works once, until ")
            page.text(model.expires)
            page.raw(".</p>")
            AccountForm(action: SiteRoute.setup.link(model.token), fields: Model.fields, button: "Create the organisation and log in").write(
                into: &page, csrf: csrf, values: model.values, errors: model.errors
            )
            return page
        }
    }
}
