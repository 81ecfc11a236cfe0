import Hummingbird
import TripactCore
import TripactStore

/// The negotiation part of an item's page, shared by the item page and the clause form: the item's state, accept and
/// reject (with a reason) for those who negotiate, and the comment thread with its form for every user of a party.
struct ItemNegotiationView {
    /// The reader's role proposes changes (admins and legal users); with an unsigned agreement, accept and reject show.
    let mayPropose: Bool
    let reference: String
    let party: PartyRole
    let key: ItemKey
    let state: ItemState?
    let head: Int
    let status: AgreementStatus
    let comments: [CommentEntry]
    /// The rejections of this item that stand.
    let disputes: [Dispute]
    /// Where the comment form posts (the clause form keeps its own route).
    let commentAction: String
    /// Where accept and reject return to: "clause" for the clause form, otherwise the item page.
    let back: String
    var reason = ""
    var reasonError: String?

    static let maximumReasonLength = 2_000

    /// Writes the state, the forms and the thread; the session only for the forms' CSRF fields.
    func render(into page: inout Page, session: TripactStore.Session) {
        let mayNegotiate = mayPropose && status != .signed
        page.raw("<h2 id=\"negotiation\">Negotiation</h2><p>State on version \(head): <strong id=\"item-state\">")
        page.text(state.map { $0.isRemoval ? "removal " + $0.label : $0.label } ?? "not in this version")
        page.raw("</strong>")
        for dispute in disputes { Self.writeDispute(&page, dispute, shortened: false) }
        page.raw("</p>")
        if mayNegotiate, let state {
            page.raw("<div class=\"actions\">")
            if !state.acceptedBy.contains(party) {
                page.raw("<form method=\"post\" action=\"\(SiteRoute.itemAccept.link(reference, key.rawValue))\">")
                page.csrf(session)
                page.raw("<input type=\"hidden\" name=\"version\" value=\"\(head)\"><input type=\"hidden\" name=\"back\" value=\"")
                page.text(back)
                page.raw("\">")
                page.raw("<button type=\"submit\">Accept for the \(party.rawValue)</button></form>")
            }
            page.raw("</div><form method=\"post\" action=\"\(SiteRoute.itemReject.link(reference, key.rawValue))\" class=\"reject\">")
            page.csrf(session)
            page.raw("<input type=\"hidden\" name=\"version\" value=\"\(head)\"><input type=\"hidden\" name=\"back\" value=\"")
            page.text(back)
            page.raw("\">")
            let invalid: Markup = reasonError != nil ? " aria-invalid=\"true\" aria-describedby=\"reason-error\"" : ""
            page.raw("<label for=\"reason\">Reject for the \(party.rawValue): your reason (it becomes a comment on this item)</label>")
            page.raw("<textarea id=\"reason\" name=\"reason\" rows=\"3\" cols=\"60\" maxlength=\"\(Self.maximumReasonLength)\" required")
            page.raw(invalid)
            page.raw(">")
            page.text(reason)
            page.raw("</textarea>")
            if let reasonError {
                page.raw("<p class=\"error\" id=\"reason-error\">")
                page.text(reasonError)
                page.raw("</p>")
            }
            page.raw("<p><button type=\"submit\">Reject</button></p></form>")
        }
        page.raw("<h2 id=\"comments\">Comments</h2>")
        if comments.isEmpty { page.raw("<p>No comments yet.</p>") }
        for comment in comments {
            if comment.isInternal {
                page.raw("<article class=\"comment internal\"><p class=\"internal-mark\"><strong>Internal</strong> — only your organisation sees this comment</p><p><strong>")
            } else {
                page.raw(comment.isRejection ? "<article class=\"comment rejection\"><p><strong>" : "<article class=\"comment\"><p><strong>")
            }
            page.text(comment.authorName)
            page.raw("</strong> <small>")
            page.text((comment.isRejection ? "rejected on version \(comment.version), " : "on version \(comment.version), ") + comment.createdAt)
            page.raw("</small></p><p>")
            page.text(comment.body)
            page.raw("</p></article>")
        }
        page.raw("<form method=\"post\" action=\"")
        page.text(commentAction)
        page.raw("\">")
        page.csrf(session)
        page.raw("<label for=\"comment\">Add a comment</label><textarea id=\"comment\" name=\"body\" rows=\"3\" cols=\"60\" maxlength=\"\(ClauseController.maximumTextLength)\" required></textarea>")
        page.raw("<p><label><input type=\"checkbox\" name=\"internal\" value=\"yes\"> Internal: only your organisation sees it, never the other side</label></p>")
        page.raw("<p><button type=\"submit\">Comment</button></p></form>")
    }

    /// "— rejected by Paul Martin for the processor on version 3: reason", after the item's state; the reason is cut to
    /// a line where the items are listed.
    static func writeDispute(_ page: inout Page, _ dispute: Dispute, shortened: Bool) {
        let reason = shortened && dispute.reason.count > 140 ? dispute.reason.prefix(140) + "…" : dispute.reason
        page.raw(" <span class=\"warning dispute\">— rejected by ")
        page.text("\(dispute.authorName) for the \(dispute.party.rawValue) on version \(dispute.version): \(reason)")
        page.raw("</span>")
    }
}
