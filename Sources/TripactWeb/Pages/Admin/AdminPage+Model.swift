import TripactCore
import TripactStore

/// Administration (`/admin`), for an organisation's admins: its users and their roles, the users removed, the
/// invitation of a colleague (with the link, right after it is made) and the organisations one negotiates with.
enum AdminPage {
    struct Model {
        /// The invitation just made: its absolute link and what the store knows of it. Shown in that response only.
        typealias Invited = (path: String, link: OneTimeLink)

        let organisation: String?
        let users: [User]
        /// "name (e-mail), …" of the users removed, or nil when none was.
        let removed: String?
        let organisations: [String]
        let invited: Invited?
        /// The invitation form's values after a refusal (`email`, `role`).
        let values: [String: String]
        /// The invitation form's problems, and under `member` a refused change of a user.
        let errors: [String: String]

        static func load(
            store: TripactStore, session: TripactStore.Session, values: [String: String] = [:], errors: [String: String] = [:], invited: Invited? = nil
        ) throws -> Model {
            let organisations = try store.organisations()
            let organisation = organisations.first { $0.id == session.user.organisationID }
            let removed = try store.removedUsers(in: organisation?.name ?? "")
            return Model(
                organisation: organisation?.name, users: try store.users(in: organisation?.name ?? ""),
                removed: removed.isEmpty ? nil : removed.map { "\($0.name) (\($0.email))" }.joined(separator: ", "), organisations: organisations.map(\.name),
                invited: invited, values: values, errors: errors
            )
        }
    }
}
