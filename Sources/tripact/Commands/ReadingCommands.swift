import ArgumentParser
import Foundation
import TripactCore
import TripactAPIClient
import TripactStore

/// `tripact agreements [--status S]`, from the database or a server's API (which lists the token's organisation's).
struct AgreementsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "agreements", abstract: "List agreements with their status and open items.")
    @Option(help: "draft, agreed or signed.") var status: String?
    @Option(help: "text or json") var format: OutputFormat = .text
    @OptionGroup var store: StoreOptions
    @OptionGroup var remote: RemoteOptions

    func validate() throws {
        if let status, AgreementStatus(rawValue: status) == nil { throw ValidationError("--status must be draft, agreed or signed; found '\(status)'") }
    }

    func run() async throws {
        try await CLIFailure.report { () async throws(CLIFailure) in
            let wanted = status.flatMap(AgreementStatus.init(rawValue:))
            if let api = try remote.api(store: store) {
                let list = try await CLIFailure.remote { () async throws(RemoteFailure) in try await api.agreements(status: wanted) }
                return try ListingFormat.agreements(list, format: format)
            }
            let store = try store.openExisting()
            try ListingFormat.agreements(try CLIFailure.wrap { () throws(StoreError) in try store.agreements(status: wanted) }, format: format)
        }
    }
}

/// `tripact log AGREEMENT`, from the database or a server's API.
struct LogCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "log", abstract: "The versions of an agreement, newest first.")
    @Argument(help: "The agreement's reference.") var agreement: String
    @Option(help: "text or json") var format: OutputFormat = .text
    @OptionGroup var store: StoreOptions
    @OptionGroup var remote: RemoteOptions

    func run() async throws {
        try await CLIFailure.report { () async throws(CLIFailure) in
            if let api = try remote.api(store: store) {
                let (entries, notes) = try await CLIFailure.remote { () async throws(RemoteFailure) in try await api.log(agreement) }
                return try ReadingFormat.log(entries, notes: notes, format: format)
            }
            let store = try store.openExisting()
            let entries = try CLIFailure.wrap { () throws(StoreError) in try store.log(agreement) }
            // Versions made by the agreement's own procedures say so, and whether they carry a signed version's signatures.
            let notes = format == .json ? [:] : try CLIFailure.wrap { () throws(StoreError) in try store.proceduralNotes(agreement) }
            try ReadingFormat.log(entries, notes: notes, format: format)
        }
    }
}

/// `tripact show AGREEMENT [--version N] [--items]`, from the database or a server's API.
struct ShowCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "show", abstract: "Show an agreement's status and a version; --items lists the head's items and who accepted each.")
    @Argument(help: "The agreement's reference.") var agreement: String
    @Option(help: "The version (default: the head).") var version: Int?
    @Flag(help: "List the items of the head version with their state.") var items = false
    @Option(help: "text or json") var format: OutputFormat = .text
    @OptionGroup var store: StoreOptions
    @OptionGroup var remote: RemoteOptions

    func run() async throws {
        try await CLIFailure.report { () async throws(CLIFailure) in
            if let api = try remote.api(store: store) {
                let (summary, _, states) = try await CLIFailure.remote { () async throws(RemoteFailure) in try await api.agreement(agreement) }
                let (entry, document) = try await CLIFailure.remote { () async throws(RemoteFailure) in
                    try await api.version(agreement, number: version ?? summary.head)
                }
                let shown = ReadingFormat.Shown(
                    number: entry.number, contentHash: entry.contentHash, author: entry.author, party: entry.party, createdAt: entry.createdAt,
                    message: entry.message, document: document
                )
                return try ReadingFormat.show(summary, shown, items: items ? states : nil, format: format)
            }
            let store = try store.openExisting()
            let (summary, selected, states) = try CLIFailure.wrap { () throws(StoreError) in
                (try store.agreement(agreement), try store.version(agreement, number: version), items ? try store.itemStates(agreement) : nil)
            }
            let shown = ReadingFormat.Shown(
                number: selected.number, contentHash: selected.contentHash, author: selected.author, party: selected.party, createdAt: selected.createdAt,
                message: selected.message, document: selected.document
            )
            try ReadingFormat.show(summary, shown, items: states, format: format)
        }
    }
}

/// Aligned columns for terminal tables.
enum Table {
    static func format(_ rows: [[String]]) -> String {
        guard let columns = rows.map(\.count).max() else { return "" }
        var widths = Array(repeating: 0, count: columns)
        for row in rows { for (index, cell) in row.enumerated() { widths[index] = max(widths[index], cell.count) } }
        return rows.map { row in
            row.enumerated().map { index, cell in index == row.count - 1 ? cell : cell.padding(toLength: widths[index], withPad: " ", startingAt: 0) }
                .joined(separator: "  ")
        }.joined(separator: "\n") + "\n"
    }
}
