import Foundation
import Testing
import TripactCore
import TripactTestSupport

@Suite struct SelectiveAcceptCLITests {
    func acceptedByController(_ w: CLIWorkspace) throws -> [String] {
        let shown = try w.run(["show", w.reference, "--items", "--format", "json"])
        let report = try JSONSerialization.jsonObject(with: Data(shown.stdout.utf8)) as? [String: Any]
        let items = report?["items"] as? [[String: Any]] ?? []
        return items.filter { ($0["acceptedBy"] as? [String] ?? []).contains("controller") }.compactMap { $0["key"] as? String }
    }

    @Test func onlyAcceptsExactlyTheListedItemsAndParts() throws {
        let w = try CLIWorkspace()
        let dry = try w.run(["accept", w.reference, "--only", "clause:audits,annex4", "--dry-run", "--as", CLIWorkspace.brand])
        #expect(dry.status == 0, "\(dry.stderr)")
        #expect(dry.stdout.contains("Annex IV — Nuvola") && dry.stdout.contains("Audits"), "\(dry.stdout)")
        #expect(try acceptedByController(w).isEmpty, "a dry run changes nothing")
        let result = try w.run(["accept", w.reference, "--only", "clause:audits,annex4", "--as", CLIWorkspace.brand])
        #expect(result.status == 0, "\(result.stderr)")
        let accepted = try acceptedByController(w)
        #expect(accepted.contains("clause:audits") && accepted.filter { !$0.hasPrefix("subprocessor:") }.count == 1 && accepted.count > 1, "\(accepted)")
    }

    @Test func exceptLeavesExactlyTheListedItemsOpen() throws {
        let w = try CLIWorkspace()
        let result = try w.run(["accept", w.reference, "--except", "clause:audits", "--as", CLIWorkspace.brand])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("1 item still open"), "\(result.stdout)")
        #expect(!(try acceptedByController(w)).contains("clause:audits"))
    }

    @Test func unknownKeysAreNamedWithExitThreeAndNothingIsAccepted() throws {
        let w = try CLIWorkspace()
        let result = try w.run(["accept", w.reference, "--only", "clause:audits,clause:nope,annex9", "--as", CLIWorkspace.brand])
        #expect(result.status == 3)
        #expect(result.stderr.contains("clause:nope") && result.stderr.contains("annex9"), "\(result.stderr)")
        #expect(try acceptedByController(w).isEmpty)
    }

    @Test func allOnlyAndExceptAreMutuallyExclusive() throws {
        let w = try CLIWorkspace()
        #expect(try w.run(["accept", w.reference, "--all", "--only", "clause:audits", "--as", CLIWorkspace.brand]).status == 64)
        #expect(try w.run(["accept", w.reference, "--only", "clause:audits", "--except", "annex4", "--as", CLIWorkspace.brand]).status == 64)
        #expect(try acceptedByController(w).isEmpty)
    }
}
