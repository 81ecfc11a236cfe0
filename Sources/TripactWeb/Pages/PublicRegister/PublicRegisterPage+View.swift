import TripactCore
import TripactStore

extension PublicRegisterPage {
    /// Writes the public list from its model; `feedURL` is the feed's absolute address, announced in the head.
    struct View {
        let model: Model

        func page(feedURL: String) -> Page {
            let feedPath = SiteRoute.publicSubprocessorFeed.link(model.slug)
            var page = Page(title: "Subprocessors of \(model.organisation)")
            page.announceFeed(feedURL, title: "Changes to the subprocessors of \(model.organisation)")
            page.raw("<p>The entities that ")
            page.text(model.organisation)
            page.raw(" engages to process personal data for its clients, and the changes it has announced. ")
            page.raw("<a href=\"")
            page.text(feedPath)
            page.raw("\">Follow the changes (Atom feed)</a>.</p>")
            page.raw("<div class=\"table-wrap\"><table><thead><tr><th scope=\"col\">Entity</th><th scope=\"col\">Established in</th><th scope=\"col\">Processing locations</th><th scope=\"col\">What it does</th><th scope=\"col\">Transfer mechanism</th><th scope=\"col\">Its own subprocessors</th></tr></thead><tbody>")
            for entry in model.entries {
                page.raw("<tr>")
                page.cells(entry.name, entry.country, entry.locations, entry.description, entry.transferMechanism, entry.onward)
                page.raw("</tr>")
            }
            page.raw("</tbody></table></div><h2>Changes</h2><ul>")
            for change in model.changes {
                page.raw("<li id=\"change-\(change.id)\">")
                page.text("\(change.proposedAt.prefix(10)): \(change.summary), from \(change.plannedStart.iso)")
                page.raw("</li>")
            }
            page.raw("</ul>")
            return page
        }
    }
}
