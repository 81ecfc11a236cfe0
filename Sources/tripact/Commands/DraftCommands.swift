import ArgumentParser
import Foundation
import TripactCore
import TripactStore

/// `tripact draft show|diff|send|discard AGREEMENT --as EMAIL`: your side's private draft, which the web's forms fill.
/// Against the database only (the server's API has no drafts). Errors and exit codes are those of `propose`.
struct DraftCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "draft", abstract: "Your side's private draft of an agreement: what the next turn will send (never shown to the other side).",
        subcommands: [Show.self, Diff.self, Send.self, Discard.self], defaultSubcommand: Show.self
    )

    /// The options every subcommand takes.
    struct Target: ParsableArguments {
        @Argument(help: "The agreement's reference.") var agreement: String
        @Option(name: .customLong("as"), help: "Your e-mail address.") var user: String
        @OptionGroup var store: StoreOptions

        /// The draft, or a message and exit 0 when the side has none.
        func draft() throws(CLIFailure) -> (TripactStore, Draft?) {
            let store = try store.openExisting()
            let reference = agreement
            let email = user
            return (store, try CLIFailure.wrap { () throws(StoreError) in try store.draft(reference, for: email) })
        }
    }

    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "show", abstract: "The items the draft changes, the items to settle, and who edited what.")
        @OptionGroup var target: Target
        @OptionGroup var library: LibraryOptions

        func run() throws {
            try CLIFailure.report { () throws(CLIFailure) in
                let (_, found) = try target.draft()
                guard let draft = found else { return try FileInput.writeText("your side has no draft of '\(target.agreement)'\n") }
                let labels = ItemLabels(document: draft.document, library: try library.loadLibrary())
                var text = "draft of '\(draft.agreement)' on version \(draft.base): \(draft.changes.count) changed item\(draft.changes.count == 1 ? "" : "s")\n"
                for key in draft.changes { text += "  \(key.rawValue)  \(labels.label(key))\(draft.conflicts.contains(key) ? "  (to settle: the other side changed it too)" : "")\n" }
                for key in draft.conflicts where !draft.changes.contains(key) { text += "  \(key.rawValue)  \(labels.label(key))  (to settle)\n" }
                if !draft.edits.isEmpty { text += "edits:\n" }
                for edit in draft.edits { text += "  \(edit.at)  \(edit.editorEmail)  \(edit.item.rawValue)  \(edit.note)\n" }
                if !draft.comments.isEmpty { text += "Word comments held until the draft is sent:\n" }
                for comment in draft.comments { text += "  \(comment.item?.rawValue ?? "the agreement")  \(comment.body)\n" }
                try FileInput.writeText(text)
            }
        }
    }

    struct Diff: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "diff", abstract: "The draft against the head version, as 'tripact diff' writes it.")
        @OptionGroup var target: Target
        @OptionGroup var library: LibraryOptions
        @Flag(help: "No colour, even on a terminal.") var noColor = false

        func run() throws {
            try CLIFailure.report { () throws(CLIFailure) in
                let (store, found) = try target.draft()
                guard let draft = found else { return try FileInput.writeText("your side has no draft of '\(target.agreement)'\n") }
                let reference = target.agreement
                let email = target.user
                let library = try library.loadLibrary()
                let (head, playbook) = try CLIFailure.wrap { () throws(StoreError) in
                    (try store.version(reference), try store.playbook(for: try store.user(email: email), in: reference, library: library))
                }
                let diff = AgreementDiffer.diff(
                    head.document, draft.document, library: library, oldLabel: "\(reference) v\(head.number)", newLabel: "your draft", playbook: playbook
                )
                let environment = ProcessInfo.processInfo.environment
                let color = !noColor && isatty(STDOUT_FILENO) == 1 && environment["NO_COLOR"].map(\.isEmpty) ?? true && environment["TERM"] != "dumb"
                try FileInput.writeText(DiffTextFormatter.format(diff, color: color))
            }
        }
    }

    struct Send: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "send", abstract: "Propose the draft as one version. Refused with exit 4 while items wait to be settled, exit 5 while an approval waits."
        )
        @OptionGroup var target: Target
        @Option(name: .shortAndLong, help: "The cover message to the other side: what this turn changes and why.") var message: String

        func run() throws {
            try CLIFailure.report { () throws(CLIFailure) in
                let store = try target.store.openExisting()
                let (reference, email, message) = (target.agreement, target.user, message)
                let (version, onlyComments) = try CLIFailure.wrap { () throws(StoreError) in
                    let changes = try store.draft(reference, for: email)?.changes.count ?? 0
                    return (try store.sendDraft(reference, by: email, message: message), changes == 0)
                }
                if onlyComments { return try FileInput.writeText("posted the draft's Word comments on version \(version.number) of '\(reference)'\n") }
                try FileInput.writeText("proposed version \(version.number) of '\(reference)' (sha256 \(version.contentHash.prefix(12)))\n")
            }
        }
    }

    struct Discard: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "discard", abstract: "Throw the draft away; the agreement stays as it is.")
        @OptionGroup var target: Target

        func run() throws {
            try CLIFailure.report { () throws(CLIFailure) in
                let store = try target.store.openExisting()
                let (reference, email) = (target.agreement, target.user)
                try CLIFailure.wrap { () throws(StoreError) in try store.discardDraft(reference, by: email) }
                try FileInput.writeText("discarded your side's draft of '\(reference)'\n")
            }
        }
    }
}
