import Foundation
import TripactCore
import TripactStore

/// Issue #14's two figures, against a real `tripact serve` on loopback over a database holding the large agreement in
/// two versions: `tripact diff --server` as a whole process (target ≤ 50 ms), and the API's agreement route against
/// the trivial route in one wrk session (target ≥ 50 % of its requests per second, as the web benchmark measures).
enum APIBenchmark {
    static let controller = "legal@brand.example"
    static let processor = "legal@bpo.example"

    /// `serveOnly`: print how to reach the seeded server and keep it until standard input closes (for `perf`).
    static func run(workspace: URL, libraryFolder: URL, document: AgreementDocument, serveOnly: Bool = false) throws {
        let executable = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("tripact")
        guard FileManager.default.isExecutableFile(atPath: executable.path) else {
            print("API benchmark: skipped (needs tripact beside this benchmark)")
            return
        }
        let database = workspace.appendingPathComponent("api.sqlite").path
        let (reference, token) = try seed(database: database, document: document)
        let port = Int.random(in: 40_000..<60_000)
        let base = "http://127.0.0.1:\(port)"
        let server = Process()
        server.executableURL = executable
        // The per-token limit (10 a second by default) would answer most of a wrk session with 429: raised, never off.
        server.arguments = [
            "serve", "--port", String(port), "--db", database, "--clauses", libraryFolder.path,
            "--api-requests-per-second", "1000000", "--api-burst", "10000000",
        ]
        server.standardOutput = FileHandle.nullDevice
        server.standardError = FileHandle.nullDevice
        try server.run()
        defer {
            server.terminate()
            server.waitUntilExit()
        }
        guard waitUntilReady(base) else {
            print("API benchmark: skipped (the server did not answer on \(base))")
            return
        }
        if serveOnly {
            let text = """
                server pid \(server.processIdentifier) at \(base); agreement \(reference); token \(token)
                TRIPACT_TOKEN=\(token) \(executable.path) diff \(reference) 1 2 --server \(base) --clauses \(libraryFolder.path) --no-color

                """
            FileHandle.standardOutput.write(Data(text.utf8))
            _ = FileHandle.standardInput.readDataToEndOfFile()
            return
        }
        // The token reaches the spawned CLI through its environment; no saved login of the machine's user is read.
        setenv("TRIPACT_TOKEN", token, 1)
        setenv("XDG_CONFIG_HOME", workspace.appendingPathComponent("config").path, 1)
        let diff = TripactBenchmarks.measure(iterations: 30) {
            TripactBenchmarks.runProcess(executable, ["diff", reference, "1", "2", "--server", base, "--clauses", libraryFolder.path, "--no-color"])
        }
        TripactBenchmarks.report("tripact diff --server (whole process)", target: 50, diff)

        let wrk = ["/usr/bin/wrk", "/usr/local/bin/wrk"].first { FileManager.default.isExecutableFile(atPath: $0) }
        guard let wrk else {
            print("API route vs trivial route: skipped (wrk is not installed: apt-get install -y wrk)")
            return
        }
        guard let trivial = requestsPerSecond(wrk, base + "/health", header: nil),
              let agreement = requestsPerSecond(wrk, base + "/api/v1/agreements/\(reference)", header: "Authorization: Bearer \(token)")
        else {
            print("API route vs trivial route: wrk gave no figure")
            return
        }
        let ratio = agreement / trivial * 100
        print(String(format: "trivial route (/health)                  %10.0f req/s", trivial))
        print(String(format: "API agreement route                      %10.0f req/s   %5.1f %% of trivial (target ≥ 50 %%: %@)",
                     agreement, ratio, ratio >= 50 ? "met" : "MISSED"))
    }

    /// Two organisations, the large agreement as version 1 and its changed copy as version 2, and a read token.
    static func seed(database: String, document: AgreementDocument) throws -> (reference: String, token: String) {
        let store = try TripactStore(path: database)
        try store.addOrganisation(name: "Brand")
        try store.addOrganisation(name: "Outsourcer")
        try store.addUser(email: controller, name: "Brand Legal", organisation: "Brand", role: .legal)
        try store.addUser(email: processor, name: "BPO Legal", organisation: "Outsourcer", role: .legal)
        let first = try store.importAgreement(document, controller: "Brand", processor: "Outsourcer", by: controller, message: "the large agreement")
        try store.propose(DiffBenchmark.changed(document), on: first.agreement, basedOn: 1, by: processor, message: "the benchmark's changes")
        let (token, _) = try store.createAPIToken(for: controller, name: "benchmark", scope: .read, days: 1, actor: "benchmark")
        return (first.agreement, token)
    }

    static func waitUntilReady(_ base: String) -> Bool {
        for _ in 0..<200 {
            if output(URL(fileURLWithPath: "/usr/bin/curl"), ["-s", "--max-time", "1", "-o", "/dev/null", "-w", "%{http_code}", base + "/health"]) == "200" {
                return true
            }
            usleep(100_000)
        }
        return false
    }

    /// wrk's requests per second for one route: 2 threads, 32 connections, 10 s, as `web-benchmark.sh` runs it.
    static func requestsPerSecond(_ wrk: String, _ url: String, header: String?) -> Double? {
        let arguments = ["-t2", "-c32", "-d10s", "--latency"] + (header.map { ["-H", $0] } ?? []) + [url]
        let text = output(URL(fileURLWithPath: wrk), arguments)
        // A refused request (401, 429) is fast and would flatter the figure: say so rather than report it as met.
        if let refused = text.split(separator: "\n").first(where: { $0.contains("Non-2xx or 3xx responses") }) {
            print("\(url): \(refused.trimmingCharacters(in: .whitespaces)) (the figure below counts them)")
        }
        let line = text.split(separator: "\n").first { $0.hasPrefix("Requests/sec:") }
        return line.flatMap { Double($0.dropFirst("Requests/sec:".count).trimmingCharacters(in: .whitespaces)) }
    }

    static func output(_ executable: URL, _ arguments: [String]) -> String {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = FileHandle.nullDevice
        guard (try? process.run()) != nil else { return "" }
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return String(decoding: data, as: UTF8.self)
    }
}
