import TripactCore
import TripactStore

/// The form that adds a subprocessor to the register or changes (modifies or replaces) an entry in use. After a
/// refusal the same page carries what was typed and the problems.
enum RegisterEntryPage {
    /// What the form shows: the entry changed (nil when adding), the values entered, the problems and the pickers' options.
    struct Model {
        let editing: SubprocessorRecord?
        let entered: RegisterEntryForm?
        /// Problems keyed by field; those of fields the form does not show are listed above it.
        let errors: [String: String]
        let choices: RegisterEntryForm.Choices
        /// The earliest planned start the form offers.
        let today: CalendarDay

        /// `editing` is the entry the controller already found among the organisation's own (it answers 404 otherwise).
        static func load(
            store: TripactStore, library: ClauseLibrary, session: TripactStore.Session, editing: SubprocessorRecord?, entered: RegisterEntryForm? = nil,
            errors: [String: String] = [:]
        ) throws -> Model {
            try session.user.requireNegotiator("change the subprocessor register")
            return Model(editing: editing, entered: entered, errors: errors, choices: RegisterEntryForm.Choices(library: library), today: store.today())
        }

        var title: String { editing.map { "Change or replace \($0.name)" } ?? "Add a subprocessor" }
        /// A replacement was chosen when the form came back; a modification otherwise.
        var replacing: Bool { entered?.kind == RegisterChange.Kind.replacement.rawValue }
        /// Problems of fields the form does not show, in field order.
        var otherProblems: [String] { errors.sorted { $0.key < $1.key }.filter { !RegisterEntryForm.renderedFields.contains($0.key) }.map(\.value) }
    }
}
