import Foundation
import HTTPTypes
import Hummingbird
import TripactCore
import TripactStore

/// One item of an agreement, whatever its kind (a party, a part of Annex II, a measure, a subprocessor, the assistance
/// measures, Annex V, the terms, a clause): its page (`ItemPage`), its comments, accept and reject.
/// Rejecting needs a reason, which is kept as a comment; it names the version reviewed, so a moved head answers 409.
struct ItemController {
    let store: TripactStore
    let configuration: WebConfiguration

    struct DecisionForm: Decodable {
        let _csrf: String?
        let version: Int?
        let reason: String?
        let back: String?
    }

    func register(on router: Routes) {
        router.get(.item) { _, context, session in try show(context: context, session: session) }
        router.post(.itemComments) { request, context, session in try await comment(request: request, context: context, session: session) }
        router.post(.itemAccept) { request, context, session in try await accept(request: request, context: context, session: session) }
        router.post(.itemReject) { request, context, session in try await reject(request: request, context: context, session: session) }
    }

    /// The page of an item; a clause's page is its form, which carries the same negotiation controls ("clause").
    static func path(_ reference: String, _ key: ItemKey, back: String? = nil) -> String {
        back == "clause" && key.kind == "clause" ? SiteRoute.clause.link(reference, key.name) : SiteRoute.item.link(reference, key.rawValue)
    }

    /// The reference and party, after the access check, and the item's key (percent-decoded from the path).
    private func load(_ context: TripactRequestContext, session: TripactStore.Session) throws -> (String, PartyRole, ItemKey) {
        let (reference, party) = try AgreementAccess.check(context, session: session, store: store)
        let raw = try context.pathParameter("item")
        return (reference, party, ItemKey(rawValue: raw.removingPercentEncoding ?? raw))
    }

    private func show(context: TripactRequestContext, session: TripactStore.Session) throws -> Response {
        let (reference, party, key) = try load(context, session: session)
        let model = try ItemPage.Model.load(store: store, session: session, reference: reference, party: party, key: key)
        return ItemPage.View(model: model).page(session: session).response(session: session)
    }

    private func comment(request: Request, context: TripactRequestContext, session: TripactStore.Session) async throws -> Response {
        let (reference, _, key) = try load(context, session: session)
        let form = try await FormDecoding.decode(ClauseController.CommentForm.self, request: request, context: context)
        try FormDecoding.requireCSRF(form._csrf, session: session)
        let body = (form.body ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        guard !body.isEmpty, !TextLimit.exceeds(body, ClauseController.maximumTextLength) else {
            throw HTTPError(.unprocessableContent, message: "a comment needs between 1 and \(ClauseController.maximumTextLength) characters; nothing was saved")
        }
        try store.comment(on: reference, item: key, body: body, by: session.user.email, isInternal: form.internal == "yes")
        return .redirect(to: SiteRoute.item.link(reference, key.rawValue, fragment: "comments"), type: .normal)
    }

    private func accept(request: Request, context: TripactRequestContext, session: TripactStore.Session) async throws -> Response {
        let (reference, _, key) = try load(context, session: session)
        let form = try await FormDecoding.decode(DecisionForm.self, request: request, context: context)
        try FormDecoding.requireCSRF(form._csrf, session: session)
        guard let version = form.version else { throw HTTPError(.badRequest, message: "the form does not say which version you reviewed") }
        try store.accept([key], on: reference, by: session.user.email, expectedHead: version)
        return .redirect(to: Self.path(reference, key, back: form.back), type: .normal)
    }

    private func reject(request: Request, context: TripactRequestContext, session: TripactStore.Session) async throws -> Response {
        let (reference, party, key) = try load(context, session: session)
        let form = try await FormDecoding.decode(DecisionForm.self, request: request, context: context)
        try FormDecoding.requireCSRF(form._csrf, session: session)
        try session.user.requireNegotiator("reject items")
        guard let version = form.version else { throw HTTPError(.badRequest, message: "the form does not say which version you reviewed") }
        let reason = (form.reason ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        var problem: String?
        if reason.isEmpty { problem = "give the reason for rejecting: what should the other side change?" }
        if TextLimit.exceeds(reason, ItemNegotiationView.maximumReasonLength) { problem = "at most \(ItemNegotiationView.maximumReasonLength) characters" }
        if let problem {
            let model = try ItemPage.Model.load(store: store, session: session, reference: reference, party: party, key: key, reason: reason, reasonError: problem)
            return ItemPage.View(model: model).page(session: session).response(status: .unprocessableContent, session: session)
        }
        do {
            try store.reject(key, on: reference, reason: reason, by: session.user.email, expectedHead: version)
        } catch {
            guard case .staleBase(_, _, let head) = error else { throw error }
            let model = try ItemPage.Model.load(
                store: store, session: session, reference: reference, party: party, key: key, reason: reason,
                staleRejection: ItemPage.Model.StaleRejection(head: head, opened: version)
            )
            return ItemPage.View(model: model).page(session: session).response(status: .conflict, session: session)
        }
        return .redirect(to: Self.path(reference, key, back: form.back), type: .normal)
    }
}
