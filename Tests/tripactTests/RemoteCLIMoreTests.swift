import Foundation
import Testing
import TripactCore
import TripactStore
import TripactTestSupport

/// The rest of the remote CLI against a live server on loopback: `agreements`, `notices`, `export` and `verify` print
/// (and write) exactly what they do from the database; `propose`, `accept` and `comment` change the server's state
/// with a negotiate token, are refused clearly with a read token, and say a conflict and field problems as the local
/// commands say them.
@Suite(.enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/curl")))
struct RemoteCLIMoreTests {
    typealias Remote = RemoteCLITests.Remote

    /// A register change that sends the agreement a notice, so that `notices` has something to list.
    static func notify(_ r: Remote) throws {
        let w = r.workspace
        let source = Fixtures.example("full-scenario.json").subprocessors.first { $0.id == "sp-nuvola" }!
        func entry(_ id: String, _ name: String) throws -> String {
            let record = SubprocessorRecord(
                id: id, name: name, address: source.address, country: source.country, services: ["contact-centre-platform", "telephony"],
                description: source.service, dataCategories: source.dataCategories, locations: source.locations, transferMechanism: source.transferMechanism,
                tiaReference: source.tiaReference, contact: source.contact, startDate: CalendarDay(iso: "2026-01-01")!
            )
            let path = w.directory.appendingPathComponent("\(id).json").path
            try DocumentCodec.canonicalJSON(record).write(to: URL(fileURLWithPath: path))
            return path
        }
        #expect(try r.local(["subprocessors", "add", try entry("sp-nuvola", "Nuvola Voice Platform B.V."), "--as", CLIWorkspace.bpo]).status == 0)
        let change = try r.local(["subprocessors", "change", "sp-nuvola", try entry("sp-sonora", "Sonora Cloud SAS"), "-m", "new platform", "--as", CLIWorkspace.bpo])
        #expect(change.status == 0, "\(change.stderr)")
    }

    @Test func agreementsNoticesExportAndVerifyWithServerPrintWhatTheDatabasePrints() throws {
        let r = try Remote()
        try Self.notify(r)
        let readings: [[String]] = [
            ["agreements"], ["agreements", "--format", "json"], ["agreements", "--status", "draft"],
            ["notices"], ["notices", "--format", "json"], ["notices", "--open", "--agreement", "REF"], ["notices", "--due-before", "2000-01-01"],
        ]
        for reading in readings {
            let arguments = reading.map { $0 == "REF" ? r.workspace.reference : $0 }
            let local = try r.local(arguments)
            #expect(local.status == 0 && !local.stdout.isEmpty, "\(arguments): \(local.stderr)")
            let remote = try r.remote(arguments + ["--server", r.server.url], token: r.token)
            #expect(remote.status == 0, "\(arguments) --server: \(remote.stderr)")
            #expect(remote.stdout == local.stdout, "\(arguments): the remote output differs:\n\(remote.stdout)\n---\n\(local.stdout)")
        }
        #expect(try r.local(["notices", "--format", "json"]).stdout.contains("\"id\" : 1"), "the notice is listed")

        let folder = r.workspace.directory.path
        for (format, extra) in [("html", [String]()), ("json", []), ("docx", []), ("docx", ["--redline-from", "1"]), ("html", ["--version", "1"])] {
            let local = try r.local(["export", r.workspace.reference, "--format", format, "-o", folder + "/local.\(format)"] + extra)
            #expect(local.status == 0, "\(format) \(extra): \(local.stderr)")
            let remote = try r.remote(["export", r.workspace.reference, "--format", format, "-o", folder + "/remote.\(format)", "--server", r.server.url] + extra, token: r.token)
            #expect(remote.status == 0, "\(format) \(extra) --server: \(remote.stderr)")
            #expect(remote.stderr == local.stderr.replacingOccurrences(of: "local.", with: "remote."))
            let same = try Data(contentsOf: URL(fileURLWithPath: folder + "/remote.\(format)")) == Data(contentsOf: URL(fileURLWithPath: folder + "/local.\(format)"))
            #expect(same, "export --format \(format) \(extra): the files differ")
        }

        // The HTML export checked against the records: of the server, as of the database, with the same lines.
        let exported = folder + "/local.html"
        let local = try r.local(["verify", exported])
        let remote = try r.remote(["verify", exported, "--server", r.server.url], token: r.token)
        #expect(local.status == 0 && remote.status == 0, "\(local.stderr) / \(remote.stderr)")
        #expect(remote.stdout == local.stdout && remote.stdout.contains("it is version 1 of '\(r.workspace.reference)': DRAFT"), "\(remote.stdout)")
        // An altered file is refused by both, and the server never vouches for a version it does not hold.
        let altered = folder + "/altered.json"
        var document = Fixtures.example("full-scenario.json")
        document.title += " (altered)"
        try DocumentCodec.prettyJSON(document).write(to: URL(fileURLWithPath: altered))
        let unknown = try r.remote(["verify", altered, "--server", r.server.url], token: r.token)
        #expect(unknown.status == 1 && unknown.stderr.contains("no version in '\(r.server.url)' has this content hash"), "\(unknown.stderr)")
    }

    /// The per-token limit is the server's to set (the API benchmark raises it); it cannot be switched off.
    @Test func serveSetsThePerTokenLimitAndRefusesToSwitchItOff() throws {
        let r = try Remote()
        let strict = try LoopbackServer(database: r.workspace.database, options: ["--api-burst", "2", "--api-requests-per-second", "0.01"])
        try strict.waitUntilReady()
        var statuses: [Int32] = []
        for _ in 0..<3 { statuses.append(try r.remote(["log", r.workspace.reference, "--server", strict.url], token: r.token).status) }
        #expect(statuses == [0, 0, 2], "two requests in the burst, then 429 (exit 2)")
        let limited = try r.remote(["log", r.workspace.reference, "--server", strict.url], token: r.token)
        #expect(limited.stderr.contains("the server answered 429: this token made too many requests"), "\(limited.stderr)")
        for options in [["--api-requests-per-second", "0"], ["--api-burst", "0"]] {
            let refused = try r.local(["serve", "--port", "1"] + options)
            #expect(refused.status == 64 && refused.stderr.contains(options[0]), "\(options): \(refused.stderr)")
        }
    }

    @Test func aNegotiateTokenProposesAcceptsAndCommentsAndAReadTokenIsRefused() throws {
        let r = try Remote()
        let negotiate = try r.workspace.run(["token", "create", "--as", CLIWorkspace.bpo, "--scope", "negotiate"]).stdout.trimmingCharacters(in: .newlines)
        let server = ["--server", r.server.url]
        let reference = r.workspace.reference

        // A read token: 403 from the server, said clearly, exit 5, and nothing changes.
        let v3 = try r.workspace.document(hours: 36, name: "v3.json")
        let refused = try r.remote(["propose", reference, v3, "--base", "2", "-m", "36 hours"] + server, token: r.token)
        #expect(refused.status == 5 && refused.stderr.contains("the server answered 403: this token may only read"), "\(refused.stderr)")
        let readComment = try r.remote(["comment", reference, "-m", "hello"] + server, token: r.token)
        #expect(readComment.status == 5 && readComment.stderr.contains("403"), "\(readComment.stderr)")
        #expect(try TripactStore(path: r.workspace.database).agreement(reference).head == 2)

        // The dry run prints what the local one prints and changes nothing.
        let dryLocal = try r.local(["accept", reference, "--only", "annex4", "--dry-run", "--as", CLIWorkspace.bpo])
        let dryRemote = try r.remote(["accept", reference, "--only", "annex4", "--dry-run"] + server, token: negotiate)
        #expect(dryRemote.status == 0 && dryRemote.stdout == dryLocal.stdout, "\(dryRemote.stderr)")

        let accepted = try r.remote(["accept", reference, "--only", "clause:breach-notification", "--yes"] + server, token: negotiate)
        // --yes: the summary in words with the server's side for the token, then no question.
        #expect(accepted.status == 0 && accepted.stdout.hasPrefix("You are about to accept, for the processor, 1 item of version 2:\n"), "\(accepted.stdout)")
        #expect(accepted.stdout.contains("\naccepted 1 item; ") && !accepted.stderr.contains("[yes/no]"), "\(accepted.stdout)\(accepted.stderr)")
        let states = try TripactStore(path: r.workspace.database).itemStates(reference)
        #expect(states.first { $0.key.rawValue == "clause:breach-notification" }?.acceptedBy.contains(.processor) == true)

        let proposed = try r.remote(["propose", reference, v3, "--base", "2", "-m", "36 hours"] + server, token: negotiate)
        #expect(proposed.status == 0 && proposed.stdout.hasPrefix("proposed version 3 of '\(reference)'"), "\(proposed.stderr)")
        let head = try TripactStore(path: r.workspace.database).version(reference)
        #expect(head.number == 3 && head.author == CLIWorkspace.bpo && head.message == "36 hours")

        let commented = try r.remote(["comment", reference, "--item", "clause:breach-notification", "-m", "36 hours is our standard"] + server, token: negotiate)
        #expect(commented.status == 0 && commented.stdout == "commented on clause:breach-notification of '\(reference)'\n", "\(commented.stderr)")
        let store = try TripactStore(path: r.workspace.database)
        let comments = try store.comments(reference, visibleTo: store.user(email: CLIWorkspace.brand).organisationID)
        #expect(comments.contains { $0.body == "36 hours is our standard" && $0.author == CLIWorkspace.bpo && $0.item == "clause:breach-notification" })
        #expect(try r.remote(["comment", reference, "-m", "x", "--as", CLIWorkspace.bpo] + server, token: negotiate).status == 2, "--as has no place on a server")

        // A stale base (409) and a field problem (422) are said as the local command says them, with the same exit code.
        let v4 = try r.workspace.document(hours: 48, name: "v4.json")
        let staleLocal = try r.local(["propose", reference, v4, "--base", "2", "-m", "late", "--as", CLIWorkspace.bpo])
        let staleRemote = try r.remote(["propose", reference, v4, "--base", "2", "-m", "late"] + server, token: negotiate)
        #expect(staleLocal.status == 4 && staleRemote.status == 4)
        #expect(staleRemote.stderr == staleLocal.stderr && staleRemote.stderr.contains("conflict: your proposal is based on version 2"), "\(staleRemote.stderr)")
        let staleAccept = try r.remote(["accept", reference, "--all", "--version", "2"] + server, token: negotiate)
        #expect(staleAccept.status == 4 && staleAccept.stderr.contains("the head is now version 3"))

        var long = Fixtures.example("full-scenario.json")
        long.title = String(repeating: "T", count: 301)
        let longFile = r.workspace.directory.appendingPathComponent("long.json").path
        try DocumentCodec.prettyJSON(long).write(to: URL(fileURLWithPath: longFile))
        let invalidLocal = try r.local(["propose", reference, longFile, "--base", "3", "-m", "long", "--as", CLIWorkspace.bpo])
        let invalidRemote = try r.remote(["propose", reference, longFile, "--base", "3", "-m", "long"] + server, token: negotiate)
        #expect(invalidLocal.status != 0 && invalidRemote.status == invalidLocal.status)
        #expect(invalidRemote.stderr == invalidLocal.stderr && invalidRemote.stderr.contains("title: a title has at most 300 characters"), "\(invalidRemote.stderr)")
        let longComment = String(repeating: "c", count: 4_001)
        let commentLocal = try r.local(["comment", reference, "-m", longComment, "--as", CLIWorkspace.bpo])
        let commentRemote = try r.remote(["comment", reference, "-m", longComment] + server, token: negotiate)
        #expect(commentLocal.status != 0 && commentRemote.status == commentLocal.status)
        #expect(commentRemote.stderr == commentLocal.stderr && commentRemote.stderr.contains("body: a comment has at most 4,000 characters"), "\(commentRemote.stderr)")
        #expect(try TripactStore(path: r.workspace.database).version(reference).number == 3, "nothing refused was stored")
    }
}
