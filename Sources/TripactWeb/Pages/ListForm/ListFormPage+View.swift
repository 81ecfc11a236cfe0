import TripactStore

extension ListFormPage {
    /// Writes the Annex III or Annex IV form from its model.
    struct View {
        let model: Model

        func page(session: TripactStore.Session) -> Page {
            let route: SiteRoute = model.kind == .measures ? .measures : .subprocessors
            var page = Page(title: model.title)
            page.backToAgreement(model.reference)
            for error in model.errors { page.raw("<p class=\"error\" role=\"alert\">"); page.text(error); page.raw("</p>") }
            page.raw("<form method=\"post\" action=\"\(route.link(model.reference))\">")
            page.csrf(session)
            page.raw("<input type=\"hidden\" name=\"base\" value=\"\(model.base)\">")
            switch model.kind {
            case .measures: writeMeasures(&page)
            case .subprocessors: writeSubprocessors(&page)
            }
            page.raw("<label for=\"message\">Message for the other side</label><textarea id=\"message\" name=\"message\" rows=\"3\" cols=\"60\" maxlength=\"500\" required>")
            page.text(model.message)
            page.raw("</textarea>")
            page.proposeButton(base: model.base, session: session)
            page.raw("</form>")
            return page
        }

        private func writeMeasures(_ page: inout Page) {
            let maximum = ListFormController.maximumLength
            for heading in model.headings {
                page.raw("<fieldset><legend>\(heading.number). ")
                page.text(heading.title)
                page.raw("</legend>")
                for row in heading.rows {
                    // The row's fields are named by the measure's id, so that each edit reaches its own row.
                    page.raw("<input type=\"hidden\" name=\"m.row.")
                    page.text(row.id)
                    page.raw("\" value=\"1\">")
                    if let title = row.customTitle {
                        page.raw("<input type=\"hidden\" name=\"m.")
                        page.text(row.id)
                        page.raw(".heading\" value=\"\(heading.number)\"><input type=\"hidden\" name=\"m.")
                        page.text(row.id)
                        page.raw(".title\" value=\"")
                        page.text(title)
                        page.raw("\">")
                    }
                    page.raw("<label for=\"m-\(row.index)\">")
                    page.text(row.label)
                    page.raw("</label><textarea id=\"m-\(row.index)\" name=\"m.")
                    page.text(row.id)
                    page.raw(".description\" rows=\"2\" cols=\"80\" maxlength=\"\(maximum)\">")
                    page.text(row.description)
                    page.raw("</textarea> <label class=\"inline\"><input type=\"checkbox\" name=\"m.")
                    page.text(row.id)
                    page.raw(".remove\" value=\"yes\"> remove this measure</label>")
                }
                page.raw("</fieldset>")
            }
            page.raw("<fieldset><legend>Add a measure</legend><label for=\"new-catalogue\">From the catalogue</label><select id=\"new-catalogue\" name=\"new.catalogue\"><option value=\"\">—</option>")
            for measure in model.addableMeasures { page.option(measure.key, measure.label) }
            page.raw("</select><label for=\"new-description\">Description for this agreement (optional)</label><textarea id=\"new-description\" name=\"new.description\" rows=\"2\" cols=\"80\"></textarea>")
            page.raw("<label for=\"new-title\">Or a custom measure: title</label><input id=\"new-title\" name=\"new.title\" type=\"text\" size=\"60\">")
            page.raw("<label for=\"new-heading\">Heading</label><select id=\"new-heading\" name=\"new.heading\"><option value=\"\">—</option>")
            for heading in model.allHeadings {
                page.raw("<option value=\"\(heading.number)\">\(heading.number). ")
                page.text(heading.title)
                page.raw("</option>")
            }
            page.raw("</select><label for=\"new-custom\">What is done, how and how often</label><textarea id=\"new-custom\" name=\"new.customDescription\" rows=\"2\" cols=\"80\"></textarea></fieldset>")
        }

