import Foundation
import TripactStore

/// The answer to inviting the Annex I signatory who has no account: the one-time link, shown only in this response
/// (the store keeps its fingerprint).
enum SignatoryInvitationPage {
    struct Model {
        let reference: String
        let name: String
        let email: String
        let expiresAt: Date
        /// The link as the signatory opens it, absolute.
        let link: String
    }

    struct View {
        let model: Model

        func page() -> Page {
            var page = Page(title: "Invite \(model.name) to sign")
            page.raw("<p><a href=\"\(SiteRoute.sign.link(model.reference))\">Back to signing</a></p>")
            page.raw("<section class=\"ok\" role=\"status\" aria-labelledby=\"signatory-link-label\"><h2>Invitation created</h2><p>")
            page.text("Send this link to \(model.name) at \(model.email) by your own means. It works once, until \(AccountForm.utc(model.expiresAt)), ")
            page.text("and is shown only now. The account it creates can read and sign this agreement only.")
            page.raw("</p><label id=\"signatory-link-label\" for=\"signatory-link\">Invitation link (select it and copy it, or use the button)</label>")
            page.raw("<input id=\"signatory-link\" type=\"text\" readonly data-copy=\"Copy the link\" size=\"80\" value=\"\(model.link)\"></section>")
            page.raw(CopyButton.element)
            return page
        }
    }
}
