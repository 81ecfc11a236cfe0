import ArgumentParser
import Foundation
import TripactAPIClient
import TripactCore
import TripactStore

/// `tripact notices [list] [--due-before DATE] [--format json]` and `tripact notices settle`.
struct NoticesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "notices", abstract: "Notices and approval requests sent by subprocessor register changes, soonest deadline first.",
        subcommands: [List.self, Settle.self], defaultSubcommand: List.self
    )

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "list", abstract: "List notices; with --as, only those of your organisation's agreements (from a server: always only those)."
        )
        @Option(help: "Only open notices whose deadline is before this day (YYYY-MM-DD).") var dueBefore: String?
        @Flag(help: "Only notices that still need someone to act.") var open = false
        @Option(help: "Only this agreement's notices.") var agreement: String?
        @Option(name: .customLong("as"), help: "Your e-mail address: list only your organisation's notices.") var user: String?
        @Option(help: "text or json") var format: OutputFormat = .text
        @OptionGroup var store: StoreOptions
        @OptionGroup var remote: RemoteOptions

        func validate() throws {
            if let dueBefore, CalendarDay(iso: dueBefore) == nil { throw ValidationError("--due-before must be a date YYYY-MM-DD; found '\(dueBefore)'") }
        }

        func run() async throws {
            try await CLIFailure.report { () async throws(CLIFailure) in
                let day = dueBefore.flatMap(CalendarDay.init(iso:))
                if let api = try remote.api(store: store) {
                    // The token's user is the reader; --as names a user of a local database.
                    if user != nil { throw .unusableInput("--as: on a server the token's user reads; leave --as out") }
                    let notices = try await CLIFailure.remote { () async throws(RemoteFailure) in
                        try await api.notices(dueBefore: day, openOnly: open, agreement: agreement)
                    }
                    return try ListingFormat.notices(notices, format: format)
                }
                let store = try store.openExisting()
                let notices = try CLIFailure.wrap { () throws(StoreError) in
                    let organisation = try user.map { email throws(StoreError) in try store.user(email: email).organisationID }
                    return try store.notices(visibleTo: organisation, dueBefore: day, openOnly: open, agreement: agreement)
                }
                try ListingFormat.notices(notices, format: format)
            }
        }
    }

    struct Settle: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "settle", abstract: "Apply every notice whose day has come without objection: each affected agreement gets a version with Annex IV updated. The server does this on its own every few minutes."
        )
        @OptionGroup var store: StoreOptions
        @OptionGroup var library: LibraryOptions

        func run() throws {
            try CLIFailure.report { () throws(CLIFailure) in
                let library = try library.loadLibrary()
                let store = try store.openExisting()
                let applied = try CLIFailure.wrap { () throws(StoreError) in try store.settleDueNotices(library: library) }
                var out = applied.isEmpty ? "no notice is due\n" : ""
                for notice in applied { out += NoticeText.line(notice) }
                try FileInput.writeText(out)
            }
        }
    }
}

/// `tripact object NOTICE --reason TEXT --as USER`.
struct ObjectCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "object", abstract: "Object to a notified subprocessor change within its objection period, or refuse an approval request. Exit 5 after the deadline."
    )
    @Argument(help: "The notice number.") var notice: Int
    @Option(help: "Your grounds, relating to the protection of personal data.") var reason: String
    @Option(name: .customLong("as"), help: "Your e-mail address.") var user: String
    @OptionGroup var store: StoreOptions

    func run() throws {
        try CLIFailure.report { () throws(CLIFailure) in
            let store = try store.openExisting()
            let entry = try CLIFailure.wrap { () throws(StoreError) in try store.object(to: notice, reason: reason, by: user) }
            try FileInput.writeText(NoticeText.line(entry))
        }
    }
}

/// `tripact approve NOTICE --as USER`.
struct ApproveCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "approve", abstract: "Approve a subprocessor under specific authorisation: the agreement gets a version with Annex IV updated."
    )
    @Argument(help: "The notice number.") var notice: Int
    @Option(name: .customLong("as"), help: "Your e-mail address.") var user: String
    @OptionGroup var store: StoreOptions
    @OptionGroup var library: LibraryOptions

    func run() throws {
        try CLIFailure.report { () throws(CLIFailure) in
            let library = try library.loadLibrary()
            let store = try store.openExisting()
            let entry = try CLIFailure.wrap { () throws(StoreError) in try store.approve(notice, by: user, library: library) }
            try FileInput.writeText(NoticeText.line(entry))
        }
    }
}

