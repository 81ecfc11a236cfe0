import Hummingbird
import TripactCore
import TripactStore

/// The clause page's reading aids (issue 9 item 4): the current wording redlined against a variant the reader chooses,
/// and each parameter's value placed on a scale of the reader's own organisation's positions (never the other side's).
extension ClauseController {
    /// A select of the other variants (a GET, so it works without script and can be bookmarked) and, when one is
    /// chosen, the current wording against it: struck through what only the current wording says, underlined what
    /// only the chosen variant would say, with the same values filled.
    static func writeVariantRedline(_ page: inout Page, reference: String, clause: Clause, item: AgreementFacts.IncludedClause, facts: AgreementFacts, against: String?) {
        let others = clause.variants.filter { $0.key != item.variant.key }
        guard !others.isEmpty else { return }
        page.raw("<form method=\"get\" action=\"/agreements/\(AgreementController.path(reference))/clauses/\(AgreementController.path(clause.id.rawValue))#variant-redline\" class=\"actions\">")
        page.raw("<div><label for=\"against\">Compare the current wording with the variant</label><select id=\"against\" name=\"against\">")
        for other in others { page.option(other.key, other.label, selected: other.key == against) }
        page.raw("</select></div><button type=\"submit\">Show the redline</button></form>")
        guard let against, let chosen = clause.variant(against), let alternative = facts.included(clause.id, variant: against) else { return }
        page.raw("<section class=\"variant-redline\" id=\"variant-redline\" aria-labelledby=\"variant-redline-heading\"><h3 id=\"variant-redline-heading\">")
        page.text("The current wording (\(item.variant.label)) against the variant \u{201C}\(chosen.label)\u{201D}")
        page.raw("</h3><p class=\"hint\">")
        page.text("Struck through: only in the current wording. Underlined: what \u{201C}\(chosen.label)\u{201D} would say instead, with the same values.")
        page.raw("</p>")
        page.raw(DiffHTMLRenderer.wordsFragment(WordDiff.diff(old: facts.plainParagraphs(of: item), new: facts.plainParagraphs(of: alternative))))
        page.raw("</section>")
    }

    static func writeParameterScales(_ page: inout Page, clause: Clause, item: AgreementFacts.IncludedClause, playbook: Playbook) {
        let specs = clause.parameters.filter { playbook.parameterPositions(clause.id, $0.name) != nil && item.parameters[$0.name] != nil }
        guard !specs.isEmpty else { return }
        page.raw("<section class=\"scales\" aria-labelledby=\"scales-heading\"><h3 id=\"scales-heading\">Where the values sit against your playbook</h3>")
        page.raw("<p class=\"hint\">Your organisation's own positions; the other side never sees them.</p>")
        for spec in specs {
            guard let positions = playbook.parameterPositions(clause.id, spec.name), let value = item.parameters[spec.name] else { continue }
            let scale = PlaybookScale(value, positions, spec: spec)
            page.raw("<div class=\"scale\"><p><strong>")
            page.text(spec.label)
            page.raw("</strong>: ")
            page.text("\(Playbook.words(value, of: spec)), \(scale.verdict).")
            page.raw("</p><ol class=\"scale-points\" aria-label=\"")
            page.text("\(spec.label), from your preferred position to your walk-away")
            page.raw("\">")
            for point in scale.points {
                page.raw(point.isValue ? "<li class=\"value\"><strong>" : "<li>")
                page.text("\(point.name): \(point.words)")
                page.raw(point.isValue ? "</strong></li>" : "</li>")
            }
            page.raw("</ol></div>")
        }
        page.raw("</section>")
    }
}
