import TripactCore
import TripactStore

/// The organisation's approval rules (`/approvals/rules`), for its admins: the rules in words, each with its drop
/// button, and the form that adds one (again with the values and problems after a refusal).
enum ApprovalRulesPage {
    struct Model {
        /// A rule in force: what it covers in words, who approves, and the form value that names it for dropping.
        struct Rule {
            let words: String
            let approverName: String
            let approverEmail: String
            let value: String
        }

        let rules: [Rule]
        /// What needs approval, as the form offers it: `(value, label)`.
        let scopes: [(value: String, label: String)]
        /// The colleagues who may approve: `(e-mail, "name (e-mail), role")`.
        let approvers: [(email: String, label: String)]
        /// The values sent, by field (`scope`, `approver`), after a refusal.
        let values: [String: String]
        /// The add form's problems by field.
        let errors: [String: String]
        /// Why a drop was refused, if it was.
        let dropError: String?

        /// `errors` may carry a `drop` key for a refused drop; the rest belong to the add form.
        static func load(store: TripactStore, library: ClauseLibrary, session: TripactStore.Session, values: [String: String] = [:], errors: [String: String] = [:])
            throws -> Model
        {
            let rules = try store.approvalRules(of: session.user.email).map { rule in
                Rule(
                    words: ApprovalScopes.describe(rule.kind, rule.scope, library: library), approverName: rule.approverName, approverEmail: rule.approverEmail,
                    value: ApprovalScopes.Choice.value(rule.kind, rule.scope)
                )
            }
            return Model(
                rules: rules, scopes: ApprovalScopes.choices(library: library).map { ($0.value, $0.label) },
                approvers: approvers(store: store, session: session).map { ($0.email, "\($0.name) (\($0.email)), \($0.role.rawValue)") }, values: values,
                errors: errors.filter { $0.key != "drop" }, dropError: errors["drop"]
            )
        }

        /// The organisation's users who may approve: everyone but the accounts limited to signing one agreement.
        private static func approvers(store: TripactStore, session: TripactStore.Session) -> [User] {
            let organisation = (try? store.organisations())?.first { $0.id == session.user.organisationID }?.name ?? ""
            return ((try? store.users(in: organisation)) ?? []).filter { (try? store.user(email: $0.email))?.signingOnly == nil }
        }
    }
}
