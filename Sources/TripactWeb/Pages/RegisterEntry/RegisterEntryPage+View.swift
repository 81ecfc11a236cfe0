import TripactCore
import TripactStore

extension RegisterEntryPage {
    /// Writes the register entry form from its model.
    struct View {
        let model: Model

        func page(session: TripactStore.Session) -> Page {
            var page = Page(title: model.title)
            let errors = model.errors
            if !errors.isEmpty {
                page.raw("<div class=\"error\" role=\"alert\"><p>Nothing was saved: \(errors.count) problem\(errors.count == 1 ? "" : "s") to fix.</p>")
                for message in model.otherProblems {
                    page.raw("<p>")
                    page.text(message)
                    page.raw("</p>")
                }
                page.raw("</div>")
            }
            let action = model.editing.map { SiteRoute.subprocessorChange.link($0.id) } ?? SiteRoute.subprocessorNew.link()
            page.raw("<form method=\"post\" action=\"")
            page.text(action)
            page.raw("\">")
            page.csrf(session)
            if let editing = model.editing {
                page.raw("<fieldset><legend>What changes</legend>")
                page.raw("<div class=\"choice\"><input type=\"radio\" id=\"kind-modification\" name=\"kind\" value=\"modification\"")
                if !model.replacing { page.raw(" checked") }
                page.raw("> <label class=\"inline\" for=\"kind-modification\">")
                page.text("\(editing.name) stays; what it does, where or with which data changes")
                page.raw("</label></div><div><input type=\"radio\" id=\"kind-replacement\" name=\"kind\" value=\"replacement\"")
                if model.replacing { page.raw(" checked") }
                page.raw("> <label class=\"inline\" for=\"kind-replacement\">")
                page.text("Another entity replaces \(editing.name) (give it its own id below)")
                page.raw("</label></div></fieldset>")
            }
            RegisterEntryForm.fields(&page, record: model.editing, entered: model.entered, errors: errors, choices: model.choices, idEditable: true)
            RegisterEntryForm.changeFields(&page, entered: model.entered, errors: errors, today: model.today)
            page.raw(model.editing == nil ? "<p><button type=\"submit\">Add and notify</button></p></form>" : "<p><button type=\"submit\">Change and notify</button></p></form>")
            return page
        }
    }
}
