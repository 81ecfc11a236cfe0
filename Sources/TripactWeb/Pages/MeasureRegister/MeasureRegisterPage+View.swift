import TripactCore
import TripactStore

extension MeasureRegisterPage {
    /// Writes the measure register from its model.
    struct View {
        let model: Model

        func page(session: TripactStore.Session) -> Page {
            var page = Page(title: "Measure register")
            page.raw("<p>Evidence behind the measures your organisation promises in Annex III. Evidence that expires within \(RegisterSnapshot.expiryWarningDays) days, or has expired, warns on every agreement relying on its measure. <a href=\"\(SiteRoute.subprocessorRegister.link())\">Subprocessor register</a></p>")
            if model.rows.isEmpty { page.raw("<p>No evidence is recorded.</p>") } else { writeTable(&page, session: session) }
            if model.mayChange { writeForm(&page, session: session) }
            return page
        }

        private func writeTable(_ page: inout Page, session: TripactStore.Session) {
            page.raw("<div class=\"table-wrap\"><table><thead><tr><th scope=\"col\">Evidence</th><th scope=\"col\">Measure</th><th scope=\"col\">Issuer</th><th scope=\"col\">Reference</th><th scope=\"col\">Issued</th><th scope=\"col\">Expires</th>")
            if model.mayChange { page.raw("<th scope=\"col\">Remove</th>") }
            page.raw("</tr></thead><tbody>")
            for row in model.rows {
                page.raw("<tr><td>")
                page.text("\(row.title) (\(row.kind))")
                page.raw("</td><td>")
                page.text(row.measure)
                page.raw("</td><td>")
                page.text(row.issuer)
                page.raw("</td><td>")
                page.text(row.reference)
                page.raw("</td><td>\(row.issued.iso)</td><td class=\"\(row.state)\">")
                page.text(row.expiry)
                page.raw("</td>")
                if model.mayChange {
                    page.raw("<td><form method=\"post\" action=\"")
                    page.text(SiteRoute.measureRegisterRemove.link(row.id))
                    page.raw("\">")
                    page.csrf(session)
                    page.raw("<button type=\"submit\" aria-label=\"Remove ")
                    page.text(row.title)
                    page.raw("\">Remove</button></form></td>")
                }
                page.raw("</tr>")
            }
            page.raw("</tbody></table></div>")
        }

        private func writeForm(_ page: inout Page, session: TripactStore.Session) {
            let errors = model.errors
            page.raw("<h2>Record evidence</h2><p>An id already recorded is updated, for example with a renewed certificate.</p>")
            if !errors.isEmpty { page.raw("<p class=\"error\" role=\"alert\">Nothing was saved.</p>") }
            page.raw("<form method=\"post\" action=\"\(SiteRoute.measureRegister.link())\">")
            page.csrf(session)
            func field(_ name: String, _ label: String, type: String = "text", required: Bool = true) {
                page.raw("<label for=\"\(name)\">\(label)</label><input type=\"\(type)\" id=\"\(name)\" name=\"\(name)\" maxlength=\"400\"")
                if required { page.raw(" required") }
                page.raw(" value=\"")
                page.text(model.entered[name] ?? "")
                page.raw("\"")
                if errors[name] != nil { page.raw(" aria-invalid=\"true\" aria-describedby=\"\(name)-error\"") }
                page.raw(">")
                if let error = errors[name] { page.raw("<p class=\"error\" id=\"\(name)-error\">"); page.text(error); page.raw("</p>") }
            }
            field("id", "Id")
            Pickers.select(&page, name: "measure", label: "Measure it supports", options: model.measures, selected: model.entered["measure"] ?? "", error: errors["measure"])
            Pickers.select(
                &page, name: "kind", label: "Kind", options: MeasureEvidence.Kind.allCases.map { ($0.rawValue, $0.rawValue) }, selected: model.entered["kind"] ?? "certificate",
                error: errors["kind"]
            )
            field("title", "Title, e.g. ISO/IEC 27001:2022 certificate")
            field("issuer", "Issuer")
            field("issued", "Issued on", type: "date")
            field("expires", "Expires on", type: "date", required: false)
            field("reference", "Certificate number or document reference")
            page.raw("<p><button type=\"submit\">Record</button></p></form>")
        }
    }
}
