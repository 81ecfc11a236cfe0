import Foundation
import TripactCore

/// `tripact diff` of two versions of the large agreement against `git diff --no-index --word-diff` on the two texts (issue #3).
enum DiffBenchmark {
    /// The second version: a changed parameter and variant, a clause added, a subprocessor and three measures removed,
    /// a sentence added (also what the API benchmark proposes as version 2).
    static func changed(_ document: AgreementDocument) -> AgreementDocument {
        var changed = document
        if let index = changed.clauses.firstIndex(where: { $0.clause == "breach-notification" }) {
            changed.clauses[index].parameters["hours"] = .integer(24)
        }
        if let index = changed.clauses.firstIndex(where: { $0.clause == "subprocessors" }) { changed.clauses[index].variant = "specific" }
        // A clause added (or, where the example already carries it, taken out), so that numbering moves.
        if let docking = changed.clauses.firstIndex(where: { $0.clause == "docking" }) {
            changed.clauses.remove(at: docking)
        } else {
            changed.clauses.append(ClauseSelection(clause: "docking", variant: "standard"))
        }
        changed.subprocessors.remove(at: 7)
        changed.measures.removeLast(3)
        changed.processing.retention += " Reviewed every year."
        return changed
    }

    static func run(workspace: URL, libraryFolder: URL, library: ClauseLibrary, document: AgreementDocument) throws {
        let changed = Self.changed(document)
        let old = workspace.appendingPathComponent("old.json")
        let new = workspace.appendingPathComponent("new.json")
        try DocumentCodec.prettyJSON(document).write(to: old)
        try DocumentCodec.prettyJSON(changed).write(to: new)
        func text(_ document: AgreementDocument) -> String {
            let facts = AgreementFacts(document: document, library: library)
            let texts = facts.itemTexts()
            return AgreementItems.items(of: document).map { (texts[$0.key] ?? []).joined(separator: "\n") }.joined(separator: "\n\n") + "\n"
        }
        let oldText = workspace.appendingPathComponent("old.txt")
        let newText = workspace.appendingPathComponent("new.txt")
        try Data(text(document).utf8).write(to: oldText)
        try Data(text(changed).utf8).write(to: newText)

        // TRIPACT_BENCHMARK_RUNS=N runs only the in-process diff, N times, without warm-up or timing: for counting
        // instructions under callgrind (compare N=0 with N=10 to leave out the set-up).
        if let runs = ProcessInfo.processInfo.environment["TRIPACT_BENCHMARK_RUNS"].flatMap(Int.init) {
            for _ in 0..<runs { _ = AgreementDiffer.diff(document, changed, library: library) }
            print("diff (in-process) run \(runs) times")
            return
        }
        let inProcess = TripactBenchmarks.measure(iterations: 50) { _ = AgreementDiffer.diff(document, changed, library: library) }
        TripactBenchmarks.report("diff (in-process, structured + redline)", target: 3, inProcess)
        let executable = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("tripact")
        let git = URL(fileURLWithPath: "/usr/bin/git")
        guard FileManager.default.isExecutableFile(atPath: executable.path), FileManager.default.isExecutableFile(atPath: git.path) else {
            print("diff whole process: skipped (needs tripact beside this benchmark and /usr/bin/git)")
            return
        }
        let ours = TripactBenchmarks.measure(iterations: 30) {
            TripactBenchmarks.runProcess(executable, ["diff", old.path, new.path, "--clauses", libraryFolder.path, "--no-color"])
        }
        let theirs = TripactBenchmarks.measure(iterations: 30) {
            TripactBenchmarks.runProcess(git, ["diff", "--no-index", "--word-diff", oldText.path, newText.path])
        }
        TripactBenchmarks.report("tripact diff FILE FILE (whole process)", target: 25, ours)
        TripactBenchmarks.report("git diff --no-index --word-diff (texts)", target: nil, theirs)
        print(String(format: "ratio tripact / git: %.2f (recorded beside git; no target)", ours.median / theirs.median))
    }
}
