import ArgumentParser
import Foundation
import TripactCore

/// `tripact render FILE`: the agreement as print-ready HTML, or the consumer-facing summary.
struct RenderCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "render",
        abstract: "Render an agreement document as print-ready HTML.",
        discussion: "Print it with a browser or: chromium --headless --no-pdf-header-footer --print-to-pdf=out.pdf OUT.html. Exit 2 on unusable input."
    )

    @Argument(help: "The agreement document (tripact/1 JSON), or - for standard input.")
    var file: String

    @Option(name: .shortAndLong, help: "Write the HTML here instead of standard output.")
    var output: String?

    @Flag(help: "Render the consumer-facing summary (privacy-notice text and agent script) instead of the agreement.")
    var consumerSummary = false

    @OptionGroup var library: LibraryOptions

    func run() throws {
        try CLIFailure.report { () throws(CLIFailure) in
            let read = try DocumentInput.read(file)
            let facts = AgreementFacts(document: read.document, library: try library.loadLibrary())
            let html = consumerSummary ? Data(ConsumerSummaryRenderer.render(facts).utf8) : Data(AgreementRenderer.renderUTF8(facts))
            try FileInput.write(html, to: output)
        }
    }
}
