import TripactStore

extension ApprovalsPage {
    /// Writes the approvals page from its model.
    struct View {
        let model: Model

        func page(session: TripactStore.Session) -> Page {
            var page = Page(title: "Approvals")
            page.raw("<p>Your organisation's own approvals before a turn is sent or the agreement is signed. The other side sees none of this.</p>")
            page.raw("<h2>Rules</h2>")
            if model.rules.isEmpty {
                page.raw("<p>No approval is required.</p>")
            } else {
                page.raw("<ul>")
                for (rule, description) in model.rules {
                    page.raw("<li>")
                    page.text("\(description): approved by \(rule.approverName) (\(rule.approverEmail))")
                    page.raw("</li>")
                }
                page.raw("</ul>")
            }
            if model.mayEditRules {
                page.raw("<p><a href=\"\(SiteRoute.approvalRules.link())\">Add or drop approval rules</a></p>")
            } else {
                page.raw("<p>Your organisation's admins set these rules.</p>")
            }
            page.raw("<h2>Waiting for you</h2>")
            if model.waiting.isEmpty { page.raw("<p>Nothing waits for your approval.</p>") }
            for waiting in model.waiting { writeWaiting(&page, waiting, session: session) }
            page.raw("<h2>Your organisation's requests</h2>")
            if model.requests.isEmpty {
                page.raw("<p>None yet.</p>")
            } else {
                writeRequests(&page)
            }
            return page
        }

        private func writeWaiting(_ page: inout Page, _ waiting: Model.Waiting, session: TripactStore.Session) {
            let request = waiting.entry
            page.raw("<section class=\"approval\" aria-labelledby=\"approval-\(request.id)\"><h3 id=\"approval-\(request.id)\">")
            page.text("Request \(request.id): \(waiting.description)")
            page.raw("</h3><p>")
            page.text("\(waiting.asker) asks, on \u{201C}\(waiting.agreementTitle)\u{201D}, version \(request.base); what would be sent or signed has sha256 \(request.subjectHash).")
            page.raw(" <a href=\"")
            page.text(SiteRoute.agreement.link(request.agreement))
            page.raw("\">Open the agreement</a></p>")
            page.raw("<form method=\"post\" action=\"\(SiteRoute.approvalApprove.link(String(request.id)))\" class=\"actions\">")
            page.csrf(session)
            page.raw("<button type=\"submit\">Approve request \(request.id)</button></form>")
            page.raw("<form method=\"post\" action=\"\(SiteRoute.approvalRefuse.link(String(request.id)))\"><p><label for=\"reason-\(request.id)\">Why you refuse</label>")
            if let error = model.errors[request.id] {
                page.raw("<span class=\"error\" id=\"reason-\(request.id)-error\">")
                page.text(error)
                page.raw("</span>")
            }
            page.raw("<textarea id=\"reason-\(request.id)\" name=\"reason\" rows=\"3\" maxlength=\"2000\"></textarea></p>")
            page.csrf(session)
            page.raw("<button type=\"submit\">Refuse request \(request.id)</button></form></section>")
        }

        private func writeRequests(_ page: inout Page) {
            page.raw("<table><thead><tr><th scope=\"col\">Request</th><th scope=\"col\">Agreement</th><th scope=\"col\">For</th>")
            page.raw("<th scope=\"col\">Asked by</th><th scope=\"col\">Approver</th><th scope=\"col\">State</th></tr></thead><tbody>")
            for (request, description) in model.requests {
                page.raw("<tr>")
                page.cells(
                    String(request.id), request.agreement, "\(description), version \(request.base)", request.requestedBy, request.approverName,
                    request.state.rawValue + (request.reason.map { ": \($0)" } ?? "")
                )
                page.raw("</tr>")
            }
            page.raw("</tbody></table>")
        }
    }
}
