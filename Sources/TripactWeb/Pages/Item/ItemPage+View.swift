import TripactCore
import TripactStore

extension ItemPage {
    /// Writes the item page from its model.
    struct View {
        let model: Model

        func page(session: TripactStore.Session) -> Page {
            var page = Page(title: model.title)
            page.backToAgreement(model.reference)
            if let stale = model.staleRejection {
                page.raw("<p class=\"error\" role=\"alert\">Version \(stale.head) was proposed after you opened this page (on version \(stale.opened)). Nothing was saved. ")
                page.raw("Your reason is kept below; check the item on version \(stale.head), then reject again.</p>")
            }
            page.raw("<p>Item <code>")
            page.text(model.key.rawValue)
            page.raw("</code> of version \(model.head).")
            if let editor = model.editor {
                page.raw(" <a href=\"")
                page.text(editor.href)
                page.raw("\">")
                page.text(editor.label)
                page.raw("</a>")
            }
            page.raw("</p>")
            if let content = model.content {
                page.raw("<h2>Content</h2><pre class=\"item-content\">")
                page.text(content)
                page.raw("</pre>")
            } else {
                page.raw("<p>Version \(model.head) removes this item; accepting agrees to the removal.</p>")
            }
            model.negotiation.render(into: &page, session: session)
            return page
        }
    }
}
