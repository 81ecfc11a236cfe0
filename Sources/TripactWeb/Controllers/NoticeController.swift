import Foundation
import HTTPTypes
import Hummingbird
import TripactCore
import TripactStore

/// One notice or approval request, as both parties of its agreement see it, with the controller's objection and
/// approval forms and the resolution forms for an objection. Anyone else gets 404.
struct NoticeController {
    let store: TripactStore
    let configuration: WebConfiguration

    struct ActionForm: Decodable {
        let _csrf: String?
        let reason: String?
        let outcome: String?
        let note: String?
    }

    func register(on router: Routes) {
        router.get("notices/:id") { _, context in try show(context: context, errors: [:], entered: nil, status: .ok) }
        router.post("notices/:id/object") { request, context in try await act(request: request, context: context, action: .object) }
        router.post("notices/:id/approve") { request, context in try await act(request: request, context: context, action: .approve) }
        router.post("notices/:id/resolve") { request, context in try await act(request: request, context: context, action: .resolve) }
    }

    enum Action { case object, approve, resolve }

    /// The notice in the path, if the user's organisation is a party of its agreement; else 404.
    private func notice(_ context: TripactRequestContext, session: TripactStore.Session) throws -> (NoticeEntry, PartyRole) {
        guard let id = Int(try context.pathParameter("id")) else { throw StoreError.unknownNotice(0) }
        let notice = try store.notice(id, visibleTo: session.user.organisationID)
        let party = try store.party(of: session.user, in: notice.agreement) ?? .processor
        return (notice, party)
    }