        private func writeSubprocessors(_ page: inout Page) {
            for (index, sub) in model.subprocessors.enumerated() {
                let prefix = "s.\(sub.id)"
                let idPrefix = "s-\(index)"
                page.raw("<fieldset><legend>")
                page.text(sub.name)
                page.raw("</legend>")
                page.raw("<input type=\"hidden\" name=\"s.row.")
                page.text(sub.id)
                page.raw("\" value=\"1\">")
                for field in sub.fields {
                    page.raw("<label for=\"\(idPrefix)-\(field.key)\">")
                    page.text(field.label)
                    page.raw("</label><input id=\"\(idPrefix)-\(field.key)\" name=\"")
                    page.text("\(prefix).\(field.key)")
                    page.raw("\" type=\"text\" size=\"60\" maxlength=\"\(ListFormController.maximumLength)\" value=\"")
                    page.text(field.value)
                    page.raw("\">")
                    // The country follows the address it completes.
                    if field.key == "address" { writeCountry(&page, sub: sub, prefix: prefix, id: idPrefix) }
                    if field.key == "service" { writeCatalogueChoices(&page, sub: sub, prefix: prefix, id: idPrefix) }
                }
                page.raw("<label for=\"\(idPrefix)-backupFor\">Approved back-up: may replace this entry at short notice in an emergency</label>")
                page.raw("<select id=\"\(idPrefix)-backupFor\" name=\"")
                page.text("\(prefix).backupFor")
                page.raw("\"><option value=\"\(ListFormController.noBackup)\">not a back-up</option>")
                for other in sub.backupFor { page.option(other.id, other.label, selected: other.selected) }
                page.raw("</select>")
                DeliveryLocationsPage.View.adequacyConfirmation(&page, prefix: prefix, id: idPrefix, value: sub.adequacyConfirmed ? "yes" : "no", error: nil)
                page.raw("<label class=\"inline\"><input type=\"checkbox\" name=\"")
                page.text("\(prefix).remove")
                page.raw("\" value=\"yes\"> remove this subprocessor</label></fieldset>")
            }
            page.raw("<fieldset><legend>Add a subprocessor from the processor's register</legend>")
            if model.pickable.isEmpty {
                page.raw("<p>Every active entry of the processor's register is listed. The processor adds entities under Registers, which notifies the agreements concerned.</p>")
            }
            for record in model.pickable {
                Pickers.choice(&page, id: "add-\(record.id)", name: "add.\(record.id)", value: "yes", checked: false, label: record.label)
            }
            page.raw("</fieldset>")
        }

        /// A select of country names whose values are the codes; a stored code the catalogue lacks is offered as it is,
        /// so that showing the form never changes it. The empty choice keeps what is stored.
        private func countrySelect(_ page: inout Page, name: String, id: String, label: String, selected: String) {
            page.raw("<label for=\"\(id)\">")
            page.text(label)
            page.raw("</label><select id=\"\(id)\" name=\"")
            page.text(name)
            page.raw("\"><option value=\"\">—</option>")
            if !selected.isEmpty, !model.countries.contains(where: { $0.code == selected }) { page.option(selected, selected, selected: true) }
            for country in model.countries { page.option(country.code, country.label, selected: country.code == selected) }
            page.raw("</select>")
        }

        private func writeCountry(_ page: inout Page, sub: Model.SubprocessorRow, prefix: String, id: String) {
            countrySelect(&page, name: "\(prefix).country", id: "\(id)-country", label: "Country of establishment", selected: sub.country)
        }

        /// The personal data and the processing locations as boxes with their labels, and the transfer mechanism as a
        /// select of the catalogue's labels; every value is a key.
        private func writeCatalogueChoices(_ page: inout Page, sub: Model.SubprocessorRow, prefix: String, id: String) {
            page.raw("<fieldset class=\"picker\"><legend>Personal data it processes</legend>")
            page.raw("<input type=\"hidden\" name=\"")
            page.text("\(prefix).\(ListFormController.categoriesShown)")
            page.raw("\" value=\"1\">")
            for (index, category) in sub.dataCategories.enumerated() {
                Pickers.choice(&page, id: "\(id)-category-\(index)", name: "\(prefix).category.\(category.key)", value: "yes", checked: category.checked, label: category.label)
            }
            page.raw("</fieldset><fieldset class=\"picker\"><legend>Processing locations (every country where it processes or accesses the data)</legend>")
            page.raw("<input type=\"hidden\" name=\"")
            page.text("\(prefix).\(ListFormController.locationsShown)")
            page.raw("\" value=\"1\">")
            for (index, location) in sub.locations.enumerated() {
                Pickers.choice(&page, id: "\(id)-location-\(index)", name: "\(prefix).location.\(location.code)", value: "yes", checked: true, label: location.label)
            }
            countrySelect(&page, name: "\(prefix).newLocation", id: "\(id)-newLocation", label: "Add a processing location", selected: "")
            page.raw("</fieldset><label for=\"\(id)-transferMechanism\">Transfer mechanism</label><select id=\"\(id)-transferMechanism\" name=\"")
            page.text("\(prefix).transferMechanism")
            page.raw("\">")
            if !model.transferMechanisms.contains(where: { $0.key == sub.transferMechanism }) {
                page.option(sub.transferMechanism, sub.transferMechanism.isEmpty ? "—" : sub.transferMechanism, selected: true)
            }
            for mechanism in model.transferMechanisms { page.option(mechanism.key, mechanism.label, selected: mechanism.key == sub.transferMechanism) }
            page.raw("</select>")
        }
    }
}
