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
            // The file's own identity first, so a foreign file is refused before the store is opened.
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
            let mapped: WordImport.Mapped
            do {
                mapped = try WordImport.map(data, store: store, reference: agreement, base: base, library: library)
            } catch let refusal as WordImport.Refusal {
                throw .unusableInput("\(file): \(refusal)")
            } catch let error as StoreError {
                throw .store(error)
            } catch {
                throw .unusableInput("\(file): \(error)")
            }
            let result = mapped.result
            var out = ""
            if mapped.changesDocument {
                // The comments go in the proposal's transaction: a refused comment leaves no version behind.
                let version = try CLIFailure.wrap { () throws(StoreError) in
                    try store.propose(
                        result.document, on: agreement, basedOn: base, by: user, message: message ?? "Edits returned in Word (\(URL(fileURLWithPath: file).lastPathComponent))",
                        comments: mapped.comments
                    )
                }
                out += "proposed version \(version.number) of '\(agreement)' (sha256 \(version.contentHash.prefix(12)))\n"
            } else {
                out += "no change to the document; nothing proposed\n"
                try CLIFailure.wrap { () throws(StoreError) in try store.comment(on: agreement, mapped.comments, by: user) }
            }
            out += result.report
            try FileInput.writeText(out)
        }
    }
}
