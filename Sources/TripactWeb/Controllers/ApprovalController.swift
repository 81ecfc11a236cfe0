import Foundation
import HTTPTypes
import Hummingbird
import TripactCore
import TripactStore

/// Internal approval (`/approvals`): the organisation's rules, the requests waiting for the signed-in user with a form to
/// approve or to refuse with a reason, and the organisation's recent requests. Everything here is the organisation's
/// own: the other side never reaches this page, and no agreement page shows it.
struct ApprovalController {
    let store: TripactStore
    let configuration: WebConfiguration

    func register(on router: Routes) {
        router.get("approvals") { _, context in try show(context: context, errors: [:], status: .ok) }
        router.post("approvals/:id/approve") { request, context in try await decide(request: request, context: context, approve: true) }
        router.post("approvals/:id/refuse") { request, context in try await decide(request: request, context: context, approve: false) }
    }

    struct DecisionForm: Decodable {
        let _csrf: String?
        let reason: String?
    }

    private func show(context: TripactRequestContext, errors: [Int: String], status: HTTPResponse.Status) throws -> Response {
        guard let session = context.session else { return .redirect(to: "/login", type: .normal) }
        let email = session.user.email
        let rules = try store.approvalRules(of: email)
        let requests = try store.approvals(of: email)
        var page = Page(title: "Approvals")
        page.raw("<p>Your organisation's own approvals before a turn is sent or the agreement is signed. The other side sees none of this.</p>")
        page.raw("<h2>Rules</h2>")
        if rules.isEmpty {
            page.raw("<p>No approval is required.</p>")
        } else {
            page.raw("<ul>")
            for rule in rules {
                page.raw("<li>")
                page.text("\(describe(rule.kind, rule.scope)): approved by \(rule.approverName) (\(rule.approverEmail))")
                page.raw("</li>")
            }
            page.raw("</ul>")
        }
        if session.user.role == .admin {
            page.raw("<p><a href=\"\(ApprovalRulesController.path)\">Add or drop approval rules</a></p>")
        } else {
            page.raw("<p>Your organisation's admins set these rules.</p>")
        }
        let mine = requests.filter { $0.state == .pending && $0.approverEmail.lowercased() == email.lowercased() }
        page.raw("<h2>Waiting for you</h2>")
        if mine.isEmpty { page.raw("<p>Nothing waits for your approval.</p>") }
        for request in mine {
            page.raw("<section class=\"approval\" aria-labelledby=\"approval-\(request.id)\"><h3 id=\"approval-\(request.id)\">")
            page.text("Request \(request.id): \(describe(request.kind, request.scope))")
            page.raw("</h3><p>")
            // In words: the colleague by name and the agreement by its title; the address and reference stay in the link.
            let asker = (try? store.user(email: request.requestedBy).name) ?? request.requestedBy
            let title = (try? store.agreement(request.agreement).title) ?? request.agreement
            page.text("\(asker) asks, on \u{201C}\(title)\u{201D}, version \(request.base); what would be sent or signed has sha256 \(request.subjectHash).")
            page.raw(" <a href=\"/agreements/\(AgreementController.path(request.agreement))\">Open the agreement</a></p>")
            page.raw("<form method=\"post\" action=\"/approvals/\(request.id)/approve\" class=\"actions\">")
            page.csrf(session)
            page.raw("<button type=\"submit\">Approve request \(request.id)</button></form>")
            page.raw("<form method=\"post\" action=\"/approvals/\(request.id)/refuse\"><p><label for=\"reason-\(request.id)\">Why you refuse</label>")
            if let error = errors[request.id] {
                page.raw("<span class=\"error\" id=\"reason-\(request.id)-error\">")
                page.text(error)
                page.raw("</span>")
            }
            page.raw("<textarea id=\"reason-\(request.id)\" name=\"reason\" rows=\"3\" maxlength=\"2000\"></textarea></p>")
            page.csrf(session)
            page.raw("<button type=\"submit\">Refuse request \(request.id)</button></form></section>")
        }
        page.raw("<h2>Your organisation's requests</h2>")
        if requests.isEmpty { page.raw("<p>None yet.</p>") }
        if !requests.isEmpty {
            page.raw("<table><thead><tr><th scope=\"col\">Request</th><th scope=\"col\">Agreement</th><th scope=\"col\">For</th>")
            page.raw("<th scope=\"col\">Asked by</th><th scope=\"col\">Approver</th><th scope=\"col\">State</th></tr></thead><tbody>")
            for request in requests.prefix(100) {
                page.raw("<tr><td>\(request.id)</td><td>")
                page.text(request.agreement)
                page.raw("</td><td>")
                page.text("\(describe(request.kind, request.scope)), version \(request.base)")
                page.raw("</td><td>")
                page.text(request.requestedBy)
                page.raw("</td><td>")
                page.text(request.approverName)
                page.raw("</td><td>")
                page.text(request.state.rawValue + (request.reason.map { ": \($0)" } ?? ""))
                page.raw("</td></tr>")
            }
            page.raw("</tbody></table>")
        }
        return page.response(status: status, session: session)
    }

    private func decide(request: Request, context: TripactRequestContext, approve: Bool) async throws -> Response {
        guard let session = context.session else { return .redirect(to: "/login", type: .normal) }
        let form = try await FormDecoding.decode(DecisionForm.self, request: request, context: context)
        try FormDecoding.requireCSRF(form._csrf, session: session)
        guard let id = Int(try context.pathParameter("id")) else { throw HTTPError(.notFound, message: "no such approval request") }
        do {
            try store.decideApproval(id, approve: approve, reason: form.reason, by: session.user.email)
        } catch {
            if case .invalidFields(let problems) = error { return try show(context: context, errors: [id: problems.map(\.message).joined(separator: "; ")], status: .unprocessableContent) }
            // Another organisation's request is as unknown as one that never existed.
            if case .invalid(let message) = error, message.hasPrefix("your organisation has no") { throw HTTPError(.notFound, message: "no such approval request") }
            throw error
        }
        return .redirect(to: "/approvals", type: .normal)
    }

    private func describe(_ kind: ApprovalKind, _ scope: String) -> String { ApprovalScopes.describe(kind, scope, library: configuration.library) }
}
