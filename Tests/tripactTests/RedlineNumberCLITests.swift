import Foundation
import Testing
import TripactCore
import TripactTestSupport

/// Issue 9, item 6: `tripact diff --format html` numbers each clause's paragraphs as `tripact render` prints the newer
/// version, a renumbered clause with its new numbers, a paragraph taken out without one.
@Suite struct RedlineNumberCLITests {
    @Test func theHTMLRedlineNumbersParagraphsAsTheRenderOfTheNewerVersion() throws {
        let directory = try CLIRunner.temporaryDirectory()
        let old = CLIRunner.example("full-scenario.json")
        let new = directory.appendingPathComponent("new.json").path
        try DocumentCodec.prettyJSON(Fixtures.renumberedWithChanges()).write(to: URL(fileURLWithPath: new))
        let redline = try CLIRunner.run(["diff", old, new, "--format", "html"], in: directory)
        let render = try CLIRunner.run(["render", new], in: directory)
        #expect(redline.status == 0 && render.status == 0, "\(redline.stderr) \(render.stderr)")
        for clause in ["confidentiality", "breach-notification", "call-recording"] {
            let shown = Fixtures.paragraphNumbers(in: Fixtures.section(of: redline.stdout, containing: "id=\"clause:\(clause)\"") ?? "")
            let printed = Fixtures.paragraphNumbers(in: Fixtures.section(of: render.stdout, containing: "id=\"clause-\(clause)\"") ?? "")
            #expect(!printed.isEmpty && shown.map(\.label) == printed.map(\.label), "\(clause): \(shown) / \(printed)")
        }
        // Confidentiality only moved down one place: numbered as clause 10 now, and not listed as a change.
        #expect(redline.stdout.contains("<section class=\"item same\" id=\"clause:confidentiality\">\n<h2>10. "))
        #expect(redline.stdout.contains("<li><span class=\"number\">10.1</span> "))
        #expect(redline.stdout.contains("<li><del>Call and screen recording shall stop"))
    }
}
