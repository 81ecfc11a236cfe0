import ArgumentParser
import Foundation
import TripactAPIClient

/// The server and token that `tripact login` saved: `$XDG_CONFIG_HOME/tripact/login.json`, else
/// `~/.config/tripact/login.json`. The folder is 0700 and the file 0600: the token acts as its user.
struct RemoteLogin: Codable {
    let server: String
    let token: String

    static var folder: URL {
        let environment = ProcessInfo.processInfo.environment
        if let configured = environment["XDG_CONFIG_HOME"], configured.hasPrefix("/") {
            return URL(fileURLWithPath: configured).appendingPathComponent("tripact")
        }
        let home = environment["HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? NSHomeDirectory()
        return URL(fileURLWithPath: home).appendingPathComponent(".config/tripact")
    }

    static var file: URL { folder.appendingPathComponent("login.json") }

    /// The saved login, or nil when there is none; a file that cannot be read is an error, not a silent logout.
    static func saved() throws(CLIFailure) -> RemoteLogin? {
        guard FileManager.default.fileExists(atPath: file.path) else { return nil }
        guard let data = try? Data(contentsOf: file), let login = try? JSONDecoder().decode(RemoteLogin.self, from: data) else {
            throw .unusableInput("cannot read the saved login '\(file.path)'; run 'tripact logout' and log in again")
        }
        return login
    }

    /// Writes the file with mode 0600 from the start (never readable by others, not even for a moment).
    func save() throws(CLIFailure) {
        let folder = Self.folder
        do {
            try FileManager.default.createDirectory(at: folder.deletingLastPathComponent(), withIntermediateDirectories: true)
        } catch {
            throw .unusableInput("cannot create '\(folder.deletingLastPathComponent().path)'")
        }
        if mkdir(folder.path, 0o700) != 0, errno != EEXIST { throw .unusableInput("cannot create '\(folder.path)'") }
        chmod(folder.path, 0o700)
        let data = JSONOutput.data(self)
        let path = Self.file.path
        let descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_NOFOLLOW, 0o600)
        guard descriptor >= 0 else { throw .unusableInput("cannot write '\(path)'") }
        defer { close(descriptor) }
        // An existing file keeps its old mode through O_CREAT: set it.
        fchmod(descriptor, 0o600)
        let written = data.withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
        guard written == data.count else { throw .unusableInput("cannot write '\(path)'") }
    }

    /// Removes the saved login; true when there was one.
    static func remove() throws(CLIFailure) -> Bool {
        guard FileManager.default.fileExists(atPath: file.path) else { return false }
        do {
            try FileManager.default.removeItem(at: file)
        } catch {
            throw .unusableInput("cannot remove '\(file.path)'")
        }
        return true
    }
}

/// `--server URL`: read from the server's API instead of a database. Without it, a saved login is the default when no
/// database is named (`--db`, `TRIPACT_DB`).
struct RemoteOptions: ParsableArguments {
    @Option(help: ArgumentHelp("Read from this Tripact server's API (default: the server of 'tripact login' when no --db or TRIPACT_DB is given).", valueName: "URL"))
    var server: String?

    /// The API to read from, or nil for the local database.
    func api(store: StoreOptions) throws(CLIFailure) -> RemoteAPI? {
        let environment = ProcessInfo.processInfo.environment
        let saved = try RemoteLogin.saved()
        let token = environment["TRIPACT_TOKEN"].flatMap { $0.isEmpty ? nil : $0 }
        if let server {
            guard let url = RemoteAPI.serverURL(server) else { throw .unusableInput("--server must be an http or https address like https://tripact.example.org; found '\(server)'") }
            // The saved token goes only to the server it was saved for: another address gets it only through TRIPACT_TOKEN.
            let savedToken = saved.flatMap { RemoteAPI.serverURL($0.server) == url ? $0.token : nil }
            guard let chosen = token ?? savedToken else {
                throw .unusableInput("no token for \(url.absoluteString): run 'tripact login \(url.absoluteString)' or set TRIPACT_TOKEN")
            }
            return RemoteAPI(server: url, token: chosen)
        }
        guard store.databasePath == nil, (environment["TRIPACT_DB"] ?? "").isEmpty, let saved, let url = RemoteAPI.serverURL(saved.server) else { return nil }
        return RemoteAPI(server: url, token: token ?? saved.token)
    }
}
