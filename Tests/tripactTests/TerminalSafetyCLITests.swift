import Foundation
import Testing
import TripactCore

@Suite struct TerminalSafetyCLITests {
    @Test func aDocumentWithAnEscapeIsRefusedAndTheMessageShowsItInsteadOfSendingIt() throws {
        let directory = try CLIRunner.temporaryDirectory()
        var text = try String(contentsOfFile: CLIRunner.example("minimal.json"), encoding: .utf8)
        text = text.replacingOccurrences(of: "\"subjectMatter\"", with: "\"x\\u001b[2K\\u001b[1A\" : \"typo\", \"subjectMatter\"")
        let file = directory.appendingPathComponent("hostile.json")
        try Data(text.utf8).write(to: file)
        let result = try CLIRunner.run(["validate", file.path])
        #expect(result.status == 2)
        #expect(result.stderr.contains("processing.x\\u{1B}[2K\\u{1B}[1A"), "\(result.stderr)")
        #expect(result.stderr.contains("contains the escape character"))
        #expect(!result.stderr.contains("\u{1B}") && !result.stdout.contains("\u{1B}"))
    }

    @Test func aSubprocessorNameWithATerminalTitleSequenceIsRefusedNamingTheField() throws {
        let directory = try CLIRunner.temporaryDirectory()
        var document = try DocumentCodec.decode(Data(contentsOf: URL(fileURLWithPath: CLIRunner.example("full-scenario.json"))))
        document.subprocessors[0].name = "Rotaplan\u{1B}]0;owned\u{07}\u{1B}[2K\u{1B}[1A"
        let file = directory.appendingPathComponent("hostile.json")
        try DocumentCodec.prettyJSON(document).write(to: file)
        for command in [["validate", file.path], ["diff", file.path, CLIRunner.example("full-scenario.json")]] {
            let result = try CLIRunner.run(command)
            #expect(result.status == 2)
            #expect(result.stderr.contains("'subprocessors[0].name' contains the escape character (U+001B)"), "\(result.stderr)")
            #expect(!result.stderr.contains("\u{1B}") && !result.stdout.contains("\u{1B}"))
        }
    }

    @Test func diffLabelsFromFileNamesAreShownNotObeyed() throws {
        let directory = try CLIRunner.temporaryDirectory()
        let example = try Data(contentsOf: URL(fileURLWithPath: CLIRunner.example("minimal.json")))
        let old = directory.appendingPathComponent("old\u{1B}]0;owned\u{07}.json")
        let new = directory.appendingPathComponent("new\u{202E}nosj.json")
        try example.write(to: old)
        try example.write(to: new)
        let result = try CLIRunner.run(["diff", old.path, new.path])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("old\\u{1B}]0;owned\\u{7}.json") && result.stdout.contains("new\\u{202E}nosj.json"), "\(result.stdout)")
        #expect(!result.stdout.contains("\u{1B}") && !result.stdout.contains("\u{202E}") && !result.stdout.contains("\u{07}"))
        let json = try CLIRunner.run(["diff", old.path, new.path, "--format", "json"])
        #expect(json.stdout.contains("\\u001b]0;owned\\u0007") || json.stdout.contains("\u{1B}]0;owned"), "JSON keeps the exact text")
    }
}
