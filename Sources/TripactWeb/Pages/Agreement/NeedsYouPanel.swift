import TripactCore
import TripactStore

/// "What needs you" on the agreement page, for the viewing user's side: the items awaiting its acceptance, the
/// disputes and their reasons, open notices with their deadlines, evidence to renew, validation errors and a
/// signature due, each a link to its place. It depends on the side, the kind of user (action buttons), the day and
/// the database's state, which is what the overview's cache key holds.
struct NeedsYouPanel {
    /// One thing that needs the side, and where it is dealt with.
    struct Entry {
        let title: String
        let href: String
        /// The sentence after the link: a reason, a deadline, a date.
        var detail: String? = nil
        /// For an item awaiting acceptance: its key, for the accept button.
        var key: ItemKey? = nil
    }

    let reference: String
    let party: PartyRole
    let head: Int
    let awaiting: [Entry]
    let disputes: [Entry]
    let notices: [Entry]
    let evidence: [Entry]
    let errors: [Entry]
    let signature: Entry?
    /// The side's private draft, when it changes something: "Your draft: N changes — review and send".
    var draft: Entry? = nil

    var isEmpty: Bool { awaiting.isEmpty && disputes.isEmpty && notices.isEmpty && evidence.isEmpty && errors.isEmpty && signature == nil && draft == nil }

    /// Writes the panel; `actions` adds accept buttons (admin and legal users on an unsigned agreement).
    func write(_ page: inout Page, session: TripactStore.Session, actions: Bool) {
        page.raw("<section class=\"needs-you\" aria-labelledby=\"needs-you\"><h2 id=\"needs-you\">")
        page.text("What needs the \(party.rawValue)")
        page.raw("</h2>")
        guard !isEmpty else {
            page.raw("<p class=\"ok\">")
            page.text("Nothing needs your side on this agreement now.")
            page.raw("</p></section>")
            return
        }
        if let draft {
            page.raw("<p class=\"draft-waiting\" id=\"needs-draft\"><a href=\"")
            page.text(draft.href)
            page.raw("\">")
            page.text(draft.title)
            page.raw("</a>")
            if let detail = draft.detail { page.text(" (\(detail))") }
            page.raw("</p>")
        }
        if let signature {
            page.raw("<p class=\"signature-due\"><a href=\"")
            page.text(signature.href)
            page.raw("\">")
            page.text(signature.title)
            page.raw("</a></p>")
        }
        if awaiting.isEmpty, signature == nil { page.raw("<p>No item awaits your side's acceptance.</p>") }
        list(&page, id: "needs-items", heading: awaiting.count == 1 ? "1 item awaits your side" : "\(awaiting.count) items await your side", awaiting) { page, entry in
            guard actions, let key = entry.key else { return }
            page.raw(" <form class=\"inline\" method=\"post\" action=\"\(SiteRoute.accept.link(reference))\">")
            page.csrf(session)
            page.raw("<input type=\"hidden\" name=\"version\" value=\"\(head)\"><input type=\"hidden\" name=\"item\" value=\"")
            page.text(key.rawValue)
            page.raw("\"><button type=\"submit\" aria-label=\"Accept ")
            page.text(entry.title)
            page.raw("\">Accept</button></form>")
        }
        list(&page, id: "needs-disputes", heading: disputes.count == 1 ? "1 dispute" : "\(disputes.count) disputes", disputes)
        list(&page, id: "needs-notices", heading: notices.count == 1 ? "1 open notice" : "\(notices.count) open notices", notices)
        list(&page, id: "needs-evidence", heading: evidence.count == 1 ? "1 piece of evidence to renew" : "\(evidence.count) pieces of evidence to renew", evidence)
        list(&page, id: "needs-errors", heading: errors.count == 1 ? "1 validation error" : "\(errors.count) validation errors", errors)
        page.raw("</section>")
    }

    private func list(_ page: inout Page, id: String, heading: String, _ entries: [Entry], after: (inout Page, Entry) -> Void = { _, _ in }) {
        guard !entries.isEmpty else { return }
        page.raw("<h3 id=\"\(id)\">")
        page.text(heading)
        page.raw("</h3><ul aria-labelledby=\"\(id)\">")
        for entry in entries {
            page.raw("<li><a href=\"")
            page.text(entry.href)
            page.raw("\">")
            page.text(entry.title)
            page.raw("</a>")
            if let detail = entry.detail { page.text(": \(detail)") }
            after(&page, entry)
            page.raw("</li>")
        }
        page.raw("</ul>")
    }
}

