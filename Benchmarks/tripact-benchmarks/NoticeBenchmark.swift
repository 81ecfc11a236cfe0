import Foundation
import TripactCore
import TripactStore

/// `tripact subprocessors add` on a register that 2,000 agreements rely on: every one of them gets its notice (issue #12).
enum NoticeBenchmark {
    static let agreements = 2_000

    static func run(root: URL, workspace: URL, libraryFolder: URL) throws {
        let folder = root.appendingPathComponent(".build/benchmarks")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let seeded = folder.appendingPathComponent("notices-\(agreements).sqlite").path
        let base = try DocumentCodec.decode(Data(contentsOf: root.appendingPathComponent("examples/minimal.json")))
        if !FileManager.default.fileExists(atPath: seeded) {
            print("seeding \(seeded) with \(agreements) agreements (kept for later runs)…")
            try seed(path: seeded + ".partial", base: base)
            try FileManager.default.moveItem(atPath: seeded + ".partial", toPath: seeded)
        }
        let entry = SubprocessorRecord(
            id: "rotaplan", name: "Rotaplan GmbH", address: "1 Planstraße, Berlin", country: "DE", services: ["workforce-management"],
            description: "Shift planning for the agents of every site", dataCategories: base.processing.dataCategories.prefix(2).map(\.category),
            locations: [], transferMechanism: "eea", startDate: CalendarDay(iso: "2026-01-01")!
        )
        let entryFile = workspace.appendingPathComponent("rotaplan.json")
        try DocumentCodec.canonicalJSON(entry).write(to: entryFile)
        let executable = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("tripact")
        guard FileManager.default.isExecutableFile(atPath: executable.path) else {
            print("notices whole process: skipped (needs tripact beside this benchmark)")
            return
        }
        var samples: [Double] = []
        var sent = 0
        for run in 0..<5 {
            let copy = workspace.appendingPathComponent("notices-\(run).sqlite").path
            try? FileManager.default.removeItem(atPath: copy)
            try FileManager.default.copyItem(atPath: seeded, toPath: copy)
            let started = ContinuousClock.now
            TripactBenchmarks.runProcess(executable, [
                "subprocessors", "add", entryFile.path, "--as", "legal@bpo.example", "--db", copy, "--clauses", libraryFolder.path, "-m", "new planning tool",
            ])
            let elapsed = ContinuousClock.now - started
            samples.append(Double(elapsed.components.attoseconds) / 1e15 + Double(elapsed.components.seconds) * 1e3)
            sent = try TripactStore(path: copy).notices(visibleTo: nil).count
        }
        samples.sort()
        let median = samples[samples.count / 2]
        print(String(format: "register change → %d notices (whole process)   median %.1f ms, max %.1f ms (target ≤ 1000 ms: %@)",
                     sent, median, samples.last!, median <= 1_000 ? "met" : "MISSED"))
    }

    static func seed(path: String, base: AgreementDocument) throws {
        let store = try TripactStore(path: path)
        try store.disableDurabilityForBulkLoad()
        try store.addOrganisation(name: "Brand")
        try store.addOrganisation(name: "Outsourcer")
        try store.addUser(email: "legal@brand.example", name: "Brand Legal", organisation: "Brand", role: .legal)
        try store.addUser(email: "legal@bpo.example", name: "BPO Legal", organisation: "Outsourcer", role: .legal)
        for index in 0..<agreements {
            var document = base
            document.id = "notice-bench-\(index)"
            try store.importAgreement(document, controller: "Brand", processor: "Outsourcer", by: "legal@bpo.example")
        }
    }
}
