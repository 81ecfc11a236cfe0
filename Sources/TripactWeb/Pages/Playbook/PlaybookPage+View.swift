import TripactCore
import TripactStore

extension PlaybookPage {
    /// Writes the playbook page from its model; each clause's form is a `PlaybookForm`.
    struct View {
        let model: Model

        func page(session: TripactStore.Session) -> Page {
            let sideName = model.sideName
            var page = Page(title: "Your playbook as \(sideName)")
            page.raw("<p>Your organisation's private negotiating positions when it is the \(sideName): for each clause the variant you prefer, the one you fall back to and the least you accept (walk-away), and the same for each number or option. Tripact judges every change you are shown against these positions. The other side never sees them.</p>")
            page.raw("<p class=\"actions\"><a href=\"\(SiteRoute.playbook.link(query: ["side": model.otherSide.rawValue]))\">Your playbook as \(Model.sideName(model.otherSide))</a> ")
            page.raw("<a href=\"\(SiteRoute.playbookExport.link(query: ["side": model.side.rawValue]))\" download>Download as JSON</a> <a href=\"\(SiteRoute.dashboard.link())\">Back to the agreements</a></p>")
            if let lastChange = model.lastChange {
                page.raw("<p>")
                page.text(lastChange)
                page.raw("</p>")
            } else {
                page.raw("<p>Your organisation uses the clause library's positions for the \(sideName) unchanged.</p>")
            }
            if !model.editable { page.raw("<p>Admins and legal users of your organisation change the playbook; you can read it.</p>") }
            if let entered = model.entered {
                page.raw("<p class=\"error\" role=\"alert\">The form for <a href=\"#")
                page.text(entered.clause.map { PlaybookForm.anchor($0) } ?? PlaybookForm.rolesAnchor)
                page.raw("\">")
                page.text(model.enteredFormTitle ?? "")
                page.raw("</a> has \(entered.errors.count) problem\(entered.errors.count == 1 ? "" : "s"). Nothing was saved.</p>")
            }
            let form = PlaybookForm(playbook: model.playbook, defaults: model.defaults, session: session, editable: model.editable)
            form.writeRoles(into: &page, entered: model.entered?.clause == nil ? model.entered : nil)
            for clause in model.clauses {
                form.write(clause, into: &page, entered: model.entered?.clause == clause.id ? model.entered : nil)
            }
            return page
        }
    }
}
