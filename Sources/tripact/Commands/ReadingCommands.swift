import ArgumentParser
import Foundation
import TripactCore
import TripactStore

/// `tripact agreements [--status S]`.
struct AgreementsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "agreements", abstract: "List agreements with their status and open items.")
    @Option(help: "draft, agreed or signed.") var status: String?
    @Option(help: "text or json") var format: OutputFormat = .text
    @OptionGroup var store: StoreOptions

    func validate() throws {
        if let status, AgreementStatus(rawValue: status) == nil { throw ValidationError("--status must be draft, agreed or signed; found '\(status)'") }
    }

    func run() throws {
        try CLIFailure.report { () throws(CLIFailure) in
            let store = try store.openExisting()
            let list = try CLIFailure.wrap { () throws(StoreError) in try store.agreements(status: status.flatMap(AgreementStatus.init(rawValue:))) }
            if format == .json { return try FileInput.write(JSONOutput.data(list), to: nil) }
            var rows = [["AGREEMENT", "STATUS", "HEAD", "OPEN (C/P)", "CONTROLLER", "PROCESSOR"]]
            rows += list.map { [$0.reference, $0.standing, "v\($0.head)", "\($0.openForController)/\($0.openForProcessor)", $0.controller, $0.processor] }
            try FileInput.writeText(Table.format(rows))
        }
    }
}

/// `tripact log AGREEMENT`.
struct LogCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "log", abstract: "The versions of an agreement, newest first.")
    @Argument(help: "The agreement's reference.") var agreement: String
    @Option(help: "text or json") var format: OutputFormat = .text
    @OptionGroup var store: StoreOptions

    func run() throws {
        try CLIFailure.report { () throws(CLIFailure) in
            let store = try store.openExisting()
            let entries = try CLIFailure.wrap { () throws(StoreError) in try store.log(agreement) }
            if format == .json { return try FileInput.write(JSONOutput.data(entries), to: nil) }
            // Versions made by the agreement's own procedures say so, and whether they carry a signed version's signatures.
            let carried = try CLIFailure.wrap { () throws(StoreError) -> [Int: String] in
                var notes: [Int: String] = [:]
                for update in try store.proceduralUpdates(agreement) {
                    let context = try store.renderContext(agreement, version: update.version)
                    notes[update.version] = context.signedVersion.map { " [signed: carries the signatures of version \($0.version); \(update.sentence)]" } ?? " [\(update.sentence)]"
                }
                return notes
            }
            var out = ""
            for entry in entries {
                let signed = entry.signedBy.isEmpty ? carried[entry.number] ?? "" : " [signed by \(entry.signedBy.map(\.rawValue).joined(separator: " and "))]"
                out += "version \(entry.number)\(entry.parent.map { " (on \($0))" } ?? "")  sha256 \(entry.contentHash.prefix(12))\(signed)\n"
                out += "  \(entry.createdAt)  \(entry.author) for the \(entry.party.rawValue)\n"
                out += "  \(entry.message)\n\n"
            }
            try FileInput.writeText(out)
        }
    }
}

/// `tripact show AGREEMENT [--version N] [--items]`.
struct ShowCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "show", abstract: "Show an agreement's status and a version; --items lists the head's items and who accepted each.")
    @Argument(help: "The agreement's reference.") var agreement: String
    @Option(help: "The version (default: the head).") var version: Int?
    @Flag(help: "List the items of the head version with their state.") var items = false
    @Option(help: "text or json") var format: OutputFormat = .text
    @OptionGroup var store: StoreOptions

    struct Report: Encodable {
        let agreement: AgreementSummary
        let version: Int
        let contentHash: String
        let author: String
        let message: String
        let items: [ItemState]?
    }

    func run() throws {
        try CLIFailure.report { () throws(CLIFailure) in
            let store = try store.openExisting()
            let (summary, selected, states) = try CLIFailure.wrap { () throws(StoreError) in
                (try store.agreement(agreement), try store.version(agreement, number: version), items ? try store.itemStates(agreement) : nil)
            }
            if format == .json {
                let report = Report(agreement: summary, version: selected.number, contentHash: selected.contentHash, author: selected.author, message: selected.message, items: states)
                return try FileInput.write(JSONOutput.data(report), to: nil)
            }
            var out = "\(summary.reference): \(summary.title)\n"
            out += "controller \(summary.controller); processor \(summary.processor)\n"
            out += "status \(summary.standing); head version \(summary.head); open items: \(summary.openForController) for the controller, \(summary.openForProcessor) for the processor\n"
            out += "version \(selected.number): sha256 \(selected.contentHash), by \(selected.author) for the \(selected.party.rawValue), \(selected.createdAt)\n  \(selected.message)\n"
            // Clauses that print wording of the parties' own rather than the library's: a reader checks those by hand.
            let custom = selected.document.clauses.filter(\.hasCustomWording).map { selection in
                "clause:\(selection.clause) (\([selection.ownWording != nil ? "own wording" : nil, selection.rider != nil ? "rider" : nil].compactMap { $0 }.joined(separator: " and ")))"
            }
            if !custom.isEmpty { out += "non-standard wording: \(custom.joined(separator: ", "))\n" }
            if let states {
                out += "\nitems of version \(summary.head):\n"
                var rows = [["ITEM", "STATE"]]
                rows += states.map { [$0.key.rawValue + ($0.isRemoval ? " (removed)" : ""), $0.label] }
                out += Table.format(rows)
            }
            try FileInput.writeText(out)
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
