import Foundation
import HTTPTypes
import Hummingbird
import TripactCore
import TripactStore

/// Internal approval (`/approvals`): the page (`ApprovalsPage`), and approving or refusing a request with a reason.
struct ApprovalController {
    let store: TripactStore
    let configuration: WebConfiguration

    func register(on router: Routes) {
        router.get(.approvals) { _, _, session in try show(session: session, errors: [:], status: .ok) }
        router.post(.approvalApprove) { request, context, session in try await decide(request: request, context: context, session: session, approve: true) }
        router.post(.approvalRefuse) { request, context, session in try await decide(request: request, context: context, session: session, approve: false) }
    }

    struct DecisionForm: Decodable {
        let _csrf: String?
        let reason: String?
    }

    private func show(session: TripactStore.Session, errors: [Int: String], status: HTTPResponse.Status) throws -> Response {
        let model = try ApprovalsPage.Model.load(store: store, library: configuration.library, session: session, errors: errors)
        return ApprovalsPage.View(model: model).page(session: session).response(status: status, session: session)
    }

    private func decide(request: Request, context: TripactRequestContext, session: TripactStore.Session, approve: Bool) async throws -> Response {
        let form = try await FormDecoding.decode(DecisionForm.self, request: request, context: context)
        try FormDecoding.requireCSRF(form._csrf, session: session)
        guard let id = Int(try context.pathParameter("id")) else { throw HTTPError(.notFound, message: "no such approval request") }
        do {
            try store.decideApproval(id, approve: approve, reason: form.reason, by: session.user.email)
        } catch {
            if case .invalidFields(let problems) = error { return try show(session: session, errors: [id: problems.map(\.message).joined(separator: "; ")], status: .unprocessableContent) }
            // Another organisation's request is as unknown as one that never existed.
            if case .invalid(let message) = error, message.hasPrefix("your organisation has no") { throw HTTPError(.notFound, message: "no such approval request") }
            throw error
        }
        return .redirect(to: SiteRoute.approvals.link(), type: .normal)
    }
}
