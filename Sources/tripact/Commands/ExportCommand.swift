import ArgumentParser
import Foundation
import TripactCore
import TripactStore

/// `tripact export AGREEMENT [--version N] --format html|json -o FILE`.
struct ExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "export", 
        abstract: "Export a version as print-ready HTML (with its status and signatures) or as JSON; 'tripact verify' checks the file later."
    )
    enum Format: String, ExpressibleByArgument, CaseIterable { case html, json }

    @Argument(help: "The agreement's reference.") var agreement: String
    @Option(help: "The version (default: the head).") var version: Int?
    @Option(help: "html or json.") var format: Format
    @Option(name: .shortAndLong, help: "The file to write.") var output: String
    @OptionGroup var store: StoreOptions
    @OptionGroup var library: LibraryOptions

    func run() throws {
        try CLIFailure.report { () throws(CLIFailure) in
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
            if let store = try store.openIfNamed() {
                let matches = try CLIFailure.wrap { () throws(StoreError) in try store.versions(withHash: result.contentHash) }
                if matches.isEmpty {
                    out += "no version in '\(store.path)' has this content hash\n"
                    intact = false
                }
                for match in matches {
                    let signed = match.signedBy.count == PartyRole.allCases.count ? "a SIGNED version (signed by both parties)"
                        : match.signedBy.isEmpty ? "a version that is not signed" : "a version signed by the \(match.signedBy[0].rawValue) only"
                    out += "it is version \(match.number) of '\(match.agreement)': \(signed)\n"
                }
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
