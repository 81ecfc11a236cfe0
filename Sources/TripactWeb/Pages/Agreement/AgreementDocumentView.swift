import TripactCore
import TripactStore

/// The agreement as the export prints it (Core's renderer, through its annotation hook), with a margin beside each
/// clause and annex item saying where it stands for both sides, what changed since the reader last reviewed, and the
/// ways to act on it; above it, a table of contents with the same marks and the reader's review mark.
///
/// Everything here depends on the version, the reader's side and kind of user, their organisation (comment counts
/// include its internal comments) and the version they reviewed: all in the overview's cache key.
struct AgreementDocumentView {
    let reference: String
    let party: PartyRole
    let head: Version
    let facts: AgreementFacts
    let states: [ItemState]
    let disputes: [Dispute]
    /// The comments the reader's organisation may read.
    let comments: [CommentEntry]
    let labels: ItemLabels
    /// The version the reader last reviewed, if any.
    let reviewed: Int?
    /// The reviewed version against the head; nil when there is nothing to compare.
    let sinceReviewed: AgreementDiff?
    /// Labels of the reviewed version, for items the head no longer has.
    let reviewedLabels: ItemLabels?
    /// Accept, reject and edit offered (admins and legal users, agreement not signed).
    let mayNegotiate: Bool
    /// Items the reader's side changed in its private draft (marked in their margins; never part of the other side's page).
    var draftChanges: Set<ItemKey> = []

    /// Where an item stands, from the reader's side.
    enum Standing: Int, Comparable {
        case agreed, awaitingThem, awaitingYou, disputed

        static func < (a: Standing, b: Standing) -> Bool { a.rawValue < b.rawValue }

        var words: String {
            switch self {
            case .agreed: "agreed"
            case .awaitingThem: "awaiting them"
            case .awaitingYou: "awaiting you"
            case .disputed: "disputed"
            }
        }

        var cssClass: String {
            switch self {
            case .agreed: "agreed"
            case .awaitingThem: "awaiting-them"
            case .awaitingYou: "awaiting-you"
            case .disputed: "disputed"
            }
        }
    }

    private var other: PartyRole { party == .controller ? .processor : .controller }

    func standing(_ state: ItemState) -> Standing {
        if state.isAgreed { return .agreed }
        if state.isDisputed { return .disputed }
        return state.acceptedBy.contains(party) ? .awaitingThem : .awaitingYou
    }

    /// The items changed or added since the reviewed version, with their word redline.
    private var changed: [ItemKey: ItemRedline] {
        guard let diff = sinceReviewed else { return [:] }
        let keys = Set(diff.changes.filter { $0.kind != .removed }.map(\.key))
        var result: [ItemKey: ItemRedline] = [:]
        for line in diff.redline where keys.contains(line.key) { result[line.key] = line }
        return result
    }

