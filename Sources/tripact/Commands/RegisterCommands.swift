import ArgumentParser
import Foundation
import TripactCore
import TripactStore

/// `tripact subprocessors list | add | change | remove | publish`: the processor's subprocessor register.
struct SubprocessorsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "subprocessors",
        abstract: "The processor's subprocessor register. A change sends each affected agreement a notice (general authorisation) or an approval request (specific authorisation) with that agreement's own deadlines.",
        subcommands: [List.self, Add.self, Change.self, Remove.self, Publish.self], defaultSubcommand: List.self
    )

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "list", abstract: "The entries of an organisation's register (active ones unless --all).")
        @Option(help: "The processor organisation.") var org: String
        @Flag(help: "Include ended entries.") var all = false
        @Option(help: "text or json") var format: OutputFormat = .text
        @OptionGroup var store: StoreOptions

        func run() throws {
            try CLIFailure.report { () throws(CLIFailure) in
                let store = try store.openExisting()
                let today = store.today()
                let entries = try CLIFailure.wrap { () throws(StoreError) in try store.subprocessorRegister(organisation: org) }.filter { all || $0.isActive(on: today) }
                if format == .json { return try FileInput.write(JSONOutput.data(entries), to: nil) }
                var rows = [["ID", "ENTITY", "COUNTRY", "SERVICES", "TRANSFER", "FROM", "UNTIL"]]
                rows += entries.map {
                    [$0.id, $0.name, $0.allCountries.joined(separator: ","), $0.services.joined(separator: ","), $0.transferMechanism, $0.startDate.iso, $0.endDate?.iso ?? ""]
                }
                try FileInput.writeText(Table.format(rows))
            }
        }
    }

    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "add", abstract: "Add an entity to your organisation's register from a JSON entry (see docs/format.md).")
        @Argument(help: "The register entry (JSON).") var file: String
        @OptionGroup var change: ChangeOptions

        func run() throws {
            try CLIFailure.report { () throws(CLIFailure) in
                try change.propose(.addition, entry: RegisterEntryInput.read(file), replacing: nil)
            }
        }
    }

    struct Change: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "change",
            abstract: "Replace an entry by another entity (the file has a new id), or change the processing of the same entity (the file keeps the id)."
        )
        @Argument(help: "The id of the entry replaced or changed.") var id: String
        @Argument(help: "The new entry (JSON).") var file: String
        @OptionGroup var change: ChangeOptions

        func run() throws {
            try CLIFailure.report { () throws(CLIFailure) in
                let entry = try RegisterEntryInput.read(file)
                try change.propose(entry.id == id ? .modification : .replacement, entry: entry, replacing: id)
            }
        }
    }

    struct Remove: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "remove", abstract: "Stop using an entity: the agreements that list it are informed and Annex IV follows.")
        @Argument(help: "The id of the entry.") var id: String
        @OptionGroup var change: ChangeOptions

        func run() throws {
            try CLIFailure.report { () throws(CLIFailure) in try change.propose(.removal, entry: nil, replacing: id) }
        }
    }

    struct Publish: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "publish", abstract: "Publish your organisation's list at /public/SLUG/subprocessors with an Atom feed of its changes; --off withdraws it."
        )
        @Option(help: "The address segment, e.g. atlantis.") var slug: String?
        @Flag(help: "Withdraw the public list.") var off = false
        @Option(name: .customLong("as"), help: "Your e-mail address (an admin).") var user: String
        @OptionGroup var store: StoreOptions

        func validate() throws {
            guard off != (slug != nil) else { throw ValidationError("give either --slug SLUG or --off") }
        }

        func run() throws {
            try CLIFailure.report { () throws(CLIFailure) in
                let store = try store.openExisting()
                try CLIFailure.wrap { () throws(StoreError) in try store.publishRegister(slug: off ? nil : slug, by: user) }
                try FileInput.writeText((off ? "the public list is withdrawn\n" : "published at /public/\(slug ?? "")/subprocessors\n"))
            }
        }
    }
}

/// The options every register change takes.
struct ChangeOptions: ParsableArguments {
    @Option(help: "When the change is meant to take effect (YYYY-MM-DD, default today); no agreement follows before its own notice period has run.")
    var start: String?
    @Option(name: .shortAndLong, help: "Why, for the notices and the log.") var message: String = ""
    @Option(name: .customLong("as"), help: "Your e-mail address.") var user: String
    @OptionGroup var store: StoreOptions
    @OptionGroup var library: LibraryOptions

    func validate() throws {
        if let start, CalendarDay(iso: start) == nil { throw ValidationError("--start must be a date YYYY-MM-DD; found '\(start)'") }
    }

    func propose(_ kind: RegisterChange.Kind, entry: SubprocessorRecord?, replacing: String?) throws(CLIFailure) {
        let library = try library.loadLibrary()
        let store = try store.openExisting()
        let result = try CLIFailure.wrap { () throws(StoreError) in
            try store.proposeRegisterChange(kind, entry: entry, replacing: replacing, plannedStart: start.flatMap(CalendarDay.init(iso:)), message: message, by: user, library: library)
        }
        var out = "change \(result.change.id): \(result.change.change.summary), from \(result.change.change.plannedStart)\n"
        if result.notices.isEmpty { out += "no agreement is affected\n" }
        for notice in result.notices { out += NoticeText.line(notice) }
        for failure in result.failures { out += "not sent (rolled back for this agreement only): \(failure)\n" }
        try FileInput.writeText(out)
    }
}

/// Reads a register entry with the strictness of a document: each problem names its path and line.
enum RegisterEntryInput {
    static func read(_ path: String) throws(CLIFailure) -> SubprocessorRecord {
        let data = try FileInput.readData(path)
        do {
            return try DocumentCodec.decodeStrict(SubprocessorRecord.self, from: data)
        } catch {
            throw .unusableInput(error.message(file: path == "-" ? "(stdin)" : path))
        }
    }
}

enum NoticeText {
    static func line(_ notice: NoticeEntry) -> String {
        var out = "notice \(notice.id)  \(notice.agreement)  \(notice.kind.rawValue)  \(notice.status.label)  \(notice.deadlineLabel) \(notice.respondBy.iso)"
        out += notice.kind == .approvalRequest ? "" : ", takes effect \(notice.takesEffect.iso)"
        if notice.late { out += "  (requested later than the agreement's request period)" }
        if let version = notice.appliedVersion { out += "  → version \(version)" }
        return out + "\n"
    }
}
