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

    /// Opens the database only if the file exists (for commands where it is optional).
    func openIfPresent() throws(CLIFailure) -> TripactStore? {
        guard databasePath != nil || ProcessInfo.processInfo.environment["TRIPACT_DB"] != nil || FileManager.default.fileExists(atPath: resolvedPath) else {
            return nil
        }
        guard FileManager.default.fileExists(atPath: resolvedPath) else { throw .unusableInput("database '\(resolvedPath)' does not exist") }
        return try open()
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
