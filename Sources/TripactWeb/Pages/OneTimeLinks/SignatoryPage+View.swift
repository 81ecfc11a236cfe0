import TripactCore
import TripactStore

extension SignatoryPage {
    /// Writes the signatory's page; `csrf` is the pre-login double-submit token.
    struct View {
        let model: Model

        func page(csrf: String) -> Page {
            let link = model.link
            var page = Page(title: "Sign \(link.agreementTitle) for \(link.organisation)")
            page.raw("<p>")
            page.text(
                "\(link.invitedBy) of \(link.organisation) asks you, \(link.name), whom the agreement's Annex I names as the \(link.party.rawValue)'s signatory, "
                    + "to read and sign it in Tripact. Choose a password: the account you create can read and sign this agreement only, and you log in as "
            )
            page.raw("<strong>")
            page.text(link.email)
            page.raw("</strong>.</p><p>This link works once, until ")
            page.text(model.expires)
            page.raw(".</p>")
            AccountForm(action: SiteRoute.signatory.link(model.token), fields: AccountForm.passwordFields, button: "Create my account and read the agreement").write(
                into: &page, csrf: csrf, values: [:], errors: model.errors
            )
            return page
        }
    }
}
