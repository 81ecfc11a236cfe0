import ArgumentParser
import Foundation
import TripactStore

/// `--db PATH`: the SQLite file; else `TRIPACT_DB`, else `./tripact.sqlite`.
struct StoreOptions: ParsableArguments {
    @Option(name: .customLong("db"), help: "The SQLite database file (default: $TRIPACT_DB, else ./tripact.sqlite).")
    var databasePath: String?

    var resolvedPath: String {
        if let databasePath { return databasePath }
        if let fromEnvironment = ProcessInfo.processInfo.environment["TRIPACT_DB"], !fromEnvironment.isEmpty { return fromEnvironment }
        return "tripact.sqlite"
    }

    func open() throws(CLIFailure) -> TripactStore {
        do {
            return try TripactStore(path: resolvedPath)
        } catch {
            throw .store(error)
        }
    }

    /// Opens a database that must already exist: reading commands never create an empty file.
    func openExisting() throws(CLIFailure) -> TripactStore {
        guard FileManager.default.fileExists(atPath: resolvedPath) else {
            throw .unusableInput("database '\(resolvedPath)' does not exist; pass --db PATH or set TRIPACT_DB (commands that add organisations, users or agreements create it)")
        }
        return try open()
    }

    /// Opens the database only when one was named (`--db` or `TRIPACT_DB`), for commands where it is optional.
    func openIfNamed() throws(CLIFailure) -> TripactStore? {
        guard databasePath != nil || !(ProcessInfo.processInfo.environment["TRIPACT_DB"] ?? "").isEmpty else { return nil }
        return try openExisting()
    }
}

/// `--format text|json` for tabular output.
enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
    case text, json
}

/// Writes JSON for scripts.
enum JSONOutput {
    static func data<T: Encodable>(_ value: T) -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return ((try? encoder.encode(value)) ?? Data()) + Data("\n".utf8)
    }
}
