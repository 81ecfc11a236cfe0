import Foundation
import TripactCore
import TripactStore

/// Propose + accept on a database of many agreements × versions, and `tripact log` on it (issue #3).
enum StoreBenchmark {
    static func run(root: URL, agreements: Int, versions: Int) throws {
        let folder = root.appendingPathComponent(".build/benchmarks")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let path = folder.appendingPathComponent("store-\(agreements)x\(versions).sqlite").path
        let base = try DocumentCodec.decode(Data(contentsOf: root.appendingPathComponent("examples/minimal.json")))
        func document(_ agreement: Int, _ round: Int) -> AgreementDocument {
            var document = base
            document.id = "bench-\(agreement)"
            if let index = document.clauses.firstIndex(where: { $0.clause == "breach-notification" }) {
                document.clauses[index].parameters["hours"] = .integer(1 + (agreement + round * 7) % 96)
            }
            document.processing.retention = "Round \(round) of agreement \(agreement)."
            return document
        }
        if !FileManager.default.fileExists(atPath: path) {
            print("seeding \(path) with \(agreements) agreements × \(versions) versions (kept for later runs)…")
            let started = Date()
            try seed(path: path + ".partial", agreements: agreements, versions: versions, document: document)
            try FileManager.default.moveItem(atPath: path + ".partial", toPath: path)
            print(String(format: "seeded in %.0f s", Date().timeIntervalSince(started)))
        }
        try measure(path: path, agreements: agreements, document: document)
    }

    /// Seeds in its own scope so the store is closed (and its WAL checkpointed into the file) before the file is renamed.
    static func seed(path: String, agreements: Int, versions: Int, document: (Int, Int) -> AgreementDocument) throws {
        do {
            let store = try TripactStore(path: path)
            try store.disableDurabilityForBulkLoad()
            try store.addOrganisation(name: "Brand")
            try store.addOrganisation(name: "Outsourcer")
            try store.addUser(email: "legal@brand.example", name: "Brand Legal", organisation: "Brand", role: .legal)
            try store.addUser(email: "legal@bpo.example", name: "BPO Legal", organisation: "Outsourcer", role: .legal)
            for agreement in 0..<agreements {
                try store.importAgreement(document(agreement, 1), controller: "Brand", processor: "Outsourcer", by: "legal@bpo.example")
                for round in 2...versions {
                    try store.propose(document(agreement, round), on: "bench-\(agreement)", basedOn: round - 1,
                                      by: round % 2 == 0 ? "legal@brand.example" : "legal@bpo.example", message: "round \(round)")
                }
            }
        }
    }

    static func measure(path: String, agreements: Int, document: (Int, Int) -> AgreementDocument) throws {
        let size = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0
        print("database: \(size / 1_048_576) MB")

        let store = try TripactStore(path: path)
        var round = 1_000
        var random = SystemRandomNumberGenerator()
        var failures: [String] = []
        let result = TripactBenchmarks.measure(iterations: 300) {
            round += 1
            let agreement = Int.random(in: 0..<agreements, using: &random)
            let reference = "bench-\(agreement)"
            do throws(StoreError) {
                let head = try store.agreement(reference).head
                try store.propose(document(agreement, round), on: reference, basedOn: head, by: "legal@brand.example", message: "bench \(round)")
                try store.accept(nil, on: reference, by: "legal@bpo.example")
            } catch {
                failures.append("\(error)")
            }
        }
        if !failures.isEmpty { print("\(failures.count) rounds failed, e.g. \(failures[0])") }
        TripactBenchmarks.report("propose + accept (\(agreements) agreements db)", target: 5, result)

        let executable = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("tripact")
        if FileManager.default.isExecutableFile(atPath: executable.path) {
            let reference = "bench-\(agreements / 2)"
            TripactBenchmarks.report("tripact log (whole process)", target: 30, TripactBenchmarks.measure(iterations: 40) {
                TripactBenchmarks.runProcess(executable, ["log", reference, "--db", path])
            })
        }
    }
}
