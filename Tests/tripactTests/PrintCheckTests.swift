import Foundation
import Testing
import TripactTestSupport

/// Prints the rendered full example with headless Chromium, as a user's browser would, and reads the PDF back.
@Suite struct PrintCheckTests {
    static let chromium = ["/usr/bin/chromium", "/usr/bin/chromium-browser"].first { FileManager.default.isExecutableFile(atPath: $0) }
    static let pdftotext = "/usr/bin/pdftotext"
    static let available = chromium != nil && FileManager.default.isExecutableFile(atPath: pdftotext)
    static let required = ProcessInfo.processInfo.environment["TRIPACT_REQUIRE_CHROMIUM"] == "1"

    @Test func chromiumIsInstalledWhereCIRequiresIt() {
        if Self.required { #expect(Self.available, "CI needs chromium and pdftotext; .ci/run installs them") }
    }

    @Test(.enabled(if: available)) func theFullExamplePrintsWithPageNumbersAndEveryAnnex() throws {
        let directory = try CLIRunner.temporaryDirectory()
        let html = directory.appendingPathComponent("agreement.html")
        let pdf = directory.appendingPathComponent("agreement.pdf")
        let rendered = try CLIRunner.run(["render", CLIRunner.example("full-scenario.json"), "-o", html.path])
        #expect(rendered.status == 0)
        try run(Self.chromium!, [
            "--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-pdf-header-footer",
            "--user-data-dir=\(directory.appendingPathComponent("profile").path)", "--print-to-pdf=\(pdf.path)", html.absoluteString,
        ])
        let text = try run(Self.pdftotext, ["-layout", pdf.path, "-"])
        let pages = text.components(separatedBy: "\u{0C}").filter { !$0.allSatisfy(\.isWhitespace) }
        #expect(pages.count >= 10)
        #expect(text.contains("Page 1 of \(pages.count)"))
        #expect(text.contains("Page \(pages.count) of \(pages.count)"))
        #expect(text.contains("Annex IV — Subprocessors"))
        #expect(text.contains("Annex V — Obligations towards data subjects"))
        #expect(pages.allSatisfy { $0.contains("DRAFT") }, "every page carries the draft status")
        #expect(pages.last?.contains("For the Processor") == true)
    }

    @discardableResult
    private func run(_ executable: String, _ arguments: [String]) throws -> String {
        let result = try Shell.run(executable, arguments)
        #expect(result.status == 0, "\(executable) failed: \(result.stderr.suffix(500))")
        return result.stdout
    }
}