extension NeedsYouPanel {
    /// The panel from what the overview has already loaded.
    init(
        reference: String, party: PartyRole, summary: AgreementSummary, head: Version, states: [ItemState], disputes: [Dispute], notices: [NoticeEntry],
        registers: RegisterSnapshot, findings: [Finding], signatures: [SignatureEntry], labels: ItemLabels, maySign: Bool
    ) {
        func place(_ key: ItemKey) -> String {
            key.kind == "clause" ? SiteRoute.clause.link(reference, key.name) : SiteRoute.item.link(reference, key.rawValue)
        }
        self.reference = reference
        self.party = party
        self.head = head.number
        awaiting = summary.status == .signed ? [] : states.filter { !$0.acceptedBy.contains(party) }.map { state in
            Entry(title: labels.label(state.key), href: state.isRemoval ? SiteRoute.item.link(reference, state.key.rawValue) : place(state.key), key: state.key)
        }
        self.disputes = disputes.map { dispute in
            let who = dispute.party == party ? "your side" : "the \(dispute.party.rawValue)"
            return Entry(title: labels.label(dispute.item), href: place(dispute.item), detail: "rejected by \(who) (\(dispute.authorName)) on version \(dispute.version): “\(dispute.reason)”")
        }
        self.notices = notices.filter { $0.status.isOpen }.map { notice in
            Entry(title: "Notice \(notice.id)", href: SiteRoute.notice.link(String(notice.id)), detail: "\(notice.summary); \(notice.status.label), \(notice.deadlineLabel) \(notice.respondBy.label)")
        }
        evidence = RegisterFindings.evidenceDue(head.document, registers: registers).map { due in
            let item = due.evidence
            let left = due.daysLeft
            let when = left < 0 ? "expired on \(due.expires.label)" : left == 0 ? "expires today" : "expires on \(due.expires.label), in \(left) day\(left == 1 ? "" : "s")"
            let measure = ItemKey(rawValue: "measure:\(due.measure)")
            // The processor renews it in its register; the controller follows the measure it stands behind.
            let href = party == .processor ? SiteRoute.measureRegister.link() : place(measure)
            return Entry(title: "\(item.title) behind \(labels.label(measure))", href: href, detail: "\(item.issuer), \(item.reference), \(when)")
        }
        let words = FindingWords(document: head.document, library: labels.library, labels: labels)
        errors = findings.filter { $0.severity == .error }.map { finding in
            Entry(title: words.message(finding), href: Self.place(of: finding.path, in: head.document, reference: reference))
        }
        if summary.status == .agreed, !signatures.contains(where: { $0.party == party }) {
            // Those who sign go to the confirmation page; the others to the signatures on this page.
            signature = Entry(
                title: "Version \(head.number) is agreed by both parties and awaits the \(party.rawValue)'s signature",
                href: maySign ? SiteRoute.sign.link(reference, query: ["version": String(head.number)]) : "#signatures"
            )
        } else {
            signature = nil
        }
    }

    /// Where a finding is put right: the form or item its path points into, else the validation list on the page.
    static func place(of path: String, in document: AgreementDocument, reference: String) -> String {
        func index(after prefix: String) -> Int? {
            guard path.hasPrefix(prefix + "[") else { return nil }
            return Int(path.dropFirst(prefix.count + 1).prefix { $0.isNumber })
        }
        if let i = index(after: "clauses"), document.clauses.indices.contains(i) {
            return SiteRoute.clause.link(reference, document.clauses[i].clause.rawValue)
        }
        if let i = index(after: "measures"), document.measures.indices.contains(i) {
            return SiteRoute.item.link(reference, "measure:\(document.measures[i].id)")
        }
        if let i = index(after: "subprocessors"), document.subprocessors.indices.contains(i) {
            return SiteRoute.item.link(reference, "subprocessor:\(document.subprocessors[i].id)")
        }
        let forms: [(String, SiteRoute)] = [
            ("parties.", .parties), ("processing.deliveryLocations", .locations), ("processing.", .annex2), ("measures", .measures),
            ("subprocessors", .subprocessors), ("consumerObligations", .consumer), ("assistanceMeasures", .assistance), ("effectiveDate", .terms),
        ]
        if let form = forms.first(where: { path.hasPrefix($0.0) }) { return form.1.link(reference) }
        return SiteRoute.agreement.link(reference, fragment: "validation")
    }
}
