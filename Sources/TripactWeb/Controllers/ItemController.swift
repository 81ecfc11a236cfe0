import Foundation
import HTTPTypes
import Hummingbird
import TripactCore
import TripactStore

/// One item of an agreement, whatever its kind (a party, a part of Annex II, a measure, a subprocessor, the assistance
/// measures, Annex V, the terms, a clause): its content, its state, its comment thread, accept and reject.
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
        router.get("agreements/:reference/items/:item") { _, context in try show(context: context) }
        router.post("agreements/:reference/items/:item/comments") { request, context in try await comment(request: request, context: context) }
        router.post("agreements/:reference/items/:item/accept") { request, context in try await accept(request: request, context: context) }
        router.post("agreements/:reference/items/:item/reject") { request, context in try await reject(request: request, context: context) }
    }

    /// The page of an item; a clause's page is its form, which carries the same negotiation controls.
    static func path(_ reference: String, _ key: ItemKey, back: String? = nil) -> String {
        if back == "clause", key.kind == "clause" {
            return "/agreements/\(AgreementController.path(reference))/clauses/\(AgreementController.path(key.name))"
        }
        return "/agreements/\(AgreementController.path(reference))/items/\(AgreementController.path(key.rawValue))"
    }

    /// The form that changes this kind of item, and its label.
    static func editor(_ key: ItemKey) -> (slug: String, label: String)? {
        switch key.kind {
        case "clause": ("clauses/\(AgreementController.path(key.name))", "Change this clause (variant and parameters)")
        case "party": ("parties", "Edit Annex I (parties)")
        case "annex2": key.name == "delivery-locations" ? ("locations", "Edit the delivery locations") : ("annex2", "Edit Annex II")
        case "measure": ("measures", "Edit Annex III (measures)")
        case "annex3": ("assistance", "Edit the assistance measures")
        case "subprocessor": ("subprocessors", "Edit Annex IV (subprocessors)")
        case "annex5": ("consumer", "Edit Annex V")
        case "agreement": ("terms", "Edit the terms")
        case "role": ("annex2", "Edit Annex II (who decides each purpose)")
        case "allocation": ("allocation", "Edit the joint controllers' allocation")
        default: nil
        }
    }

    /// The session, reference, party and the item's key (percent-decoded from the path); nil when nobody is signed in.
    private func load(_ context: TripactRequestContext) throws -> (TripactStore.Session, String, PartyRole, ItemKey)? {
        guard let (session, reference, party) = try AgreementAccess.check(context, store: store) else { return nil }
        let raw = try context.pathParameter("item")
        let key = ItemKey(rawValue: raw.removingPercentEncoding ?? raw)
        return (session, reference, party, key)
    }

    private func show(context: TripactRequestContext) throws -> Response {
        guard let (session, reference, party, key) = try load(context) else { return .redirect(to: "/login", type: .normal) }
        return try page(session: session, reference: reference, party: party, key: key, reason: "", reasonError: nil, note: nil, status: .ok)
    }

    private func comment(request: Request, context: TripactRequestContext) async throws -> Response {
        guard let (session, reference, _, key) = try load(context) else { return .redirect(to: "/login", type: .normal) }
        let form = try await FormDecoding.decode(ClauseController.CommentForm.self, request: request, context: context)
        try FormDecoding.requireCSRF(form._csrf, session: session)
        let body = (form.body ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        guard !body.isEmpty, !TextLimit.exceeds(body, ClauseController.maximumTextLength) else {
            throw HTTPError(.unprocessableContent, message: "a comment needs between 1 and \(ClauseController.maximumTextLength) characters; nothing was saved")
        }
        try store.comment(on: reference, item: key, body: body, by: session.user.email, isInternal: form.internal == "yes")
        return .redirect(to: Self.path(reference, key) + "#comments", type: .normal)
    }

    private func accept(request: Request, context: TripactRequestContext) async throws -> Response {
        guard let (session, reference, _, key) = try load(context) else { return .redirect(to: "/login", type: .normal) }
        let form = try await FormDecoding.decode(DecisionForm.self, request: request, context: context)
        try FormDecoding.requireCSRF(form._csrf, session: session)
        guard let version = form.version else { throw HTTPError(.badRequest, message: "the form does not say which version you reviewed") }
        try store.accept([key], on: reference, by: session.user.email, expectedHead: version)
        return .redirect(to: Self.path(reference, key, back: form.back), type: .normal)
    }

    private func reject(request: Request, context: TripactRequestContext) async throws -> Response {
        guard let (session, reference, party, key) = try load(context) else { return .redirect(to: "/login", type: .normal) }
        let form = try await FormDecoding.decode(DecisionForm.self, request: request, context: context)
        try FormDecoding.requireCSRF(form._csrf, session: session)
        try session.user.requireNegotiator("reject items")
        guard let version = form.version else { throw HTTPError(.badRequest, message: "the form does not say which version you reviewed") }
        let reason = (form.reason ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        var problem: String?
        if reason.isEmpty { problem = "give the reason for rejecting: what should the other side change?" }
        if TextLimit.exceeds(reason, ItemNegotiationView.maximumReasonLength) { problem = "at most \(ItemNegotiationView.maximumReasonLength) characters" }
        if let problem {
            return try page(session: session, reference: reference, party: party, key: key, reason: reason, reasonError: problem, note: nil, status: .unprocessableContent)
        }
        do {
            try store.reject(key, on: reference, reason: reason, by: session.user.email, expectedHead: version)
        } catch {
            guard case .staleBase(_, _, let head) = error else { throw error }
            let note = "<p class=\"error\" role=\"alert\">Version \(head) was proposed after you opened this page (on version \(version)). Nothing was saved. "
                + "Your reason is kept below; check the item on version \(head), then reject again.</p>"
            return try page(session: session, reference: reference, party: party, key: key, reason: reason, reasonError: nil, note: note, status: .conflict)
        }
        return .redirect(to: Self.path(reference, key, back: form.back), type: .normal)
    }

    private func page(
        session: TripactStore.Session, reference: String, party: PartyRole, key: ItemKey, reason: String, reasonError: String?, note: String?,
        status: HTTPResponse.Status
    ) throws -> Response {
        let summary = try store.agreement(reference)
        let head = try store.version(reference)
        guard let state = try store.itemStates(reference).first(where: { $0.key == key }) else {
            throw StoreError.unknownItem(agreement: reference, item: key.rawValue)
        }
        let item = AgreementItems.items(of: head.document).first { $0.key == key }
        var page = Page(title: item?.title ?? "Removed item \(key.rawValue)")
        page.raw("<p><a href=\"/agreements/\(AgreementController.path(reference))\">Back to the agreement</a></p>")
        if let note { page.raw(note) }
        page.raw("<p>Item <code>")
        page.text(key.rawValue)
        page.raw("</code> of version \(head.number).")
        if let editor = Self.editor(key), !state.isRemoval {
            let label = session.user.role.mayPropose ? editor.label : editor.label.replacingOccurrences(of: "Edit ", with: "Read ").replacingOccurrences(of: "Change this clause", with: "Read this clause")
            page.raw(" <a href=\"/agreements/\(AgreementController.path(reference))/\(editor.slug)\">\(label)</a>")
        }
        page.raw("</p>")
        if let item {
            page.raw("<h2>Content</h2><pre class=\"item-content\">")
            page.text(Self.readable(item.canonical))
            page.raw("</pre>")
        } else {
            page.raw("<p>Version \(head.number) removes this item; accepting agrees to the removal.</p>")
        }
        let view = ItemNegotiationView(
            session: session, reference: reference, party: party, key: key, state: state, head: head.number, status: summary.status,
            comments: try store.comments(reference, item: key, visibleTo: session.user.organisationID),
            disputes: try store.disputes(reference).filter { $0.item == key }, commentAction: Self.path(reference, key) + "/comments", back: "item",
            reason: reason, reasonError: reasonError
        )
        view.render(into: &page)
        return page.response(status: status, session: session)
    }

    /// The item's canonical JSON, indented for reading.
    static func readable(_ canonical: Data) -> String {
        guard let object = try? JSONSerialization.jsonObject(with: canonical, options: [.fragmentsAllowed]),
            let data = try? JSONSerialization.data(withJSONObject: object, options: [.prettyPrinted, .sortedKeys, .fragmentsAllowed, .withoutEscapingSlashes])
        else { return String(decoding: canonical, as: UTF8.self) }
        return String(decoding: data, as: UTF8.self)
    }
}
