import Foundation
import TripactCore

/// Renders and validates a large agreement (40 clauses, 80 measures, 60 subprocessors) and prints the figures.
/// Run with `swift run -c release tripact-benchmarks`; numbers go to docs/benchmarks.md.
@main
struct TripactBenchmarks {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static func main() throws {
        let arguments = CommandLine.arguments
        let only = arguments.count > 1 ? arguments[1] : "all"
        let usage = "usage: tripact-benchmarks [all|render|store|diff|text|notices|api|api-serve|docx] [AGREEMENTS VERSIONS]"
        if ["--help", "-h", "help"].contains(only) {
            print(usage)
            print("api: 'tripact diff --server' of the large agreement's two versions (whole process, loopback) and, with wrk installed,")
            print("     the API's agreement route against the trivial route (/health); needs tripact beside this benchmark.")
            print("api-serve: the api benchmark's server and database, left running until standard input closes, for perf.")
            print("docx: the Word export of the large agreement and the import of its returned DOCX, in-process.")
            return
        }
        guard ["all", "render", "store", "diff", "text", "notices", "api", "api-serve", "docx"].contains(only) else {
            print(usage)
            exit(64)
        }
        let workspace = FileManager.default.temporaryDirectory.appendingPathComponent("tripact-bench-\(getpid())")
        let libraryFolder = workspace.appendingPathComponent("clauses")
        try FileManager.default.createDirectory(at: libraryFolder.appendingPathComponent("catalogues"), withIntermediateDirectories: true)
        // TRIPACT_BENCHMARK_KEEP=1 keeps the files (documents, library copy) for profiling a single command by hand.
        let keep = ProcessInfo.processInfo.environment["TRIPACT_BENCHMARK_KEEP"] == "1"
        defer { if keep { print("workspace kept: \(workspace.path)") } else { try? FileManager.default.removeItem(at: workspace) } }

        let (files, library) = try LargeAgreement.library(copyingTo: libraryFolder, from: root.appendingPathComponent("clauses"))
        let document = try LargeAgreement.document(library: library, example: root.appendingPathComponent("examples/full-scenario.json"))
        let documentFile = workspace.appendingPathComponent("large.json")
        try DocumentCodec.prettyJSON(document).write(to: documentFile)

        if only == "all" || only == "diff" {
            try DiffBenchmark.run(workspace: workspace, libraryFolder: libraryFolder, library: library, document: document)
        }
        if only == "all" || only == "docx" {
            try DocxBenchmark.run(library: library, document: document)
        }
        if only == "all" || only == "api" || only == "api-serve" {
            try APIBenchmark.run(workspace: workspace, libraryFolder: libraryFolder, document: document, serveOnly: only == "api-serve")
        }
        if only == "all" || only == "notices" {
            try NoticeBenchmark.run(root: root, workspace: workspace, libraryFolder: libraryFolder)
        }
        if only == "all" || only == "text" {
            try LargeTextBenchmark.run(workspace: workspace, library: library, document: document)
        }
        if only == "all" || only == "store" {
            let agreements = arguments.count > 2 ? Int(arguments[2]) ?? 10_000 : 10_000
            let versions = arguments.count > 3 ? Int(arguments[3]) ?? 10 : 10
            try StoreBenchmark.run(root: root, agreements: agreements, versions: versions)
        }
        guard only == "all" || only == "render" else { return }
        let facts = AgreementFacts(document: document, library: library)
        let html = AgreementRenderer.render(facts)
        let findings = Validator.validate(facts)
        print("large agreement: \(facts.included.count) clauses, \(document.measures.count) measures, \(document.subprocessors.count) subprocessors")
        print("rendered HTML: \(html.utf8.count / 1024) KB; findings: \(findings.filter { $0.severity == .error }.count) errors, \(findings.count) in all")

        let hash = DocumentCodec.contentHash(document)
        report("render to bytes (in-process)", target: 0.5, measure(iterations: 2_000) { _ = AgreementRenderer.renderUTF8(facts, contentHash: hash) })
        report("render to String (in-process)", target: nil, measure(iterations: 2_000) { _ = AgreementRenderer.render(facts, contentHash: hash) })
        report("render incl. facts and content hash", target: nil, measure(iterations: 1_000) {
            _ = AgreementRenderer.render(AgreementFacts(document: document, library: library))
        })
        report("validate (in-process)", target: 0.5, measure(iterations: 2_000) { _ = Validator.validate(AgreementFacts(document: document, library: library)) })
        report("load and lint the library (in-process)", target: nil, measure(iterations: 100) { _ = try? ClauseLibrary.load(files) })
        // What a CLI command does instead when the library is unchanged (`LibraryCache`).
        let archive = LibraryArchive.encode(library)
        print("library archive: \(archive.count / 1024) KB")
        report("the library from its archive (in-process)", target: nil, measure(iterations: 100) { _ = LibraryArchive.decode(archive) })
        let data = try Data(contentsOf: documentFile)
        report("decode document (strict)", target: nil, measure(iterations: 300) { _ = try? DocumentCodec.decode(data) })

        let executable = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("tripact")
        if FileManager.default.isExecutableFile(atPath: executable.path) {
            let output = workspace.appendingPathComponent("large.html").path
            let arguments = ["render", documentFile.path, "-o", output, "--clauses", libraryFolder.path]
            report("tripact render (whole process)", target: 30, measure(iterations: 40) { runProcess(executable, arguments) })
        } else {
            print("tripact render (whole process): skipped, no tripact beside this benchmark (build with `swift build -c release`)")
        }
    }

    /// Median and 90th percentile in milliseconds, after a warm-up.
    static func measure(iterations: Int, _ body: () -> Void) -> (median: Double, p90: Double) {
        for _ in 0..<min(20, iterations) { body() }
        let clock = ContinuousClock()
        var samples: [Double] = []
        samples.reserveCapacity(iterations)
        for _ in 0..<iterations {
            let elapsed = clock.measure(body)
            samples.append(Double(elapsed.components.attoseconds) / 1e15 + Double(elapsed.components.seconds) * 1e3)
        }
        samples.sort()
        return (samples[samples.count / 2], samples[samples.count * 9 / 10])
    }

    static func report(_ name: String, target: Double?, _ result: (median: Double, p90: Double)) {
        let figures = String(format: "median %.3f ms, p90 %.3f ms", result.median, result.p90)
        let verdict = target.map { result.median <= $0 ? String(format: " (target ≤ %.1f ms: met)", $0) : String(format: " (target ≤ %.1f ms: MISSED)", $0) } ?? ""
        print("\(name.padding(toLength: 40, withPad: " ", startingAt: 0)) \(figures)\(verdict)")
    }

    /// Runs a command with posix_spawn and waits: Foundation's `Process` adds milliseconds of its own set-up per launch.
    static func runProcess(_ executable: URL, _ arguments: [String]) {
        let argv = ([executable.path] + arguments).map { strdup($0) } + [nil]
        defer { for pointer in argv { free(pointer) } }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
        var pid: pid_t = 0
        guard posix_spawn(&pid, executable.path, &actions, nil, argv, environ) == 0 else { return }
        var status: Int32 = 0
        waitpid(pid, &status, 0)
    }
}
