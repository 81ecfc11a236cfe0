import Foundation
import TripactCore
import TripactStore

/// What `agreements`, `notices` and `verify` print, in one place for the database and a server's API.
enum ListingFormat {
    static func agreements(_ list: [AgreementSummary], format: OutputFormat) throws(CLIFailure) {
        if format == .json { return try FileInput.write(JSONOutput.data(list), to: nil) }
        var rows = [["AGREEMENT", "STATUS", "HEAD", "OPEN (C/P)", "CONTROLLER", "PROCESSOR"]]
        rows += list.map { [$0.reference, $0.standing, "v\($0.head)", "\($0.openForController)/\($0.openForProcessor)", $0.controller, $0.processor] }
        try FileInput.writeText(Table.format(rows))
    }

    static func notices(_ notices: [NoticeEntry], format: OutputFormat) throws(CLIFailure) {
        if format == .json { return try FileInput.write(JSONOutput.data(notices), to: nil) }
        var rows = [["NOTICE", "AGREEMENT", "KIND", "CHANGE", "STATUS", "RESPOND BY", "TAKES EFFECT"]]
        rows += notices.map {
            ["\($0.id)", $0.agreement, $0.kind.rawValue, $0.summary, $0.status.label + ($0.late ? " (late request)" : ""), $0.respondBy.iso, $0.takesEffect.iso]
        }
        try FileInput.writeText(Table.format(rows))
    }

    /// `verify`'s lines about the records (`place` is the database file or the server), and whether they vouch for the file.
    static func verification(_ check: ExportCheck, place: String) -> (lines: [String], intact: Bool) {
        guard !check.matches.isEmpty else { return (["no version in '\(place)' has this content hash\n"], false) }
        var lines: [String] = []
        for match in check.matches {
            lines.append("it is version \(match.version) of '\(match.agreement)': \(match.standing)\n")
            lines += match.disagreements.map { "DISAGREES with the database: \($0)\n" }
        }
        lines += check.auditProblems.map { "DISAGREES with the audit chain: \($0)\n" }
        return (lines, check.isIntact)
    }
}
