import TripactCore
import TripactStore

/// The first run's setup page (`/setup/:token`): the first organisation and its admin, before anyone can log in.
enum SetupPage {
    struct Model {
        let token: String
        /// Until when the link works, in UTC words.
        let expires: String
        /// The values sent after a refusal (never the passwords).
        let values: [String: String]
        let errors: [String: String]

        static let fields =
            [
                AccountForm.Field(name: "organisation", label: "Your organisation", type: "text", autocomplete: "organization", maxLength: 200),
                AccountForm.Field(name: "name", label: "Your full name", type: "text", autocomplete: "name", maxLength: 200),
                AccountForm.Field(name: "email", label: "Your e-mail address (you log in with it)", type: "email", autocomplete: "username"),
            ] + AccountForm.passwordFields

        /// An unknown, expired or used link throws, and the error page says so.
        static func load(store: TripactStore, token: String) throws -> Model {
            let link = try store.oneTimeLink(token: token, purpose: .setup)
            return Model(token: token, expires: AccountForm.utc(link.expiresAt), values: [:], errors: [:])
        }

        /// The same page again, with what was sent and the problems found in it.
        func refused(values: [String: String], errors: [String: String]) -> Model {
            Model(token: token, expires: expires, values: values, errors: errors)
        }
    }
}
