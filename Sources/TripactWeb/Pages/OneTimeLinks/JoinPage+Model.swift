import TripactCore
import TripactStore

/// The page behind an invitation (`/invitation/:token`): who invites whom into which organisation, and the form that
/// creates the account.
enum JoinPage {
    struct Model {
        let token: String
        let invitedBy: String
        let organisation: String?
        let role: String
        let email: String
        let expires: String
        /// The name sent after a refusal (never the passwords).
        let values: [String: String]
        let errors: [String: String]

        static let fields =
            [AccountForm.Field(name: "name", label: "Your full name", type: "text", autocomplete: "name", maxLength: 200)] + AccountForm.passwordFields

        /// An unknown, expired or used link throws, and the error page says so.
        static func load(store: TripactStore, token: String) throws -> Model {
            let link = try store.oneTimeLink(token: token, purpose: .invitation)
            return Model(
                token: token, invitedBy: link.invitedBy ?? "An admin", organisation: link.organisation, role: link.role?.rawValue ?? "viewer", email: link.email ?? "",
                expires: AccountForm.utc(link.expiresAt), values: [:], errors: [:]
            )
        }

        /// The same page again, with what was sent and the problems found in it.
        func refused(values: [String: String], errors: [String: String]) -> Model {
            Model(token: token, invitedBy: invitedBy, organisation: organisation, role: role, email: email, expires: expires, values: values, errors: errors)
        }
    }
}
