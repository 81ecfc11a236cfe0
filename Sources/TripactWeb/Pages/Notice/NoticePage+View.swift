import TripactCore
import TripactStore

extension NoticePage {
    /// Writes a notice's page from its model.
    struct View {
        let model: Model

        func page(session: TripactStore.Session) -> Page {
            let notice = model.notice
            var page = Page(title: "Notice \(notice.id): \(notice.summary)")
            page.raw("<p>")
            page.text(model.opening)
            page.raw("<a href=\"")
            page.text(SiteRoute.agreement.link(notice.agreement))
            page.raw("\">")
            page.text(notice.agreementTitle)
            page.raw("</a>.</p><table class=\"facts\"><tbody>")
            for fact in model.facts {
                page.raw("<tr><th scope=\"row\">")
                page.text(fact.label)
                page.raw("</th><td>")
                page.text(fact.value)
                page.raw("</td></tr>")
            }
            page.raw("</tbody></table>")
            if let version = notice.appliedVersion {
                page.raw("<p class=\"ok\">Applied: Annex IV of <a href=\"")
                page.text(SiteRoute.version.link(notice.agreement, String(version)))
                page.raw("\">version \(version)</a> follows the register.</p>")
            }
            if !model.errors.isEmpty { page.raw("<p class=\"error\" role=\"alert\">Nothing was saved.</p>") }
            switch model.response {
            case .object:
                page.raw("<h2>Object</h2><form method=\"post\" action=\"\(SiteRoute.noticeObject.link(String(notice.id)))\">")
                page.csrf(session)
                writeReason(&page, "Your grounds, relating to the protection of personal data (Art. 28(2))")
                page.raw("<p><button type=\"submit\">Object</button></p></form>")
            case .decide(let when):
                page.raw("<h2>Decide</h2><form method=\"post\" action=\"\(SiteRoute.noticeApprove.link(String(notice.id)))\">")
                page.csrf(session)
                page.raw("<p>If you approve, Annex IV is updated ")
                page.text(when)
                page.raw(".</p>")
                page.raw("<button type=\"submit\">Approve</button></form>")
                page.raw("<form method=\"post\" action=\"\(SiteRoute.noticeObject.link(String(notice.id)))\">")
                page.csrf(session)
                writeReason(&page, "Or refuse, and say why")
                page.raw("<p><button type=\"submit\">Refuse</button></p></form>")
            case nil:
                break
            }
            if !model.resolutions.isEmpty { writeResolution(&page, session: session) }
            return page
        }

        private func writeReason(_ page: inout Page, _ label: String) {
            page.raw("<label for=\"reason\">")
            page.text(label)
            page.raw("</label><textarea id=\"reason\" name=\"reason\" rows=\"4\" cols=\"60\" maxlength=\"4000\" required")
            if model.errors["reason"] != nil { page.raw(" aria-invalid=\"true\" aria-describedby=\"reason-error\"") }
            page.raw(">")
            page.text(model.entered.reason)
            page.raw("</textarea>")
            if let error = model.errors["reason"] { page.raw("<p class=\"error\" id=\"reason-error\">"); page.text(error); page.raw("</p>") }
        }

        private func writeResolution(_ page: inout Page, session: TripactStore.Session) {
            page.raw("<h2>Resolve the ")
            page.text(model.resolving)
            page.raw("</h2><form method=\"post\" action=\"\(SiteRoute.noticeResolve.link(String(model.notice.id)))\">")
            page.csrf(session)
            page.raw("<fieldset><legend>Outcome</legend>")
            for (index, (resolution, label)) in model.resolutions.enumerated() {
                let id = "outcome-\(resolution.rawValue)"
                page.raw("<div class=\"choice\"><input type=\"radio\" id=\"\(id)\" name=\"outcome\" value=\"\(resolution.rawValue)\"")
                if index == 0 { page.raw(" checked") }
                page.raw("> <label class=\"inline\" for=\"\(id)\">")
                page.text(label)
                page.raw("</label></div>")
            }
            page.raw("</fieldset><label for=\"note\">Note</label><textarea id=\"note\" name=\"note\" rows=\"3\" cols=\"60\" maxlength=\"4000\" required>")
            page.text(model.entered.note)
            page.raw("</textarea>")
            if let error = model.errors["note"] { page.raw("<p class=\"error\">"); page.text(error); page.raw("</p>") }
            page.raw("<p><button type=\"submit\">Record the resolution</button></p></form>")
        }
    }
}
