import Foundation
import Synchronization
import Testing
import TripactStore
import TripactTestSupport

/// `tripact serve` on a fresh database, without --demo, driven with curl as a person with a browser would.
@Suite struct ServeFirstRunTests {
    /// Collects what a running process prints.
    final class Output: Sendable {
        let text = Mutex("")
        func append(_ data: Data) { text.withLock { $0 += String(decoding: data, as: UTF8.self) } }
    }

    static func curl(_ arguments: [String]) throws -> String {
        let result = try Shell.run("/usr/bin/curl", ["-s", "--max-time", "20"] + arguments)
        return result.stdout
    }

    @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/curl")))
    func aFreshDatabaseWithoutTheDemoGetsItsFirstAdminThroughThePrintedLinkAlone() throws {
        let folder = try CLIRunner.temporaryDirectory()
        let database = folder.appendingPathComponent("fresh.sqlite").path
        let jar = folder.appendingPathComponent("cookies.txt").path
        let port = Int.random(in: 20_000..<40_000)
        let process = Process()
        process.executableURL = CLIRunner.executable
        process.arguments = ["serve", "--port", String(port), "--db", database]
        process.currentDirectoryURL = CLIRunner.repositoryRoot
        let pipe = Pipe()
        let output = Output()
        pipe.fileHandleForReading.readabilityHandler = { handle in output.append(handle.availableData) }
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        defer {
            process.terminate()
            process.waitUntilExit()
            pipe.fileHandleForReading.readabilityHandler = nil
        }
        let pattern = "http://127\\.0\\.0\\.1:\(port)/setup/[0-9a-f]{64}"
        var link: String?
        for _ in 0..<300 where link == nil {
            let text = output.text.withLock { $0 }
            if let range = text.range(of: pattern, options: .regularExpression) { link = String(text[range]) } else { usleep(100_000) }
        }
        let url = try #require(link, "serve printed no setup link: \(output.text.withLock { $0 })")
        #expect(output.text.withLock { $0 }.contains("nobody can log in yet"))
        var page = ""
        for _ in 0..<100 where !page.contains("Set up Tripact") {
            page = try Self.curl(["-c", jar, "-b", jar, url])
            if !page.contains("Set up Tripact") { usleep(100_000) }
        }
        let csrfRange = try #require(page.range(of: "name=\"_csrf\" value=\"[0-9a-f]{64}\"", options: .regularExpression))
        let csrf = String(page[csrfRange].dropFirst("name=\"_csrf\" value=\"".count).dropLast())
        let fields = [("_csrf", csrf), ("organisation", "Lumen Télécom SA"), ("name", "Ada Admin"), ("email", "ada@lumen.example"),
                      ("password", "a long pass phrase"), ("passwordAgain", "a long pass phrase")]
        let post = try Self.curl(["-c", jar, "-b", jar, "-o", "/dev/null", "-w", "%{http_code}"] + fields.flatMap { ["--data-urlencode", "\($0.0)=\($0.1)"] } + [url])
        #expect(post == "303")
        let admin = try Self.curl(["-b", jar, "-o", "/dev/null", "-w", "%{http_code}", "http://127.0.0.1:\(port)/admin"])
        #expect(admin == "200", "the new admin is logged in")
        let reused = try Self.curl(["-o", "/dev/null", "-w", "%{http_code}", url])
        #expect(reused == "410")
        #expect(try TripactStore(path: database).user(email: "ada@lumen.example").role == .admin)
    }
}
