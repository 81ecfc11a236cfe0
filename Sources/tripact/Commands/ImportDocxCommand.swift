import ArgumentParser
import Foundation
import TripactCore
import TripactStore
import TripactWeb
import TripactWord

/// `tripact import-docx AGREEMENT FILE --base N --as USER`: the edits in a returned Word export saved into the side's
/// private draft, its Word comments held there until `tripact draft send`; `--propose` proposes them at once instead.
struct ImportDocxCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import-docx",
        abstract: "Bring the edits in a DOCX that Tripact exported for version --base and the other side returned into your side's draft.",
        discussion: """
            Tracked changes count as accepted, direct edits as made. A changed parameter value becomes the parameter's new value, \
            other changed wording of a clause becomes its own wording, Word comments become comments on their clause. \
            The edits go into your side's private draft and the comments wait with it; send the turn with 'tripact draft send' \
            (which posts the comments) or drop both with 'tripact draft discard'. An item the returned file changed that the \
            other side changed since --base is left to settle in the draft. With --propose the edits are proposed at once \
            (exit 4 if the head is no longer --base). What cannot be placed is printed as NOT IMPORTED with its text and place. \
            On any error nothing is stored.
            """
    )
    @Argument(help: "The agreement's reference.") var agreement: String
    @Argument(help: "The returned DOCX.") var file: String
    @Option(help: "The version the DOCX was exported from.") var base: Int
    @Option(name: .shortAndLong, help: "What changed and why (default: names the file).") var message: String?
    @Flag(help: "Propose the edits and comments at once as a new version instead of saving them into your side's draft.") var propose = false
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
            let fileName = URL(fileURLWithPath: file).lastPathComponent
            if !propose {
                let note = "Returned in Word (\(fileName))" + (message.map { ": \($0)" } ?? "")
                let (reference, email, base) = (agreement, user, base)
                let draft = try CLIFailure.wrap { () throws(StoreError) in
                    try store.importIntoDraft(reference, base: base, edited: result.document, by: email, note: note, comments: mapped.comments)
                }
                out += "saved into your side's draft of '\(agreement)' on version \(draft.base): \(draft.changes.count) changed item\(draft.changes.count == 1 ? "" : "s")"
                if !draft.conflicts.isEmpty { out += ", \(draft.conflicts.count) to settle" }
                if !mapped.comments.isEmpty { out += ", \(mapped.comments.count) Word comment\(mapped.comments.count == 1 ? "" : "s") held until it is sent" }
                out += "; review with 'tripact draft show', send with 'tripact draft send'\n"
            } else if mapped.changesDocument {
                // The comments go in the proposal's transaction: a refused comment leaves no version behind.
                let version = try CLIFailure.wrap { () throws(StoreError) in
                    try store.propose(
                        result.document, on: agreement, basedOn: base, by: user, message: message ?? "Edits returned in Word (\(fileName))",
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
