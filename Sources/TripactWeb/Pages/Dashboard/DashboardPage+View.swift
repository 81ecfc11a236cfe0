import TripactCore

extension DashboardPage {
    /// Writes the dashboard from its model.
    struct View {
        let model: Model

        func page() -> Page {
            var page = Page(title: "Agreements")
            page.raw("<p class=\"actions\">")
            if model.mayStartAgreement { page.raw("<a href=\"\(SiteRoute.newAgreement.link())\">Start a new agreement</a> ") }
            page.raw("<a href=\"\(SiteRoute.subprocessorRegister.link())\">Subprocessor register</a> <a href=\"\(SiteRoute.measureRegister.link())\">Measure register</a> ")
            page.raw("<a href=\"\(SiteRoute.playbook.link())\">Playbook</a></p>")
            if !model.openNotices.isEmpty {
                page.raw("<h2>Subprocessor notices awaiting a decision or a date</h2>")
                NoticeViews.table(&page, model.openNotices)
            }
            if !model.renewals.isEmpty {
                page.raw("<h2>Evidence to renew</h2><ul>")
                for renewal in model.renewals {
                    page.raw("<li class=\"warning\"><a href=\"")
                    page.text(SiteRoute.agreement.link(renewal.reference))
                    page.raw("\">")
                    page.text(renewal.title)
                    page.raw("</a>: ")
                    page.text(renewal.message)
                    page.raw("</li>")
                }
                page.raw("</ul>")
            }
            if model.agreements.isEmpty {
                page.raw("<p>Your organisation is not a party to any agreement yet.</p>")
            } else {
                writeTable(&page)
            }
            return page
        }

        private func writeTable(_ page: inout Page) {
            page.raw("<div class=\"table-wrap\"><table><caption>Agreements of your organisation</caption><thead><tr><th scope=\"col\">Agreement</th><th scope=\"col\">Status</th>")
            page.raw("<th scope=\"col\">Version</th><th scope=\"col\">Awaiting your side</th><th scope=\"col\">Open for the controller</th><th scope=\"col\">Open for the processor</th>")
            page.raw("<th scope=\"col\">Controller</th><th scope=\"col\">Processor</th></tr></thead><tbody>")
            for row in model.agreements {
                page.raw("<tr><td><a href=\"")
                page.text(SiteRoute.agreement.link(row.reference))
                page.raw("\">")
                page.text(row.title)
                page.raw("</a></td><td>")
                page.text(row.standing)
                page.raw("</td><td>\(row.head)</td><td class=\"awaiting\">")
                page.text(row.awaiting)
                page.raw("</td><td>\(row.openForController)</td><td>\(row.openForProcessor)</td><td>")
                page.text(row.controller)
                page.raw("</td><td>")
                page.text(row.processor)
                page.raw("</td></tr>")
            }
            page.raw("</tbody></table></div>")
        }
    }
}
