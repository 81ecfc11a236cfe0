import Hummingbird
import TripactCore
import TripactStore

/// The clause page's wording section. When the reader's side has a draft that changes the clause, the page reads the
/// draft: its wording (variant, values, own wording) under "Your draft — not sent yet", with the head's wording and a
/// redline of the draft against it one click away. The draft is the side's own; the other side's reader never has it
/// here, because `store.draft` answers each side with its own draft only.
extension ClauseController {
    func writeWording(
        _ page: inout Page, reference: String, clause: Clause, head: Version, draft: Draft?, playbook: Playbook, against: String?
    ) {
        let library = configuration.library
        let headFacts = AgreementFacts(document: head.document, library: library)
        guard let draft, draft.changes.contains(ItemKey(rawValue: "clause:\(clause.id)")) else {
            page.raw("<section class=\"wording\" aria-labelledby=\"wording-heading\"><h2 id=\"wording-heading\">The wording in version \(head.number)</h2>")
            if let item = headFacts.included(clause.id) {
                Self.writeReading(&page, reference: reference, clause: clause, item: item, facts: headFacts, playbook: playbook, against: against)
            } else {
                page.raw("<p>This clause is not in version \(head.number).</p>")
            }
            page.raw("</section>")
            return
        }
        let draftFacts = AgreementFacts(document: draft.document, library: library)
        let drafted = draftFacts.included(clause.id)
        let sent = headFacts.included(clause.id)
        page.raw("<section class=\"wording draft\" aria-labelledby=\"wording-heading\"><h2 id=\"wording-heading\">Your draft — not sent yet</h2>")
        page.raw("<p class=\"draft-note\" role=\"note\">")
        page.text(
            "This is the wording your side's draft gives the clause. The other side still reads version \(head.number) and sees your draft only once "
                + "your side sends it. "
        )
        page.raw("<a href=\"\(DraftController.path(reference))\">Review and send the draft</a></p>")
        if let drafted {
            Self.writeReading(&page, reference: reference, clause: clause, item: drafted, facts: draftFacts, playbook: playbook, against: against)
        } else {
            page.raw("<p>Your draft takes this clause out of the agreement.</p>")
        }
        page.raw("<details class=\"head-wording\"><summary>")
        page.text("The wording in version \(head.number), as both sides read it now, and your draft's changes to it")
        page.raw("</summary>")
        if let sent {
            if let drafted {
                page.raw("<h3>Your draft against version \(head.number)</h3><p class=\"hint\">Struck through: only in version \(head.number). Underlined: what your draft says instead.</p>")
                page.raw(DiffHTMLRenderer.wordsFragment(WordDiff.diff(old: headFacts.plainParagraphs(of: sent), new: draftFacts.plainParagraphs(of: drafted))))
            }
            page.raw("<h3>Version \(head.number)</h3>")
            Self.writeNonStandardNote(&page, sent, facts: headFacts)
            // Escaped by the renderer; not anchored, so its ids do not repeat the draft's.
            page.raw(AgreementRenderer.clauseFragment(sent, facts: headFacts, anchored: false))
        } else {
            page.raw("<p>This clause is not in version \(head.number): your draft adds it.</p>")
        }
        page.raw("</details></section>")
    }

    /// One wording with its reading aids: what is not standard, the text, the other variants, a chosen variant's
    /// redline and where the values sit against the reader's playbook.
    private static func writeReading(
        _ page: inout Page, reference: String, clause: Clause, item: AgreementFacts.IncludedClause, facts: AgreementFacts, playbook: Playbook, against: String?
    ) {
        writeNonStandardNote(&page, item, facts: facts)
        // Escaped by the renderer: library text and the agreement's values go through its writer.
        page.raw(AgreementRenderer.clauseFragment(item, facts: facts))
        // What each other variant would say here, with the same values, folded away until asked for.
        for other in clause.variants where other.key != item.variant.key {
            guard let alternative = facts.included(clause.id, variant: other.key) else { continue }
            page.raw("<details class=\"variant\"><summary>")
            page.text("The wording of the variant \u{201C}\(other.label)\u{201D} (leans \(other.stance.rawValue))")
            page.raw("</summary>")
            page.raw(AgreementRenderer.clauseFragment(alternative, facts: facts, anchored: false))
            page.raw("</details>")
        }
        writeVariantRedline(&page, reference: reference, clause: clause, item: item, facts: facts, against: against)
        writeParameterScales(&page, clause: clause, item: item, playbook: playbook)
    }
}
