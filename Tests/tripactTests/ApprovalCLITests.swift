import Foundation
import Testing
import TripactCore
import TripactTestSupport

/// `tripact approval require|list|approve|refuse`: a turn waits for its approver, then goes through.
@Suite struct ApprovalCLITests {
    @Test func aTurnWaitsForItsApproverWhoRefusesOrApprovesFromTheCommandLine() throws {
        let w = try CLIWorkspace()
        #expect(try w.run(["user", "add", "boss@lumen.example", "--name", "Boss", "--org", "Lumen Télécom SA", "--role", "admin"]).status == 0)
        let refusedRule = try w.run(["approval", "require", "proposal", "--approver", "boss@lumen.example", "--as", CLIWorkspace.brand])
        #expect(refusedRule.status == 5 && refusedRule.stderr.contains("only admins set approval rules"))
        #expect(try w.run(["approval", "require", "proposal", "--approver", "boss@lumen.example", "--as", "boss@lumen.example"]).status == 0)
        let v2 = try w.document(hours: 24, name: "v2.json")
        let blocked = try w.run(["propose", w.reference, v2, "--base", "1", "-m", "24 h", "--as", CLIWorkspace.brand])
        #expect(blocked.status == 5 && blocked.stderr.contains("needs the approval of Boss (boss@lumen.example); request 1 now waits for them"))
        let listed = try w.run(["approval", "list", "--pending", "--as", "boss@lumen.example"])
        #expect(listed.status == 0 && listed.stdout.contains("rule: proposal approved by boss@lumen.example") && listed.stdout.contains("pending"))
        #expect(try w.run(["approval", "list", "--as", CLIWorkspace.bpo]).stdout.contains("no approval rule"), "the other side sees none of it")
        let noReason = try w.run(["approval", "refuse", "1", "--reason", " ", "--as", "boss@lumen.example"])
        #expect(noReason.status != 0 && noReason.stderr.contains("say why you refuse"))
        #expect(try w.run(["approval", "refuse", "1", "--reason", "not yet", "--as", "boss@lumen.example"]).status == 0)
        #expect(try w.run(["propose", w.reference, v2, "--base", "1", "-m", "24 h", "--as", CLIWorkspace.brand]).stderr.contains("Boss refused sending a turn (request 1): not yet"))
        let v3 = try w.document(hours: 30, name: "v3.json")
        #expect(try w.run(["propose", w.reference, v3, "--base", "1", "-m", "36 h", "--as", CLIWorkspace.brand]).status == 5)
        #expect(try w.run(["approval", "approve", "2", "--as", "boss@lumen.example"]).stdout.contains("request 2 approved"))
        #expect(try w.run(["propose", w.reference, v3, "--base", "1", "-m", "36 h", "--as", CLIWorkspace.brand]).status == 0)
    }
}