    private func show(context: TripactRequestContext, errors: [String: String], entered: ActionForm?, status: HTTPResponse.Status) throws -> Response {
        guard let session = context.session else { return .redirect(to: "/login", type: .normal) }
        let (notice, party) = try notice(context, session: session)
        let today = store.today()
        var page = Page(title: "Notice \(notice.id): \(notice.summary)")
        page.raw("<p>")
        page.text("\(NoticeViews.kindLabel(notice.kind).prefix(1).uppercased())\(NoticeViews.kindLabel(notice.kind).dropFirst()) from \(notice.processor) to \(notice.controller), issued on \(notice.issued.label), for the agreement ")
        page.raw("<a href=\"/agreements/\(AgreementController.path(notice.agreement))\">")
        page.text(notice.agreementTitle)
        page.raw("</a>.</p><table class=\"facts\"><tbody>")
        func row(_ label: String, _ value: String) {
            page.raw("<tr><th scope=\"row\">\(label)</th><td>")
            page.text(value)
            page.raw("</td></tr>")
        }
        row("Why this agreement", notice.reason)
        row("Message", notice.message)
        row("Status", notice.status.label)
        row(notice.deadlineLabel.prefix(1).uppercased() + notice.deadlineLabel.dropFirst(), notice.respondBy.label + (notice.kind == .notice && today <= notice.respondBy ? " (\(today.days(until: notice.respondBy)) days left)" : ""))
        if notice.kind != .approvalRequest { row("Annex IV follows on", notice.takesEffect.label) }
        if notice.late { row("Late", "The request came later than this agreement's request period allows.") }
        if let objection = notice.objection { row(notice.status == .refused ? "Refused because" : "Objection", "\(objection) (\(notice.objectedBy ?? ""), \(notice.objectedAt?.prefix(10) ?? ""))") }
        if let note = notice.resolutionNote { row("Resolution", "\(note) (\(notice.decidedBy ?? ""))") }
        page.raw("</tbody></table>")
        if let version = notice.appliedVersion {
            page.raw("<p class=\"ok\">Applied: Annex IV of <a href=\"/agreements/\(AgreementController.path(notice.agreement))/versions/\(version)\">version \(version)</a> follows the register.</p>")
        }
        if !errors.isEmpty { page.raw("<p class=\"error\" role=\"alert\">Nothing was saved.</p>") }
        let negotiator = session.user.role.mayPropose
        func reasonField(_ label: String) {
            page.raw("<label for=\"reason\">\(label)</label><textarea id=\"reason\" name=\"reason\" rows=\"4\" cols=\"60\" maxlength=\"4000\" required\(errors["reason"] == nil ? "" : " aria-invalid=\"true\" aria-describedby=\"reason-error\"")>")
            page.text(entered?.reason ?? "")
            page.raw("</textarea>")
            if let error = errors["reason"] { page.raw("<p class=\"error\" id=\"reason-error\">"); page.text(error); page.raw("</p>") }
        }
        if negotiator, party == .controller, notice.status == .pending {
            switch notice.kind {
            case .notice where today <= notice.respondBy:
                page.raw("<h2>Object</h2><form method=\"post\" action=\"/notices/\(notice.id)/object\">")
                page.csrf(session)
                reasonField("Your grounds, relating to the protection of personal data (Art. 28(2))")
                page.raw("<p><button type=\"submit\">Object</button></p></form>")
            case .approvalRequest:
                page.raw("<h2>Decide</h2><form method=\"post\" action=\"/notices/\(notice.id)/approve\">")
                page.csrf(session)
                // Annex IV follows on the change's planned start, not on the day of the approval.
                let when = notice.takesEffect <= today ? "at once" : "on \(notice.takesEffect.iso), the planned start"
                page.raw("<p>If you approve, Annex IV is updated \(when).</p>")
                page.raw("<button type=\"submit\">Approve</button></form>")
                page.raw("<form method=\"post\" action=\"/notices/\(notice.id)/object\">")
                page.csrf(session)
                reasonField("Or refuse, and say why")
                page.raw("<p><button type=\"submit\">Refuse</button></p></form>")
            default:
                break
            }
        }
        let resolutions = NoticeResolution.allCases.filter { $0.isOpen(to: party, on: notice.status) }
        if negotiator, !resolutions.isEmpty {
            page.raw("<h2>Resolve the \(notice.status == .refused ? "refusal" : "objection")</h2><form method=\"post\" action=\"/notices/\(notice.id)/resolve\">")
            page.csrf(session)
            page.raw("<fieldset><legend>Outcome</legend>")
            for (index, resolution) in resolutions.enumerated() {
                let label = switch resolution {
                case .withdrawn: "The change is withdrawn for this agreement"
                case .alternativeOffered: "An alternative is offered (send it as a change of its own)"
                case .terminated: "We terminate the services concerned"
                }
                page.raw("<div class=\"choice\"><input type=\"radio\" id=\"outcome-\(resolution.rawValue)\" name=\"outcome\" value=\"\(resolution.rawValue)\"\(index == 0 ? " checked" : "")> <label class=\"inline\" for=\"outcome-\(resolution.rawValue)\">\(label)</label></div>")
            }
            page.raw("</fieldset><label for=\"note\">Note</label><textarea id=\"note\" name=\"note\" rows=\"3\" cols=\"60\" maxlength=\"4000\" required>")
            page.text(entered?.note ?? "")
            page.raw("</textarea>")
            if let error = errors["note"] { page.raw("<p class=\"error\">"); page.text(error); page.raw("</p>") }
            page.raw("<p><button type=\"submit\">Record the resolution</button></p></form>")
        }
        return page.response(status: status, session: session)
    }

    private func act(request: Request, context: TripactRequestContext, action: Action) async throws -> Response {
        guard let session = context.session else { return .redirect(to: "/login", type: .normal) }
        let form = try await FormDecoding.decode(ActionForm.self, request: request, context: context)
        try FormDecoding.requireCSRF(form._csrf, session: session)
        let (notice, _) = try notice(context, session: session)
        do {
            switch action {
            case .object: try store.object(to: notice.id, reason: form.reason ?? "", by: session.user.email)
            case .approve: try store.approve(notice.id, by: session.user.email, library: configuration.library)
            case .resolve:
                guard let outcome = NoticeResolution(rawValue: form.outcome ?? "") else {
                    return try show(context: context, errors: ["note": "choose an outcome"], entered: form, status: .unprocessableContent)
                }
                try store.resolve(notice.id, as: outcome, note: form.note ?? "", by: session.user.email)
            }
        } catch {
            if let storeError = error as? StoreError, case .invalidFields(let problems) = storeError {
                return try show(context: context, errors: problems.messagesByField(), entered: form, status: .unprocessableContent)
            }
            throw error
        }
        return .redirect(to: "/notices/\(notice.id)", type: .normal)
    }
}