    /// Writes the review bar, the contents and the document; the session only for the forms' CSRF fields.
    func write(_ page: inout Page, session: TripactStore.Session) {
        let changed = self.changed
        let byKey = Dictionary(states.map { ($0.key, $0) }, uniquingKeysWith: { first, _ in first })
        let disputesByItem = Dictionary(grouping: disputes, by: \.item)
        let commentCounts = comments.reduce(into: [String: Int]()) { counts, comment in
            if let item = comment.item { counts[item, default: 0] += 1 }
        }
        writeReviewBar(&page, changed: changed, session: session)
        writeContents(&page, byKey: byKey, changed: changed)

        var annotations: [ItemKey: ItemAnnotation] = [:]
        for state in states where !state.isRemoval {
            var margin = Page(title: "")
            if state.key.kind == "role" || state.key.kind == "allocation" {
                // Folded beside a host item (`foldSplitItems`), so it says which role or row it is.
                margin.raw("<p class=\"split-label\"><strong>")
                margin.text(labels.label(state.key))
                margin.raw("</strong></p>")
            }
            writeMargin(&margin, state, session: session, disputes: disputesByItem[state.key] ?? [], comments: commentCounts[state.key.rawValue] ?? 0, change: changed[state.key])
            var replacement: String?
            if state.key.kind == "clause", let line = changed[state.key], line.hasMarks {
                // The clause's own words with the changes marked, in place of its paragraphs (the title line is the heading).
                replacement = DiffHTMLRenderer.wordsFragment(Self.droppingFirstParagraph(line.tokens))
            }
            annotations[state.key] = ItemAnnotation(margin: margin.body, replacement: replacement)
        }
        Self.foldSplitItems(into: &annotations, states: states)
        page.raw("<div class=\"document\" id=\"document\">")
        page.trusted(AgreementRenderer.annotatedBody(facts, annotations: annotations))
        page.raw("</div>")

        let removals = states.filter(\.isRemoval)
        if !removals.isEmpty {
            page.raw("<section class=\"removals\"><h2 id=\"removals\">What version \(head.number) removes</h2>")
            for state in removals {
                page.raw("<div class=\"removal\"><p><strong>")
                page.text(reviewedLabels?.label(state.key) ?? labels.label(state.key))
                page.raw("</strong></p><aside class=\"margin\">")
                writeMargin(&page, state, session: session, disputes: disputesByItem[state.key] ?? [], comments: commentCounts[state.key.rawValue] ?? 0, change: nil)
                page.raw("</aside></div>")
            }
            page.raw("</section>")
        }
    }

    /// A purpose's role and a row of the joint allocation print inside Annex II's purposes and the joint clause: their
    /// margins stand beside those, after the host's own, in the document's order.
    static func foldSplitItems(into annotations: inout [ItemKey: ItemAnnotation], states: [ItemState]) {
        let hosts: [String: ItemKey] = ["role": "annex2:purposes", "allocation": ItemKey(rawValue: "clause:\(JointAllocation.clause.rawValue)")]
        for state in states where !state.isRemoval {
            guard let host = hosts[state.key.kind], let own = annotations.removeValue(forKey: state.key) else { continue }
            var combined = annotations[host] ?? ItemAnnotation(margin: "")
            combined.margin += "<div class=\"split-item\">" + own.margin + "</div>"
            annotations[host] = combined
        }
    }

    /// Which version the reader reviewed, what changed since, and the button that marks the head as reviewed.
    private func writeReviewBar(_ page: inout Page, changed: [ItemKey: ItemRedline], session: TripactStore.Session) {
        page.raw("<section class=\"review\" aria-labelledby=\"review\"><h2 id=\"review\">Changes since you last reviewed</h2><p>")
        if let reviewed, reviewed == head.number {
            page.raw("You have reviewed version \(reviewed), the current version: nothing is marked.")
        } else if let reviewed, let diff = sinceReviewed {
            let removed = diff.changes.filter { $0.kind == .removed }
            page.raw("You last reviewed version \(reviewed). ")
            page.text(
                changed.isEmpty && removed.isEmpty
                    ? "Versions since then changed nothing in the text."
                    : "\(Self.count(changed.count, "item")) changed or added since then \(changed.count == 1 ? "is" : "are") marked below: inserted words underlined, deleted words struck through."
            )
            if !removed.isEmpty {
                page.text(" Removed since: " + removed.map { reviewedLabels?.label($0.key) ?? $0.title }.joined(separator: "; ") + ".")
            }
        } else {
            page.raw("You have not reviewed a version of this agreement yet. Once you mark one as reviewed, what later versions change is marked in the text.")
        }
        page.raw("</p>")
        if reviewed != head.number {
            page.raw("<form method=\"post\" action=\"\(SiteRoute.reviewed.link(reference))\">")
            page.csrf(session)
            page.raw("<input type=\"hidden\" name=\"version\" value=\"\(head.number)\"><button type=\"submit\">Mark version \(head.number) as reviewed</button></form>")
        }
        page.raw("</section>")
    }

