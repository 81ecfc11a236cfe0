import Foundation
import Testing
import TripactCore
import TripactTestSupport

/// Several processes on one database file, and one killed in the middle of its writes.
@Suite struct ProcessSafetyTests {
    static let writer = URL(fileURLWithPath: CLIRunner.executable.deletingLastPathComponent().appendingPathComponent("store-writer").path)

    func launch(_ w: CLIWorkspace, user: String, count: Int, seed: Int, output: URL) throws -> Process {
        let process = Process()
        process.executableURL = Self.writer
        process.arguments = [w.database, w.reference, CLIRunner.example("full-scenario.json"), user, String(count), String(seed)]
        FileManager.default.createFile(atPath: output.path, contents: nil)
        process.standardOutput = try FileHandle(forWritingTo: output)
        process.standardError = FileHandle.nullDevice
        try process.run()
        return process
    }

    func acknowledged(_ output: URL) throws -> [Int] {
        try String(contentsOf: output, encoding: .utf8).split(separator: "\n").compactMap { line in
            line.hasPrefix("ack ") ? Int(line.dropFirst(4)) : nil
        }
    }

    func storedVersions(_ w: CLIWorkspace) throws -> Set<Int> {
        let log = try w.run(["log", w.reference, "--format", "json"])
        let entries = try JSONSerialization.jsonObject(with: Data(log.stdout.utf8)) as? [[String: Any]] ?? []
        return Set(entries.compactMap { $0["number"] as? Int })
    }

    @Test func twoProcessesWritingAtOnceLoseNoAcknowledgedVersion() throws {
        let w = try CLIWorkspace()
        let outputs = [w.directory.appendingPathComponent("a.out"), w.directory.appendingPathComponent("b.out")]
        let processes = [
            try launch(w, user: CLIWorkspace.brand, count: 25, seed: 1, output: outputs[0]),
            try launch(w, user: CLIWorkspace.bpo, count: 25, seed: 2, output: outputs[1]),
        ]
        for process in processes { process.waitUntilExit() }
        #expect(processes.allSatisfy { $0.terminationStatus == 0 })
        let acks = try outputs.flatMap(acknowledged)
        #expect(acks.count >= 25, "the writers mostly conflicted: \(acks.count) acknowledged")
        #expect(Set(acks).count == acks.count, "two writers were told they created the same version")
        let stored = try storedVersions(w)
        #expect(stored == Set(1...(acks.count + 1)))
        #expect(try SQLiteShell.query(w.database, "PRAGMA integrity_check;") == "ok")
        #expect(try w.run(["audit", "verify"]).status == 0)
    }

    @Test func aWriterKilledWithSIGKILLLeavesASoundFileWithEveryAcknowledgedVersion() throws {
        let w = try CLIWorkspace()
        let output = w.directory.appendingPathComponent("killed.out")
        let process = try launch(w, user: CLIWorkspace.brand, count: 0, seed: 3, output: output)
        let deadline = Date().addingTimeInterval(20)
        while try acknowledged(output).count < 15, Date() < deadline, process.isRunning { usleep(20_000) }
        usleep(UInt32.random(in: 0..<30_000))
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        #expect(process.terminationReason == .uncaughtSignal)
        let acks = try acknowledged(output)
        #expect(acks.count >= 15)
        #expect(try SQLiteShell.query(w.database, "PRAGMA integrity_check;") == "ok")
        let stored = try storedVersions(w)
        #expect(Set(acks).isSubset(of: stored))
        #expect(stored == Set(1...(stored.max() ?? 1)), "versions are numbered without gaps")
        #expect(try w.run(["audit", "verify"]).status == 0)
        let after = try w.run(["propose", w.reference, try w.document(hours: 12, name: "after.json"), "--base", String(stored.max() ?? 1), "-m", "after the crash", "--as", CLIWorkspace.bpo])
        #expect(after.status == 0, "\(after.stderr)")
    }
}
