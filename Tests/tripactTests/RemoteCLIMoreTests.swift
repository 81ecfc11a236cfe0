import Foundation
import Testing
import TripactCore
import TripactStore
import TripactTestSupport

/// The rest of the remote CLI against a live server on loopback: `agreements`, `notices`, `export` and `verify` print
/// (and write) exactly what they do from the database.
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
}
