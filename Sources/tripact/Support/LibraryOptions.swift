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

    /// The library, from its archive in the cache when these very files were parsed and linted under this build
    /// before (`LibraryCache`); `alwaysLint` for `tripact clauses lint`, whose job is the lint.
    func loadLibrary(alwaysLint: Bool = false) throws(CLIFailure) -> ClauseLibrary {
        let (path, source) = resolvedDirectory()
        let paths = try LibraryFiles.paths(directory: path, source: source)
        let cached = alwaysLint ? nil : LibraryCache.path(for: paths)
        if let cached, let library = LibraryCache.library(at: cached) { return library }
        let files = try LibraryFiles.read(paths)
        do {
            let library = try ClauseLibrary.load(files, lint: true)
            if let cached { LibraryCache.remember(library, at: cached) }
            return library
        } catch {
            throw CLIFailure.unusableInput(error.problems.map { $0.file.isEmpty ? "\(path): \($0.message)" : "\(path)/\($0)" }.joined(separator: "\n"))
        }
    }
}

/// Finds and reads the library files: every `*.clause` at the top of the folder and the catalogue files.
enum LibraryFiles {
    static func paths(directory: String, source: String) throws(CLIFailure) -> [(name: String, path: String)] {
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
        return (names + ClauseLibrary.catalogueFiles).map { ($0, directory + "/" + $0) }.filter { manager.fileExists(atPath: $0.path) }
    }

    static func read(_ paths: [(name: String, path: String)]) throws(CLIFailure) -> [LibraryFile] {
        var files: [LibraryFile] = []
        for (name, path) in paths { files.append(LibraryFile(name: name, contents: try FileInput.readText(path))) }
        return files
    }
}
