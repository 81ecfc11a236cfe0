import ArgumentParser
import Foundation
import TripactAPIClient
import TripactCore
import TripactStore

/// `tripact comment AGREEMENT [--item KEY] -m TEXT [--internal] --as USER`, in the database or on a server.
struct CommentCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "comment", abstract: "Comment on an item of the head version, or on the whole agreement; --internal keeps it within your organisation."
    )
    @Argument(help: "The agreement's reference.") var agreement: String
    @Option(help: "The item, e.g. clause:audits ('tripact show AGREEMENT --items' lists them); left out for the whole agreement.") var item: String?
    @Option(name: .shortAndLong, help: "The comment (at most 4,000 characters).") var message: String
    @Flag(help: "Visible only to your own organisation, never to the other side.") var `internal` = false
    @Option(name: .customLong("as"), help: "Your e-mail address (against a database; on a server the token's user comments).") var user: String?
    @OptionGroup var store: StoreOptions
    @OptionGroup var remote: RemoteOptions

    func run() async throws {
        try await CLIFailure.report { () async throws(CLIFailure) in
            let key = item.map(ItemKey.init(rawValue:))
            if let api = try remote.api(store: store) {
                try Acting.remote(user)
                try await CLIFailure.remoteWrite(agreement: agreement, base: nil) { () async throws(RemoteFailure) in
                    try await api.comment(agreement, item: key, body: message, isInternal: `internal`)
                }
            } else {
                let user = try Acting.local(user)
                let store = try store.openExisting()
                try CLIFailure.wrap { () throws(StoreError) in try store.comment(on: agreement, item: key, body: message, by: user, isInternal: `internal`) }
            }
            let subject = item.map { "\($0) of '\(agreement)'" } ?? "'\(agreement)'"
            try FileInput.writeText("commented on \(subject)\(`internal` ? " (internal: your organisation only)" : "")\n")
        }
    }
}
