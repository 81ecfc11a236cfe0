import ArgumentParser
import Foundation
import TripactCore

/// `tripact new`: a balanced first draft to fill in.
struct NewCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "new",
        abstract: "Write a balanced starting document: every clause that always applies, in its balanced variant, with default parameters."
    )

    @Option(help: "The controller's name (the brand).")
    var controller: String

    @Option(help: "The processor's name (the outsourcer).")
    var processor: String

    @Option(help: "The agreement id (default: derived from the names).")
    var id: String?

    @Option(name: .shortAndLong, help: "Write the document here instead of standard output.")
    var output: String?

    @OptionGroup var library: LibraryOptions

    func validate() throws {
        if controller.allSatisfy(\.isWhitespace) { throw ValidationError("--controller must not be empty") }
        if processor.allSatisfy(\.isWhitespace) { throw ValidationError("--processor must not be empty") }
    }

    func run() throws {
        try CLIFailure.report { () throws(CLIFailure) in
            let document = DraftFactory.balanced(controller: controller, processor: processor, id: id, library: try library.loadLibrary())
            try FileInput.write(DocumentCodec.prettyJSON(document) + Data("\n".utf8), to: output)
        }
    }
}
