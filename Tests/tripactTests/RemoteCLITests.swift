import Foundation
import Synchronization
import Testing
import TripactStore
import TripactTestSupport

/// A real `tripact serve` on a loopback port over a workspace's database, stopped by its own pid when the test ends.
final class LoopbackServer {
    let process = Process()
    let url: String
    let output = ServeFirstRunTests.Output()

    init(database: String, options: [String] = []) throws {
        let port = Int.random(in: 40_000..<60_000)
        url = "http://127.0.0.1:\(port)"
        process.executableURL = CLIRunner.executable
        process.arguments = ["serve", "--port", String(port), "--db", database] + options
        process.currentDirectoryURL = CLIRunner.repositoryRoot
        let pipe = Pipe()
        let output = output
        pipe.fileHandleForReading.readabilityHandler = { handle in output.append(handle.availableData) }
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
    }

    /// Waits until the API answers (401 without a token) or the server gives up.
    func waitUntilReady() throws {
        for _ in 0..<300 {
            let code = try Shell.run("/usr/bin/curl", ["-s", "--max-time", "2", "-o", "/dev/null", "-w", "%{http_code}", url + "/api/v1/agreements"]).stdout
            if code == "401" { return }
            guard process.isRunning else { break }
            usleep(100_000)
        }
        throw NotStarted(output: output.text.withLock { $0 })
    }

    struct NotStarted: Error { let output: String }

    deinit {
        process.terminate()
        process.waitUntilExit()
    }
}

