import Foundation
import HTTPTypes
import Hummingbird
import TripactCore
import TripactStore

/// "Review and send" (`/agreements/:reference/draft`): the side's private draft against the head as a redline, who on
/// the side edited what, the items both sides changed to settle, and the cover message with Send and Discard. Only the
/// side's own users reach it; the other side gets the same 404 as for an agreement it is not party to.
struct DraftController {
    let store: TripactStore
    let configuration: WebConfiguration

    static func path(_ reference: String) -> String { "/agreements/\(AgreementController.path(reference))/draft" }

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
        router.get("agreements/:reference/draft") { _, context in try show(context: context) }
        router.post("agreements/:reference/draft/send") { request, context in try await send(request: request, context: context) }
        router.post("agreements/:reference/draft/discard") { request, context in try await discard(request: request, context: context) }
        router.post("agreements/:reference/draft/settle") { request, context in try await settle(request: request, context: context) }
    }

    private func show(context: TripactRequestContext) throws -> Response {
        guard let (session, reference, party) = try AgreementAccess.check(context, store: store) else { return .redirect(to: "/login", type: .normal) }
        return try page(session: session, reference: reference, party: party, message: nil, problem: nil, status: .ok)
    }

    private func send(request: Request, context: TripactRequestContext) async throws -> Response {
        guard let (session, reference, party) = try AgreementAccess.check(context, store: store) else { return .redirect(to: "/login", type: .normal) }
        let form = try await FormDecoding.decode(SendForm.self, request: request, context: context)
        try FormDecoding.requireCSRF(form._csrf, session: session)
        let message = form.message ?? ""
        return try sendOrExplain(session: session, reference: reference, party: party, message: message)
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
        return .redirect(to: "/agreements/\(AgreementController.path(reference))", type: .normal)
    }

    private func discard(request: Request, context: TripactRequestContext) async throws -> Response {
        guard let (session, reference, _) = try AgreementAccess.check(context, store: store) else { return .redirect(to: "/login", type: .normal) }
        let form = try await FormDecoding.decode(SendForm.self, request: request, context: context)
        try FormDecoding.requireCSRF(form._csrf, session: session)
        try store.discardDraft(reference, by: session.user.email)
        return .redirect(to: "/agreements/\(AgreementController.path(reference))", type: .normal)
    }

    private func settle(request: Request, context: TripactRequestContext) async throws -> Response {
        guard let (session, reference, _) = try AgreementAccess.check(context, store: store) else { return .redirect(to: "/login", type: .normal) }
        let form = try await FormDecoding.decode(SettleForm.self, request: request, context: context)
        try FormDecoding.requireCSRF(form._csrf, session: session)
        guard let item = form.item, !item.isEmpty, let take = form.take, take == "theirs" || take == "mine" else {
            throw HTTPError(.badRequest, message: "take: choose the other side's version or yours")
        }
        try store.settleDraftConflict(reference, item: ItemKey(rawValue: item), takeTheirs: take == "theirs", by: session.user.email)
        return .redirect(to: Self.path(reference) + "#conflicts", type: .normal)
    }

    private func page(
        session: TripactStore.Session, reference: String, party: PartyRole, message: String?, problem: String?, status: HTTPResponse.Status
    ) throws -> Response {
        let head = try store.version(reference)
        let draft = try store.draft(reference, for: session.user.email)
        var page = Page(title: "Review and send your turn")
        let agreement = "/agreements/\(AgreementController.path(reference))"
        page.raw("<p><a href=\"\(agreement)\">Back to the agreement</a></p>")
        if let problem {
            page.raw("<div class=\"error\" role=\"alert\"><p>")
            page.text(problem)
            page.raw("</p></div>")
        }
        guard let draft, !draft.changes.isEmpty || !draft.conflicts.isEmpty || !draft.comments.isEmpty else {
            page.raw("<p>")
            page.text("Your side has no changes waiting to be sent on version \(head.number). Edit a clause or an annex: what you save goes into your side's draft, which only your organisation sees, until you send it here.")
            page.raw("</p>")
            if draft != nil, session.user.role.mayPropose { writeDiscard(&page, reference: reference, session: session) }
            return page.response(status: status, session: session)
        }
        let labels = ItemLabels(document: draft.document, library: configuration.library)
        let headLabels = ItemLabels(document: head.document, library: configuration.library)
        page.raw("<p>")
        page.text(
            "Your side's draft, prepared on version \(head.number): \(draft.changes.count == 1 ? "1 item edited" : "\(draft.changes.count) items edited"). "
                + "Only your organisation sees it; the other side sees it when you send it, as version \(head.number + 1)."
        )
        page.raw("</p>")
        if !draft.conflicts.isEmpty { writeConflicts(&page, draft: draft, head: head, reference: reference, session: session, labels: labels) }

        page.raw("<h2 id=\"changes\">What your turn changes</h2>")
        let diff = AgreementDiffer.diff(
            head.document, draft.document, library: configuration.library, oldLabel: "version \(head.number)", newLabel: "your draft",
            playbook: try store.playbook(organisationID: session.user.organisationID, side: party, library: configuration.library)
        )
        RedlineView(
            reference: reference, from: head.number, to: head.number + 1, diff: diff, mode: .changes, newLabels: labels, oldLabels: headLabels
        ).writeChangeCards(&page, edited: Set(draft.changes))

        page.raw("<h2 id=\"edits\">Who edited what</h2>")
        if draft.edits.isEmpty {
            page.raw("<p>The draft was carried over from an earlier version; nobody has edited it since.</p>")
        } else {
            page.raw("<div class=\"table-wrap\"><table id=\"draft-edits\"><thead><tr><th scope=\"col\">When</th><th scope=\"col\">Who</th><th scope=\"col\">What</th><th scope=\"col\">Note</th></tr></thead><tbody>")
            for edit in draft.edits {
                page.raw("<tr><td>")
                page.text(String(edit.at.prefix(16)).replacingOccurrences(of: "T", with: " "))
                page.raw("</td><td>")
                page.text(edit.editorName)
                page.raw("</td><td>")
                page.text(labels.label(edit.item))
                page.raw("</td><td>")
                page.text(edit.note)
                page.raw("</td></tr>")
            }
            page.raw("</tbody></table></div>")
        }
        writeHeldComments(&page, draft: draft, labels: labels)
        guard session.user.role.mayPropose else {
            page.raw("<p class=\"note\" role=\"note\">")
            page.text("You read this draft as \(session.user.role.rawValue): only admin and legal users send or discard it.")
            page.raw("</p>")
            return page.response(status: status, session: session)
        }
        page.raw("<h2 id=\"send\">Send</h2><form method=\"post\" action=\"\(Self.path(reference))/send\">")
        page.csrf(session)
        page.raw("<p><label for=\"message\">Cover message to the other side</label>")
        if problem != nil, (message ?? "").trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
            page.raw("<span class=\"error\" id=\"message-error\">say what this turn changes and why</span>")
        }
        page.raw("<textarea id=\"message\" name=\"message\" rows=\"4\" maxlength=\"2000\">")
        page.text(message ?? Self.suggestedMessage(draft))
        page.raw("</textarea></p>")
        let sends = draft.changes.isEmpty ? "Post the Word comments on version \(head.number)" : "Send version \(head.number + 1) to the other side"
        page.raw("<p><button type=\"submit\"\(draft.conflicts.isEmpty ? "" : " disabled")>\(sends)</button>")
        if !draft.conflicts.isEmpty { page.raw(" <small>Settle the items both sides changed first.</small>") }
        page.raw("</p></form>")
        writeDiscard(&page, reference: reference, session: session)
        return page.response(status: status, session: session)
    }

    /// The Word comments a returned DOCX brought into the draft: the other side reads them once the turn is sent.
    private func writeHeldComments(_ page: inout Page, draft: Draft, labels: ItemLabels) {
        guard !draft.comments.isEmpty else { return }
        page.raw("<h2 id=\"held-comments\">Word comments to post when you send</h2><p>")
        page.text("Imported with a returned Word document and held with the draft: sending posts each on its item; discarding the draft drops them.")
        page.raw("</p><div class=\"table-wrap\"><table id=\"draft-comments\"><thead><tr><th scope=\"col\">On</th><th scope=\"col\">Comment</th><th scope=\"col\">Imported by</th></tr></thead><tbody>")
        for comment in draft.comments {
            page.raw("<tr><td>")
            page.text(comment.item.map { labels.label($0) } ?? "The agreement")
            page.raw("</td><td>")
            page.text(comment.body)
            page.raw("</td><td>")
            page.text(comment.importerName)
            page.raw("</td></tr>")
        }
        page.raw("</tbody></table></div>")
    }

    private func writeDiscard(_ page: inout Page, reference: String, session: TripactStore.Session) {
        page.raw("<form method=\"post\" action=\"\(Self.path(reference))/discard\" class=\"discard\">")
        page.csrf(session)
        page.raw("<p><button type=\"submit\">Discard your side's draft</button> <small>Every edit in it is thrown away; the agreement stays as it is.</small></p></form>")
    }

    /// Each item both sides changed: the head's words beside the draft's, and the two ways to settle it.
    private func writeConflicts(_ page: inout Page, draft: Draft, head: Version, reference: String, session: TripactStore.Session, labels: ItemLabels) {
        let theirs = AgreementFacts(document: head.document, library: configuration.library).itemTexts()
        let ours = AgreementFacts(document: draft.document, library: configuration.library).itemTexts()
        page.raw("<section id=\"conflicts\" aria-labelledby=\"conflicts-heading\"><h2 id=\"conflicts-heading\">")
        page.text(draft.conflicts.count == 1 ? "1 item both sides changed" : "\(draft.conflicts.count) items both sides changed")
        page.raw("</h2><p>")
        page.text("The other side changed these items in version \(head.number) while your draft changed them too. Nothing is lost: choose which words your turn sends.")
        page.raw("</p>")
        for (index, key) in draft.conflicts.enumerated() {
            page.raw("<div class=\"conflict\" id=\"conflict-\(index + 1)\"><h3>")
            page.text(labels.label(key))
            page.raw("</h3><div class=\"side-by-side\"><div><h4>")
            page.text("Theirs, in version \(head.number)")
            page.raw("</h4>")
            writeParagraphs(&page, theirs[key])
            page.raw("</div><div><h4>Yours, in the draft</h4>")
            writeParagraphs(&page, ours[key])
            page.raw("</div></div>")
            if session.user.role.mayPropose {
                for (take, words) in [("theirs", "Take theirs"), ("mine", "Keep mine")] {
                    page.raw("<form class=\"inline\" method=\"post\" action=\"\(Self.path(reference))/settle\">")
                    page.csrf(session)
                    page.raw("<input type=\"hidden\" name=\"item\" value=\"")
                    page.text(key.rawValue)
                    page.raw("\"><input type=\"hidden\" name=\"take\" value=\"\(take)\"><button type=\"submit\" aria-label=\"")
                    page.text("\(words): \(labels.label(key))")
                    page.raw("\">\(words)</button></form> ")
                }
            }
            page.raw("</div>")
        }
        page.raw("</section>")
    }

    private func writeParagraphs(_ page: inout Page, _ paragraphs: [String]?) {
        guard let paragraphs, !paragraphs.isEmpty else {
            page.raw("<p><em>Not in the agreement.</em></p>")
            return
        }
        for paragraph in paragraphs {
            page.raw("<p>")
            page.text(paragraph)
            page.raw("</p>")
        }
    }

    /// The editors' notes, each once, as a first cover message the sender can rewrite.
    static func suggestedMessage(_ draft: Draft) -> String {
        var seen = Set<String>()
        let notes = draft.edits.map(\.note).filter { !$0.isEmpty && seen.insert($0).inserted }
        return notes.joined(separator: "; ")
    }
}
