import Foundation
import Testing
import TripactCore
import TripactStore
import TripactTestSupport

/// `tripact draft show|diff|send|discard`: the side's draft (filled here through the store, as the web's forms fill it)
/// read, compared, sent and thrown away from the command line, with the exit codes of `propose`.
@Suite struct DraftCLITests {
    func draftBreachHours(_ w: CLIWorkspace, _ hours: Int, note: String) throws {
        let store = try TripactStore(path: w.database)
        let head = try store.version(w.reference).document
        var edited = head
        Fixtures.set("breach-notification", "hours", .integer(hours), in: &edited)
        try store.editDraft(w.reference, from: head, to: edited, by: CLIWorkspace.brand, note: note)
    }

    @Test func showDiffAndSendTheDraftAsOneVersion() throws {
        let w = try CLIWorkspace()
        let none = try w.run(["draft", "show", w.reference, "--as", CLIWorkspace.brand])
        #expect(none.status == 0 && none.stdout.contains("your side has no draft"), "\(none.stderr)")
        try draftBreachHours(w, 19, note: "nineteen hours")
        let shown = try w.run(["draft", "show", w.reference, "--as", CLIWorkspace.brand])
        #expect(shown.status == 0 && shown.stdout.contains("clause:breach-notification") && shown.stdout.contains("nineteen hours"), "\(shown.stdout)\(shown.stderr)")
        let theirs = try w.run(["draft", "show", w.reference, "--as", CLIWorkspace.bpo])
        #expect(theirs.stdout.contains("your side has no draft") && !theirs.stdout.contains("nineteen"), "the other side reads nothing of it")
        let diff = try w.run(["draft", "diff", w.reference, "--as", CLIWorkspace.brand, "--no-color"])
        #expect(diff.status == 0 && diff.stdout.contains("36") && diff.stdout.contains("19"), "\(diff.stdout)\(diff.stderr)")
        let noMessage = try w.run(["draft", "send", w.reference, "--as", CLIWorkspace.brand])
        #expect(noMessage.status != 0)
        let sent = try w.run(["draft", "send", w.reference, "--as", CLIWorkspace.brand, "--message", "19 hours"])
        #expect(sent.status == 0 && sent.stdout.contains("proposed version 2"), "\(sent.stderr)")
        let again = try w.run(["draft", "send", w.reference, "--as", CLIWorkspace.brand, "--message", "again"])
        #expect(again.status == 2 && again.stderr.contains("nothing to propose"), "\(again.stderr)")
    }

    @Test func itemsToSettleExitFourAnOutsiderThreeAndDiscardThrowsTheDraftAway() throws {
        let w = try CLIWorkspace()
        try draftBreachHours(w, 19, note: "19")
        let theirs = try w.document(hours: 30, name: "theirs.json")
        #expect(try w.run(["propose", w.reference, theirs, "--base", "1", "-m", "30", "--as", CLIWorkspace.bpo]).status == 0)
        let conflict = try w.run(["draft", "send", w.reference, "--as", CLIWorkspace.brand, "--message", "19"])
        #expect(conflict.status == 4 && conflict.stderr.contains("clause:breach-notification"), "\(conflict.stderr)")
        let unknown = try w.run(["draft", "show", "no-such-agreement", "--as", CLIWorkspace.brand])
        #expect(unknown.status == 3)
        let discarded = try w.run(["draft", "discard", w.reference, "--as", CLIWorkspace.brand])
        #expect(discarded.status == 0, "\(discarded.stderr)")
        let nothing = try w.run(["draft", "discard", w.reference, "--as", CLIWorkspace.brand])
        #expect(nothing.status == 2 && nothing.stderr.contains("no draft"))
    }
}
