import TripactCore
import TripactStore

extension AllocationPage {
    /// Writes the allocation form from its model.
    struct View {
        let model: Model

        func page(session: TripactStore.Session) -> Page {
            let errors = model.errors
            var page = Page(title: "Joint controllers — who is responsible for what")
            page.backToAgreement(model.reference)
            guard let rows = model.rows else {
                page.raw("<p>This agreement has no joint controllers' arrangement. Mark a purpose as decided jointly in ")
                page.raw("<a href=\"\(SiteRoute.annex2.link(model.reference))\">Annex II</a>, then add the arrangement from the agreement page.</p>")
                return page
            }
            page.formProblems(errors.count)
            page.raw("<p>For each responsibility of the arrangement (Art. 26(1)), the Party that carries it out. The hand-over is what the other Party does, as the clause prints it.</p>")
            page.raw("<form method=\"post\" action=\"\(SiteRoute.allocation.link(model.reference))\">")
            page.csrf(session)
            page.raw("<input type=\"hidden\" name=\"base\" value=\"\(model.base)\">")
            for row in rows { write(&page, row, id: "row-\(row.index)") }
            page.raw("<fieldset><legend>Hand-over deadlines</legend>")
            for deadline in model.deadlines {
                let id = "deadline-\(deadline.name)"
                page.raw("<label for=\"\(id)\">")
                page.text(deadline.label)
                page.raw("</label><input id=\"\(id)\" name=\"deadlines[\(deadline.name)]\" type=\"number\" min=\"\(deadline.min)\" max=\"\(deadline.max)\" step=\"1\" value=\"")
                page.text(model.values[deadline.name] ?? "")
                page.raw("\"")
                page.invalid(errors[deadline.name] != nil, describedBy: "\(id)-error")
                page.raw(">")
                page.fieldError(errors[deadline.name], id: "\(id)-error")
            }
            page.raw("</fieldset>")
            page.raw("<label for=\"message\">Message for the other side</label><textarea id=\"message\" name=\"message\" rows=\"3\" cols=\"60\" maxlength=\"500\" required")
            page.invalid(errors["message"] != nil, describedBy: "message-error")
            page.raw(">")
            page.text(model.message)
            page.raw("</textarea>")
            page.fieldError(errors["message"], id: "message-error")
            page.proposeButton(base: model.base, session: session)
            page.raw("</form>")
            return page
        }

        private func write(_ page: inout Page, _ row: Model.Row, id: String) {
            let errors = model.errors
            page.raw("<fieldset class=\"allocation-row\"><legend>")
            page.text(row.responsibility)
            page.raw("</legend><label for=\"\(id)\">Party responsible</label><select id=\"\(id)\" name=\"responsible[")
            page.text(row.parameter)
            page.raw("]\"")
            page.invalid(errors[row.parameter] != nil, describedBy: "\(id)-error")
            page.raw(">")
            for option in row.options { page.option(option.key, option.label, selected: option.key == model.values[row.parameter]) }
            page.raw("</select>")
            page.fieldError(errors[row.parameter], id: "\(id)-error")
            if let handOver = row.handOver {
                page.raw("<p class=\"hint\">Hand-over: ")
                page.text(handOver)
                page.raw("</p>")
            }
            let noteKey = AllocationController.noteKey(row.parameter)
            page.raw("<label for=\"\(id)-note\">Hand-over note, printed in the table (optional, at most \(JointAllocation.maximumNoteBytes) bytes)</label>")
            page.raw("<input id=\"\(id)-note\" name=\"notes[")
            page.text(row.parameter)
            page.raw("]\" type=\"text\" maxlength=\"\(JointAllocation.maximumNoteBytes)\" value=\"")
            page.text(model.values[noteKey] ?? "")
            page.raw("\"")
            page.invalid(errors[noteKey] != nil, describedBy: "\(id)-note-error")
            page.raw(">")
            page.fieldError(errors[noteKey], id: "\(id)-note-error")
            page.raw("</fieldset>")
        }
    }
}
