import Foundation
import Testing
import TripactCore
import TripactTestSupport

/// `tripact propose AGREEMENT --add-missing-clauses --base N`: the terminal's way out for a stored document that lacks
/// clauses made mandatory since it was written.
@Suite struct MissingClausesCLITests {
    @Test func aStoredDocumentLackingGoverningLawGetsAVersionThatValidates() throws {
        let w = try CLIWorkspace(importing: false)
        var stored = Fixtures.example("full-scenario.json")
        stored.clauses.removeAll { $0.clause == "governing-law" }
        let file = w.directory.appendingPathComponent("old.json").path
        try DocumentCodec.prettyJSON(stored).write(to: URL(fileURLWithPath: file))
        #expect(try w.run(["import", file, "--controller", "Lumen Télécom SA", "--processor", "Atlantis Relation Client SAS", "--as", CLIWorkspace.bpo]).status == 0)

        #expect(try w.run(["propose", w.reference, file, "--add-missing-clauses", "--base", "1", "--as", CLIWorkspace.bpo]).status == 64, "a file or the flag, not both")
        let added = try w.run(["propose", w.reference, "--add-missing-clauses", "--base", "1", "--as", CLIWorkspace.bpo])
        #expect(added.status == 0 && added.stdout.contains("proposed version 2"), "\(added.stderr)")
        let exported = w.directory.appendingPathComponent("v2.json").path
        #expect(try w.run(["export", w.reference, "--version", "2", "--format", "json", "-o", exported]).status == 0)
        let validated = try w.run(["validate", exported])
        #expect(validated.status == 0, "\(validated.stdout)")
        let nothing = try w.run(["propose", w.reference, "--add-missing-clauses", "--base", "2", "--as", CLIWorkspace.bpo])
        #expect(nothing.status == 0 && nothing.stdout.contains("lacks no mandatory clause; nothing proposed"))
    }
}
