import Foundation
import Testing
import TripactCore
import TripactTestSupport

/// The command line takes own wording in a proposed document and shows it where it shows clause text.
@Suite struct OwnWordingCLITests {
    func withRider(_ w: CLIWorkspace, name: String) throws -> String {
        var document = Fixtures.example("full-scenario.json")
        let index = Fixtures.selectionIndex("breach-notification", in: document)
        document.clauses[index].rider = "The Processor also calls the security desk of the Controller within {{hours}}."
        let path = w.directory.appendingPathComponent(name).path
        try DocumentCodec.prettyJSON(document).write(to: URL(fileURLWithPath: path))
        return path
    }

    @Test func diffShowsTheRiderWordsAndTheReviewAndShowListsTheClause() throws {
        let w = try CLIWorkspace()
        let new = try withRider(w, name: "rider.json")
        let diff = try CLIRunner.run(["diff", CLIRunner.example("full-scenario.json"), new], in: w.directory, environment: ["NO_COLOR": "1"])
        #expect(diff.status == 0, "\(diff.stderr)")
        #expect(diff.stdout.contains("rider: added a paragraph of the parties' own (review: the parties' own rider, which no playbook position covers)"))
        #expect(diff.stdout.contains("The Processor also calls the security desk of the Controller within 36 hours.+}"))
        let validate = try CLIRunner.run(["validate", new], in: w.directory)
        #expect((validate.stdout + validate.stderr).contains("clause.custom-wording"), "\(validate.stdout)")
        let proposed = try w.run(["propose", w.reference, new, "--base", "1", "-m", "a phone call too", "--as", CLIWorkspace.brand])
        #expect(proposed.status == 0, "\(proposed.stderr)")
        let show = try w.run(["show", w.reference])
        #expect(show.stdout.contains("non-standard wording: clause:breach-notification (rider)"))
    }
}
