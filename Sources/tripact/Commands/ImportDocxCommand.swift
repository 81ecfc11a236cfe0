import ArgumentParser
import Foundation
import TripactCore
import TripactStore
import TripactWeb
import TripactWord

/// `tripact import-docx AGREEMENT FILE --base N --as USER`: the edits in a returned Word export proposed as a version.
struct ImportDocxCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import-docx",
        abstract: "Propose the edits in a DOCX that Tripact exported for version --base and the other side returned.",
        discussion: """
            Tracked changes count as accepted, direct edits as made. A changed parameter value becomes the parameter's new value, \
            other changed wording of a clause becomes its own wording, Word comments become comments on their clause. \
            What cannot be placed is printed as NOT IMPORTED with its text and place. Exit 4 if the head is no longer --base; \
            on any error nothing is stored.
            """
    )
    @Argument(help: "The agreement's reference.") var agreement: String
    @Argument(help: "The returned DOCX.") var file: String
    @Option(help: "The version the DOCX was exported from.") var base: Int
    @Option(name: .shortAndLong, help: "What changed and why (default: names the file).") var message: String?
    @Option(name: .customLong("as"), help: "Your e-mail address.") var user: String
    @OptionGroup var store: StoreOptions
    @OptionGroup var library: LibraryOptions

    func run() throws {
        try CLIFailure.report { () throws(CLIFailure) in
            let data = try FileInput.readData(file)
            let identity: DocxIdentityRead
            do { identity = try DocxImporter.identify(data) } catch { throw .unusableInput("\(file): \(error)") }
            guard identity.reference == agreement else {
                throw .unusableInput("\(file): it was exported from agreement '\(identity.reference)', not '\(agreement)'")
            }
            guard identity.version == base else {
                throw .unusableInput("\(file): it was exported from version \(identity.version.map(String.init) ?? "none"), not --base \(base)")
            }
            let store = try store.openExisting()
            let library = try library.loadLibrary()
            let stored = try CLIFailure.wrap { () throws(StoreError) in try store.version(agreement, number: base) }
            guard stored.contentHash == identity.contentHash else {
                throw .unusableInput("\(file): its content hash \(identity.contentHash.prefix(12)) is not that of version \(base) (\(stored.contentHash.prefix(12)))")
            }
            let original = try CLIFailure.wrap { () throws(StoreError) in try WordDownloads.export(store: store, reference: agreement, version: base, library: library) }
            let result: DocxImporter.Result
            do {
                result = try DocxImporter.map(data, base: AgreementFacts(document: stored.document, library: library), original: original)
            } catch {
                throw .unusableInput("\(file): \(error)")
            }
            // Comments are checked before anything is written, so a refused comment cannot leave a version behind.
            let comments = result.comments.map { (item: $0.item, body: "Word comment by \($0.author.isEmpty ? "an unnamed author" : $0.author): \($0.text)") }
            for comment in comments where TextLimit.exceeds(comment.body, 4_000) {
                throw .unusableInput("\(file): a Word comment on \(comment.item?.rawValue ?? "the agreement") is longer than 4,000 characters")
            }
            var out = ""
            if result.document != stored.document {
                let version = try CLIFailure.wrap { () throws(StoreError) in
                    try store.propose(result.document, on: agreement, basedOn: base, by: user, message: message ?? "Edits returned in Word (\(URL(fileURLWithPath: file).lastPathComponent))")
                }
                out += "proposed version \(version.number) of '\(agreement)' (sha256 \(version.contentHash.prefix(12)))\n"
            } else {
                out += "no change to the document; nothing proposed\n"
            }
            try CLIFailure.wrap { () throws(StoreError) in
                for comment in comments { try store.comment(on: agreement, item: comment.item, body: comment.body, by: user) }
            }
            out += result.report
            try FileInput.writeText(out)
        }
    }
}
