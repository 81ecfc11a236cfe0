import TripactCore
import TripactStore

extension AcceptanceReviewPage {
    /// Writes the review from its model: the problem alone, or the lists and the confirming form.
    struct View {
        let model: Model

        func page(session: TripactStore.Session) -> Page {
            var page = Page(title: "Review what you accept")
            page.backToAgreement(model.reference)
            if let problem = model.problem {
                page.raw("<p class=\"error\" role=\"alert\">")
                page.text(problem)
                page.raw("</p>")
                return page
            }
            page.raw("<p>")
            page.text(model.introduction)
            page.raw("</p><ul id=\"to-accept\">")
            for item in model.toAccept {
                page.raw("<li>")
                page.text(item.label)
                page.raw("</li>")
            }
            page.raw("</ul>")
            if !model.leftOpen.isEmpty {
                page.raw("<p>")
                page.text(AcceptanceSummary.leftOpenHeading)
                page.raw("</p><ul id=\"left-open\">")
                for label in model.leftOpen {
                    page.raw("<li>")
                    page.text(label)
                    page.raw("</li>")
                }
                page.raw("</ul>")
            }
            page.raw("<form method=\"post\" action=\"\(SiteRoute.accept.link(model.reference))\">")
            page.csrf(session)
            page.raw("<input type=\"hidden\" name=\"version\" value=\"\(model.head)\">")
            for item in model.toAccept {
                page.raw("<input type=\"hidden\" name=\"items[]\" value=\"")
                page.text(item.key.rawValue)
                page.raw("\">")
            }
            page.raw("<button type=\"submit\">")
            page.text(model.confirmation)
            page.raw("</button></form>")
            return page
        }
    }
}
