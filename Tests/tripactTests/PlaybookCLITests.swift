import Foundation
import Testing
import TripactCore
import TripactTestSupport

/// `tripact playbook show | set | export | import`, run as the binary, and `tripact diff --as` judging by the reader's
/// own organisation's playbook.
@Suite struct PlaybookCLITests {
    @Test func setShowExportAndImportAnOrganisationsPlaybook() throws {
        let w = try CLIWorkspace()
        let set = try w.run(["playbook", "set", "breach-notification", "--param", "hours", "--preferred", "47", "--fallback", "45", "--walk-away", "43", "--as", CLIWorkspace.bpo])
        #expect(set.status == 0, "\(set.stderr)")
        #expect(set.stdout == "breach-notification hours: preferred 47 hours, fallback 45 hours, walk-away 43 hours\n")

        let show = try w.run(["playbook", "show", "--as", CLIWorkspace.bpo])
        #expect(show.status == 0, "\(show.stderr)")
        #expect(show.stdout.hasPrefix("processor playbook"), "the side the organisation takes in its agreements")
        #expect(show.stdout.contains("* Deadline for the Processor's breach notice (at most 48 hours, so that the Controller keeps time for its own 72; at most 12 hours in the telecom variant) [hours]: preferred 47 hours, fallback 45 hours, walk-away 43 hours"))
        let brand = try w.run(["playbook", "show", "--as", CLIWorkspace.brand])
        #expect(brand.stdout.hasPrefix("controller playbook") && !brand.stdout.contains("47 hours") && !brand.stdout.contains(" * "))

        let exportPath = w.directory.appendingPathComponent("atlantis.json").path
        #expect(try w.run(["playbook", "export", "-o", exportPath, "--as", CLIWorkspace.bpo]).status == 0)
        let exported = try Data(contentsOf: URL(fileURLWithPath: exportPath))
        let playbook = try PlaybookCodec.decode(exported, library: Fixtures.library)
        #expect(playbook.side == .processor && playbook.parameterPositions("breach-notification", "hours")?.walkAway == .integer(43))

        // The brand imports the same file: it sets the brand's processor playbook, never Atlantis's.
        let imported = try w.run(["playbook", "import", exportPath, "--as", CLIWorkspace.brand])
        #expect(imported.status == 0, "\(imported.stderr)")
        #expect(imported.stdout == "imported the processor playbook: 1 position differ from the library\n")
        #expect(try w.run(["playbook", "show", "--side", "processor", "--as", CLIWorkspace.brand]).stdout.contains("walk-away 43 hours"))
    }

    @Test func rolePositionsAreSetAndShownFromTheCommandLine() throws {
        let w = try CLIWorkspace()
        let set = try w.run(["playbook", "set", "roles", "--fallback", "on-behalf", "--walk-away", "joint", "--as", CLIWorkspace.brand])
        #expect(set.status == 0, "\(set.stderr)")
        #expect(set.stdout == "roles: preferred: On the Controller's behalf (Art. 28); fallback: On the Controller's behalf (Art. 28); walk-away: Joint controllers (Art. 26)\n")
        let show = try w.run(["playbook", "show", "--as", CLIWorkspace.brand])
        #expect(show.stdout.contains("Who decides a purpose [roles]\n * preferred: On the Controller's behalf (Art. 28) [on-behalf]"), "\(show.stdout.prefix(400))")
        let bad = try w.run(["playbook", "set", "roles", "--fallback", "partner", "--as", CLIWorkspace.brand])
        #expect(bad.status == 2 && bad.stderr.contains("--fallback: 'partner' is not a role of a purpose"), "\(bad.status) \(bad.stderr)")
        #expect(!(try w.run(["playbook", "show", "--as", CLIWorkspace.bpo]).stdout.contains(" * ")), "the BPO's playbook is its own")
    }

