import Foundation
import Testing
import TripactCore
import TripactStore
import TripactTestSupport

@Suite struct SelectiveAcceptCLITests {
    func acceptedByController(_ w: CLIWorkspace) throws -> [String] {
        let shown = try w.run(["show", w.reference, "--items", "--format", "json"])
        let report = try JSONSerialization.jsonObject(with: Data(shown.stdout.utf8)) as? [String: Any]
        let items = report?["items"] as? [[String: Any]] ?? []
        return items.filter { ($0["acceptedBy"] as? [String] ?? []).contains("controller") }.compactMap { $0["key"] as? String }
    }

    @Test func onlyPrintsTheSummaryInWordsAndAcceptsExactlyTheListedItemsAfterYes() throws {
        let w = try CLIWorkspace()
        let dry = try w.run(["accept", w.reference, "--only", "clause:audits,annex4", "--dry-run", "--as", CLIWorkspace.brand])
        #expect(dry.status == 0, "\(dry.stderr)")
        #expect(dry.stdout.contains("Annex IV — Nuvola") && dry.stdout.contains("Audits"), "\(dry.stdout)")
        #expect(dry.stdout.hasSuffix("Nothing was accepted (--dry-run).\n") && !dry.stderr.contains("[yes/no]"), "\(dry.stdout)")
        #expect(try acceptedByController(w).isEmpty, "a dry run changes nothing")
        let result = try w.run(["accept", w.reference, "--only", "clause:audits,annex4", "--as", CLIWorkspace.brand], stdin: "yes\n")
        #expect(result.status == 0, "\(result.stderr)")
        let accepted = try acceptedByController(w)
        #expect(accepted.contains("clause:audits") && accepted.filter { !$0.hasPrefix("subprocessor:") }.count == 1 && accepted.count > 1, "\(accepted)")
        // The review page's words, in its order: what will be accepted, what stays open, then the question.
        let summary = try #require(result.stdout.components(separatedBy: "\naccepted ").first)
        #expect(summary.hasPrefix("You are about to accept, for the controller, \(accepted.count) items of version 1:\n"), "\(result.stdout)")
        let open = try #require(summary.components(separatedBy: "These stay open for your side:\n").last)
        #expect(open.contains("(clause:breach-notification)") && !open.contains("(clause:audits)"), "\(summary)")
        #expect(result.stderr.contains("Accept these \(accepted.count) items? [yes/no]"), "\(result.stderr)")
    }

    @Test func exceptWithYesAcceptsWithoutReadingStandardInput() throws {
        let w = try CLIWorkspace()
        let result = try w.run(["accept", w.reference, "--except", "clause:audits", "--yes", "--as", CLIWorkspace.brand])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.hasPrefix("You are about to accept, for the controller, ") && result.stdout.contains("These stay open for your side:\n"), "\(result.stdout)")
        #expect(result.stdout.contains("1 item still open"), "\(result.stdout)")
        #expect(!result.stderr.contains("[yes/no]"), "--yes asks nothing")
        #expect(!(try acceptedByController(w)).contains("clause:audits"))
    }

    @Test func anyAnswerButYesOrNoAnswerAcceptsNothing() throws {
        let w = try CLIWorkspace()
        let store = try TripactStore(path: w.database)
        let before = try store.itemStates(w.reference)
        let auditBefore = try store.auditEvents(agreement: w.reference).count
        let answers: [(String?, String)] = [("no\n", "the answer was not yes"), ("yes please\n", "the answer was not yes"), (nil, "standard input ended before an answer")]
        for (answer, reason) in answers {
            let result = try w.run(["accept", w.reference, "--except", "clause:audits", "--as", CLIWorkspace.brand], stdin: answer)
            #expect(result.status == 5, "\(String(describing: answer)): \(result.stderr)")
            #expect(result.stderr.contains("error: nothing was accepted: \(reason)"), "\(result.stderr)")
            #expect(result.stdout.hasPrefix("You are about to accept, for the controller, ") && !result.stdout.contains("\naccepted "), "\(result.stdout)")
            #expect(try store.itemStates(w.reference) == before, "the store is untouched after \(String(describing: answer))")
            #expect(try store.auditEvents(agreement: w.reference).count == auditBefore)
        }
        let short = try w.run(["accept", w.reference, "--only", "clause:audits", "--as", CLIWorkspace.brand], stdin: " Y\n")
        #expect(short.status == 0 && short.stdout.contains("\naccepted 1 item; "), "\(short.stdout)\(short.stderr)")
        #expect(try acceptedByController(w) == ["clause:audits"])
    }

    @Test func nobodyIsAskedWhenThereIsNothingToAcceptOrTheyMayNotAccept() throws {
        let w = try CLIWorkspace()
        #expect(try w.run(["accept", w.reference, "clause:audits", "--as", CLIWorkspace.brand]).status == 0, "named items accept at once, as before")
        let again = try w.run(["accept", w.reference, "--only", "clause:audits", "--as", CLIWorkspace.brand])
        #expect(again.status == 0 && again.stdout == "Your side has already accepted everything this selection covers; nothing is left to accept.\n", "\(again.stdout)")
        #expect(!again.stderr.contains("[yes/no]"))
        // A viewer is refused before the summary and the question, so no one answers "yes" to be told no.
        let viewer = "vera@lumen.example"
        #expect(try w.run(["user", "add", viewer, "--name", "Vera", "--org", "Lumen Télécom SA", "--role", "viewer"]).status == 0)
        let refused = try w.run(["accept", w.reference, "--only", "clause:breach-notification", "--as", viewer], stdin: "yes\n")
        #expect(refused.status == 5 && refused.stdout.isEmpty && !refused.stderr.contains("[yes/no]"), "\(refused.stdout)\(refused.stderr)")
        #expect(refused.stderr.contains("only admin and legal users accept items"), "\(refused.stderr)")
        #expect(try acceptedByController(w) == ["clause:audits"])
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
        #expect(try w.run(["accept", w.reference, "--only", "clause:audits", "--dry-run", "--yes", "--as", CLIWorkspace.brand]).status == 64)
        #expect(try acceptedByController(w).isEmpty)
    }
}
