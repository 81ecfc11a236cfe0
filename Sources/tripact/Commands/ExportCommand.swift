import ArgumentParser
import Foundation
import TripactCore
import TripactStore
import TripactWeb

/// `tripact export AGREEMENT [--version N] --format html|json|docx [--redline-from M] -o FILE`.
struct ExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "export", 
        abstract: "Export a version as print-ready HTML (with its status and signatures), as JSON, or as a Word document; 'tripact verify' checks HTML and JSON later.",
        discussion: "With --format docx and --redline-from M, the Word document is a redline from version M to the version: tracked changes that accept to the version's text and reject to M's, and the open comments to the other side as Word comments."
    )
    enum Format: String, ExpressibleByArgument, CaseIterable { case html, json, docx }

    @Argument(help: "The agreement's reference.") var agreement: String
    @Option(help: "The version (default: the head).") var version: Int?
    @Option(help: "html or json.") var format: Format
    @Option(name: .shortAndLong, help: "The file to write.") var output: String
    @Option(help: "With --format docx: the older version the redline starts from.") var redlineFrom: Int?
    @OptionGroup var store: StoreOptions
    @OptionGroup var library: LibraryOptions

    func run() throws {
        try CLIFailure.report { () throws(CLIFailure) in
            let store = try store.openExisting()
            let selected = try CLIFailure.wrap { () throws(StoreError) in try store.version(agreement, number: version) }
            if redlineFrom != nil, format != .docx { throw .unusableInput("--redline-from: only with --format docx") }
            switch format {
            case .json:
                try FileInput.write(DocumentCodec.prettyJSON(selected.document) + Data("\n".utf8), to: output)
            case .html:
                let library = try library.loadLibrary()
                var context = try CLIFailure.wrap { () throws(StoreError) in try store.renderContext(agreement, version: selected.number) }
                context.embedForVerification = true
                let facts = AgreementFacts(document: selected.document, library: library)
                try FileInput.write(Data(AgreementRenderer.renderUTF8(facts, context: context, contentHash: selected.contentHash)), to: output)
            case .docx:
                let library = try library.loadLibrary()
                let data = try CLIFailure.wrap { () throws(StoreError) in
                    if let redlineFrom {
                        try WordDownloads.redline(store: store, reference: agreement, from: redlineFrom, to: selected.number, library: library)
                    } else {
                        try WordDownloads.export(store: store, reference: agreement, version: selected.number, library: library)
                    }
                }
                try FileInput.write(data, to: output)
            }
            FileHandle.standardError.write(Data(TextSafety.visible("exported version \(selected.number) of '\(agreement)' to '\(output)' (sha256 \(selected.contentHash.prefix(12)))\n").utf8))
        }
    }
}

/// `tripact verify FILE`.
struct VerifyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "verify", 
        abstract: "Check an exported HTML or JSON file: recompute its content hash and, with a database, say whether it is a signed version.",
        discussion: "The database is consulted only when named with --db or TRIPACT_DB. Exit 0: the file is intact (and, with a database, is a stored version); 1: altered, or unknown to the database; 2: unusable input."
    )
    @Argument(help: "The exported file.") var file: String
    @OptionGroup var store: StoreOptions
    @OptionGroup var library: LibraryOptions

    func run() throws {
        try CLIFailure.report { () throws(CLIFailure) in
            let data = try FileInput.readData(file)
            let result: ExportVerifier.Result
            do {
                result = try ExportVerifier.verify(data, library: try library.loadLibrary())
            } catch {
                throw .unusableInput("\(file): \(error)")
            }
            var out = "\(file): agreement '\(result.document.id)', content hash sha256 \(result.contentHash)\n"
            var intact = result.isIntact
            if let claimed = result.claimedHash, claimed != result.contentHash {
                out += "ALTERED: the file claims sha256 \(claimed), but its document hashes to \(result.contentHash)\n"
            }
            if result.printedTextMatches == false {
                out += "ALTERED: the printed text differs from the embedded document (edited after export, or rendered with another clause library)\n"
            } else if result.printedTextMatches == true {
                out += "printed text matches the embedded document\n"
            }
            if let context = result.context {
                for problem in ExportVerifier.inconsistencies(of: context) {
                    out += "DISAGREES with itself: \(problem)\n"
                    intact = false
                }
            }
            if let store = try store.openIfNamed() {
                let checked = try CLIFailure.wrap { () throws(StoreError) in try Self.check(result, against: store) }
                out += checked.lines.joined()
                intact = intact && checked.intact
            } else if let context = result.context, context.status != .draft {
                out += "the file prints \(context.status.label); only a database (--db or TRIPACT_DB) can confirm its status and signatures\n"
            }
            if intact {
                try FileInput.writeText(out)
            } else {
                FileHandle.standardError.write(Data(TextSafety.visible(("error: " + out)).utf8))
                throw .findings
            }
        }
    }

    /// The file against the database: a stored version with this hash, printed with the status and signatures that
    /// the database records for it, and a chain that vouches for that version's rows.
    static func check(_ result: ExportVerifier.Result, against store: TripactStore) throws(StoreError) -> (lines: [String], intact: Bool) {
        let matches = try store.versions(withHash: result.contentHash)
        guard !matches.isEmpty else { return (["no version in '\(store.path)' has this content hash\n"], false) }
        var lines: [String] = []
        var intact = true
        for match in matches {
            let recorded = try store.renderContext(match.agreement, version: match.number)
            lines.append("it is version \(match.number) of '\(match.agreement)': \(recorded.standing)\n")
            if let printed = result.context, printed.version == match.number || matches.count == 1 {
                for problem in ExportVerifier.disagreements(printed: printed, recorded: recorded) {
                    lines.append("DISAGREES with the database: \(problem)\n")
                    intact = false
                }
            }
        }
        let audit = try store.verifyAudit()
        let agreementIDs = try matches.map { match throws(StoreError) in try store.agreementRowID(match.agreement) }
        let concerned = audit.problems.filter { problem in
            problem.hasPrefix("audit row") || agreementIDs.contains { problem.contains("agreement_id=\($0),") || problem.contains("agreements(id=\($0))") }
        }
        for problem in concerned { lines.append("DISAGREES with the audit chain: \(problem)\n") }
        return (lines, intact && concerned.isEmpty)
    }
}
