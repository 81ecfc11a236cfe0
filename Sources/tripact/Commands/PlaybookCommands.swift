import ArgumentParser
import Foundation
import TripactCore
import TripactStore

/// `tripact playbook show | set | export | import`: your organisation's private playbook.
struct PlaybookCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "playbook",
        abstract: "Your organisation's private playbook: preferred, fallback and walk-away positions per clause and parameter.",
        discussion: """
            The playbook starts as the clause library's for the side your organisation negotiates as, and only admins and \
            legal users change it. The diff and the web judge each change against your own organisation's playbook; the \
            other side never sees it.
            """,
        subcommands: [Show.self, SetPositions.self, Export.self, Import.self], defaultSubcommand: Show.self
    )

    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "show", abstract: "Print the playbook; '*' marks a position your organisation changed.")
        @Option(help: "text or json (the export format)") var format: OutputFormat = .text
        @OptionGroup var playbook: PlaybookOptions

        func run() throws {
            try CLIFailure.report { () throws(CLIFailure) in
                let (library, _, current) = try playbook.load()
                if format == .json { return try FileInput.write(PlaybookCodec.prettyJSON(current), to: nil) }
                try FileInput.writeText(PlaybookText.describe(current, library: library))
            }
        }
    }

    struct SetPositions: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "set",
            abstract: "Change a clause's variant positions, or with --param a parameter's positions, or with 'roles' who decides a purpose; positions not given stay as they are."
        )
        @Argument(help: "The clause id (tripact clauses lists them), or 'roles' for who decides a purpose (on-behalf, joint, independent).") var clause: String
        @Option(name: .customLong("param"), help: ArgumentHelp("Set this parameter's positions instead of the clause's variants.", valueName: "NAME"))
        var parameter: String?
        @Option(help: "Your preferred variant key or value.") var preferred: String?
        @Option(help: "Your fallback variant key or value.") var fallback: String?
        @Option(name: .customLong("walk-away"), help: "Your walk-away variant key or value.") var walkAway: String?
        @OptionGroup var playbook: PlaybookOptions

        /// The argument that names the positions on who decides a purpose instead of a clause.
        static let roles = "roles"

        func validate() throws {
            guard preferred != nil || fallback != nil || walkAway != nil else { throw ValidationError("give at least one of --preferred, --fallback and --walk-away") }
            if clause == Self.roles, parameter != nil { throw ValidationError("--param is for a clause's parameter; 'roles' has none") }
        }

        func run() throws {
            try CLIFailure.report { () throws(CLIFailure) in
                let (library, store, current) = try playbook.load()
                let values = PlaybookEdit.Values(preferred: preferred, fallback: fallback, walkAway: walkAway)
                let changed: Playbook
                do throws(PlaybookEditError) {
                    if clause == Self.roles {
                        changed = try PlaybookEdit.settingRoles(current, values)
                    } else if let parameter {
                        changed = try PlaybookEdit.settingParameter(current, clause: ClauseID(clause), parameter: parameter, values, library: library)
                    } else {
                        changed = try PlaybookEdit.settingVariant(current, clause: ClauseID(clause), values, library: library)
                    }
                } catch {
                    throw .unusableInput(error.problems.map { "\($0.field == "walk-away" ? "--walk-away" : $0.field == "parameter" ? "--param" : $0.field == "clause" ? "CLAUSE" : "--\($0.field)"): \($0.message)" }.joined(separator: "\n"))
                }
                try CLIFailure.wrap { () throws(StoreError) in try store.savePlaybook(changed, by: playbook.user, library: library) }
                let id = ClauseID(clause)
                if clause == Self.roles {
                    try FileInput.writeText("roles: \(PlaybookText.sentence(changed.rolePositions))\n")
                } else if let parameter, let spec = library.clause(id)?.parameter(parameter), let positions = changed.parameterPositions(id, parameter) {
                    try FileInput.writeText("\(clause) \(parameter): \(Playbook.sentence(positions, of: spec))\n")
                } else if let libraryClause = library.clause(id), let positions = changed.variantPositions(id) {
                    try FileInput.writeText("\(clause): \(Playbook.sentence(positions, of: libraryClause))\n")
                }
            }
        }
    }

    struct Export: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "export", abstract: "Write the whole playbook as JSON (tripact-playbook/1, see docs/format.md).")
        @Option(name: .shortAndLong, help: "Write here instead of standard output.") var output: String?
        @OptionGroup var playbook: PlaybookOptions

        func run() throws {
            try CLIFailure.report { () throws(CLIFailure) in
                let (_, _, current) = try playbook.load()
                try FileInput.write(PlaybookCodec.prettyJSON(current), to: output)
            }
        }
    }

    struct Import: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "import",
            abstract: "Replace your playbook for the file's side by a JSON file; positions the file leaves out take the library's. Nothing is stored on any error."
        )
        @Argument(help: "The playbook file (JSON), or - for standard input.") var file: String
        @Option(name: .customLong("as"), help: "Your e-mail address (an admin or legal user).") var user: String
        @OptionGroup var store: StoreOptions
        @OptionGroup var library: LibraryOptions

        /// A playbook file is small: the whole library's positions are some 20 KB.
        static let maximumFileBytes = 1_048_576

        func run() throws {
            try CLIFailure.report { () throws(CLIFailure) in
                let library = try library.loadLibrary()
                let name = file == "-" ? "(stdin)" : file
                let data = try FileInput.readData(file)
                guard data.count <= Self.maximumFileBytes else { throw .unusableInput("'\(name)' is \(data.count) bytes; a playbook file has at most 1 MiB") }
                let playbook: Playbook
                do throws(DocumentError) {
                    playbook = try PlaybookCodec.decode(data, library: library)
                } catch {
                    throw .unusableInput(error.message(file: name))
                }
                let store = try store.openExisting()
                try CLIFailure.wrap { () throws(StoreError) in try store.savePlaybook(playbook, by: user, library: library) }
                let changed = playbook.differences(from: Playbook.library(library, side: playbook.side)).count
                try FileInput.writeText("imported the \(playbook.side.rawValue) playbook: \(changed) position\(changed == 1 ? "" : "s") differ from the library\n")
            }
        }
    }
}

