import TripactCore
import TripactStore

/// The approvals page (`/approvals`): the organisation's rules, the requests waiting for the signed-in user, and the
/// organisation's recent requests. Everything here is the organisation's own; the other side never reaches it.
enum ApprovalsPage {
    /// What the page shows, read from the store and put in words; the view only writes it.
    struct Model {
        struct Waiting {
            let entry: ApprovalEntry
            let description: String
            /// The colleague who asks, by name, and the agreement by its title; the address and reference stay in links.
            let asker: String
            let agreementTitle: String
        }

        let rules: [(ApprovalRule, description: String)]
        let waiting: [Waiting]
        /// The organisation's requests, newest first, at most 100.
        let requests: [(ApprovalEntry, description: String)]
        let mayEditRules: Bool
        /// A refusal's error by request, when a refusal came back unprocessable.
        let errors: [Int: String]

        static func load(store: TripactStore, library: ClauseLibrary, session: TripactStore.Session, errors: [Int: String]) throws -> Model {
            let email = session.user.email
            func describe(_ kind: ApprovalKind, _ scope: String) -> String { ApprovalScopes.describe(kind, scope, library: library) }
            let requests = try store.approvals(of: email)
            let waiting = requests.filter { $0.state == .pending && $0.approverEmail.lowercased() == email.lowercased() }.map { entry in
                Waiting(
                    entry: entry, description: describe(entry.kind, entry.scope), asker: (try? store.user(email: entry.requestedBy).name) ?? entry.requestedBy,
                    agreementTitle: (try? store.agreement(entry.agreement).title) ?? entry.agreement
                )
            }
            return Model(
                rules: try store.approvalRules(of: email).map { ($0, describe($0.kind, $0.scope)) }, waiting: waiting,
                requests: requests.prefix(100).map { ($0, describe($0.kind, $0.scope)) }, mayEditRules: session.user.role == .admin, errors: errors
            )
        }
    }
}
