import TripactCore
import TripactStore

/// How notices are listed: on the dashboard, the register and an agreement's overview.
enum NoticeViews {
    static func table(_ page: inout Page, _ notices: [NoticeEntry], showAgreement: Bool = true) {
        page.raw("<div class=\"table-wrap\"><table class=\"notices\"><thead><tr><th scope=\"col\">Notice</th>")
        if showAgreement { page.raw("<th scope=\"col\">Agreement</th>") }
        page.raw("<th scope=\"col\">Change</th><th scope=\"col\">Kind</th><th scope=\"col\">Status</th><th scope=\"col\">Deadline</th><th scope=\"col\">Takes effect</th></tr></thead><tbody>")
        for notice in notices {
            page.raw("<tr><td><a href=\"\(SiteRoute.notice.link(String(notice.id)))\">Notice \(notice.id)</a></td>")
            if showAgreement {
                page.raw("<td><a href=\"")
                page.text(SiteRoute.agreement.link(notice.agreement))
                page.raw("\">")
                page.text(notice.agreementTitle)
                page.raw("</a></td>")
            }
            page.raw("<td>")
            page.text(notice.summary)
            page.raw("</td><td>\(kindLabel(notice.kind))</td><td class=\"\(notice.status == .objected || notice.status == .refused ? "warning" : "")\">")
            page.text(notice.status.label + (notice.late ? " (late request)" : ""))
            page.raw("</td><td>")
            page.text("\(notice.deadlineLabel) \(notice.respondBy.label)")
            page.raw("</td><td>")
            page.text(notice.kind == .approvalRequest ? "on approval" : notice.takesEffect.label)
            page.raw("</td></tr>")
        }
        page.raw("</tbody></table></div>")
    }

    static func kindLabel(_ kind: NoticeSchedule.Kind) -> String {
        switch kind {
        case .notice: "notice (objection possible)"
        case .approvalRequest: "request for approval"
        case .information: "information (removal)"
        }
    }
}
