import Foundation
#if canImport(CoreFoundation)
// `stat`'s fields belong to whichever C module included <sys/stat.h> first: a release build with the OpenAPI packages
// attributes them to CoreFoundation, which MemberImportVisibility then wants imported.
import CoreFoundation
#endif
import TripactCore

/// Keeps each library that passed the lint as a `LibraryArchive`, so that a command neither parses nor re-lints an
/// unchanged library every time it starts (parsing the 260 KB of clause files and catalogues was over a third of a
/// short command's time, and the checks across files a fifth before that).
///
/// The archive is named after the library files as the file system describes them (name, size, device and inode, and
/// the modification and status-change times to the nanosecond) and after this very executable (its path, size and
/// modification time), so that a hit costs a few `stat` calls instead of reading and hashing 260 KB; writing a file
/// always moves its status-change time, which no program can set back. It lives in `$TRIPACT_CACHE`, else `$XDG_CACHE_HOME/tripact`, else `~/.cache/tripact`. Any change to a library
/// file or a new build of `tripact` gives another name, so the library is parsed and linted again. A damaged archive is
/// ignored and written anew. `tripact clauses lint` always parses and
/// lints. The cache is a convenience: a folder that cannot be read or written only means the work is done every time.
enum LibraryCache {
    static var folder: String? {
        let environment = ProcessInfo.processInfo.environment
        if let explicit = environment["TRIPACT_CACHE"], !explicit.isEmpty { return explicit }
        if let xdg = environment["XDG_CACHE_HOME"], xdg.hasPrefix("/") { return xdg + "/tripact" }
        if let home = environment["HOME"], home.hasPrefix("/") { return home + "/.cache/tripact" }
        return nil
    }

    /// The archive's path for the library files at these paths, nil when there is no cache folder or a file or the
    /// executable cannot be described.
    static func path(for files: [(name: String, path: String)]) -> String? {
        guard let folder, let executable = executableIdentity() else { return nil }
        var description = executable + "\n"
        for file in files {
            guard let identity = identity(of: file.path) else { return nil }
            description += "\(file.name.utf8.count):\(file.name) \(identity)\n"
        }
        return folder + "/library-" + DocumentCodec.sha256Hex(Data(description.utf8))
    }

    /// The library kept at `path`, nil when there is none or it is damaged.
    static func library(at path: String) -> ClauseLibrary? {
        guard let data = FileManager.default.contents(atPath: path) else { return nil }
        return LibraryArchive.decode([UInt8](data))
    }

    /// Writes the archive beside its final name and renames it, so that a reader never sees half an archive.
    static func remember(_ library: ClauseLibrary, at path: String) {
        let folder = (path as NSString).deletingLastPathComponent
        try? FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        let bytes = LibraryArchive.encode(library)
        let temporary = path + ".\(getpid()).partial"
        guard FileManager.default.createFile(atPath: temporary, contents: Data(bytes), attributes: [.posixPermissions: 0o600]) else { return }
        if rename(temporary, path) != 0 { unlink(temporary) }
    }

    private static func executableIdentity() -> String? {
        guard let path = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe"), let identity = identity(of: path) else { return nil }
        return "\(path) \(identity)"
    }

    private static func identity(of path: String) -> String? {
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }
        // The times' bytes, not their fields: with the OpenAPI packages in the build, `timespec`'s fields resolve to
        // CoreFoundation's declaration, which MemberImportVisibility refuses without importing it.
        func bytes(_ time: timespec) -> String { withUnsafeBytes(of: time) { $0.map { String($0, radix: 16) }.joined() } }
        return "\(info.st_size) \(info.st_dev):\(info.st_ino) \(bytes(info.st_mtim)) \(bytes(info.st_ctim))"
    }
}