    @Test func aBadFileOrValueIsRefusedWithItsPlaceAndNothingIsStored() throws {
        let w = try CLIWorkspace()
        let path = w.directory.appendingPathComponent("bad.json").path
        try Data(#"{"format": "tripact-playbook/1", "side": "processor", "clauses": {"breach-notification": {"parameters": {"hours": {"preferred": 47, "fallback": 45, "walkAway": 96}}}}}"#.utf8)
            .write(to: URL(fileURLWithPath: path))
        let bad = try w.run(["playbook", "import", path, "--as", CLIWorkspace.bpo])
        #expect(bad.status == 2)
        #expect(bad.stderr.contains("bad.json:1: 'clauses.breach-notification.parameters.hours.walkAway' is 96 hours, above its maximum 48 hours"), "\(bad.stderr)")
        let outOfBounds = try w.run(["playbook", "set", "breach-notification", "--param", "hours", "--walk-away", "96", "--as", CLIWorkspace.bpo])
        #expect(outOfBounds.status == 2 && outOfBounds.stderr.contains("--walk-away: Deadline for the Processor's breach notice"), "\(outOfBounds.stderr)")
        let unknown = try w.run(["playbook", "set", "audits", "--preferred", "lenient", "--as", CLIWorkspace.bpo])
        #expect(unknown.status == 2 && unknown.stderr.contains("'lenient' is not a variant of"))
        #expect(try w.run(["playbook", "set", "audits", "--as", CLIWorkspace.bpo]).status == 64, "at least one position")
        #expect(!(try w.run(["playbook", "show", "--as", CLIWorkspace.bpo])).stdout.contains(" * "), "nothing was stored")
        #expect(try w.run(["audit", "verify"]).status == 0)
    }

    @Test func onlyAdminsAndLegalUsersChangeIt() throws {
        let w = try CLIWorkspace()
        #expect(try w.run(["user", "add", "viewer@atlantis.example", "--name", "V", "--org", "Atlantis Relation Client SAS", "--role", "viewer"]).status == 0)
        let refused = try w.run(["playbook", "set", "audits", "--walk-away", "controller", "--as", "viewer@atlantis.example"])
        #expect(refused.status == 5 && refused.stderr.contains("only admin and legal users change the organisation's playbook"), "\(refused.stderr)")
        #expect(try w.run(["playbook", "show", "--as", "viewer@atlantis.example"]).status == 0, "a viewer reads it")
    }

    @Test func diffAsAUserJudgesByTheirOrganisationsPlaybook() throws {
        let w = try CLIWorkspace()
        #expect(try w.run(["propose", w.reference, try w.document(hours: 44, name: "v2.json"), "--base", "1", "-m", "44", "--as", CLIWorkspace.bpo]).status == 0)
        #expect(try w.run(["playbook", "set", "breach-notification", "--param", "hours", "--preferred", "47", "--fallback", "45", "--walk-away", "43", "--as", CLIWorkspace.bpo]).status == 0)
        // Hours stop at 48, the library controller's own walk-away: the brand's playbook sets a nearer one (40) that 44 is beyond.
        #expect(try w.run(["playbook", "set", "breach-notification", "--param", "hours", "--preferred", "24", "--fallback", "36", "--walk-away", "40", "--as", CLIWorkspace.brand]).status == 0)
        let processor = try w.run(["diff", w.reference, "1", "2", "--as", CLIWorkspace.bpo, "--no-color"])
        #expect(processor.stdout.contains("36 hours → 44 hours (favours processor; outside your fallback)"), "\(processor.stdout)")
        let controller = try w.run(["diff", w.reference, "1", "2", "--as", CLIWorkspace.brand, "--format", "json"])
        #expect(controller.status == 0, "\(controller.stderr)")
        let diff = try JSONDecoder().decode(AgreementDiff.self, from: Data(controller.stdout.utf8))
        let assessment = try #require(diff.changes.first { $0.key == "clause:breach-notification" }?.fields.first { $0.field == "hours" }?.assessment)
        #expect(assessment.beyondWalkAway == [.controller] && assessment.outsideFallback == [.controller], "the controller's own limits, never the processor's")
    }
}
