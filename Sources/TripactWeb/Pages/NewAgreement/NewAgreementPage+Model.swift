import TripactStore

/// Starting an agreement (`/new-agreement`): title, reference, main agreement, the other party and the user's side.
enum NewAgreementPage {
    /// What the form shows: the organisations the user may choose as the other party, and the values and problems of
    /// a refused submission by field.
    struct Model {
        /// Every organisation but the user's own, by name.
        let counterparts: [String]
        let values: [String: String]
        let errors: [String: String]

        static func load(store: TripactStore, session: TripactStore.Session, values: [String: String] = [:], errors: [String: String] = [:]) throws -> Model {
            let others = try store.organisations().filter { $0.id != session.user.organisationID }
            return Model(counterparts: others.map(\.name), values: values, errors: errors)
        }
    }
}