/// `--as`, `--side`, `--db` and `--clauses`, shared by the playbook commands.
struct PlaybookOptions: ParsableArguments {
    @Option(name: .customLong("as"), help: "Your e-mail address.") var user: String
    @Option(help: "controller or processor (default: the side your organisation takes in its agreements).") var side: String?
    @OptionGroup var store: StoreOptions
    @OptionGroup var library: LibraryOptions

    func validate() throws {
        if let side, PartyRole(rawValue: side) == nil { throw ValidationError("--side is controller or processor; found '\(side)'") }
    }

    /// The library, the store and the organisation's current playbook for the side.
    func load() throws(CLIFailure) -> (ClauseLibrary, TripactStore, Playbook) {
        let library = try library.loadLibrary()
        let store = try store.openExisting()
        let playbook = try CLIFailure.wrap { () throws(StoreError) -> Playbook? in
            let user = try store.user(email: user)
            var sides = side.flatMap(PartyRole.init(rawValue:)).map { [$0] } ?? []
            if sides.isEmpty { sides = try store.sides(organisationID: user.organisationID) }
            guard sides.count == 1 else { return nil }
            return try store.playbook(organisationID: user.organisationID, side: sides[0], library: library)
        }
        guard let playbook else {
            throw .unusableInput("your organisation negotiates as controller and processor, or has no agreement yet: say which playbook with --side controller or --side processor")
        }
        return (library, store, playbook)
    }
}

/// The playbook as text for the terminal: clause titles and labels, with keys in brackets for `playbook set`.
enum PlaybookText {
    static func describe(_ playbook: Playbook, library: ClauseLibrary) -> String {
        let defaults = Playbook.library(library, side: playbook.side)
        var out = "\(playbook.side.rawValue) playbook ('*' marks a position your organisation changed)\n"
        let roleMark = playbook.rolePositions == defaults.rolePositions ? " " : "*"
        out += "\nWho decides a purpose [roles]\n"
        for (name, role) in playbook.rolePositions.named { out += " \(roleMark) \(name): \(role.label) [\(role.rawValue)]\n" }
        for clause in library.clauses.sorted(by: { $0.order < $1.order }) {
            let variants = playbook.variantPositions(clause.id)
            let parameters = clause.parameters.compactMap { spec in playbook.parameterPositions(clause.id, spec.name).map { (spec, $0) } }
            guard variants != nil || !parameters.isEmpty else { continue }
            out += "\n\(clause.title) [\(clause.id)]\n"
            if let variants {
                let mark = variants == defaults.variantPositions(clause.id) ? " " : "*"
                for (name, key) in variants.named { out += " \(mark) \(name): \(Playbook.words(variant: key, of: clause)) [\(key)]\n" }
            }
            for (spec, positions) in parameters {
                let mark = positions == defaults.parameterPositions(clause.id, spec.name) ? " " : "*"
                out += " \(mark) \(spec.label) [\(spec.name)]: \(Playbook.sentence(positions, of: spec))\n"
            }
        }
        return out
    }

    /// "preferred: On the Controller's behalf (Art. 28); fallback: …; walk-away: …".
    static func sentence(_ positions: PlaybookPositions<PurposeRole>) -> String {
        positions.named.map { "\($0.name): \($0.value.label)" }.joined(separator: "; ")
    }
}
