import Foundation
import TripactStore

extension DeliveryLocationsPage {
    /// Writes the delivery-locations form from its model.
    struct View {
        let model: Model

        func page(session: TripactStore.Session) -> Page {
            let errors = model.errors
            var page = Page(title: "Annex II — Delivery locations")
            page.backToAgreement(model.reference)
            page.formProblems(errors.count)
            page.raw("<form method=\"post\" action=\"\(SiteRoute.locations.link(model.reference))\">")
            page.csrf(session)
            page.raw("<input type=\"hidden\" name=\"base\" value=\"\(model.base)\">")
            for (index, row) in model.rows.enumerated() {
                page.raw("<fieldset><legend>")
                page.text(row.legend)
                page.raw("</legend><input type=\"hidden\" name=\"l.\(index).id\" value=\"")
                page.text(row.id)
                page.raw("\">")
                rowInputs(&page, prefix: "l.\(index)", values: row.values, clearable: true)
                page.raw("<label class=\"inline\"><input type=\"checkbox\" name=\"l.\(index).remove\" value=\"yes\"")
                if row.removed { page.raw(" checked") }
                page.raw("> remove this location</label></fieldset>")
            }
            page.raw("<fieldset><legend>Add a delivery location</legend>")
            rowInputs(&page, prefix: "new", values: model.added, clearable: false)
            page.raw("</fieldset><label for=\"message\">Message for the other side</label><textarea id=\"message\" name=\"message\" rows=\"3\" cols=\"60\" maxlength=\"500\" required")
            page.invalid(errors["message"] != nil, describedBy: "message-error")
            page.raw(">")
            page.text(model.message)
            page.raw("</textarea>")
            page.fieldError(errors["message"], id: "message-error")
            page.proposeButton(base: model.base, session: session)
            page.raw("</form>")
            return page
        }

        private func rowInputs(_ page: inout Page, prefix: String, values: [String: String], clearable: Bool) {
            let errors = model.errors
            let maximum = DeliveryLocationController.maximumLength
            let id = prefix.replacingOccurrences(of: ".", with: "-")
            func describedBy(_ field: String) {
                page.invalid(errors["\(prefix).\(field)"] != nil, describedBy: "\(id)-\(field)-error")
            }
            func text(_ field: String, _ label: String, multiline: Bool) {
                page.raw("<label for=\"\(id)-\(field)\">\(label)</label>")
                if multiline {
                    page.raw("<textarea id=\"\(id)-\(field)\" name=\"\(prefix).\(field)\" rows=\"2\" cols=\"70\" maxlength=\"\(maximum)\"")
                    describedBy(field)
                    page.raw(">")
                    page.text(values[field] ?? "")
                    page.raw("</textarea>")
                } else {
                    page.raw("<input id=\"\(id)-\(field)\" name=\"\(prefix).\(field)\" type=\"text\" size=\"50\" maxlength=\"\(maximum)\" value=\"")
                    page.text(values[field] ?? "")
                    page.raw("\"")
                    describedBy(field)
                    page.raw(">")
                }
                if clearable, field != "site" { page.raw(" <label class=\"inline\"><input type=\"checkbox\" name=\"\(prefix).clear.\(field)\" value=\"yes\"> clear</label>") }
                page.fieldError(errors["\(prefix).\(field)"], id: "\(id)-\(field)-error")
            }
            text("site", "Site (city, address, what is handled there)", multiline: true)
            page.raw("<label for=\"\(id)-country\">Country</label><select id=\"\(id)-country\" name=\"\(prefix).country\"")
            describedBy("country")
            page.raw("><option value=\"\">—</option>")
            for country in model.countries {
                page.option(country.code, country.label, selected: country.code == values["country"])
            }
            page.raw("</select>")
            page.fieldError(errors["\(prefix).country"], id: "\(id)-country-error")
            text("entity", "Entity running the site (when not the processor itself)", multiline: false)
            page.raw("<label for=\"\(id)-homeWorking\">Agents also work from home</label><select id=\"\(id)-homeWorking\" name=\"\(prefix).homeWorking\">")
            for option in ["no", "yes"] { page.option(option, option, selected: values["homeWorking"] == option) }
            page.raw("</select><label for=\"\(id)-transferMechanism\">Transfer mechanism (needed outside the EEA without adequacy)</label>")
            page.raw("<select id=\"\(id)-transferMechanism\" name=\"\(prefix).transferMechanism\"")
            describedBy("transferMechanism")
            page.raw("><option value=\"\(DeliveryLocationController.none)\">none</option>")
            for mechanism in model.transferMechanisms {
                page.option(mechanism.key, mechanism.label, selected: mechanism.key == values["transferMechanism"])
            }
            page.raw("</select>")
            page.fieldError(errors["\(prefix).transferMechanism"], id: "\(id)-transferMechanism-error")
            Self.adequacyConfirmation(&page, prefix: prefix, id: id, value: values["adequacyConfirmed"] ?? "no", error: errors["\(prefix).adequacyConfirmed"])
            text("tiaReference", "Transfer impact assessment (reference)", multiline: false)
        }

        /// Where an adequacy decision covers only some recipients of a country (Canada: commercial organisations under
        /// PIPEDA), the parties confirm that this one falls within it; only then does "adequacy decision" count for it.
        /// Annex IV's rows ask the same (`ListFormPage`).
        static func adequacyConfirmation(_ page: inout Page, prefix: String, id: String, value: String, error: String?) {
            page.raw("<label for=\"\(id)-adequacyConfirmed\">Covered by an adequacy decision that applies only to some recipients (for Canada: a commercial organisation under PIPEDA)</label>")
            page.raw("<select id=\"\(id)-adequacyConfirmed\" name=\"")
            page.text("\(prefix).adequacyConfirmed")
            page.raw("\"")
            page.invalid(error != nil, describedBy: "\(id)-adequacyConfirmed-error")
            page.raw(">")
            for (option, label) in [("no", "not confirmed"), ("yes", "confirmed by the parties")] {
                page.option(option, label, selected: value == option)
            }
            page.raw("</select>")
            page.fieldError(error, id: "\(id)-adequacyConfirmed-error")
        }
    }
}
