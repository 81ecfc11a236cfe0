import Foundation
import TripactCore
import TripactStore

/// The page of one clause (`/agreements/:reference/clauses/:clause`): its wording as the side reads it (its draft's
/// when the draft changes it) with reading aids, the form for its variant and values with the reader's own playbook,
/// the form for the parties' own wording and a rider, and the clause's negotiation and comments. A form sent with
/// problems writes the same page, the entries kept and the messages at their fields.
enum ClausePage {
    /// What was entered in the variant-and-values form, or loaded into it.
    struct Entered {
        var base: Int
        var variant: String
        var values: [String: String]
        var message = ""
        var errors: [String: String] = [:]
    }

    /// What the wording form shows: the text typed (nil: prefilled from the version), the message and the problems.
    struct WordingEntry {
        var ownWording: String?
        var rider: String?
        var message = ""
        var errors: [String: String] = [:]
    }

    /// What the page shows, read from the store and put in words; the view only writes it.
    struct Model {
        struct Parameter {
            let spec: ParameterSpec
            /// The label with the bounds: "Hours (24 hours to 72 hours)".
            let label: String
            let value: String
            let error: String?
            /// The reader's own playbook positions in a sentence; never the other side's.
            let playbook: String?
        }

        let reference: String
        let clause: Clause
        let stateLabel: String
        /// Nil when the head could not be read.
        let wording: Wording?
        let entered: Entered
        /// The reader's playbook on the variants, in a sentence.
        let variantPlaybook: String?
        let parameters: [Parameter]
        let wordingForm: WordingForm?
        let negotiation: ItemNegotiationView

        /// The page as first opened: the form loaded from the side's working copy (its draft, else the head).
        static func load(
            store: TripactStore, library: ClauseLibrary, session: TripactStore.Session, reference: String, party: PartyRole, clause: Clause, against: String?
        ) throws -> Model {
            let working = try Proposals.working(store: store, session: session, reference: reference)
            let selection = working.document.clauses.first { $0.clause == clause.id }
            let entered = Entered(
                base: working.number, variant: selection?.variant ?? clause.defaultVariant.key,
                values: formValues(clause, selection?.parameters ?? [:])
            )
            return try load(store: store, library: library, session: session, reference: reference, party: party, clause: clause, entered: entered, against: against)
        }

        /// The page with what was entered (a form sent back with its problems).
        static func load(
            store: TripactStore, library: ClauseLibrary, session: TripactStore.Session, reference: String, party: PartyRole, clause: Clause, entered: Entered,
            wording entry: WordingEntry = WordingEntry(), against: String? = nil
        ) throws -> Model {
            let key = ItemKey(rawValue: "clause:\(clause.id)")
            let state = try store.itemStates(reference).first { $0.key == key }
            // Only the reader's organisation's own positions: the other side's are its private negotiating limits.
            let playbook = (try? store.playbook(organisationID: session.user.organisationID, side: party, library: library)) ?? Playbook.library(library, side: party)
            // The wording as the current version prints it, values filled, before the form that changes it; the side's own
            // draft's wording instead when its draft changes the clause (only this side ever reads its draft).
            let head = try? store.version(reference)
            let draft = session.user.signingOnly == nil ? ((try? store.draft(reference, for: session.user.email)) ?? nil) : nil
            // Accept and reject name the head the user sees now, which is the form's base unless the form is being re-shown.
            let summary = try? store.agreement(reference)
            let negotiation = ItemNegotiationView(
                mayPropose: session.user.role.mayPropose, reference: reference, party: party, key: key, state: state, head: summary?.head ?? entered.base,
                status: summary?.status ?? .draft, comments: (try? store.comments(reference, item: key, visibleTo: session.user.organisationID)) ?? [],
                disputes: ((try? store.disputes(reference)) ?? []).filter { $0.item == key }, commentAction: SiteRoute.clauseComments.link(reference, clause.id.rawValue),
                back: "clause"
            )
            return Model(
                reference: reference, clause: clause, stateLabel: state?.label ?? "not in this version",
                wording: head.map { Wording(clause: clause, head: $0, draft: draft, library: library, playbook: playbook, against: against) },
                entered: entered, variantPlaybook: playbook.variantPositions(clause.id).map { Playbook.sentence($0, of: clause) },
                parameters: clause.parameters.map { spec in
                    Parameter(
                        spec: spec, label: spec.label + ClauseController.bounds(spec), value: entered.values[spec.name] ?? "", error: entered.errors[spec.name],
                        playbook: playbook.parameterPositions(clause.id, spec.name).map { "Your playbook: \(Playbook.sentence($0, of: spec))." }
                    )
                },
                wordingForm: WordingForm(clause: clause, document: draft?.document ?? head?.document, entry: entry), negotiation: negotiation
            )
        }

        /// Each parameter's value as the form shows it: the stored value, else the library's default, else empty.
        static func formValues(_ clause: Clause, _ parameters: [String: ParameterValue]) -> [String: String] {
            Dictionary(uniqueKeysWithValues: clause.parameters.map { spec in (spec.name, (parameters[spec.name] ?? spec.defaultValue).map(ClauseController.formValue) ?? "") })
        }
    }
}
