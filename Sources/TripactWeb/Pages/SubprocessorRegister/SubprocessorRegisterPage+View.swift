import TripactCore
import TripactStore

extension SubprocessorRegisterPage {
    /// Writes the subprocessor register from its model.
    struct View {
        let model: Model

        func page(session: TripactStore.Session) -> Page {
            var page = Page(title: "Subprocessor register")
            page.raw("<p>The entities your organisation uses to process personal data for its clients. A change here reaches every agreement it concerns: ")
            page.raw("a notice with an objection period under general authorisation, a request for approval under specific authorisation, each with that agreement's own periods.</p>")
            if model.mayChange {
                page.raw("<p><a href=\"\(SiteRoute.subprocessorNew.link())\">Add a subprocessor</a> · <a href=\"\(SiteRoute.measureRegister.link())\">Measure register</a></p>")
            }
            page.raw("<h2>In use</h2>")
            if model.active.isEmpty {
                page.raw("<p>The register is empty.</p>")
            } else {
                writeActive(&page, session: session)
            }
            if !model.ended.isEmpty {
                page.raw("<h2>Ended</h2><ul>")
                for line in model.ended {
                    page.raw("<li>")
                    page.text(line)
                    page.raw("</li>")
                }
                page.raw("</ul>")
            }
            page.raw("<h2>Changes and the notices they sent</h2>")
            if model.changes.isEmpty { page.raw("<p>No change yet.</p>") }
            for change in model.changes {
                let entry = change.entry
                page.raw("<section class=\"change\" id=\"change-\(entry.id)\"><h3>")
                page.text("Change \(entry.id): \(entry.change.summary)")
                page.raw("</h3><p>")
                page.text("From \(entry.change.plannedStart.iso); proposed by \(entry.proposedBy) on \(entry.proposedAt.prefix(10)). \(entry.message)")
                page.raw("</p>")
                if change.notices.isEmpty { page.raw("<p>No agreement was concerned.</p>") } else { NoticeViews.table(&page, change.notices) }
                page.raw("</section>")
            }
            if let publication = model.publication { writePublication(&page, publication, session: session) }
            return page
        }

        private func writeActive(_ page: inout Page, session: TripactStore.Session) {
            page.raw("<div class=\"table-wrap\"><table><thead><tr><th scope=\"col\">Entity</th><th scope=\"col\">Countries</th><th scope=\"col\">Services</th>")
            page.raw("<th scope=\"col\">Transfer</th><th scope=\"col\">Its own subprocessors</th><th scope=\"col\">From</th>")
            if model.mayChange { page.raw("<th scope=\"col\">Change</th>") }
            page.raw("</tr></thead><tbody>")
            for entry in model.active {
                page.raw("<tr id=\"entry-")
                page.text(entry.id)
                page.raw("\"><td>")
                page.text(entry.name)
                page.raw(" <small><code>")
                page.text(entry.id)
                page.raw("</code></small></td><td>")
                page.text(entry.countries)
                page.raw("</td><td>")
                page.text(entry.services)
                page.raw("</td><td>")
                page.text(entry.transferMechanism)
                page.raw("</td><td>")
                page.text(entry.onward)
                page.raw("</td><td>\(entry.startDate.iso)</td>")
                if model.mayChange { writeChangeCell(&page, entry, session: session) }
                page.raw("</tr>")
            }
            page.raw("</tbody></table></div>")
        }

        /// The link to change an entry and the form that removes it, its ids made from the entry's.
        private func writeChangeCell(_ page: inout Page, _ entry: Model.Entry, session: TripactStore.Session) {
            let today = model.today.iso
            page.raw("<td><a href=\"")
            page.text(SiteRoute.subprocessorChange.link(entry.id))
            page.raw("\">Change or replace</a><form method=\"post\" action=\"")
            page.text(SiteRoute.subprocessorRemove.link(entry.id))
            page.raw("\">")
            page.csrf(session)
            func id(_ prefix: Markup) {
                page.raw(prefix)
                page.text(entry.id)
            }
            page.raw("<label for=\"")
            id("remove-start-")
            page.raw("\">Stop using it from</label><input type=\"date\" id=\"")
            id("remove-start-")
            page.raw("\" name=\"plannedStart\" min=\"\(today)\" value=\"\(today)\">")
            page.raw("<label for=\"")
            id("remove-message-")
            page.raw("\">Message</label><input type=\"text\" id=\"")
            id("remove-message-")
            page.raw("\" name=\"message\" maxlength=\"500\" required>")
            page.raw("<div class=\"choice\"><input type=\"checkbox\" id=\"")
            id("remove-confirm-")
            page.raw("\" name=\"confirm\" value=\"yes\" required> <label class=\"inline\" for=\"")
            id("remove-confirm-")
            page.raw("\">Remove this entity</label></div>")
            page.raw("<button type=\"submit\">Remove</button></form></td>")
        }

        private func writePublication(_ page: inout Page, _ publication: Model.Publication, session: TripactStore.Session) {
            page.raw("<h2>Public list</h2><form method=\"post\" action=\"\(SiteRoute.registerPublish.link())\">")
            page.csrf(session)
            switch publication {
            case .published(let slug):
                page.raw("<p>Published at <a href=\"")
                page.text(SiteRoute.publicSubprocessors.link(slug))
                page.raw("\">/public/")
                page.text(slug)
                page.raw("/subprocessors</a>, with an <a href=\"")
                page.text(SiteRoute.publicSubprocessorFeed.link(slug))
                page.raw("\">Atom feed</a> of its changes.</p>")
                page.raw("<input type=\"hidden\" name=\"unpublish\" value=\"yes\"><button type=\"submit\">Withdraw the public list</button>")
            case .unpublished:
                page.raw("<p>Publish the list of subprocessors in use, readable without log-in, with a feed of its changes.</p>")
                page.raw("<label for=\"slug\">Address (lower-case letters, digits and '-')</label><input type=\"text\" id=\"slug\" name=\"slug\" maxlength=\"60\" pattern=\"[a-z0-9-]+\" required>")
                page.raw("<button type=\"submit\">Publish</button>")
            }
            page.raw("</form>")
        }
    }
}
