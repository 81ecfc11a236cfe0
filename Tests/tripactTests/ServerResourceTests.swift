import Foundation
import Testing
import TripactTestSupport

#if canImport(Glibc)
import Glibc
#endif

/// The running server, as a separate process with its own descriptor limit, under idle and half-open connections.
@Suite(.serialized) struct ServerResourceTests {
    /// A TCP connection to loopback; nil when the connection is refused.
    static func connect(_ port: UInt16) -> Int32? {
        let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard descriptor >= 0 else { return nil }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = port.bigEndian
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { Glibc.connect(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard connected == 0 else {
            close(descriptor)
            return nil
        }
        return descriptor
    }

    /// Sends a GET and returns the response's first line, or nil if none came within `timeout` seconds.
    static func get(_ path: String, port: UInt16, timeout: Int) -> String? {
        guard let descriptor = connect(port) else { return nil }
        defer { close(descriptor) }
        var limit = timeval(tv_sec: timeout, tv_usec: 0)
        setsockopt(descriptor, SOL_SOCKET, SO_RCVTIMEO, &limit, socklen_t(MemoryLayout<timeval>.size))
        let request = Array("GET \(path) HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n".utf8)
        guard send(descriptor, request, request.count, 0) == request.count else { return nil }
        var buffer = [UInt8](repeating: 0, count: 4_096)
        let count = recv(descriptor, &buffer, buffer.count, 0)
        guard count > 0 else { return nil }
        return String(decoding: buffer[0..<count], as: UTF8.self).split(separator: "\r\n").first.map(String.init)
    }

    @Test func idleConnectionsBeyondTheDescriptorLimitDoNotLockUsersOut() throws {
        let folder = Fixtures.temporaryDirectory()
        let port = UInt16.random(in: 20_000...59_000)
        let server = Process()
        server.executableURL = URL(fileURLWithPath: "/bin/bash")
        server.arguments = [
            "-c", "ulimit -n 96 && exec \"$0\" serve --db \"$1\" --port \"$2\" --idle-timeout 1", CLIRunner.executable.path,
            folder.appendingPathComponent("t.sqlite").path, String(port),
        ]
        server.standardOutput = FileHandle.nullDevice
        server.standardError = FileHandle.nullDevice
        try server.run()
        defer {
            server.terminate()
            server.waitUntilExit()
        }
        var ready = false
        for _ in 0..<300 where !ready {
            ready = Self.get("/health", port: port, timeout: 2)?.hasSuffix("200 OK") == true
            if !ready { usleep(100_000) }
        }
        try #require(ready, "the server did not start")
        // Twice the server's descriptor limit of connections that send nothing: some are accepted, the rest wait in
        // the listen queue. Without an idle timeout they would hold every descriptor for good.
        let idle = (0..<192).compactMap { _ in Self.connect(port) }
        defer { for descriptor in idle { close(descriptor) } }
        #expect(idle.count > 96)
        let page = Self.get("/health", port: port, timeout: 20)
        #expect(page == "HTTP/1.1 200 OK", "a page is served while idle connections are held: \(page ?? "no answer")")
    }
}
