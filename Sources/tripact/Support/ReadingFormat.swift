import Foundation
import TripactCore
import TripactStore

/// What `log` and `show` print, in one place for the database and for a server's API, so both print the same.
enum ReadingFormat {
    /// The version that `show` shows: the store's version or the API's entry with its document.
    struct Shown {
        let number: Int
        let contentHash: String
        let author: String
        let party: PartyRole
        let createdAt: String
        let message: String
        let document: AgreementDocument
    }

    /// `show --format json`.
    struct ShowReport: Encodable {
        let agreement: AgreementSummary
        let version: Int
        let contentHash: String
        let author: String
        let message: String
        let items: [ItemState]?
    }

    /// `notes` say what happened for versions made by the agreement's own procedures; they are printed in brackets
    /// after the version's line unless the version is signed in its own right.
    static func log(_ entries: [VersionEntry], notes: [Int: String], format: OutputFormat) throws(CLIFailure) {
        if format == .json { return try FileInput.write(JSONOutput.data(entries), to: nil) }
        var out = ""
        for entry in entries {
            let signed = entry.signedBy.isEmpty ? notes[entry.number].map { " [\($0)]" } ?? "" : " [signed by \(entry.signedBy.map(\.rawValue).joined(separator: " and "))]"
            out += "version \(entry.number)\(entry.parent.map { " (on \($0))" } ?? "")  sha256 \(entry.contentHash.prefix(12))\(signed)\n"
            out += "  \(entry.createdAt)  \(entry.author) for the \(entry.party.rawValue)\n"
            out += "  \(entry.message)\n\n"
        }
        try FileInput.writeText(out)
    }

    static func show(_ summary: AgreementSummary, _ selected: Shown, items states: [ItemState]?, format: OutputFormat) throws(CLIFailure) {
        if format == .json {
            let report = ShowReport(agreement: summary, version: selected.number, contentHash: selected.contentHash, author: selected.author, message: selected.message, items: states)
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
