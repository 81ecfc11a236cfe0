import TripactCore
import TripactStore

extension ClausePage {
    /// Above a clause in the parties' own wording: what is not standard, and its words against the library's text of
    /// its variant with the same values, as a redline (markup of the diff renderer, every word escaped by its writer).
    struct NonStandard {
        let sentence: String
        let redline: Markup

        init?(_ item: AgreementFacts.IncludedClause, facts: AgreementFacts) {
            guard item.hasCustomWording else { return nil }
            let what = item.customParts == [.rider] ? "the library's text with a rider of the parties' own" : item.customParts.count == 2
                ? "the parties' own wording, with a rider" : "the parties' own wording"
            sentence = "This clause prints \(what), not the library's text of the variant \u{201C}\(item.variant.label)\u{201D}. Check it against what the clause must cover: \(item.clause.articleLine)."
            redline = .trusted(DiffHTMLRenderer.wordsFragment(facts.wordingRedline(of: item)))
        }
    }

    /// One wording with its reading aids: what is not standard, the text, the other variants, a chosen variant's
    /// redline and where the values sit against the reader's playbook. The texts are the renderer's markup.
    struct Reading {
        struct Variant {
            let summary: String
            let text: Markup
        }

        /// The current wording against a variant the reader chose (a GET form, so it can be bookmarked).
        struct VariantRedline {
            let options: [(key: String, label: String)]
            let against: String?
            let heading: String
            let hint: String
            /// Nil until a variant is chosen.
            let redline: Markup?
        }

        struct Scale {
            let label: String
            let sentence: String
            let points: [(words: String, isValue: Bool)]
        }

        let nonStandard: NonStandard?
        let text: Markup
        let variants: [Variant]
        /// Nil when the clause has no other variant.
        let variantRedline: VariantRedline?
        let scales: [Scale]

        init(clause: Clause, item: AgreementFacts.IncludedClause, facts: AgreementFacts, playbook: Playbook, against: String?) {
            nonStandard = NonStandard(item, facts: facts)
            text = .trusted(AgreementRenderer.clauseFragment(item, facts: facts))
            // What each other variant would say here, with the same values, folded away until asked for.
            variants = clause.variants.filter { $0.key != item.variant.key }.compactMap { other in
                facts.included(clause.id, variant: other.key).map { alternative in
                    Variant(
                        summary: "The wording of the variant \u{201C}\(other.label)\u{201D} (leans \(other.stance.rawValue))",
                        text: .trusted(AgreementRenderer.clauseFragment(alternative, facts: facts, anchored: false))
                    )
                }
            }
            let others = clause.variants.filter { $0.key != item.variant.key }
            if others.isEmpty {
                variantRedline = nil
            } else {
                let chosen = against.flatMap { key in clause.variant(key).flatMap { variant in facts.included(clause.id, variant: key).map { (variant, $0) } } }
                variantRedline = VariantRedline(
                    options: others.map { (key: $0.key, label: $0.label) }, against: against,
                    heading: chosen.map { "The current wording (\(item.variant.label)) against the variant \u{201C}\($0.0.label)\u{201D}" } ?? "",
                    hint: chosen.map { "Struck through: only in the current wording. Underlined: what \u{201C}\($0.0.label)\u{201D} would say instead, with the same values." } ?? "",
                    redline: chosen.map { .trusted(DiffHTMLRenderer.wordsFragment(WordDiff.diff(old: facts.plainParagraphs(of: item), new: facts.plainParagraphs(of: $0.1)))) }
                )
            }
            scales = clause.parameters.compactMap { spec in
                guard let positions = playbook.parameterPositions(clause.id, spec.name), let value = item.parameters[spec.name] else { return nil }
                let scale = PlaybookScale(value, positions, spec: spec)
                return Scale(
                    label: spec.label, sentence: "\(Playbook.words(value, of: spec)), \(scale.verdict).",
                    points: scale.points.map { (words: "\($0.name): \($0.words)", isValue: $0.isValue) }
                )
            }
        }
    }

    /// The wording section: the head's wording, or, when the side's own draft changes the clause, the draft's wording
    /// with the head's and a redline between them one click away. The draft is the side's own: `store.draft` answers
    /// each side with its own draft only.
    enum Wording {
        /// The head's wording; nil reading when the clause is not in the head.
        case head(number: Int, reading: Reading?)
        /// The draft's wording (nil: the draft takes the clause out) and the head's (nil: the draft adds it).
        case draft(head: Int, drafted: Reading?, sent: Sent?)

        struct Sent {
            /// The draft against the head, when both have the clause.
            let redline: Markup?
            let nonStandard: NonStandard?
            /// Not anchored, so its ids do not repeat the draft's.
            let text: Markup
        }

        init(clause: Clause, head: Version, draft: Draft?, library: ClauseLibrary, playbook: Playbook, against: String?) {
            let headFacts = AgreementFacts(document: head.document, library: library)
            guard let draft, draft.changes.contains(ItemKey(rawValue: "clause:\(clause.id)")) else {
                self = .head(
                    number: head.number,
                    reading: headFacts.included(clause.id).map { Reading(clause: clause, item: $0, facts: headFacts, playbook: playbook, against: against) }
                )
                return
            }
            let draftFacts = AgreementFacts(document: draft.document, library: library)
            let drafted = draftFacts.included(clause.id)
            self = .draft(
                head: head.number, drafted: drafted.map { Reading(clause: clause, item: $0, facts: draftFacts, playbook: playbook, against: against) },
                sent: headFacts.included(clause.id).map { sent in
                    Sent(
                        redline: drafted.map { .trusted(DiffHTMLRenderer.wordsFragment(WordDiff.diff(old: headFacts.plainParagraphs(of: sent), new: draftFacts.plainParagraphs(of: $0)))) },
                        nonStandard: NonStandard(sent, facts: headFacts), text: .trusted(AgreementRenderer.clauseFragment(sent, facts: headFacts, anchored: false))
                    )
                }
            )
        }
    }

    /// The form for the parties' own wording and a rider, as the side's working copy (its draft, else the head) has them.
    struct WordingForm {
        let variantLabel: String
        /// The text to edit: what was typed, else the clause's own wording, else the library's text it would start from.
        let ownWording: String
        let rider: String
        let hasOwnWording: Bool
        /// Open when the form came back with problems or the clause has words of its own.
        let isOpen: Bool
        let hint: String
        let entry: WordingEntry

        init?(clause: Clause, document: AgreementDocument?, entry: WordingEntry) {
            guard let selection = document?.clauses.first(where: { $0.clause == clause.id }), let variant = clause.variant(selection.variant) else { return nil }
            variantLabel = variant.label
            ownWording = entry.ownWording ?? selection.ownWording ?? variant.text.source
            rider = entry.rider ?? selection.rider ?? ""
            hasOwnWording = selection.ownWording != nil
            isOpen = !entry.errors.isEmpty || selection.hasCustomWording
            hint = ClauseController.syntaxHint(clause)
            self.entry = entry
        }
    }
}
