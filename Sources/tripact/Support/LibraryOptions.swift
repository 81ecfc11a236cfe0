import ArgumentParser
import Foundation
import TripactCore

/// `--clauses DIR`: where the clause library is; else `TRIPACT_CLAUSES`, else the `clauses/` folder of the source tree the binary was built from.
struct LibraryOptions: ParsableArguments {
    @Option(name: .customLong("clauses"), help: "The clause library folder (default: $TRIPACT_CLAUSES, else the clauses/ folder of this build).")
    var clausesDirectory: String?

    /// The folder used, and how it was chosen (for messages).
    func resolvedDirectory() -> (path: String, source: String) {
        if let clausesDirectory { return (clausesDirectory, "--clauses") }
        if let fromEnvironment = ProcessInfo.processInfo.environment["TRIPACT_CLAUSES"], !fromEnvironment.isEmpty {
            return (fromEnvironment, "TRIPACT_CLAUSES")
        }
        let sourceTree = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("clauses").path
        if FileManager.default.fileExists(atPath: sourceTree) { return (sourceTree, "the source tree") }
        return ("clauses", "the working directory")
    }

    /// The library, linted unless these very files passed the lint under this build before (`LintCache`);
    /// `alwaysLint` for `tripact clauses lint`, whose job is the lint.
    func loadLibrary(alwaysLint: Bool = false) throws(CLIFailure) -> ClauseLibrary {
        let (path, source) = resolvedDirectory()
        let files = try LibraryFiles.read(directory: path, source: source)
        let marker = alwaysLint ? nil : LintCache.marker(for: files)
        let linted = marker.map(LintCache.passed) != true
        do {
            let library = try ClauseLibrary.load(files, lint: linted)
            if linted, let marker { LintCache.remember(marker) }
            return library
        } catch {
            throw CLIFailure.unusableInput(error.problems.map { $0.file.isEmpty ? "\(path): \($0.message)" : "\(path)/\($0)" }.joined(separator: "\n"))
        }
    }
}

/// Reads the library files from disk: every `*.clause` at the top of the folder and the catalogue files.
enum LibraryFiles {
    static func read(directory: String, source: String) throws(CLIFailure) -> [LibraryFile] {
        let manager = FileManager.default
        var isDirectory: ObjCBool = false
        guard manager.fileExists(atPath: directory, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw CLIFailure.unusableInput("clause library folder '\(directory)' (from \(source)) does not exist; pass --clauses DIR or set TRIPACT_CLAUSES")
        }
        let names: [String]
        do {
            names = try manager.contentsOfDirectory(atPath: directory).filter { $0.hasSuffix(".clause") }.sorted()
        } catch {
            throw CLIFailure.unusableInput("cannot list '\(directory)': \(error.localizedDescription)")
        }
        var files: [LibraryFile] = []
        for name in names + ClauseLibrary.catalogueFiles {
            let path = directory + "/" + name
            guard manager.fileExists(atPath: path) else { continue }
            files.append(LibraryFile(name: name, contents: try FileInput.readText(path)))
        }
        return files
    }
}
