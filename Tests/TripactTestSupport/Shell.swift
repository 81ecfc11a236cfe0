public import Foundation

/// Runs a program of the machine (sqlite3, chromium, pdftotext) and captures what it prints.
public enum Shell {
    public struct Result: Sendable {
        public let status: Int32
        public let stdout: String
        public let stderr: String
    }

    public static func run(_ executable: String, _ arguments: [String]) throws -> Result {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        let out = Pipe()
        let err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        // Read both pipes concurrently with the process, so a chatty program never blocks on a full pipe.
        let errorData = Data.Box()
        let reader = Thread { errorData.value = err.fileHandleForReading.readDataToEndOfFile() }
        reader.start()
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        while !reader.isFinished { usleep(1_000) }
        return Result(status: process.terminationStatus, stdout: String(decoding: outData, as: UTF8.self), stderr: String(decoding: errorData.value, as: UTF8.self))
    }
}

extension Data {
    /// A mutable holder for data filled in by another thread.
    final class Box: @unchecked Sendable {
        var value = Data()
    }
}

/// The `sqlite3` command-line shell, as an administrator or an attacker would use it.
public enum SQLiteShell {
    public static func run(_ database: String, _ sql: String) throws -> (status: Int32, stderr: String) {
        let result = try Shell.run("/usr/bin/sqlite3", [database, sql])
        return (result.status, result.stderr)
    }

    /// The output of a query, trimmed.
    public static func query(_ database: String, _ sql: String) throws -> String {
        try Shell.run("/usr/bin/sqlite3", [database, sql]).stdout.trimmingCharacters(in: .whitespacesAndNewlines)
    }
}
