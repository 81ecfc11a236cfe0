import ArgumentParser
import Foundation
import TripactAPIClient
import TripactCore
import TripactStore
import TripactWeb

/// `tripact export AGREEMENT [--version N] --format html|json|docx [--redline-from M] -o FILE`, from the database or a
/// server's API (which renders the same bytes from the same store).
struct ExportCommand: AsyncParsableCommand {
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
    @OptionGroup var remote: RemoteOptions

    func run() async throws {
        try await CLIFailure.report { () async throws(CLIFailure) in
            if redlineFrom != nil, format != .docx { throw .unusableInput("--redline-from: only with --format docx") }
            if let api = try remote.api(store: store) { return try await exportRemotely(api) }
            let store = try store.openExisting()
            let selected = try CLIFailure.wrap { () throws(StoreError) in try store.version(agreement, number: version) }
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
            reportExported(selected.number, contentHash: selected.contentHash)
        }
    }

    /// The same files from the server: HTML and Word rendered there, JSON written here from the version's document.
    private func exportRemotely(_ api: RemoteAPI) async throws(CLIFailure) {
        let (entry, document) = try await CLIFailure.remote { () async throws(RemoteFailure) -> (entry: VersionEntry, document: AgreementDocument) in
            let number: Int
            if let version { number = version } else { number = try await api.agreement(agreement).summary.head }
            return try await api.version(agreement, number: number)
        }
        let data = try await CLIFailure.remote { () async throws(RemoteFailure) -> Data in
            switch format {
            case .json: return DocumentCodec.prettyJSON(document) + Data("\n".utf8)
            case .html: return try await api.exportHTML(agreement, number: entry.number)
            case .docx: return try await api.exportDocx(agreement, number: entry.number, redlineFrom: redlineFrom)
            }
        }
        try FileInput.write(data, to: output)
        reportExported(entry.number, contentHash: entry.contentHash)
    }

    private func reportExported(_ number: Int, contentHash: String) {
        FileHandle.standardError.write(Data(TextSafety.visible("exported version \(number) of '\(agreement)' to '\(output)' (sha256 \(contentHash.prefix(12)))\n").utf8))
    }
}

/// `tripact verify FILE`; the records consulted are a database's or, with `--server` or a saved login, a server's.
struct VerifyCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "verify", 
        abstract: "Check an exported HTML or JSON file: recompute its content hash and, with a database, say whether it is a signed version.",
        discussion: "The database is consulted only when named with --db or TRIPACT_DB; a server's records with --server URL or after 'tripact login' (when no database is named). Exit 0: the file is intact (and, with a database, is a stored version); 1: altered, or unknown to the database; 2: unusable input."
    )
    @Argument(help: "The exported file.") var file: String
    @OptionGroup var store: StoreOptions
    @OptionGroup var library: LibraryOptions
    @OptionGroup var remote: RemoteOptions

    func run() async throws {
        try await CLIFailure.report { () async throws(CLIFailure) in
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
            if let api = try remote.api(store: store) {
                let check = try await CLIFailure.remote { () async throws(RemoteFailure) in try await api.verify(data) }
                let checked = ListingFormat.verification(check, place: api.server.absoluteString)
                out += checked.lines.joined()
                intact = intact && checked.intact
            } else if let store = try store.openIfNamed() {
                let check = try CLIFailure.wrap { () throws(StoreError) in try store.check(result) }
                let checked = ListingFormat.verification(check, place: store.path)
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
}
