import Foundation
import TripactCore
import TripactStore

/// The user's personal API tokens (`/account/tokens`): the one just made (shown this once), the list with when each
/// was last used, and the form that makes one.
enum APITokensPage {
    struct Model {
        /// A token in the list, in words.
        struct Token {
            enum State {
                case revoked
                case expired
                /// Still usable: the list offers to revoke it.
                case usable
            }

            let id: Int
            let name: String
            let scope: String
            let made: String
            let expires: String
            let lastUsed: String
            let state: State
        }

        /// The token just made: its secret, and its name, scope and expiry said in one sentence.
        struct Created {
            let token: String
            let summary: String
        }

        let created: Created?
        let tokens: [Token]
        /// The form's values after a refusal (`name`, `scope`, `days`).
        let entered: [String: String]
        let errors: [String: String]

        static func load(
            store: TripactStore, session: TripactStore.Session, now: Date, created: (token: String, listing: APIToken)? = nil, entered: [String: String] = [:],
            errors: [String: String] = [:]
        ) throws -> Model {
            let tokens = try store.apiTokens(userID: session.user.id).map { token in
                Token(
                    id: token.id, name: token.name, scope: scopeWords(token.scope), made: String(token.createdAt.prefix(10)), expires: day(token.expiresAt),
                    lastUsed: token.lastUsedAt.map { String($0.prefix(16)).replacingOccurrences(of: "T", with: " ") } ?? "never",
                    state: token.revokedAt != nil ? .revoked : token.isUsable(at: now) ? .usable : .expired
                )
            }
            let made = created.map { Created(token: $0.token, summary: "“\($0.listing.name)”, \(scopeWords($0.listing.scope)), expires on \(day($0.listing.expiresAt)).") }
            return Model(created: made, tokens: tokens, entered: entered, errors: errors)
        }

        static func scopeWords(_ scope: APITokenScope) -> String {
            switch scope {
            case .read: "read only"
            case .negotiate: "read and negotiate"
            }
        }

        static func day(_ date: Date) -> String {
            var style = Date.ISO8601FormatStyle().year().month().day()
            style.timeZone = TimeZone(identifier: "UTC")!
            return date.formatted(style)
        }
    }
}