    /// The clauses and annexes with each one's state: a clause by its own, an annex by its least settled item.
    private func writeContents(_ page: inout Page, byKey: [ItemKey: ItemState], changed: [ItemKey: ItemRedline]) {
        page.raw("<nav class=\"contents doc-contents\" aria-labelledby=\"contents\"><h2 id=\"contents\">The agreement, version \(head.number): contents</h2><ol>")
        for item in facts.included {
            let key = ItemKey(rawValue: "clause:\(item.clause.id.rawValue)")
            page.raw("<li><a href=\"#clause-")
            page.text(item.clause.id.rawValue)
            page.raw("\">")
            page.text("\(item.number). \(item.clause.title)")
            page.raw("</a>")
            writeMarks(&page, byKey[key].map(standing), changed: changed[key] != nil)
            page.raw("</li>")
        }
        var annexStanding: [Int: Standing] = [:]
        var annexChanged: Set<Int> = []
        for state in states where !state.isRemoval {
            guard let index = AgreementRenderer.annexIndex(of: state.key) else { continue }
            annexStanding[index] = max(annexStanding[index] ?? .agreed, standing(state))
            if changed[state.key] != nil { annexChanged.insert(index) }
        }
        for (index, annex) in AgreementRenderer.annexTitles.enumerated() {
            page.raw("<li class=\"annex-entry\"><a href=\"#\(annex.anchor)\">")
            page.text(annex.title)
            page.raw("</a>")
            writeMarks(&page, annexStanding[index], changed: annexChanged.contains(index))
            page.raw("</li>")
        }
        page.raw("</ol></nav>")
    }

    private func writeMarks(_ page: inout Page, _ standing: Standing?, changed: Bool) {
        if let standing { page.raw(" <span class=\"mark \(standing.cssClass)\">\(standing.words)</span>") }
        if changed { page.raw(" <span class=\"mark changed\">changed since you reviewed</span>") }
    }

