import Foundation
import TripactCore

/// Diffs of one very long free-text field (issue #12): one word changed in 100 KB, and 1 MB rewritten end to end,
/// each beside `git diff --no-index --word-diff` on the same two texts.
enum LargeTextBenchmark {
    static func run(workspace: URL, library: ClauseLibrary, document: AgreementDocument) throws {
        let hundredKB = text(bytes: 100_000, seed: 1)
        var oneWordChanged = hundredKB
        if let middle = oneWordChanged.range(of: " ", range: oneWordChanged.index(oneWordChanged.startIndex, offsetBy: 50_000)..<oneWordChanged.endIndex) {
            oneWordChanged.replaceSubrange(middle, with: " amended ")
        }
        try compare("one word changed in a 100 KB field", hundredKB, oneWordChanged, target: 50, iterations: 30,
                    workspace: workspace, library: library, document: document)
        let megabyte = text(bytes: 1_000_000, seed: 2)
        let rewritten = text(bytes: 1_000_000, seed: 3)
        try compare("a 1 MB field rewritten end to end", megabyte, rewritten, target: 500, iterations: 5,
                    workspace: workspace, library: library, document: document)
    }

    /// Times the diff of two versions of `document` that differ in their retention text, in-process and against git.
    static func compare(
        _ name: String, _ before: String, _ after: String, target: Double, iterations: Int, workspace: URL, library: ClauseLibrary, document: AgreementDocument
    ) throws {
        var old = document
        old.processing.retention = before
        var new = document
        new.processing.retention = after
        var redlined = 0
        let inProcess = TripactBenchmarks.measure(iterations: iterations) {
            redlined = AgreementDiffer.diff(old, new, library: library).redline.reduce(0) { $0 + $1.tokens.count }
        }
        TripactBenchmarks.report("\(name): AgreementDiffer.diff", target: target, inProcess)
        let paragraphs = TripactBenchmarks.measure(iterations: iterations) {
            _ = WordDiff.diff(old: before.components(separatedBy: "\n"), new: after.components(separatedBy: "\n"))
        }
        TripactBenchmarks.report("\(name): WordDiff.diff of the field alone", target: target, paragraphs)
        print("  (\(redlined) redline tokens in all items)")
        let oldFile = workspace.appendingPathComponent("field-old.txt")
        let newFile = workspace.appendingPathComponent("field-new.txt")
        try Data(before.utf8).write(to: oldFile)
        try Data(after.utf8).write(to: newFile)
        let git = URL(fileURLWithPath: "/usr/bin/git")
        guard FileManager.default.isExecutableFile(atPath: git.path) else { return }
        let theirs = TripactBenchmarks.measure(iterations: max(iterations, 5)) {
            TripactBenchmarks.runProcess(git, ["diff", "--no-index", "--word-diff", oldFile.path, newFile.path])
        }
        TripactBenchmarks.report("\(name): git diff --word-diff (process)", target: nil, theirs)
    }

    /// Deterministic prose of about `bytes` bytes: sentences of dictionary words, a paragraph every 60 words or so.
    static func text(bytes: Int, seed: UInt64) -> String {
        let vocabulary = [
            "processor", "controller", "shall", "personal", "data", "agreement", "measure", "within", "hours", "notify", "security",
            "the", "of", "and", "to", "in", "any", "breach", "records", "access", "audit", "subprocessor", "written", "instructions",
            "retention", "deletion", "calls", "agents", "site", "transfer", "annex", "clause", "reasonable", "assistance", "without",
        ]
        var state = seed &* 0x9E37_79B9_7F4A_7C15
        var out = ""
        out.reserveCapacity(bytes + 64)
        var words = 0
        while out.utf8.count < bytes {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            out += vocabulary[Int(state >> 33) % vocabulary.count]
            words += 1
            out += words % 60 == 0 ? ".\n" : " "
        }
        return out
    }
}
