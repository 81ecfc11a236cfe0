import Foundation
import TripactCore

/// Remembers which libraries passed the lint, so that a command does not re-check an unchanged library each time it
/// starts (the checks across files were a fifth of a short command's time).
///
/// A library counts as checked when a marker file named after the library's fingerprint and this very executable (its
/// path, size and modification time) exists in the cache folder: `$TRIPACT_CACHE`, else `$XDG_CACHE_HOME/tripact`,
/// else `~/.cache/tripact`. Any change to a library file or a new build of `tripact` gives another name, so the lint
/// runs again. `tripact clauses lint` always runs it. The cache is a convenience: a folder that cannot be read or
/// written only means the lint runs every time.
enum LintCache {
    static var folder: String? {
        let environment = ProcessInfo.processInfo.environment
        if let explicit = environment["TRIPACT_CACHE"], !explicit.isEmpty { return explicit }
        if let xdg = environment["XDG_CACHE_HOME"], xdg.hasPrefix("/") { return xdg + "/tripact" }
        if let home = environment["HOME"], home.hasPrefix("/") { return home + "/.cache/tripact" }
        return nil
    }

    /// The marker's path for these files, nil when there is no cache folder or the executable cannot be identified.
    static func marker(for files: [LibraryFile]) -> String? {
        guard let folder, let executable = executableIdentity() else { return nil }
        let key = DocumentCodec.sha256Hex(Data((ClauseLibrary.fingerprint(files) + "\n" + executable).utf8))
        return folder + "/lint-passed-" + key
    }

    static func passed(_ marker: String) -> Bool { FileManager.default.fileExists(atPath: marker) }

    static func remember(_ marker: String) {
        let folder = (marker as NSString).deletingLastPathComponent
        try? FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        FileManager.default.createFile(atPath: marker, contents: Data(), attributes: [.posixPermissions: 0o600])
    }

    private static func executableIdentity() -> String? {
        var info = stat()
        guard let path = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe"), stat(path, &info) == 0 else { return nil }
        // The modification time's bytes, not its fields: with the OpenAPI packages in the build, `timespec`'s fields
        // resolve to CoreFoundation's declaration, which MemberImportVisibility refuses without importing it.
        let modified = withUnsafeBytes(of: info.st_mtim) { $0.map { String($0, radix: 16) }.joined() }
        return "\(path) \(info.st_size) \(modified)"
    }
}
