import TripactCore
import TripactStore

/// Two versions of an agreement compared (`/agreements/:reference/compare?from=&to=`): the redline in the view the
/// reader chose, with the reader's own organisation's playbook marks (never the other side's).
enum ComparePage {
    /// What the page shows, read from the store; `RedlineView` writes it.
    struct Model {
        let reference: String
        let from: Int
        let to: Int
        let diff: AgreementDiff
        let mode: RedlineView.Mode
        let newLabels: ItemLabels
        let oldLabels: ItemLabels

        static func load(
            store: TripactStore, library: ClauseLibrary, session: TripactStore.Session, reference: String, party: PartyRole, from: Int, to: Int,
            mode: RedlineView.Mode
        ) throws -> Model {
            let old = try store.version(reference, number: from)
            let new = try store.version(reference, number: to)
            let diff = AgreementDiffer.diff(
                old.document, new.document, library: library, oldLabel: "version \(from)", newLabel: "version \(to)",
                playbook: try store.playbook(organisationID: session.user.organisationID, side: party, library: library)
            )
            return Model(
                reference: reference, from: from, to: to, diff: diff, mode: mode, newLabels: ItemLabels(document: new.document, library: library),
                oldLabels: ItemLabels(document: old.document, library: library)
            )
        }
    }
}
