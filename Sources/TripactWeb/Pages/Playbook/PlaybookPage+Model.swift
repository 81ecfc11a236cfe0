import TripactCore
import TripactStore

/// The organisation's private playbook for one side (`/playbook?side=`): its positions on who decides a purpose and,
/// clause by clause, on the variants and parameters, against the library's. Only the organisation ever sees it.
enum PlaybookPage {
    /// What the user typed into one clause's form (or, with no clause, the roles form), re-shown with the problems at
    /// their fields after a refusal.
    struct Entered {
        let clause: ClauseID?
        let values: [String: String]
        let errors: [String: String]
    }

    struct Model {
        let side: PartyRole
        let playbook: Playbook
        /// The library's own positions, to mark the ones the organisation changed.
        let defaults: Playbook
        /// The clauses that offer a position to hold, in the library's order.
        let clauses: [Clause]
        /// "Last changed by … on …", or nil while the library's positions stand unchanged.
        let lastChange: String?
        /// Admins and legal users change the playbook; everyone else reads it.
        let editable: Bool
        let entered: Entered?
        /// The title of the form the problems are in ("who decides a purpose" for the roles form).
        let enteredFormTitle: String?

        static func load(store: TripactStore, library: ClauseLibrary, session: TripactStore.Session, side: PartyRole, entered: Entered? = nil) throws -> Model {
            let organisationID = session.user.organisationID
            let playbook = try store.playbook(organisationID: organisationID, side: side, library: library)
            let lastChange = try store.playbookChange(organisationID: organisationID, side: side).map {
                "Last changed by \($0.by) on \(String($0.at.prefix(10))). Positions marked “changed” differ from the clause library's."
            }
            return Model(
                side: side, playbook: playbook, defaults: Playbook.library(library, side: side),
                clauses: library.clauses.sorted { $0.order < $1.order }.filter { PlaybookForm.shows($0, playbook: playbook) }, lastChange: lastChange,
                editable: session.user.role.mayPropose, entered: entered,
                enteredFormTitle: entered.map { entered in entered.clause.map { library.clause($0)?.title ?? "" } ?? "who decides a purpose" }
            )
        }

        static func sideName(_ side: PartyRole) -> String { side == .controller ? "Controller" : "Processor" }
        var sideName: String { Self.sideName(side) }
        var otherSide: PartyRole { side == .controller ? .processor : .controller }
    }
}
