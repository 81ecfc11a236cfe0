import Foundation
import TripactCore
import TripactStore

/// "Review and send" (`/agreements/:reference/draft`): the side's private draft against the head as a redline, who on
/// the side edited what, the items both sides changed to settle, and the cover message with Send and Discard. A send
/// refused writes the same page with the reason at its top and the message kept.
enum DraftPage {
    /// What the page shows, read from the store and put in words; the view only writes it.
    struct Model {
        /// An item both sides changed: the head's words beside the draft's.
        struct Conflict {
            let key: ItemKey
            let label: String
            /// Nil when the item is not in that version.
            let theirs: [String]?
            let ours: [String]?
        }

        struct Edit {
            let when: String
            let who: String
            let what: String
            let note: String
        }

        struct HeldComment {
            let on: String
            let body: String
            let importer: String
        }

        /// The draft's changes, for the redline's change cards.
        struct Changes {
            let diff: AgreementDiff
            let labels: ItemLabels
            let headLabels: ItemLabels
            let edited: Set<ItemKey>
        }

        let reference: String
        let head: Int
        /// Why the last send was refused, at the top of the page.
        let problem: String?
        /// Nil when the side has nothing to send; then only the note (and Discard, for an empty draft that exists).
        let changes: Changes?
        let hasEmptyDraft: Bool
        let introduction: String
        let conflicts: [Conflict]
        let edits: [Edit]
        let heldComments: [HeldComment]
        /// Send, discard and settle offered (admins and legal users); the others read why not.
        let mayPropose: Bool
        let roleName: String
        /// The cover message in the form: what was submitted, else the editors' notes.
        let message: String
        /// The message was left empty when the send was refused.
        let messageMissing: Bool
        /// "Send version N to the other side", or posting the Word comments when nothing else changed.
        let sendLabel: String

        static func load(
            store: TripactStore, library: ClauseLibrary, session: TripactStore.Session, reference: String, party: PartyRole, message: String? = nil,
            problem: String? = nil
        ) throws -> Model {
            let head = try store.version(reference)
            let draft = try store.draft(reference, for: session.user.email)
            let mayPropose = session.user.role.mayPropose
            guard let draft, !draft.changes.isEmpty || !draft.conflicts.isEmpty || !draft.comments.isEmpty else {
                return Model(
                    reference: reference, head: head.number, problem: problem, changes: nil, hasEmptyDraft: draft != nil, introduction: "", conflicts: [], edits: [],
                    heldComments: [], mayPropose: mayPropose, roleName: session.user.role.rawValue, message: "", messageMissing: false, sendLabel: ""
                )
            }
            let labels = ItemLabels(document: draft.document, library: library)
            let theirs = AgreementFacts(document: head.document, library: library).itemTexts()
            let ours = AgreementFacts(document: draft.document, library: library).itemTexts()
            let diff = AgreementDiffer.diff(
                head.document, draft.document, library: library, oldLabel: "version \(head.number)", newLabel: "your draft",
                playbook: try store.playbook(organisationID: session.user.organisationID, side: party, library: library)
            )
            return Model(
                reference: reference, head: head.number, problem: problem,
                changes: Changes(diff: diff, labels: labels, headLabels: ItemLabels(document: head.document, library: library), edited: Set(draft.changes)),
                hasEmptyDraft: false,
                introduction: "Your side's draft, prepared on version \(head.number): \(draft.changes.count == 1 ? "1 item edited" : "\(draft.changes.count) items edited"). "
                    + "Only your organisation sees it; the other side sees it when you send it, as version \(head.number + 1).",
                conflicts: draft.conflicts.map { Conflict(key: $0, label: labels.label($0), theirs: theirs[$0], ours: ours[$0]) },
                edits: draft.edits.map {
                    Edit(when: String($0.at.prefix(16)).replacingOccurrences(of: "T", with: " "), who: $0.editorName, what: labels.label($0.item), note: $0.note)
                },
                heldComments: draft.comments.map { HeldComment(on: $0.item.map { labels.label($0) } ?? "The agreement", body: $0.body, importer: $0.importerName) },
                mayPropose: mayPropose, roleName: session.user.role.rawValue, message: message ?? suggestedMessage(draft),
                messageMissing: problem != nil && (message ?? "").trimmingCharacters(in: .whitespacesAndNewlines).isEmpty,
                sendLabel: draft.changes.isEmpty ? "Post the Word comments on version \(head.number)" : "Send version \(head.number + 1) to the other side"
            )
        }

        /// The editors' notes, each once, as a first cover message the sender can rewrite.
        static func suggestedMessage(_ draft: Draft) -> String {
            var seen = Set<String>()
            let notes = draft.edits.map(\.note).filter { !$0.isEmpty && seen.insert($0).inserted }
            return notes.joined(separator: "; ")
        }
    }
}
