import ArgumentParser
import Foundation
import TripactCore
import TripactStore

/// `tripact token create --as EMAIL --scope read|negotiate [--days N] [--name NAME]` and `tripact token revoke ID`:
/// an operator's way to make a personal API token (for CI, or a user without the web page) and to revoke any token.
struct TokenCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "token", abstract: "Manage personal API tokens.", subcommands: [Create.self, List.self, Revoke.self])

    struct Create: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "create",
            abstract: "Make an API token for a user and print it once (only its hash is stored). Exit 3 if the user is unknown.",
            discussion: "Standard output holds the token alone, so a script can take it: TOKEN=$(tripact token create --as ci@example.com --scope read)."
        )
        @Option(name: .customLong("as"), help: "The user the token acts as.") var user: String
        @Option(help: "read, or negotiate (also propose, accept, reject, comment, object, approve).") var scope: String
        @Option(help: "Days until the token expires, 1 to \(TripactStore.apiTokenMaximumDays).") var days: Int = 90
        @Option(help: "A name to tell the token from the user's others.") var name: String = "command line"
        @OptionGroup var store: StoreOptions

        func validate() throws {
            guard APITokenScope(rawValue: scope) != nil else { throw ValidationError("--scope must be read or negotiate; found '\(scope)'") }
            guard (1...TripactStore.apiTokenMaximumDays).contains(days) else {
                throw ValidationError("--days must be from 1 to \(TripactStore.apiTokenMaximumDays); found \(days)")
            }
        }

        func run() throws {
            try CLIFailure.report { () throws(CLIFailure) in
                let store = try store.openExisting()
                let made = try CLIFailure.wrap { () throws(StoreError) in
                    try store.createAPIToken(for: user, name: name, scope: APITokenScope(rawValue: scope) ?? .read, days: days, actor: "cli")
                }
                try FileInput.writeText(made.token + "\n")
            }
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "list", abstract: "List a user's API tokens: number, name, scope, expiry, state.")
        @Option(name: .customLong("as"), help: "The user whose tokens to list.") var user: String
        @OptionGroup var store: StoreOptions

        func run() throws {
            try CLIFailure.report { () throws(CLIFailure) in
                let store = try store.openExisting()
                let tokens = try CLIFailure.wrap { () throws(StoreError) in try store.apiTokens(userID: store.user(email: user).id) }
                let now = Date()
                let lines = tokens.map { token in
                    let state = token.revokedAt != nil ? "revoked" : token.isUsable(at: now) ? "active" : "expired"
                    return "\(token.id)  \(token.name)  \(token.scope.rawValue)  expires \(token.expiresAt.formatted(.iso8601))  \(state)\n"
                }
                try FileInput.writeText(TextSafety.visible(lines.joined()))
            }
        }
    }

    struct Revoke: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "revoke", abstract: "Revoke an API token by its number ('tripact token list' shows it); it answers 401 from then on.")
        @Argument(help: "The token's number, from 'tripact token list --as EMAIL'.") var id: Int
        @OptionGroup var store: StoreOptions

        func run() throws {
            try CLIFailure.report { () throws(CLIFailure) in
                let store = try store.openExisting()
                try CLIFailure.wrap { () throws(StoreError) in try store.revokeAPIToken(id: id, ownerID: nil, actor: "cli") }
                try FileInput.writeText("revoked API token \(id)\n")
            }
        }
    }
}