/// The remote CLI against a live server on loopback: `log`, `show` and `diff` with `--server` (or after `login`) print
/// exactly what they print from the database; `login` saves the token readable by its user alone, refuses a wrong
/// token, and `logout` removes it.
@Suite(.enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/curl")))
struct RemoteCLITests {
    /// A workspace with two versions, a running server over its database and a read token of one of its parties.
    struct Remote {
        let workspace: CLIWorkspace
        let server: LoopbackServer
        let token: String
        let config: String

        init() throws {
            workspace = try CLIWorkspace()
            let v2 = try workspace.document(hours: 24, name: "v2.json")
            let proposed = try workspace.run(["propose", workspace.reference, v2, "--base", "1", "-m", "24 hours", "--as", CLIWorkspace.brand])
            #expect(proposed.status == 0, "\(proposed.stderr)")
            let made = try workspace.run(["token", "create", "--as", CLIWorkspace.brand, "--scope", "read"])
            token = made.stdout.trimmingCharacters(in: .newlines)
            config = workspace.directory.appendingPathComponent("config").path
            server = try LoopbackServer(database: workspace.database)
            try server.waitUntilReady()
        }

        /// The command against the database, with no saved login in reach.
        func local(_ arguments: [String]) throws -> CLIRunner.Result {
            try CLIRunner.run(arguments, in: workspace.directory, environment: environment(["TRIPACT_DB": workspace.database]))
        }

        /// The command without a database (run in a folder without one): the server comes from `--server` or the saved login.
        func remote(_ arguments: [String], token: String? = nil, stdin: Data? = nil) throws -> CLIRunner.Result {
            let laptop = workspace.directory.appendingPathComponent("laptop")
            try FileManager.default.createDirectory(at: laptop, withIntermediateDirectories: true)
            return try CLIRunner.run(arguments, in: laptop, environment: environment(token.map { ["TRIPACT_TOKEN": $0] } ?? [:]), stdin: stdin)
        }

        /// Sets hashing to be deterministic so that sets (who accepted an item) encode in the same order in both runs.
        private func environment(_ extra: [String: String]) -> [String: String] {
            ["XDG_CONFIG_HOME": config, "SWIFT_DETERMINISTIC_HASHING": "1", "TRIPACT_DB": "", "TRIPACT_TOKEN": ""].merging(extra) { $1 }
        }
    }

    static let readings: [[String]] = [
        ["log", "REF"], ["log", "REF", "--format", "json"],
        ["show", "REF"], ["show", "REF", "--items"], ["show", "REF", "--version", "1", "--format", "json"], ["show", "REF", "--items", "--format", "json"],
        ["diff", "REF", "1", "2"], ["diff", "REF", "1", "2", "--format", "json"], ["diff", "REF", "2", "1", "--side", "processor", "--no-color"],
    ]

    @Test func logShowAndDiffWithServerPrintWhatTheDatabasePrints() throws {
        let r = try Remote()
        for reading in Self.readings {
            let arguments = reading.map { $0 == "REF" ? r.workspace.reference : $0 }
            let local = try r.local(arguments)
            #expect(local.status == 0 && !local.stdout.isEmpty, "\(arguments): \(local.stderr)")
            let remote = try r.remote(arguments + ["--server", r.server.url], token: r.token)
            #expect(remote.status == 0, "\(arguments) --server: \(remote.stderr)")
            #expect(remote.stdout == local.stdout, "\(arguments): the remote output differs")
        }
        let unknown = try r.remote(["show", "no-such-agreement", "--server", r.server.url], token: r.token)
        #expect(unknown.status == 3 && unknown.stderr.contains("404"), "\(unknown.stderr)")
        // `diff` reads its two versions at once and by hand, not through the generated client: a missing one is the same 404.
        let missing = try r.remote(["diff", r.workspace.reference, "1", "9", "--server", r.server.url], token: r.token)
        #expect(missing.status == 3 && missing.stderr.contains("404"), "\(missing.stderr)")
        // Over real HTTP, the cached answer's gzipped bytes are framed by their own length and decode to the same JSON.
        let url = r.server.url + "/api/v1/agreements/\(r.workspace.reference)"
        let header = ["-H", "Authorization: Bearer \(r.token)"]
        let plain = try Shell.run("/usr/bin/curl", ["-s", "--max-time", "10"] + header + [url])
        let zipped = try Shell.run("/usr/bin/curl", ["-s", "--max-time", "10", "--compressed"] + header + [url])
        #expect(plain.status == 0 && zipped.status == 0 && zipped.stdout == plain.stdout && plain.stdout.hasPrefix("{"), "curl \(zipped.status)")
        let sent = try Shell.run("/usr/bin/curl", ["-s", "--max-time", "10", "-H", "Accept-Encoding: gzip", "-o", "/dev/null", "-w", "%{size_download}"] + header + [url])
        #expect((Int(sent.stdout) ?? .max) < plain.stdout.utf8.count, "the gzipped answer is \(sent.stdout) bytes")
    }

    /// With a proxy variable set, the CLI leaves its own plain-HTTP socket for AsyncHTTPClient (the transport `https://`
    /// servers take too): `no_proxy` naming the server sends it there directly, with the same output; a proxy that
    /// does not answer, or one the client cannot speak, is a clear failure naming what went wrong; nothing hangs.
    @Test func theAsyncHTTPClientPathHonoursTheProxyVariables() throws {
        let r = try Remote()
        let arguments = ["diff", r.workspace.reference, "1", "2", "--server", r.server.url]
        let local = try r.local(Array(arguments.dropLast(2)))
        func remote(_ proxy: [String: String]) throws -> CLIRunner.Result {
            let laptop = r.workspace.directory.appendingPathComponent("laptop")
            try FileManager.default.createDirectory(at: laptop, withIntermediateDirectories: true)
            let environment = ["XDG_CONFIG_HOME": r.config, "SWIFT_DETERMINISTIC_HASHING": "1", "TRIPACT_DB": "", "TRIPACT_TOKEN": r.token]
            return try CLIRunner.run(arguments, in: laptop, environment: environment.merging(proxy) { $1 })
        }
        let bypassed = try remote(["http_proxy": "http://127.0.0.1:9", "no_proxy": "localhost,127.0.0.1"])
        #expect(bypassed.status == 0, "\(bypassed.stderr)")
        #expect(bypassed.stdout == local.stdout, "through AsyncHTTPClient the output is the database's")
        let deadProxy = try remote(["HTTP_PROXY": "127.0.0.1:9"])
        #expect(deadProxy.status != 0 && deadProxy.stderr.contains("cannot reach"), "\(deadProxy.stderr)")
        let unknownScheme = try remote(["http_proxy": "ftp://proxy.example:21"])
        #expect(unknownScheme.status != 0 && unknownScheme.stderr.contains("http_proxy"), "\(unknownScheme.stderr)")
    }

    @Test func loginSavesTheTokenForItsUserAloneIsTheDefaultAndLogoutRemovesIt() throws {
        let r = try Remote()
        // Typed on standard input (no terminal here), as it would be at the hidden prompt.
        let login = try r.remote(["login", r.server.url], stdin: Data((r.token + "\n").utf8))
        #expect(login.status == 0, "\(login.stderr)")
        #expect(!login.stdout.contains(r.token) && !login.stderr.contains(r.token), "the token is never printed")
        let file = r.config + "/tripact/login.json"
        let attributes = try FileManager.default.attributesOfItem(atPath: file)
        #expect((attributes[.posixPermissions] as? Int) == 0o600)
        let folder = try FileManager.default.attributesOfItem(atPath: r.config + "/tripact")
        #expect((folder[.posixPermissions] as? Int) == 0o700)
        let saved = try String(contentsOfFile: file, encoding: .utf8)
        #expect(saved.contains(r.token))
        // Logged in, with no database named, the reading commands go to the saved server.
        let arguments = ["log", r.workspace.reference]
        let remote = try r.remote(arguments)
        let local = try r.local(arguments)
        #expect(remote.status == 0 && remote.stdout == local.stdout, "\(remote.stderr)")
        let logout = try r.remote(["logout"])
        #expect(logout.status == 0 && !FileManager.default.fileExists(atPath: file))
        let after = try r.remote(arguments)
        #expect(after.status != 0, "logged out, with no database, there is nothing to read")
    }

    @Test func aWrongOrRevokedTokenIsRefusedClearlyAndNothingIsSaved() throws {
        let r = try Remote()
        let wrong = "tripact_" + String(repeating: "0", count: 64)
        let login = try r.remote(["login", r.server.url], token: wrong)
        #expect(login.status == 5, "\(login.status): \(login.stderr)")
        #expect(login.stderr.contains("error: the server answered 401") && !login.stderr.contains(wrong), "\(login.stderr)")
        #expect(!FileManager.default.fileExists(atPath: r.config + "/tripact/login.json"))
        let notAToken = try r.remote(["login", r.server.url], token: "hunter2")
        #expect(notAToken.status == 2 && notAToken.stderr.contains("token: an API token starts with 'tripact_'"))
        let badURL = try r.remote(["login", "ftp://example.org"], token: r.token)
        #expect(badURL.status != 0 && badURL.stderr.contains("URL must be an http or https address"))

        let store = try TripactStore(path: r.workspace.database)
        for token in try store.apiTokens(userID: store.user(email: CLIWorkspace.brand).id) {
            try store.revokeAPIToken(id: token.id, ownerID: nil, actor: "test")
        }
        let revoked = try r.remote(["log", r.workspace.reference, "--server", r.server.url], token: r.token)
        #expect(revoked.status == 5 && revoked.stderr.contains("401"), "\(revoked.stderr)")
        let noToken = try r.remote(["log", r.workspace.reference, "--server", r.server.url])
        #expect(noToken.status == 2 && noToken.stderr.contains("no token for \(r.server.url)"), "\(noToken.stderr)")
    }
}
