import TripactCore
import TripactStore

/// The joint controllers' allocation table as one form (`/agreements/:reference/allocation`).
enum AllocationPage {
    /// What the form shows: each responsibility in words with the Party options, its hand-over as the clause prints it,
    /// the deadlines, and the values (stored, or as submitted) with the problems of a refused submission.
    struct Model {
        struct Row {
            /// The row's place in the arrangement's table, which its controls' ids carry.
            let index: Int
            let parameter: String
            let responsibility: String
            let options: [(key: String, label: String)]
            /// The hand-over column of the printed table, when the version prints one.
            let handOver: String?
        }

        struct Deadline {
            let name: String
            let label: String
            let min: Int
            let max: Int
        }

        let reference: String
        let base: Int
        /// Nil when the agreement has no joint controllers' arrangement: the page then says how to add one.
        let rows: [Row]?
        let deadlines: [Deadline]
        let values: [String: String]
        let message: String
        let errors: [String: String]

        /// The form filled from the side's working copy.
        static func load(store: TripactStore, library: ClauseLibrary, session: TripactStore.Session, reference: String) throws -> Model {
            let working = try Proposals.working(store: store, session: session, reference: reference)
            let values = AllocationController.formValues(working.document.clauses.last { $0.clause == JointAllocation.clause }, library: library)
            return make(library: library, reference: reference, document: working.document, base: working.number, values: values, message: "", errors: [:])
        }

        /// The form for `document` with these values: as loaded, or as submitted and refused.
        static func make(
            library: ClauseLibrary, reference: String, document: AgreementDocument, base: Int, values: [String: String], message: String, errors: [String: String]
        ) -> Model {
            guard let clause = library.clause(JointAllocation.clause), document.clauses.contains(where: { $0.clause == JointAllocation.clause }) else {
                return Model(reference: reference, base: base, rows: nil, deadlines: [], values: values, message: message, errors: errors)
            }
            let notes = AllocationController.handOvers(document, library: library)
            let rows = JointAllocation.rows.enumerated().compactMap { index, row -> Row? in
                guard let spec = clause.parameter(row.parameter), case .enumeration(let options) = spec.kind else { return nil }
                return Row(
                    index: index, parameter: row.parameter, responsibility: row.responsibility,
                    options: options.map { ($0.key, $0.text.prefix(1).uppercased() + $0.text.dropFirst()) }, handOver: notes[row.parameter]
                )
            }
            let deadlines = AllocationController.deadlines.compactMap { name -> Deadline? in
                guard let spec = clause.parameter(name), case .integer(_, let min, let max) = spec.kind else { return nil }
                return Deadline(name: name, label: spec.label, min: min, max: max)
            }
            return Model(reference: reference, base: base, rows: rows, deadlines: deadlines, values: values, message: message, errors: errors)
        }
    }
}
