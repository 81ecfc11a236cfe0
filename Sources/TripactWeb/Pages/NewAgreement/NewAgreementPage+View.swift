import TripactStore

extension NewAgreementPage {
    /// Writes the new-agreement form from its model.
    struct View {
        let model: Model

        func page(session: TripactStore.Session) -> Page {
            // `field`'s label and hint are our own words, written as markup.
            let (values, errors) = (model.values, model.errors)
            var page = Page(title: "New agreement")
            page.formProblems(errors.count, tail: "nothing was saved.")
            page.raw("<form method=\"post\" action=\"\(SiteRoute.newAgreement.link())\">")
            page.csrf(session)
            func field(_ key: String, _ label: String, _ hint: Markup) {
                page.raw("<label for=\"\(key)\">\(label)</label><input id=\"\(key)\" name=\"\(key)\" type=\"text\" size=\"60\" value=\"")
                page.text(values[key] ?? "")
                page.raw("\"")
                page.invalid(errors[key] != nil)
                page.raw("> <small>")
                page.raw(hint)
                page.raw("</small>")
                if let error = errors[key] { page.raw("<p class=\"error\">"); page.text(error); page.raw("</p>") }
            }
            field("title", "Title", "")
            field("reference", "Reference", "optional; letters, digits and '-'. Tripact adds five characters of its own, so every reference is unique")
            field("mainAgreement", "Main agreement (the services contract this belongs to)", "")
            page.raw("<label for=\"counterpart\">Other party</label><select id=\"counterpart\" name=\"counterpart\">")
            for organisation in model.counterparts {
                page.option(organisation, organisation, selected: organisation == values["counterpart"])
            }
            page.raw("</select>")
            if let error = errors["counterpart"] { page.raw("<p class=\"error\">"); page.text(error); page.raw("</p>") }
            page.raw("<fieldset><legend>Your organisation is</legend>")
            for side in ["processor", "controller"] {
                page.raw("<div class=\"choice\"><input type=\"radio\" id=\"side-\(side)\" name=\"side\" value=\"\(side)\"")
                if (values["side"] ?? "processor") == side { page.raw(" checked") }
                page.raw("> ")
                page.raw("<label class=\"inline\" for=\"side-\(side)\">the \(side)</label></div>")
            }
            page.raw("</fieldset><p><button type=\"submit\">Create the first draft</button></p></form>")
            return page
        }
    }
}