/// `tripact resolve NOTICE --outcome withdrawn|alternative-offered|terminated --note TEXT --as USER`.
struct ResolveCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "resolve",
        abstract: "End an objection or refusal: the processor withdraws the change for that agreement or offers an alternative; the controller terminates the services concerned."
    )
    @Argument(help: "The notice number.") var notice: Int
    @Option(help: "withdrawn, alternative-offered or terminated.") var outcome: String
    @Option(help: "What was decided.") var note: String
    @Option(name: .customLong("as"), help: "Your e-mail address.") var user: String
    @OptionGroup var store: StoreOptions

    func validate() throws {
        guard NoticeResolution(rawValue: outcome) != nil else { throw ValidationError("--outcome must be withdrawn, alternative-offered or terminated; found '\(outcome)'") }
    }

    func run() throws {
        try CLIFailure.report { () throws(CLIFailure) in
            let store = try store.openExisting()
            let entry = try CLIFailure.wrap { () throws(StoreError) in try store.resolve(notice, as: NoticeResolution(rawValue: outcome)!, note: note, by: user) }
            try FileInput.writeText(NoticeText.line(entry))
        }
    }
}

/// `tripact evidence list | add | remove`: certificates and reports behind the processor's measures.
struct EvidenceCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "evidence", abstract: "The measure register: evidence behind Annex III. Evidence expiring within 60 days warns on every agreement relying on it.",
        subcommands: [List.self, Add.self, Remove.self], defaultSubcommand: List.self
    )

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "list", abstract: "Your organisation's evidence, soonest expiry first.")
        @Option(name: .customLong("as"), help: "Your e-mail address.") var user: String
        @Option(help: "text or json") var format: OutputFormat = .text
        @OptionGroup var store: StoreOptions

        func run() throws {
            try CLIFailure.report { () throws(CLIFailure) in
                let store = try store.openExisting()
                let list = try CLIFailure.wrap { () throws(StoreError) in try store.evidence(organisationID: store.user(email: user).organisationID) }
                if format == .json { return try FileInput.write(JSONOutput.data(list), to: nil) }
                let today = store.today()
                var rows = [["ID", "MEASURE", "EVIDENCE", "ISSUER", "EXPIRES", "DAYS LEFT"]]
                rows += list.map { [$0.id, $0.measure, $0.title, $0.issuer, $0.expires?.iso ?? "never", $0.expires.map { "\(today.days(until: $0))" } ?? ""] }
                try FileInput.writeText(Table.format(rows))
            }
        }
    }

    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "add", abstract: "Record (or update, by id) a certificate or report behind a measure.")
        @Option(help: "A key for this evidence.") var id: String
        @Option(help: "The measure it supports: a catalogue key or a custom measure id.") var measure: String
        @Option(help: "certificate, report or other.") var kind: String = "certificate"
        @Option(help: "e.g. 'ISO/IEC 27001:2022 certificate'.") var title: String
        @Option(help: "Who issued it.") var issuer: String
        @Option(help: "Issue date, YYYY-MM-DD.") var issued: String
        @Option(help: "Expiry date, YYYY-MM-DD.") var expires: String?
        @Option(help: "Certificate number or document reference.") var reference: String
        @Option(name: .customLong("as"), help: "Your e-mail address.") var user: String
        @OptionGroup var store: StoreOptions

        func validate() throws {
            guard MeasureEvidence.Kind(rawValue: kind) != nil else { throw ValidationError("--kind must be certificate, report or other; found '\(kind)'") }
            guard CalendarDay(iso: issued) != nil else { throw ValidationError("--issued must be a date YYYY-MM-DD; found '\(issued)'") }
            if let expires, CalendarDay(iso: expires) == nil { throw ValidationError("--expires must be a date YYYY-MM-DD; found '\(expires)'") }
        }

        func run() throws {
            try CLIFailure.report { () throws(CLIFailure) in
                let store = try store.openExisting()
                let evidence = MeasureEvidence(
                    id: id, measure: measure, kind: MeasureEvidence.Kind(rawValue: kind)!, title: title, issuer: issuer, issued: CalendarDay(iso: issued)!,
                    expires: expires.flatMap(CalendarDay.init(iso:)), reference: reference
                )
                try CLIFailure.wrap { () throws(StoreError) in try store.saveEvidence(evidence, by: user) }
                try FileInput.writeText("recorded evidence '\(id)' for measure '\(measure)'\n")
            }
        }
    }

    struct Remove: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "remove", abstract: "Remove a piece of evidence.")
        @Argument(help: "The evidence id.") var id: String
        @Option(name: .customLong("as"), help: "Your e-mail address.") var user: String
        @OptionGroup var store: StoreOptions

        func run() throws {
            try CLIFailure.report { () throws(CLIFailure) in
                let store = try store.openExisting()
                try CLIFailure.wrap { () throws(StoreError) in try store.removeEvidence(id, by: user) }
                try FileInput.writeText("removed evidence '\(id)'\n")
            }
        }
    }
}
