import Foundation
import Testing
import TripactCore
import TripactStore
import TripactTestSupport

/// Issue 10 item 2 on the command line: `tripact comment --internal`, against the database or on a server, stays with
/// the author's organisation. The other side's `show`, `log`, `diff`, `agreements` and `export` (HTML, JSON, Word
/// redline) print and write byte for byte what they did before it; its own organisation reads it, marked internal.
@Suite(.enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/curl")))
struct InternalCommentCLITests {
    typealias Remote = RemoteCLITests.Remote
    static let secret = "Our walk-away is 48 hours CLI-SECRET-9034"

    static let readings: [[String]] = [
        ["agreements"], ["log", "REF"], ["log", "REF", "--format", "json"], ["show", "REF"], ["show", "REF", "--items"],
        ["show", "REF", "--items", "--format", "json"], ["diff", "REF", "1", "2"],
    ]
    static let exports: [[String]] = [["--format", "html"], ["--format", "json"], ["--format", "docx", "--redline-from", "1"]]

    /// What the other side's token reads through the server: each reading's output, and each export's file.
    static func read(_ r: Remote, token: String, round: String) throws -> [String: Data] {
        var seen: [String: Data] = [:]
        for reading in readings {
            let result = try r.remote(reading.map { $0 == "REF" ? r.workspace.reference : $0 } + ["--server", r.server.url], token: token)
            #expect(result.status == 0, "\(reading): \(result.stderr)")
            seen[reading.joined(separator: " ")] = Data(result.stdout.utf8)
        }
        for export in exports {
            let file = r.workspace.directory.appendingPathComponent("\(round)-\(export[1])-\(export.count)").path
            let result = try r.remote(["export", r.workspace.reference, "-o", file, "--server", r.server.url] + export, token: token)
            #expect(result.status == 0, "\(export): \(result.stderr)")
            seen["export " + export.joined(separator: " ")] = try Data(contentsOf: URL(fileURLWithPath: file))
        }
        return seen
    }

    /// The text of the Word comments in an exported redline.
    static func wordComments(_ file: String) throws -> String {
        try Shell.run("/usr/bin/unzip", ["-p", file, "word/comments.xml"]).stdout
    }

    @Test func anInternalCommentReachesNoneOfTheOtherSidesReadingsOrExports() throws {
        let r = try Remote()
        let reference = r.workspace.reference
        let theirs = try r.workspace.run(["token", "create", "--as", CLIWorkspace.bpo, "--scope", "read"]).stdout.trimmingCharacters(in: .newlines)
        let mine = try r.workspace.run(["token", "create", "--as", CLIWorkspace.brand, "--scope", "negotiate"]).stdout.trimmingCharacters(in: .newlines)
        let before = try Self.read(r, token: theirs, round: "before")

        // On the server with the controller's token, and in the database with --as: both say the comment is internal.
        let remote = try r.remote(["comment", reference, "--item", "clause:breach-notification", "-m", Self.secret, "--internal", "--server", r.server.url], token: mine)
        #expect(remote.status == 0 && remote.stdout == "commented on clause:breach-notification of '\(reference)' (internal: your organisation only)\n", "\(remote.stdout)\(remote.stderr)")
        let local = try r.local(["comment", reference, "-m", Self.secret + " (local)", "--internal", "--as", CLIWorkspace.brand])
        #expect(local.status == 0 && local.stdout == "commented on '\(reference)' (internal: your organisation only)\n", "\(local.stdout)\(local.stderr)")

        let after = try Self.read(r, token: theirs, round: "after")
        for (key, data) in after {
            #expect(data == before[key], "the other side's \(key) changed after an internal comment")
            #expect(!String(decoding: data, as: UTF8.self).contains("CLI-SECRET-9034"), "\(key)")
        }
        // The Word redline is compressed: its comments part, read out, holds no trace either.
        let redline = r.workspace.directory.appendingPathComponent("after-docx-4").path
        #expect(!(try Self.wordComments(redline)).contains("CLI-SECRET-9034"))
        // Nor do the readings against the database, which take no side, nor the server's own redline as the author's side.
        for reading in Self.readings {
            let result = try r.local(reading.map { $0 == "REF" ? reference : $0 })
            #expect(result.status == 0 && !result.stdout.contains("CLI-SECRET-9034"), "\(reading): \(result.stderr)")
        }
        let ownRedline = r.workspace.directory.appendingPathComponent("own.docx").path
        #expect(try r.remote(["export", reference, "--format", "docx", "--redline-from", "1", "-o", ownRedline, "--server", r.server.url], token: mine).status == 0)
        #expect(!(try Self.wordComments(ownRedline)).contains("CLI-SECRET-9034"), "a redline is sent to the other side, so it never carries internal comments")

        // The own organisation reads both, marked internal; the other side's reader finds none.
        let store = try TripactStore(path: r.workspace.database)
        let own = try store.comments(reference, visibleTo: store.user(email: CLIWorkspace.brand).organisationID).filter { $0.body.hasPrefix(Self.secret) }
        #expect(own.count == 2 && own.allSatisfy(\.isInternal), "\(own)")
        #expect(try store.comments(reference, visibleTo: store.user(email: CLIWorkspace.bpo).organisationID).allSatisfy { !$0.body.contains("CLI-SECRET-9034") })

        // A shared comment does reach them, so the comparison above would have seen one.
        let shared = try r.remote(["comment", reference, "--item", "clause:breach-notification", "-m", "Please confirm CLI-SHARED-5120", "--server", r.server.url], token: mine)
        #expect(shared.status == 0 && !shared.stdout.contains("internal"), "\(shared.stderr)")
        _ = try Self.read(r, token: theirs, round: "shared")
        let sharedRedline = try Self.wordComments(r.workspace.directory.appendingPathComponent("shared-docx-4").path)
        #expect(sharedRedline.contains("CLI-SHARED-5120") && !sharedRedline.contains("CLI-SECRET-9034"), "\(sharedRedline)")
    }
}
