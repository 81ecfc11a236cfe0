import ArgumentParser
import Foundation
import TripactCore
import TripactStore

/// `tripact org add NAME`.
struct OrganisationCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "org", abstract: "Manage organisations.", subcommands: [Add.self, List.self])

    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "add", abstract: "Add an organisation (a brand or an outsourcer). Exit 4 if it exists.")
        @Argument(help: "The organisation's name, e.g. \"Lumen Télécom SA\".") var name: String
        @OptionGroup var store: StoreOptions

        func run() throws {
            try CLIFailure.report { () throws(CLIFailure) in
                let store = try store.open()
                let organisation = try CLIFailure.wrap { () throws(StoreError) in try store.addOrganisation(name: name) }
                try FileInput.writeText("added organisation '\(organisation.name)'\n")
            }
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "list", abstract: "List organisations.")
        @OptionGroup var store: StoreOptions
        @Option(help: "text or json") var format: OutputFormat = .text

        func run() throws {
            try CLIFailure.report { () throws(CLIFailure) in
                let store = try store.openExisting()
                let organisations = try CLIFailure.wrap { () throws(StoreError) in try store.organisations() }
                let out = format == .json ? JSONOutput.data(organisations) : Data(TextSafety.visible(organisations.map { $0.name + "\n" }.joined()).utf8)
                try FileInput.write(out, to: nil)
            }
        }
    }
}

/// `tripact user add EMAIL --name NAME --org ORG --role ROLE` and `tripact user password EMAIL`; passwords come from
/// standard input.
struct UserCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "user", abstract: "Manage users.", subcommands: [Add.self, Password.self])

    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "add", 
            abstract: "Add a user to an organisation. Exit 3 if the organisation is unknown, 4 if the user exists.",
            discussion: """
                The password is read from standard input: typed twice without echo at a terminal, else the first line \
                (`printf '%s\\n' "$PASSWORD" | tripact user add …`). With no password (empty input, or Enter alone at the \
                terminal) the user acts through the command line (--as) but cannot log in until `tripact user password`.
                """
        )
        @Argument(help: "The user's e-mail address; it is how commands name the user (--as).") var email: String
        @Option(help: "The user's full name.") var name: String
        @Option(help: "The user's organisation.") var org: String
        @Option(help: "admin, legal, account-manager or viewer.") var role: String = "legal"
        @OptionGroup var store: StoreOptions

        func validate() throws {
            guard Role(rawValue: role) != nil else { throw ValidationError("--role must be one of \(Role.allCases.map(\.rawValue).joined(separator: ", ")); found '\(role)'") }
        }

        func run() throws {
            try CLIFailure.report { () throws(CLIFailure) in
                let store = try store.open()
                var hash: String?
                if let password = try PasswordInput.read(for: email) { hash = try PasswordInput.hash(password) }
                let user = try CLIFailure.wrap { () throws(StoreError) in
                    try store.addUser(email: email, name: name, organisation: org, role: Role(rawValue: role) ?? .viewer, passwordHash: hash)
                }
                let note = hash == nil ? " without a password: they cannot log in until 'tripact user password \(user.email)'" : ""
                try FileInput.writeText("added \(user.role.rawValue) user '\(user.email)' to '\(org)'\(note)\n")
            }
        }
    }

    struct Password: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "password", 
            abstract: "Set a user's password, read from standard input, and end their sessions. Exit 3 if the user is unknown.",
            discussion: "Typed twice without echo at a terminal, else the first line of standard input; never an argument."
        )
        @Argument(help: "The user's e-mail address.") var email: String
        @OptionGroup var store: StoreOptions

        func run() throws {
            try CLIFailure.report { () throws(CLIFailure) in
                let store = try store.openExisting()
                let user = try CLIFailure.wrap { () throws(StoreError) in try store.user(email: email) }
                guard let password = try PasswordInput.read(for: user.email) else {
                    throw .unusableInput("password: none given on standard input; nothing was changed")
                }
                let hash = try PasswordInput.hash(password)
                try CLIFailure.wrap { () throws(StoreError) in try store.setPassword(of: user.email, passwordHash: hash) }
                try FileInput.writeText("set the password of '\(user.email)'; their sessions ended\n")
            }
        }
    }
}

/// `tripact backup --to FILE`.
struct BackupCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "backup", abstract: "Copy the database with SQLite's online backup API (safe while others write).")
    @Option(help: "The backup file to write.") var to: String
    @OptionGroup var store: StoreOptions

    func validate() throws {
        if FileManager.default.fileExists(atPath: to) { throw ValidationError("'\(to)' exists; choose a new file for the backup") }
    }

    func run() throws {
        try CLIFailure.report { () throws(CLIFailure) in
            let store = try store.openExisting()
            try CLIFailure.wrap { () throws(StoreError) in try store.backup(to: to) }
            try FileInput.writeText("backed up '\(store.path)' to '\(to)'\n")
        }
    }
}

/// `tripact audit verify | log`.
struct AuditCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "audit", abstract: "Read and check the hash-chained audit log.", subcommands: [Verify.self, Log.self])

    struct Verify: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "verify", abstract: "Check that no audit row was edited, deleted or inserted. Exit 1 naming the rows if the chain is broken.")
        @OptionGroup var store: StoreOptions

        func run() throws {
            try CLIFailure.report { () throws(CLIFailure) in
                let store = try store.openExisting()
                let (result, head) = try CLIFailure.wrap { () throws(StoreError) in (try store.verifyAudit(), try store.auditHead()) }
                let kinds = result.eventsByAction.sorted { $0.key < $1.key }.map { "  \($0.key): \($0.value)\n" }.joined()
                if result.isIntact {
                    let summary = "ok: \(result.events) audit events, chain intact; \(result.rowsChecked) audited rows agree with it; head sha256 \(head)\n"
                    try FileInput.writeText(summary + kinds)
                } else {
                    let message = "audit chain broken (\(result.events) events):\n" + result.problems.map { "  \($0)\n" }.joined()
                    FileHandle.standardError.write(Data(TextSafety.visible(("error: " + message)).utf8))
                    throw .findings
                }
            }
        }
    }

    struct Log: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "log", abstract: "Print the audit log, optionally for one agreement.")
        @Option(help: "Only events of this agreement.") var agreement: String?
        @Option(help: "text or json") var format: OutputFormat = .text
        @OptionGroup var store: StoreOptions

        func run() throws {
            try CLIFailure.report { () throws(CLIFailure) in
                let store = try store.openExisting()
                let events = try CLIFailure.wrap { () throws(StoreError) in try store.auditEvents(agreement: agreement) }
                if format == .json { return try FileInput.write(JSONOutput.data(events), to: nil) }
                let lines = events.map { "\($0.id)\t\($0.at)\t\($0.actor)\t\($0.agreement ?? "-")\t\($0.action)\t\($0.detail)\n" }.joined()
                try FileInput.writeText(lines)
            }
        }
    }
}
