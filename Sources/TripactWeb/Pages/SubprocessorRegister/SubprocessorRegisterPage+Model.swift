import TripactCore
import TripactStore

/// The subprocessor register (`/registers/subprocessors`): the organisation's entries in use and ended, its changes
/// with the notices each sent, and, for admins, the public list's address. All of it the organisation's own.
enum SubprocessorRegisterPage {
    /// What the page shows, read from the store with the catalogue's words; the view only writes it.
    struct Model {
        /// An entry in use, its codes already in the catalogue's words.
        struct Entry {
            let id: String
            let name: String
            let countries: String
            let services: String
            let transferMechanism: String
            let onward: String
            let startDate: CalendarDay
        }

        struct Change {
            let entry: RegisterChangeEntry
            /// The notices and approval requests this change sent, one per agreement concerned.
            let notices: [NoticeEntry]
        }

        /// The public list, shown to admins only: where it is published, if it is.
        enum Publication {
            case published(slug: String)
            case unpublished
        }

        let today: CalendarDay
        let active: [Entry]
        /// Entries no longer in use, each as one line: "name (id): start to end".
        let ended: [String]
        let changes: [Change]
        /// Admins and legal users change the register; the others read it.
        let mayChange: Bool
        /// Nil unless the user is an admin.
        let publication: Publication?

        static func load(store: TripactStore, library: ClauseLibrary, session: TripactStore.Session) throws -> Model {
            let organisationID = session.user.organisationID
            let today = store.today()
            let register = try store.subprocessorRegister(organisationID: organisationID)
            let notices = try store.notices(visibleTo: organisationID)
            let active = register.filter { $0.isActive(on: today) }.map { record in
                Entry(
                    id: record.id, name: record.name, countries: record.allCountries.map { library.country($0)?.name ?? $0 }.joined(separator: ", "),
                    services: record.services.map { library.service($0)?.label ?? $0 }.joined(separator: "; "),
                    transferMechanism: library.transferMechanism(record.transferMechanism)?.label ?? record.transferMechanism,
                    onward: (record.onwardSubprocessors ?? []).map { "\($0.name) (\($0.country))" }.joined(separator: "; "), startDate: record.startDate
                )
            }
            let ended = register.filter { !$0.isActive(on: today) }.map { "\($0.name) (\($0.id)): \($0.startDate.iso) to \($0.endDate?.iso ?? "")" }
            let changes = try store.registerChanges(organisationID: organisationID).map { change in
                Change(entry: change, notices: notices.filter { $0.changeID == change.id })
            }
            let publication: Publication? =
                session.user.role == .admin ? try store.publicSlug(organisationID: organisationID).map { .published(slug: $0) } ?? .unpublished : nil
            return Model(today: today, active: active, ended: ended, changes: changes, mayChange: session.user.role.mayPropose, publication: publication)
        }
    }
}
