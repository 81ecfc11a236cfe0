import Foundation
import HTTPTypes
import Hummingbird
import TripactCore
import TripactStore

/// One notice or approval request (`NoticePage`), and the controller's objection and approval and either side's
/// resolution of an objection. Anyone whose organisation is not a party of its agreement gets 404.
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
        router.get(.notice) { _, context, session in try show(context: context, session: session, status: .ok) }
        router.post(.noticeObject) { request, context, session in try await act(request: request, context: context, session: session, action: .object) }
        router.post(.noticeApprove) { request, context, session in try await act(request: request, context: context, session: session, action: .approve) }
        router.post(.noticeResolve) { request, context, session in try await act(request: request, context: context, session: session, action: .resolve) }
    }

    enum Action { case object, approve, resolve }

    private func id(_ context: TripactRequestContext) throws -> Int {
        guard let id = Int(try context.pathParameter("id")) else { throw StoreError.unknownNotice(0) }
        return id
    }

    private func show(context: TripactRequestContext, session: TripactStore.Session, errors: [String: String] = [:], entered: ActionForm? = nil, status: HTTPResponse.Status)
        throws -> Response
    {
        let model = try NoticePage.Model.load(
            store: store, session: session, id: try id(context), entered: (entered?.reason ?? "", entered?.note ?? ""), errors: errors
        )
        return NoticePage.View(model: model).page(session: session).response(status: status, session: session)
    }

    private func act(request: Request, context: TripactRequestContext, session: TripactStore.Session, action: Action) async throws -> Response {
        let form = try await FormDecoding.decode(ActionForm.self, request: request, context: context)
        try FormDecoding.requireCSRF(form._csrf, session: session)
        let (notice, _) = try NoticePage.Model.find(store: store, session: session, id: try id(context))
        do {
            switch action {
            case .object: try store.object(to: notice.id, reason: form.reason ?? "", by: session.user.email)
            case .approve: try store.approve(notice.id, by: session.user.email, library: configuration.library)
            case .resolve:
                guard let outcome = NoticeResolution(rawValue: form.outcome ?? "") else {
                    return try show(context: context, session: session, errors: ["note": "choose an outcome"], entered: form, status: .unprocessableContent)
                }
                try store.resolve(notice.id, as: outcome, note: form.note ?? "", by: session.user.email)
            }
        } catch {
            if let storeError = error as? StoreError, case .invalidFields(let problems) = storeError {
                return try show(context: context, session: session, errors: problems.messagesByField(), entered: form, status: .unprocessableContent)
            }
            throw error
        }
        return .redirect(to: SiteRoute.notice.link(String(notice.id)), type: .normal)
    }
}
