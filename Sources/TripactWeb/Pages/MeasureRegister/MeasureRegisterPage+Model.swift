import TripactCore
import TripactStore

/// The measure register (`/registers/measures`): the evidence behind the organisation's Annex III measures with how
/// long each has left, and, for those who may change it, the form that records evidence (again, after a refusal).
enum MeasureRegisterPage {
    /// What the page shows, in words; the view only writes it.
    struct Model {
        /// One piece of evidence, its measure by title and its expiry said in days.
        struct Row {
            let id: String
            let title: String
            let kind: String
            let measure: String
            let issuer: String
            let reference: String
            let issued: CalendarDay
            /// "2027-01-31 (40 days left)", "… (expired)" or "no expiry".
            let expiry: String
            /// The cell's class: "error" once expired, "warning" within the warning period, else empty.
            let state: String
        }

        let rows: [Row]
        /// Admins and legal users record and remove evidence; the others read.
        let mayChange: Bool
        /// The form's values after a refusal, by field name.
        let entered: [String: String]
        let errors: [String: String]
        /// The measure picker's options, `(key, "title (key)")`.
        let measures: [(key: String, label: String)]

        static func load(
            store: TripactStore, library: ClauseLibrary, session: TripactStore.Session, entered: [String: String] = [:], errors: [String: String] = [:]
        ) throws -> Model {
            let today = store.today()
            let rows = try store.evidence(organisationID: session.user.organisationID).map { item in
                let left = item.expires.map { today.days(until: $0) }
                let state = left.map { $0 < 0 ? "error" : $0 <= RegisterSnapshot.expiryWarningDays ? "warning" : "" } ?? ""
                let expiry = item.expires.map { day in "\(day.iso)" + (left.map { $0 < 0 ? " (expired)" : " (\($0) days left)" } ?? "") } ?? "no expiry"
                return Row(
                    id: item.id, title: item.title, kind: item.kind.rawValue, measure: library.measure(item.measure)?.title ?? item.measure, issuer: item.issuer,
                    reference: item.reference, issued: item.issued, expiry: expiry, state: state
                )
            }
            return Model(
                rows: rows, mayChange: session.user.role.mayPropose, entered: entered, errors: errors,
                measures: library.measures.map { ($0.key, "\($0.title) (\($0.key))") }
            )
        }
    }
}
