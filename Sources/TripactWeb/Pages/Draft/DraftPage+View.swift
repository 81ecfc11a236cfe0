import TripactCore
import TripactStore

extension DraftPage {
    /// Writes the review-and-send page from its model.
    struct View {
        let model: Model

        func page(session: TripactStore.Session) -> Page {
            let reference = model.reference
            var page = Page(title: "Review and send your turn")
            page.backToAgreement(reference)
            if let problem = model.problem {
                page.raw("<div class=\"error\" role=\"alert\"><p>")
                page.text(problem)
                page.raw("</p></div>")
            }
            guard let changes = model.changes else {
                page.raw("<p>")
                page.text(
                    "Your side has no changes waiting to be sent on version \(model.head). Edit a clause or an annex: what you save goes into your side's draft, which only your organisation sees, until you send it here."
                )
                page.raw("</p>")
                if model.hasEmptyDraft, model.mayPropose { writeDiscard(&page, session: session) }
                return page
            }
            page.raw("<p>")
            page.text(model.introduction)
            page.raw("</p>")
            if !model.conflicts.isEmpty { writeConflicts(&page, session: session) }

            page.raw("<h2 id=\"changes\">What your turn changes</h2>")
            RedlineView(
                reference: reference, from: model.head, to: model.head + 1, diff: changes.diff, mode: .changes, newLabels: changes.labels, oldLabels: changes.headLabels
            ).writeChangeCards(&page, edited: changes.edited)

            page.raw("<h2 id=\"edits\">Who edited what</h2>")
            if model.edits.isEmpty {
                page.raw("<p>The draft was carried over from an earlier version; nobody has edited it since.</p>")
            } else {
                page.raw("<div class=\"table-wrap\"><table id=\"draft-edits\"><thead><tr><th scope=\"col\">When</th><th scope=\"col\">Who</th><th scope=\"col\">What</th><th scope=\"col\">Note</th></tr></thead><tbody>")
                for edit in model.edits { row(&page, [edit.when, edit.who, edit.what, edit.note]) }
                page.raw("</tbody></table></div>")
            }
            writeHeldComments(&page)
            guard model.mayPropose else {
                page.raw("<p class=\"note\" role=\"note\">")
                page.text("You read this draft as \(model.roleName): only admin and legal users send or discard it.")
                page.raw("</p>")
                return page
            }
            page.raw("<h2 id=\"send\">Send</h2><form method=\"post\" action=\"\(SiteRoute.draftSend.link(reference))\">")
            page.csrf(session)
            page.raw("<p><label for=\"message\">Cover message to the other side</label>")
            if model.messageMissing {
                page.raw("<span class=\"error\" id=\"message-error\">say what this turn changes and why</span>")
            }
            page.raw("<textarea id=\"message\" name=\"message\" rows=\"4\" maxlength=\"2000\">")
            page.text(model.message)
            page.raw("</textarea></p>")
            page.raw(model.conflicts.isEmpty ? "<p><button type=\"submit\">" : "<p><button type=\"submit\" disabled>")
            page.text(model.sendLabel)
            page.raw("</button>")
            if !model.conflicts.isEmpty { page.raw(" <small>Settle the items both sides changed first.</small>") }
            page.raw("</p></form>")
            writeDiscard(&page, session: session)
            return page
        }

        private func row(_ page: inout Page, _ cells: [String]) {
            page.raw("<tr>")
            for cell in cells {
                page.raw("<td>")
                page.text(cell)
                page.raw("</td>")
            }
            page.raw("</tr>")
        }

        /// The Word comments a returned DOCX brought into the draft: the other side reads them once the turn is sent.
        private func writeHeldComments(_ page: inout Page) {
            guard !model.heldComments.isEmpty else { return }
            page.raw("<h2 id=\"held-comments\">Word comments to post when you send</h2><p>")
            page.text("Imported with a returned Word document and held with the draft: sending posts each on its item; discarding the draft drops them.")
            page.raw("</p><div class=\"table-wrap\"><table id=\"draft-comments\"><thead><tr><th scope=\"col\">On</th><th scope=\"col\">Comment</th><th scope=\"col\">Imported by</th></tr></thead><tbody>")
            for comment in model.heldComments { row(&page, [comment.on, comment.body, comment.importer]) }
            page.raw("</tbody></table></div>")
        }

        private func writeDiscard(_ page: inout Page, session: TripactStore.Session) {
            page.raw("<form method=\"post\" action=\"\(SiteRoute.draftDiscard.link(model.reference))\" class=\"discard\">")
            page.csrf(session)
            page.raw("<p><button type=\"submit\">Discard your side's draft</button> <small>Every edit in it is thrown away; the agreement stays as it is.</small></p></form>")
        }

        /// Each item both sides changed: the head's words beside the draft's, and the two ways to settle it.
        private func writeConflicts(_ page: inout Page, session: TripactStore.Session) {
            let count = model.conflicts.count
            page.raw("<section id=\"conflicts\" aria-labelledby=\"conflicts-heading\"><h2 id=\"conflicts-heading\">")
            page.text(count == 1 ? "1 item both sides changed" : "\(count) items both sides changed")
            page.raw("</h2><p>")
            page.text("The other side changed these items in version \(model.head) while your draft changed them too. Nothing is lost: choose which words your turn sends.")
            page.raw("</p>")
            for (index, conflict) in model.conflicts.enumerated() {
                page.raw("<div class=\"conflict\" id=\"conflict-\(index + 1)\"><h3>")
                page.text(conflict.label)
                page.raw("</h3><div class=\"side-by-side\"><div><h4>")
                page.text("Theirs, in version \(model.head)")
                page.raw("</h4>")
                writeParagraphs(&page, conflict.theirs)
                page.raw("</div><div><h4>Yours, in the draft</h4>")
                writeParagraphs(&page, conflict.ours)
                page.raw("</div></div>")
                if model.mayPropose {
                    for (take, words) in [("theirs", "Take theirs"), ("mine", "Keep mine")] {
                        page.raw("<form class=\"inline\" method=\"post\" action=\"\(SiteRoute.draftSettle.link(model.reference))\">")
                        page.csrf(session)
                        page.raw("<input type=\"hidden\" name=\"item\" value=\"")
                        page.text(conflict.key.rawValue)
                        page.raw("\"><input type=\"hidden\" name=\"take\" value=\"\(take)\"><button type=\"submit\" aria-label=\"")
                        page.text("\(words): \(conflict.label)")
                        page.raw("\">\(words)</button></form> ")
                    }
                }
                page.raw("</div>")
            }
            page.raw("</section>")
        }

        private func writeParagraphs(_ page: inout Page, _ paragraphs: [String]?) {
            guard let paragraphs, !paragraphs.isEmpty else {
                page.raw("<p><em>Not in the agreement.</em></p>")
                return
            }
            for paragraph in paragraphs {
                page.raw("<p>")
                page.text(paragraph)
                page.raw("</p>")
            }
        }
    }
}
