import TripactCore
import TripactStore

/// The page behind a signatory's link (`/signatory/:token`): who invites them to sign which agreement, and the form
/// that sets the password of an account limited to reading and signing that agreement.
enum SignatoryPage {
    struct Model {
        let token: String
        /// The link as the store has it: the name is Annex I's, and the agreement is where the new account goes.
        let link: SignatoryLink
        let expires: String
        let errors: [String: String]

        /// An unknown, expired, used or withdrawn link throws, and the error page says so.
        static func load(store: TripactStore, token: String) throws -> Model {
            let link = try store.signatoryLink(token: token)
            return Model(token: token, link: link, expires: AccountForm.utc(link.expiresAt), errors: [:])
        }

        /// The same page again, with what was sent and the problems found in it.
        func refused(errors: [String: String]) -> Model {
            Model(token: token, link: link, expires: expires, errors: errors)
        }
    }
}
