import ArgumentParser
import Foundation
import TripactCore
import TripactAPIClient
import TripactStore

/// `tripact diff AGREEMENT N M` or `tripact diff FILE FILE`.
struct DiffCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "diff", 
        abstract: "Compare two versions of an agreement, or two document files (no database needed).",
        discussion: """
            Items are matched by key: a changed parameter shows old → new with whom the change favours by the playbook; \
            an inserted clause shows once, with one renumbering note. Colour only on a terminal; NO_COLOR or --no-color turn it off. \
            A change is checked against fallback and walk-away positions only with --as (your organisation's own playbook, \
            for two versions in the database) or --side (the library's playbook for that side): a playbook is a side's private \
            limit, never shown for the other side. With --server (or after 'tripact login', when no database is named) the two \
            versions are read through the server's API and compared here, so the output is the same as with the database.
            """
    )

    enum Format: String, ExpressibleByArgument, CaseIterable { case text, json, html }

    @Argument(help: "AGREEMENT N M, or FILE FILE.") var arguments: [String]
    @Option(help: "text, json or html (a full redline).") var format: Format = .text
    @Flag(help: "No colour, even on a terminal.") var noColor = false
    @Option(name: .shortAndLong, help: "Write here instead of standard output.") var output: String?
    @Option(help: ArgumentHelp("Check changes against the library's playbook for this side: controller or processor.", valueName: "SIDE")) var side: String?
    @Option(name: .customLong("as"), help: ArgumentHelp("Check changes against your organisation's playbook (AGREEMENT N M only).", valueName: "EMAIL"))
    var user: String?
    @OptionGroup var store: StoreOptions
    @OptionGroup var library: LibraryOptions
    @OptionGroup var remote: RemoteOptions

    func validate() throws {
        guard arguments.count == 2 || arguments.count == 3 else {
            throw ValidationError("give AGREEMENT N M (two versions in the database) or FILE FILE (two documents)")
        }
        if let side, PartyRole(rawValue: side) == nil { throw ValidationError("--side is controller or processor; found '\(side)'") }
        if user != nil, side != nil { throw ValidationError("give --as or --side, not both") }
        if user != nil, arguments.count != 3 { throw ValidationError("--as reads your organisation's playbook from the database: give AGREEMENT N M") }
        if remote.server != nil, arguments.count != 3 { throw ValidationError("--server reads two versions of an agreement: give AGREEMENT N M") }
        if arguments.count == 3, Int(arguments[1]) == nil || Int(arguments[2]) == nil {
            throw ValidationError("versions are numbers: tripact diff \(arguments[0]) 1 2")
        }
    }

    func run() async throws {
        try await CLIFailure.report { () async throws(CLIFailure) in
            let library = try library.loadLibrary()
            let old: AgreementDocument
            let new: AgreementDocument
            let oldLabel: String
            let newLabel: String
            var playbook = side.flatMap(PartyRole.init(rawValue:)).map { Playbook.library(library, side: $0) }
            if arguments.count == 3, let api = try remote.api(store: store) {
                guard user == nil else {
                    throw .unusableInput("--as reads your organisation's playbook from a database; against a server use --side")
                }
                let reference = arguments[0]
                // Both versions at once: two requests in flight instead of one after the other.
                let (first, second) = try await CLIFailure.remote { () async throws(RemoteFailure) in
                    try await api.versions(reference, Int(arguments[1])!, Int(arguments[2])!)
                }
                (old, new) = (first.document, second.document)
                (oldLabel, newLabel) = ("\(reference) v\(first.entry.number)", "\(reference) v\(second.entry.number)")
            } else if arguments.count == 3 {
                let store = try store.openExisting()
                let reference = arguments[0]
                let (first, second) = try CLIFailure.wrap { () throws(StoreError) in
                    (try store.version(reference, number: Int(arguments[1])!), try store.version(reference, number: Int(arguments[2])!))
                }
                (old, new) = (first.document, second.document)
                if let user {
                    playbook = try CLIFailure.wrap { () throws(StoreError) -> Playbook? in
                        let reader = try store.user(email: user)
                        guard let found = try store.playbook(for: reader, in: reference, library: library) else {
                            throw StoreError.notAParty(user: user, agreement: reference)
                        }
                        return found
                    }
                }
                (oldLabel, newLabel) = ("\(reference) v\(first.number)", "\(reference) v\(second.number)")
            } else {
                old = try DocumentInput.read(arguments[0]).document
                new = try DocumentInput.read(arguments[1]).document
                (oldLabel, newLabel) = (arguments[0], arguments[1])
            }
            let diff = AgreementDiffer.diff(old, new, library: library, oldLabel: oldLabel, newLabel: newLabel, playbook: playbook)
            let data: Data
            switch format {
            case .json: data = JSONOutput.data(diff)
            case .html: data = Data(DiffHTMLRenderer.render(diff, title: new.title).utf8)
            case .text:
                let environment = ProcessInfo.processInfo.environment
                let color = !noColor && output == nil && isatty(STDOUT_FILENO) == 1 && environment["NO_COLOR"].map(\.isEmpty) ?? true && environment["TERM"] != "dumb"
                data = Data(DiffTextFormatter.format(diff, color: color).utf8)
            }
            try FileInput.write(data, to: output)
        }
    }
}
