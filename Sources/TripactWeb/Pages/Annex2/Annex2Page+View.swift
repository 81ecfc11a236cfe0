import TripactStore

extension Annex2Page {
    /// Writes the Annex II form from its model.
    struct View {
        let model: Model

        func page(session: TripactStore.Session) -> Page {
            let errors = model.errors
            let maximum = Annex2Controller.maximumTextLength
            var page = Page(title: "Annex II — Description of the processing")
            page.backToAgreement(model.reference)
            page.formProblems(errors.count)
            page.raw("<form method=\"post\" action=\"\(SiteRoute.annex2.link(model.reference))\">")
            page.csrf(session)
            page.raw("<input type=\"hidden\" name=\"base\" value=\"\(model.base)\">")
            for field in model.textFields {
                page.raw("<label for=\"\(field.key)\">")
                page.text(field.label)
                page.raw("</label><textarea id=\"\(field.key)\" name=\"\(field.key)\" rows=\"3\" cols=\"70\" maxlength=\"\(maximum)\"")
                page.invalid(errors[field.key] != nil)
                page.raw(">")
                page.text(field.value)
                page.raw("</textarea> <label class=\"inline\"><input type=\"checkbox\" name=\"clear[\(field.key)]\" value=\"yes\"> clear this field</label>")
                if let error = errors[field.key] { page.raw("<p class=\"error\">"); page.text(error); page.raw("</p>") }
            }
            for (key, label, value) in [("callRecording", "Calls are recorded", model.callRecording), ("cardPayments", "Payment cards are taken", model.cardPayments)] {
                page.raw("<label for=\"\(key)\">\(label)</label><select id=\"\(key)\" name=\"\(key)\">")
                page.option("yes", "yes", selected: value)
                page.option("no", "no", selected: !value)
                page.raw("</select>")
            }
            for picker in model.pickers { write(&page, picker) }
            page.raw("<fieldset><legend>Safeguards for sensitive data (used for the Art. 9 and 10 categories ticked above)</legend>")
            for item in model.safeguards {
                let id = "safeguards-\(item.key)"
                page.raw("<label for=\"")
                page.text(id)
                page.raw("\">")
                page.text(item.label)
                page.raw("</label><textarea id=\"")
                page.text(id)
                page.raw("\" name=\"safeguards[")
                page.text(item.key)
                page.raw("]\" rows=\"2\" cols=\"70\" maxlength=\"\(maximum)\">")
                page.text(item.value)
                page.raw("</textarea>")
            }
            if let error = errors["safeguards"] { page.raw("<p class=\"error\">"); page.text(error); page.raw("</p>") }
            page.raw("</fieldset>")
            write(&page, model.purposes)
            writePurposes(&page)
            page.raw("<label for=\"message\">Message for the other side</label><textarea id=\"message\" name=\"message\" rows=\"3\" cols=\"60\" maxlength=\"500\" required>")
            page.text(model.message)
            page.raw("</textarea>")
            if let error = errors["message"] { page.raw("<p class=\"error\" id=\"message-error\">"); page.text(error); page.raw("</p>") }
            page.proposeButton(base: model.base, session: session)
            page.raw("</form>")
            return page
        }

        private func write(_ page: inout Page, _ picker: Model.Picker) {
            Pickers.checkboxes(&page, name: picker.name, legend: picker.legend, options: picker.options, selected: picker.selected, error: nil)
        }

        /// For each purpose ticked, its description and the listed data it uses; for each purpose not ticked, the same
        /// choice folded away, so a purpose added in this submission takes only the data ticked for it.
        private func writePurposes(_ page: inout Page) {
            if !model.selectedPurposes.isEmpty { page.raw("<h2>Each purpose: its description and the data it uses</h2>") }
            if !model.listsData { page.raw("<p>Annex II lists no personal data yet: tick the data above and save, then choose the data each purpose uses.</p>") }
            for choice in model.selectedPurposes { write(&page, choice) }
            guard !model.otherPurposes.isEmpty else { return }
            page.raw("<h2>Purposes you may add</h2><p>A purpose you tick above uses only the data you tick for it here, and none if you tick none.</p>")
            for choice in model.otherPurposes {
                page.raw("<details><summary>")
                page.text(choice.label)
                page.raw("</summary>")
                write(&page, choice)
                page.raw("</details>")
            }
        }

        private func write(_ page: inout Page, _ choice: Model.PurposeChoice) {
            let index = choice.index
            page.raw("<fieldset")
            page.invalid(choice.error != nil, describedBy: "purpose-\(index)-error")
            page.raw("><legend>")
            page.text(choice.label)
            page.raw("</legend>")
            // Only a choice that lists data says what the purpose uses; without one, saving leaves its data as it was.
            if model.listsData {
                page.raw("<input type=\"hidden\" name=\"purposeShown[")
                page.text(choice.key)
                page.raw("]\" value=\"yes\">")
            }
            page.raw("<label for=\"purpose-\(index)-description\">Description</label><p class=\"hint\" id=\"purpose-\(index)-hint\">")
            page.text("Left blank, the catalogue's wording is printed: “\(choice.catalogueDescription)”")
            page.raw("</p><textarea id=\"purpose-\(index)-description\" aria-describedby=\"purpose-\(index)-hint\" name=\"purposeDescriptions[")
            page.text(choice.key)
            page.raw("]\" rows=\"2\" cols=\"70\" maxlength=\"\(Annex2Controller.maximumTextLength)\">")
            page.text(choice.description)
            page.raw("</textarea>")
            write(&page, choice.roleSelect, index: index, key: choice.key)
            if let hint = choice.typicalRoleHint {
                page.raw("<p class=\"hint\">")
                page.text(hint)
                page.raw("</p>")
            }
            for select in choice.selects { write(&page, select, index: index, key: choice.key) }
            if model.listsData { page.raw("<p>The data it uses:</p>") }
            for (categoryIndex, category) in choice.categories.enumerated() {
                Pickers.choice(
                    &page, id: "purpose-\(index)-\(categoryIndex)", name: "purposeCategories[\(choice.key)][]", value: category.key, checked: category.checked,
                    label: category.label
                )
            }
            page.fieldError(choice.error, id: "purpose-\(index)-error")
            page.raw("</fieldset>")
        }

        private func write(_ page: inout Page, _ select: Model.Select, index: Int, key: String) {
            page.raw("<label for=\"purpose-\(index)-\(select.field)\">")
            page.text(select.label)
            page.raw("</label><select id=\"purpose-\(index)-\(select.field)\" name=\"\(select.name)[")
            page.text(key)
            page.raw("]\">")
            for (value, text) in select.options { page.option(value, text, selected: value == select.selected) }
            page.raw("</select>")
        }
    }
}
