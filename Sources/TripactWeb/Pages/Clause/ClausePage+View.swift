import TripactCore
import TripactStore

extension ClausePage {
    /// Writes the clause page from its model: the wording (`+WordingView`), the variant-and-values form, the own-wording
    /// form and the negotiation.
    struct View {
        let model: Model

        func page(session: TripactStore.Session) -> Page {
            let reference = model.reference
            let clause = model.clause
            var page = Page(title: "Clause: \(clause.title)")
            page.backToAgreement(reference)
            if clause.id == JointAllocation.clause {
                // The allocation table's rows are items of their own, edited together with their notes on one form.
                page.raw("<p><a href=\"\(SiteRoute.allocation.link(reference))\">Edit who is responsible for what (the allocation table)</a></p>")
            }
            page.raw("<p>")
            page.text(clause.summary)
            page.raw(" <small>[")
            page.text(clause.articleLine)
            page.raw("]</small></p><p>State: ")
            page.text(model.stateLabel)
            page.raw("</p>")
            if let wording = model.wording { writeWording(&page, wording) }
            writeForm(&page, session: session)
            if let form = model.wordingForm { writeWordingForm(&page, form, session: session) }
            model.negotiation.render(into: &page, session: session)
            return page
        }

        private func writeForm(_ page: inout Page, session: TripactStore.Session) {
            let entered = model.entered
            let errors = entered.errors
            let clause = model.clause
            if !errors.isEmpty {
                page.raw("<p class=\"error\" role=\"alert\">The form has \(errors.count) problem\(errors.count == 1 ? "" : "s"); see the fields below. Nothing was saved.</p>")
            }
            page.raw("<form method=\"post\" action=\"\(SiteRoute.clause.link(model.reference, clause.id.rawValue))\">")
            page.csrf(session)
            page.raw("<input type=\"hidden\" name=\"base\" value=\"\(entered.base)\">")
            page.raw("<label for=\"variant\">Variant</label><select id=\"variant\" name=\"variant\"")
            if errors["variant"] != nil { page.raw(" aria-invalid=\"true\" aria-describedby=\"variant-error\"") }
            page.raw(">")
            for option in clause.variants {
                page.option(option.key, "\(option.label) (leans \(option.stance.rawValue))", selected: option.key == entered.variant)
            }
            page.raw("</select>")
            ClauseController.error(&page, errors["variant"], id: "variant-error")
            if let sentence = model.variantPlaybook {
                page.raw("<p><small>Your playbook: ")
                page.text(sentence)
                page.raw("</small></p>")
            }
            for parameter in model.parameters { writeParameter(&page, parameter) }
            page.raw("<label for=\"message\">Message for the other side</label><textarea id=\"message\" name=\"message\" rows=\"3\" cols=\"60\" maxlength=\"\(ClauseController.maximumMessageLength)\" required")
            if errors["message"] != nil { page.raw(" aria-invalid=\"true\" aria-describedby=\"message-error\"") }
            page.raw(">")
            page.text(entered.message)
            page.raw("</textarea>")
            ClauseController.error(&page, errors["message"], id: "message-error")
            page.proposeButton(base: entered.base, session: session, offerSending: true)
            page.raw("</form>")
        }

        private func writeParameter(_ page: inout Page, _ parameter: Model.Parameter) {
            let spec = parameter.spec
            let id = "parameter-\(spec.name)"
            // Opens an input or select: its id and name (escaped), and the error's attributes when it has one.
            func open(_ element: String) {
                page.raw("<\(element) id=\"")
                page.text(id)
                page.raw("\" name=\"parameters[")
                page.text(spec.name)
                page.raw("]\"")
            }
            func invalid() {
                guard parameter.error != nil else { return }
                page.raw(" aria-invalid=\"true\" aria-describedby=\"")
                page.text(id)
                page.raw("-error\"")
            }
            page.raw("<label for=\"")
            page.text(id)
            page.raw("\">")
            page.text(parameter.label)
            page.raw("</label>")
            switch spec.kind {
            case .integer(_, let min, let max):
                open("input")
                page.raw(" type=\"number\" min=\"\(min)\" max=\"\(max)\" step=\"1\" value=\"")
                page.text(parameter.value)
                page.raw("\"")
                invalid()
                page.raw(">")
            case .enumeration(let options):
                open("select")
                invalid()
                page.raw(">")
                for option in options { page.option(option.key, option.text, selected: option.key == parameter.value) }
                page.raw("</select>")
            case .boolean:
                open("select")
                invalid()
                page.raw(">")
                for option in ["yes", "no"] { page.option(option, option, selected: option == parameter.value) }
                page.raw("</select>")
            case .text, .date:
                open("input")
                page.raw(" type=\"\(spec.kind == .date ? "date" : "text")\" maxlength=\"\(ClauseController.maximumTextLength)\" value=\"")
                page.text(parameter.value)
                page.raw("\"")
                invalid()
                page.raw("> <label class=\"inline\"><input type=\"checkbox\" name=\"clear[")
                page.text(spec.name)
                page.raw("]\" value=\"yes\"> clear this value</label>")
            }
            ClauseController.error(&page, parameter.error, id: "\(id)-error")
            // Only the user's own side's positions: the other side's are its private negotiating limits.
            if let sentence = parameter.playbook {
                page.raw("<p><small>")
                page.text(sentence)
                page.raw("</small></p>")
            }
        }
    }
}