    /// One item's margin: its standing, each side's position, the disputes and their reasons, whether it changed since
    /// the reader's review, its comments and what the reader may do.
    private func writeMargin(_ page: inout Page, _ state: ItemState, session: TripactStore.Session, disputes: [Dispute], comments: Int, change: ItemRedline?) {
        let standing = self.standing(state)
        let label = labels.label(state.key)
        page.raw("<div class=\"item-state \(standing.cssClass)\"><p class=\"standing\"><strong>")
        page.text(standing.words.prefix(1).uppercased() + standing.words.dropFirst())
        page.raw("</strong></p><p class=\"sides\">")
        page.text([party, other].map { side in
            let who = side == party ? "You (\(side.rawValue))" : "Them (\(side.rawValue))"
            let position = state.disputedBy.contains(side) ? "rejected" : state.acceptedBy.contains(side) ? "accepted" : "not yet accepted"
            return "\(who): \(position)"
        }.joined(separator: "; "))
        page.raw("</p>")
        for dispute in disputes {
            let who = dispute.party == party ? "you" : "them"
            page.raw("<p class=\"dispute\">")
            page.text("Disputed by \(who) (\(dispute.authorName), \(dispute.party.rawValue)) on version \(dispute.version): “\(dispute.reason)”")
            page.raw("</p>")
        }
        if let change {
            page.raw("<p class=\"changed\"><strong>")
            page.text("Changed since you reviewed version \(reviewed ?? 0)")
            page.raw("</strong></p>")
            if state.key.kind != "clause" {
                let marked = Self.changedParagraphs(change.tokens)
                if !marked.isEmpty { page.trusted(DiffHTMLRenderer.wordsFragment(marked)) }
            }
        }
        if draftChanges.contains(state.key) {
            page.raw("<p class=\"draft-change\"><a href=\"")
            page.text(SiteRoute.draft.link(reference, fragment: "changes"))
            page.raw("\">Changed in your draft</a> <small>(not sent yet)</small></p>")
        }
        let place = { (fragment: String) in
            state.key.kind == "clause" && !state.isRemoval
                ? SiteRoute.clause.link(reference, state.key.name, fragment: fragment) : SiteRoute.item.link(reference, state.key.rawValue, fragment: fragment)
        }
        page.raw("<p class=\"margin-actions\"><a href=\"")
        page.text(place("comments"))
        page.raw("\">")
        page.text(comments == 0 ? "Comment" : comments == 1 ? "1 comment" : "\(comments) comments")
        page.raw("<span class=\"visually-hidden\">")
        page.text(" on \(label)")
        page.raw("</span></a>")
        if mayNegotiate {
            if !state.disputedBy.contains(party) {
                page.raw(" <a href=\"")
                page.text(place("negotiation"))
                page.raw("\">Reject with a reason<span class=\"visually-hidden\">")
                page.text(": \(label)")
                page.raw("</span></a>")
            }
            if let edit = editPlace(state) {
                page.raw(" <a href=\"")
                page.text(edit)
                page.raw("\">Edit<span class=\"visually-hidden\">")
                page.text(" \(label)")
                page.raw("</span></a>")
            }
        }
        page.raw("</p>")
        if mayNegotiate, !state.acceptedBy.contains(party) {
            page.raw("<p class=\"margin-accept\">")
            AgreementPage.View.writeSelectionBox(&page, key: state.key, label: label)
            page.raw("<form class=\"inline\" method=\"post\" action=\"\(SiteRoute.accept.link(reference))\">")
            page.csrf(session)
            page.raw("<input type=\"hidden\" name=\"version\" value=\"\(head.number)\"><input type=\"hidden\" name=\"item\" value=\"")
            page.text(state.key.rawValue)
            page.raw("\"><button type=\"submit\" aria-label=\"Accept ")
            page.text(label)
            page.raw("\">Accept</button></form></p>")
        }
        page.raw("</div>")
    }

    /// The form where an item is edited; nil for a removal, which is undone by proposing the item again.
    private func editPlace(_ state: ItemState) -> String? {
        guard !state.isRemoval else { return nil }
        let key = state.key
        let route: SiteRoute? =
            switch key.kind {
            case "clause": .clause
            case "party": .parties
            case "annex2": key.name == "delivery-locations" ? .locations : .annex2
            case "measure": .measures
            case "annex3": .assistance
            case "subprocessor": .subprocessors
            case "annex5": .consumer
            case "agreement": .terms
            case "role": .annex2
            case "allocation": .allocation
            default: nil
            }
        guard let route else { return nil }
        return route == .clause ? route.link(reference, key.name) : route.link(reference)
    }

    static func count(_ n: Int, _ noun: String) -> String { n == 1 ? "1 \(noun)" : "\(n) \(noun)s" }

    /// The tokens after the first paragraph break: a clause's redline starts with its title, which the heading prints.
    static func droppingFirstParagraph(_ tokens: [WordDiff.Token]) -> [WordDiff.Token] {
        guard let first = tokens.firstIndex(where: \.isBreak) else { return tokens }
        return Array(tokens[tokens.index(after: first)...])
    }

    /// Only the paragraphs of a record that have a mark, so an annex margin shows what changed, not the whole record.
    static func changedParagraphs(_ tokens: [WordDiff.Token]) -> [WordDiff.Token] {
        var result: [WordDiff.Token] = []
        var paragraph: [WordDiff.Token] = []
        func flush() {
            if paragraph.contains(where: { $0.change != .same }) {
                if !result.isEmpty { result.append(WordDiff.Token(word: WordDiff.paragraphBreak, change: .same)) }
                result += paragraph
            }
            paragraph = []
        }
        for token in tokens {
            if token.isBreak {
                flush()
            } else {
                paragraph.append(token)
            }
        }
        flush()
        return result
    }
}
