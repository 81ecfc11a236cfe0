import Foundation
import Hummingbird
import TripactCore
import TripactStore

/// Selective acceptance: the checked items, whole annexes, or everything except the checked items, confirmed on a
/// page that lists what will be accepted in words before anything changes.
extension AgreementController {
    struct AcceptReviewForm: Decodable {
        let _csrf: String?
        let version: Int?
        /// `only` (the checked items) or `except` (everything but them).
        let mode: String?
        let items: [String]?
    }

    /// The selection form under the items of the overview: a checkbox per item still open for the reader's side (the
    /// boxes sit in the table and belong to this form by its id), one per part of the agreement, and the two ways to go on.
    static func writeSelectionForm(_ page: inout Page, reference: String, head: Int, states: [ItemState], party: PartyRole, session: TripactStore.Session) {
        let open = states.filter { !$0.acceptedBy.contains(party) }
        guard !open.isEmpty else { return }
        page.raw("<form id=\"select-items\" method=\"post\" action=\"/agreements/\(path(reference))/accept/review\" class=\"selection\">")
        page.csrf(session)
        page.raw("<input type=\"hidden\" name=\"version\" value=\"\(head)\">")
        page.raw("<fieldset><legend>Accept several items at once</legend><p>Check items in the margins of the agreement above, or whole parts here, then choose.</p><ul class=\"checks\">")
        let kinds = Set(open.map(\.key.kind))
        for group in AcceptanceSelection.groups where !group.kinds.isDisjoint(with: kinds) {
            page.raw("<li><label><input type=\"checkbox\" name=\"items[]\" value=\"\(group.name)\"> ")
            page.text(group.label)
            page.raw("</label></li>")
        }
        page.raw("</ul><button type=\"submit\" name=\"mode\" value=\"only\">Review: accept the checked items</button> ")
        page.raw("<button type=\"submit\" name=\"mode\" value=\"except\">Review: accept everything except the checked items</button></fieldset></form>")
    }

    /// The checkbox of one item in the overview's table, tied to the selection form.
    static func writeSelectionBox(_ page: inout Page, key: ItemKey, label: String) {
        page.raw("<input type=\"checkbox\" form=\"select-items\" name=\"items[]\" value=\"")
        page.text(key.rawValue)
        page.raw("\" aria-label=\"Select ")
        page.text(label)
        page.raw("\"> ")
    }

    /// What the selection covers, in words, with the button that accepts exactly that. Nothing changes here.
    func reviewAcceptance(request: Request, context: TripactRequestContext) async throws -> Response {
        guard let session = context.session else { return .redirect(to: "/login", type: .normal) }
        let form = try await FormDecoding.decode(AcceptReviewForm.self, request: request, context: context)
        try FormDecoding.requireCSRF(form._csrf, session: session)
        guard let access = try AgreementAccess.check(context, store: store) else { throw StoreError.notAParty(user: session.user.email, agreement: "") }
        let (reference, party) = (access.reference, access.party)
        try session.user.requireNegotiator("accept items")
        guard let version = form.version else { throw HTTPError(.badRequest, message: "the form does not say which version you reviewed") }
        guard try store.agreement(reference).status != .signed else {
            throw StoreError.notPermitted("this agreement is signed; propose an amendment instead")
        }
        let head = try store.version(reference)
        guard version == head.number else { throw StoreError.staleBase(agreement: reference, base: version, head: head.number) }
        let states = try store.itemStates(reference)
        let names = form.items ?? []
        let labels = ItemLabels(document: head.document, library: configuration.library)
        let selection: AcceptanceSelection = form.mode == "except" ? .except(names) : .only(names)
        var page = Page(title: "Review what you accept")
        page.raw("<p><a href=\"/agreements/\(Self.path(reference))\">Back to the agreement</a></p>")
        if case .only = selection, names.isEmpty {
            page.raw("<p class=\"error\" role=\"alert\">Check at least one item or part to accept, then review again.</p>")
            return page.response(status: .unprocessableContent, session: session)
        }
        let summary: AcceptanceSummary
        switch AcceptanceSummary.of(selection, states: states, party: party, version: head.number) {
        case .success(let made): summary = made
        case .failure(let unknown): throw StoreError.unknownItem(agreement: reference, item: unknown.names.joined(separator: "', '"))
        }
        let keys = summary.toAccept
        guard !keys.isEmpty else {
            page.raw("<p class=\"error\" role=\"alert\">")
            page.text(AcceptanceSummary.nothingToAccept)
            page.raw("</p>")
            return page.response(status: .unprocessableContent, session: session)
        }
        page.raw("<p>")
        page.text(summary.introduction)
        page.raw("</p><ul id=\"to-accept\">")
        for key in keys {
            page.raw("<li>")
            page.text(labels.label(key))
            page.raw("</li>")
        }
        page.raw("</ul>")
        if !summary.leftOpen.isEmpty {
            page.raw("<p>")
            page.text(AcceptanceSummary.leftOpenHeading)
            page.raw("</p><ul id=\"left-open\">")
            for key in summary.leftOpen {
                page.raw("<li>")
                page.text(labels.label(key))
                page.raw("</li>")
            }
            page.raw("</ul>")
        }
        page.raw("<form method=\"post\" action=\"/agreements/\(Self.path(reference))/accept\">")
        page.csrf(session)
        page.raw("<input type=\"hidden\" name=\"version\" value=\"\(head.number)\">")
        for key in keys {
            page.raw("<input type=\"hidden\" name=\"items[]\" value=\"")
            page.text(key.rawValue)
            page.raw("\">")
        }
        page.raw("<button type=\"submit\">")
        page.text(summary.confirmation)
        page.raw("</button></form>")
        return page.response(session: session)
    }
}
