import Foundation
import TripactStore

extension FieldFormPage {
    /// Writes a text-field form from its model: as loaded, or refused with the values kept and each problem at its field.
    struct View {
        let model: Model

        func page(session: TripactStore.Session) -> Page {
            var page = Page(title: model.title)
            page.backToAgreement(model.reference)
            page.formProblems(model.errors.count)
            page.raw("<form method=\"post\" action=\"\(model.route.link(model.reference))\">")
            page.csrf(session)
            page.raw("<input type=\"hidden\" name=\"base\" value=\"\(model.base)\">")
            for field in model.fields { write(&page, field) }
            page.raw("<label for=\"message\">Message for the other side</label><textarea id=\"message\" name=\"message\" rows=\"3\" cols=\"60\" maxlength=\"500\" required>")
            page.text(model.message)
            page.raw("</textarea>")
            if let error = model.errors["message"] { page.raw("<p class=\"error\" id=\"message-error\">"); page.text(error); page.raw("</p>") }
            page.proposeButton(base: model.base, session: session)
            page.raw("</form>")
            return page
        }

        private func write(_ page: inout Page, _ field: Model.Field) {
            let maximum = FieldFormController.maximumLength
            let id = "field-" + field.key.replacingOccurrences(of: ".", with: "-")
            page.raw("<label for=\"\(id)\">")
            page.text(field.label)
            page.raw("</label>")
            let error = model.errors[field.key]
            if field.multiline {
                page.raw("<textarea id=\"\(id)\" name=\"field.\(field.key)\" rows=\"3\" cols=\"70\" maxlength=\"\(maximum)\"")
                page.invalid(error != nil, describedBy: "\(id)-error")
                page.raw(">")
                page.text(model.values[field.key] ?? "")
                page.raw("</textarea>")
            } else {
                page.raw("<input id=\"\(id)\" name=\"field.\(field.key)\" type=\"text\" size=\"60\" maxlength=\"\(maximum)\" value=\"")
                page.text(model.values[field.key] ?? "")
                page.raw("\"")
                page.invalid(error != nil, describedBy: "\(id)-error")
                page.raw(">")
            }
            page.raw(" <label class=\"inline\"><input type=\"checkbox\" name=\"clear.\(field.key)\" value=\"yes\"> clear</label>")
            if let error { page.raw("<p class=\"error\" id=\"\(id)-error\">"); page.text(error); page.raw("</p>") }
        }
    }
}
