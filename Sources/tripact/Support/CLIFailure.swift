import ArgumentParser
import Foundation
import TripactCore
import TripactAPIClient
import TripactStore

/// Everything that ends a command with a message. `report` prints it in one format and picks the exit code.
enum CLIFailure: Error {
    /// The input cannot be used at all: exit 2.
    case unusableInput(String)
    /// The input was read but found wanting (validation errors, a failed verification): exit 1. Its report is already printed.
    case findings
    /// The store refused or failed; the exit code tells why (see `Tripact.configuration`).
    case store(StoreError)
    /// The server refused or could not be reached; the exit code follows the HTTP status (see `exitCode(_:)`).
    case remote(RemoteFailure)
    /// The person did not confirm what the command asked them to confirm; nothing was changed: exit 5.
    case notConfirmed(String)

    static func wrap<T>(_ body: () throws(StoreError) -> T) throws(CLIFailure) -> T {
        do {
            return try body()
        } catch {
            throw .store(error)
        }
    }

    static func remote<T>(_ body: () async throws(RemoteFailure) -> T) async throws(CLIFailure) -> T {
        do {
            return try await body()
        } catch {
            throw .remote(error)
        }
    }

    static func report(_ body: () throws(CLIFailure) -> Void) throws(ExitCode) {
        do {
            try body()
        } catch {
            try exit(error)
        }
    }

    /// `report` for commands that may call a server.
    static func report(_ body: () async throws(CLIFailure) -> Void) async throws(ExitCode) {
        do {
            try await body()
        } catch {
            try exit(error)
        }
    }

    private static func exit(_ error: CLIFailure) throws(ExitCode) {
        switch error {
        case .unusableInput(let message):
            FileHandle.standardError.write(Data(TextSafety.visible("error: \(message)\n").utf8))
            throw ExitCode(2)
        case .findings:
            throw ExitCode(1)
        case .notConfirmed(let message):
            FileHandle.standardError.write(Data(TextSafety.visible("error: \(message)\n").utf8))
            throw ExitCode(5)
        case .store(let error):
            FileHandle.standardError.write(Data(TextSafety.visible("error: \(error)\n").utf8))
            throw ExitCode(exitCode(error))
        case .remote(let failure):
            FileHandle.standardError.write(Data(TextSafety.visible("error: \(failure.status.map { "the server answered \($0): " } ?? "")\(failure)\n").utf8))
            throw ExitCode(exitCode(failure))
        }
    }
}

/// 3: something named does not exist; 4: conflict or duplicate; 5: refused; 2: anything else.
func exitCode(_ error: StoreError) -> Int32 {
    switch error {
    case .unknownOrganisation, .unknownUser, .unknownAgreement, .unknownVersion, .unknownItem, .unknownNotice: 3
    case .staleBase, .draftConflicts, .duplicate: 4
    case .notAParty, .notPermitted, .signingRefused, .unusableLink: 5
    case .database, .constraint, .busy, .invalid, .invalidFields: 2
    }
}

/// The same codes for the API's answers: 404 is 3, 409 is 4, 401 and 403 are 5, 422 is 1, anything else 2.
func exitCode(_ failure: RemoteFailure) -> Int32 {
    switch failure.status {
    case 404: 3
    case 409: 4
    case 401, 403: 5
    case 422: 1
    default: 2
    }
}

/// Reading and writing files with messages that name the file.
enum FileInput {
    static func readData(_ path: String) throws(CLIFailure) -> Data {
        if path == "-" { return FileHandle.standardInput.readDataToEndOfFile() }
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else { throw .unusableInput("cannot read '\(path)': no such file") }
        guard !isDirectory.boolValue else { throw .unusableInput("cannot read '\(path)': it is a directory; give a file") }
        do {
            return try Data(contentsOf: URL(fileURLWithPath: path))
        } catch {
            throw .unusableInput("cannot read '\(path)': permission denied or unreadable")
        }
    }

    static func readText(_ path: String) throws(CLIFailure) -> String {
        let data = try readData(path)
        guard let text = String(data: data, encoding: .utf8) else { throw .unusableInput("'\(path)' is not UTF-8 text") }
        return text
    }

    /// Writes text for a reader to standard output, with control characters and bidirectional overrides shown as
    /// `\u{1B}` instead of acted on: a name in a register must not be able to drive the reader's terminal.
    static func writeText(_ text: String) throws(CLIFailure) {
        try write(Data(TextSafety.visible(text).utf8), to: nil)
    }

    /// Writes to `path`, or to standard output when `path` is nil or `-`.
    static func write(_ data: Data, to path: String?) throws(CLIFailure) {
        guard let path, path != "-" else {
            FileHandle.standardOutput.write(data)
            return
        }
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue {
            throw .unusableInput("cannot write '\(path)': it is a directory; give a file name")
        }
        do {
            try data.write(to: URL(fileURLWithPath: path), options: .atomic)
        } catch {
            throw .unusableInput("cannot write '\(path)': the folder does not exist or is not writable")
        }
    }
}

/// Reads an agreement document; every problem becomes a message that names the file, line and field.
enum DocumentInput {
    /// Larger files are refused before they are read: a stored document is at most 4 MiB as canonical JSON, and a
    /// pretty-printed file of that document is well under four times that.
    static let maximumFileBytes = 16 * 1_048_576

    static func read(_ path: String) throws(CLIFailure) -> AgreementDocumentRead {
        // `stat`, not FileManager's attribute dictionary: this runs at the start of every command that reads a file, and
        // the dictionary's `Any` values cost the first casts of the process (each a scan of the binary's conformances).
        var info = stat()
        if path != "-", stat(path, &info) == 0, Int(info.st_size) > maximumFileBytes {
            throw .unusableInput("'\(path)' is \(info.st_size) bytes; an agreement file has at most \(maximumFileBytes) bytes (16 MiB)")
        }
        let data = try FileInput.readData(path)
        guard data.count <= maximumFileBytes else {
            throw .unusableInput("'\(path == "-" ? "(stdin)" : path)' is \(data.count) bytes; an agreement file has at most \(maximumFileBytes) bytes (16 MiB)")
        }
        do {
            return AgreementDocumentRead(document: try DocumentCodec.decode(data), path: path)
        } catch {
            throw .unusableInput(error.message(file: path == "-" ? "(stdin)" : path))
        }
    }
}
