import ArgumentParser
import Foundation
import TripactCore
import TripactStore

/// The kinds as the command line spells them.
enum ApprovalKindArgument: String, ExpressibleByArgument, CaseIterable {
    case proposal, signing
    var kind: ApprovalKind { self == .proposal ? .proposal : .signing }
}

/// `tripact approval require|drop|list|approve|refuse`: an organisation's internal approval before its turns are sent
/// or before it signs. Every subcommand acts as `--as`, whose organisation's rules and requests alone it sees.
struct ApprovalCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "approval", abstract: "Internal approval before your organisation sends a turn or signs (never shown to the other side).",
        subcommands: [Require.self, Drop.self, List.self, Approve.self, Refuse.self], defaultSubcommand: List.self
    )

    struct Require: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "require", abstract: "Require APPROVER's approval before your organisation proposes (optionally: changes in --scope) or signs. Admins only."
        )
        @Argument(help: "proposal or signing") var kind: ApprovalKindArgument
        @Option(help: "The approver's e-mail: a user of your organisation.") var approver: String
        @Option(help: "For proposals: only turns that change items whose key is or starts with this, e.g. 'measure' (Annex III).") var scope: String = ""
        @Option(name: .customLong("as"), help: "Your e-mail address (an admin).") var user: String
        @OptionGroup var store: StoreOptions

        func run() throws {
            try CLIFailure.report { () throws(CLIFailure) in
                let store = try store.openExisting()
                let approvalKind = kind.kind
                try CLIFailure.wrap { () throws(StoreError) in try store.requireApproval(approvalKind, scope: scope, approver: approver, by: user) }
                try FileInput.writeText("\(approver) now approves \(approvalKind == .signing ? "signing" : scope.isEmpty ? "every turn" : "turns that change \(scope)") for your organisation\n")
            }
        }
    }

    struct Drop: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "drop", abstract: "Remove a rule. Admins only.")
        @Argument(help: "proposal or signing") var kind: ApprovalKindArgument
        @Option(help: "The rule's scope, as it was required.") var scope: String = ""
        @Option(name: .customLong("as"), help: "Your e-mail address (an admin).") var user: String
        @OptionGroup var store: StoreOptions

        func run() throws {
            try CLIFailure.report { () throws(CLIFailure) in
                let store = try store.openExisting()
                let approvalKind = kind.kind
                try CLIFailure.wrap { () throws(StoreError) in try store.dropApprovalRule(approvalKind, scope: scope, by: user) }
                try FileInput.writeText("rule removed\n")
            }
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "list", abstract: "Your organisation's rules and requests, newest first.")
        @Flag(help: "Only requests still waiting.") var pending = false
        @Option(name: .customLong("as"), help: "Your e-mail address.") var user: String
        @Option(help: "text or json") var format: OutputFormat = .text
        @OptionGroup var store: StoreOptions

        func run() throws {
            try CLIFailure.report { () throws(CLIFailure) in
                let store = try store.openExisting()
                let (rules, requests) = try CLIFailure.wrap { () throws(StoreError) in (try store.approvalRules(of: user), try store.approvals(of: user, pendingOnly: pending)) }
                if format == .json { return try FileInput.write(JSONOutput.data(requests), to: nil) }
                var out = rules.isEmpty ? "no approval rule\n" : ""
                for rule in rules { out += "rule: \(rule.kind.rawValue)\(rule.scope.isEmpty ? "" : " of \(rule.scope)") approved by \(rule.approverEmail)\n" }
                var rows = [["REQUEST", "AGREEMENT", "KIND", "VERSION", "ASKED BY", "APPROVER", "STATE"]]
                rows += requests.map {
                    ["\($0.id)", $0.agreement, $0.kind.rawValue + ($0.scope.isEmpty ? "" : " (\($0.scope))"), "\($0.base)", $0.requestedBy, $0.approverEmail,
                     $0.state.rawValue + ($0.reason.map { ": \($0)" } ?? "")]
                }
                try FileInput.writeText(out + Table.format(rows))
            }
        }
    }

    struct Approve: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "approve", abstract: "Approve a request that waits for you.")
        @Argument(help: "The request's number (see 'tripact approval list').") var request: Int
        @Option(name: .customLong("as"), help: "Your e-mail address (the approver).") var user: String
        @OptionGroup var store: StoreOptions

        func run() throws {
            try CLIFailure.report { () throws(CLIFailure) in
                let store = try store.openExisting()
                try CLIFailure.wrap { () throws(StoreError) in try store.decideApproval(request, approve: true, reason: nil, by: user) }
                try FileInput.writeText("request \(request) approved\n")
            }
        }
    }

    struct Refuse: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "refuse", abstract: "Refuse a request that waits for you, saying why.")
        @Argument(help: "The request's number (see 'tripact approval list').") var request: Int
        @Option(help: "Why you refuse (required).") var reason: String
        @Option(name: .customLong("as"), help: "Your e-mail address (the approver).") var user: String
        @OptionGroup var store: StoreOptions

        func run() throws {
            try CLIFailure.report { () throws(CLIFailure) in
                let store = try store.openExisting()
                try CLIFailure.wrap { () throws(StoreError) in try store.decideApproval(request, approve: false, reason: reason, by: user) }
                try FileInput.writeText("request \(request) refused\n")
            }
        }
    }
}
