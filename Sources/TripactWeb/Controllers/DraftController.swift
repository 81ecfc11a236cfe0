import Foundation
import HTTPTypes
import Hummingbird
import TripactCore
import TripactStore

/// "Review and send" (`/agreements/:reference/draft`, `DraftPage`), and sending, discarding and settling the draft.
/// Only the side's own users reach it; the other side gets the same 404 as for an agreement it is not party to.
struct DraftController {
    let store: TripactStore
    let configuration: WebConfiguration

    struct SendForm: Decodable {
        let _csrf: String?
        let message: String?
    }

    struct SettleForm: Decodable {
        let _csrf: String?
        let item: String?
        /// "theirs" or "mine".
        let take: String?
    }

    func register(on router: Routes) {
        router.get(.draft) { _, context, session in try show(context: context, session: session) }
        router.post(.draftSend) { request, context, session in try await send(request: request, context: context, session: session) }
        router.post(.draftDiscard) { request, context, session in try await discard(request: request, context: context, session: session) }
        router.post(.draftSettle) { request, context, session in try await settle(request: request, context: context, session: session) }
    }

    private func show(context: TripactRequestContext, session: TripactStore.Session) throws -> Response {
        let (reference, party) = try AgreementAccess.check(context, session: session, store: store)
        return try page(session: session, reference: reference, party: party, message: nil, problem: nil, status: .ok)
    }

    private func send(request: Request, context: TripactRequestContext, session: TripactStore.Session) async throws -> Response {
        let (reference, party) = try AgreementAccess.check(context, session: session, store: store)
        let form = try await FormDecoding.decode(SendForm.self, request: request, context: context)
        try FormDecoding.requireCSRF(form._csrf, session: session)
        return try sendOrExplain(session: session, reference: reference, party: party, message: form.message ?? "")
    }

    /// Sends the draft and answers with the agreement; on a refusal (an approval waiting, items to settle, a draft
    /// changed meanwhile, an empty draft) answers with the review page, the reason at its top and the message kept.
    func sendOrExplain(session: TripactStore.Session, reference: String, party: PartyRole, message: String) throws -> Response {
        do {
            try store.sendDraft(reference, by: session.user.email, message: message)
        } catch {
            let answer = error.answer
            return try page(
                session: session, reference: reference, party: party, message: message, problem: answer.message,
                status: HTTPResponse.Status(code: answer.status)
            )
        }
        return .redirect(to: SiteRoute.agreement.link(reference), type: .normal)
    }

    private func discard(request: Request, context: TripactRequestContext, session: TripactStore.Session) async throws -> Response {
        let (reference, _) = try AgreementAccess.check(context, session: session, store: store)
        let form = try await FormDecoding.decode(SendForm.self, request: request, context: context)
        try FormDecoding.requireCSRF(form._csrf, session: session)
        try store.discardDraft(reference, by: session.user.email)
        return .redirect(to: SiteRoute.agreement.link(reference), type: .normal)
    }

    private func settle(request: Request, context: TripactRequestContext, session: TripactStore.Session) async throws -> Response {
        let (reference, _) = try AgreementAccess.check(context, session: session, store: store)
        let form = try await FormDecoding.decode(SettleForm.self, request: request, context: context)
        try FormDecoding.requireCSRF(form._csrf, session: session)
        guard let item = form.item, !item.isEmpty, let take = form.take, take == "theirs" || take == "mine" else {
            throw HTTPError(.badRequest, message: "take: choose the other side's version or yours")
        }
        try store.settleDraftConflict(reference, item: ItemKey(rawValue: item), takeTheirs: take == "theirs", by: session.user.email)
        return .redirect(to: SiteRoute.draft.link(reference, fragment: "conflicts"), type: .normal)
    }

    private func page(
        session: TripactStore.Session, reference: String, party: PartyRole, message: String?, problem: String?, status: HTTPResponse.Status
    ) throws -> Response {
        let model = try DraftPage.Model.load(
            store: store, library: configuration.library, session: session, reference: reference, party: party, message: message, problem: problem
        )
        return DraftPage.View(model: model).page(session: session).response(status: status, session: session)
    }
}
