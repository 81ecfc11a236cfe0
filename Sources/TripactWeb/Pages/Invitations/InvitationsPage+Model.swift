import TripactCore
import TripactStore

/// Inviting the other side (`/admin/invitations`), for admins: the form, the invitations the organisation sent with
/// their state in words, and right after an invitation its link (the only time it is shown).
enum InvitationsPage {
    struct Model {
        /// An invitation sent, its state in words.
        struct Sent {
            let email: String
            let organisation: String
            let role: String
            let invitedBy: String
            let state: String
        }

        let created: AdminPage.Model.Invited?
        let sent: [Sent]
        /// The form's values (`organisation`, `email`, `role`); the role is `admin` on a fresh form.
        let values: [String: String]
        let errors: [String: String]

        static func load(
            store: TripactStore, session: TripactStore.Session, created: AdminPage.Model.Invited? = nil, values: [String: String] = ["role": Role.admin.rawValue],
            errors: [String: String] = [:]
        ) throws -> Model {
            let sent = try store.invitations(sentBy: session.user.email).map {
                Sent(email: $0.email, organisation: $0.organisation, role: $0.role.rawValue, invitedBy: $0.invitedBy, state: describe($0))
            }
            return Model(created: created, sent: sent, values: values, errors: errors)
        }

        static func describe(_ invitation: InvitationEntry) -> String {
            switch invitation.state {
            case .pending: "waiting, until \(AccountForm.utc(invitation.expiresAt))"
            case .accepted: "accepted"
            case .expired: "expired on \(AccountForm.utc(invitation.expiresAt)); invite again for a new link"
            case .revoked: "replaced by a newer invitation"
            }
        }
    }
}
