import Foundation
import HTTPTypes
import OpenAPIRuntime

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// HTTP/1.1 over a plain TCP socket, one connection per request, for an `http://` server with no proxy configured. On
/// Linux, URLSession's first request costs about 25 ms of CPU (libcurl and its TLS libraries set up, a session's
/// threads) before a byte is sent, half the whole-process budget of `tripact diff --server`; this transport costs a
/// connect. `https://` servers, and any server when a proxy variable is set, go through AsyncHTTPClient (`RemoteTransport`).
struct PlainHTTPTransport: ClientTransport {
    /// How long a connection may wait for the server to send or take bytes.
    static let timeoutSeconds = 60
    /// The largest request body sent (a proposal of the largest storable document, or an export to verify).
    static let maximumRequestBytes = 64 * 1_048_576
    /// The largest answer read: a server (or something posing as one) cannot make the CLI hold more than this.
    static let maximumResponseBytes = 256 * 1_048_576

    struct Failure: LocalizedError, CustomStringConvertible {
        let description: String
        var errorDescription: String? { description }
    }

    /// Whether this transport may serve `url`: plain http, with no proxy that the user expects URLSession to use.
    static func serves(_ url: URL, environment: [String: String] = ProcessInfo.processInfo.environment) -> Bool {
        guard url.scheme?.lowercased() == "http", url.host != nil else { return false }
        let proxies = ["http_proxy", "HTTP_PROXY", "all_proxy", "ALL_PROXY"]
        return !proxies.contains { !(environment[$0] ?? "").isEmpty }
    }

    func send(_ request: HTTPRequest, body: HTTPBody?, baseURL: URL, operationID: String) async throws -> (HTTPResponse, HTTPBody?) {
        guard let components = URLComponents(url: baseURL, resolvingAgainstBaseURL: false), let host = components.host else {
            throw Failure(description: "'\(baseURL.absoluteString)' has no host")
        }
        let port = components.port ?? 80
        var path = components.percentEncodedPath
        while path.hasSuffix("/") { path.removeLast() }
        path += request.path ?? "/"
        var outgoing: [UInt8] = []
        if let body { outgoing = try await [UInt8](collecting: body, upTo: Self.maximumRequestBytes) }
        var head = "\(request.method.rawValue) \(path) HTTP/1.1\r\nHost: \(host):\(port)\r\nConnection: close\r\n"
        for field in request.headerFields where field.name != .connection && field.name != .contentLength {
            head += "\(field.name.rawName): \(field.value)\r\n"
        }
        if body != nil || request.method == .post || request.method == .put { head += "Content-Length: \(outgoing.count)\r\n" }
        head += "\r\n"
        let message = Array(head.utf8) + outgoing
        // The blocking exchange runs on a thread of its own, not on the concurrency pool (two reads run side by side).
        let answer = try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<[UInt8], any Error>) in
            Thread.detachNewThread {
                continuation.resume(with: Result { try Self.exchange(host: host, port: port, message: message) })
            }
        }
        let (response, content) = try Self.parse(answer)
        return (response, HTTPBody(content))
    }

    /// Connects, sends the request and reads until the server closes the connection (`Connection: close`).
    static func exchange(host: String, port: Int, message: [UInt8]) throws -> [UInt8] {
        var hints = addrinfo()
        hints.ai_family = AF_UNSPEC
        #if canImport(Glibc)
        hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
        #else
        hints.ai_socktype = SOCK_STREAM
        #endif
        var found: UnsafeMutablePointer<addrinfo>?
        guard getaddrinfo(host, String(port), &hints, &found) == 0, let first = found else { throw Failure(description: "cannot resolve \(host)") }
        defer { freeaddrinfo(first) }
        var descriptor: Int32 = -1
        var candidate: UnsafeMutablePointer<addrinfo>? = first
        while let address = candidate {
            let socketDescriptor = socket(address.pointee.ai_family, address.pointee.ai_socktype, address.pointee.ai_protocol)
            if socketDescriptor >= 0 {
                var timeout = timeval(tv_sec: timeoutSeconds, tv_usec: 0)
                setsockopt(socketDescriptor, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
                setsockopt(socketDescriptor, SOL_SOCKET, SO_SNDTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
                if connect(socketDescriptor, address.pointee.ai_addr, address.pointee.ai_addrlen) == 0 {
                    descriptor = socketDescriptor
                    break
                }
                close(socketDescriptor)
            }
            candidate = address.pointee.ai_next
        }
        guard descriptor >= 0 else { throw Failure(description: "connection refused by \(host):\(port)") }
        defer { close(descriptor) }
        var sent = 0
        while sent < message.count {
            let count = message[sent...].withUnsafeBytes { socketSend(descriptor, $0.baseAddress, $0.count) }
            guard count > 0 else { throw Failure(description: "the connection to \(host):\(port) closed while sending") }
            sent += count
        }
        var received: [UInt8] = []
        received.reserveCapacity(1 << 20)
        var buffer = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let count = buffer.withUnsafeMutableBytes { recv(descriptor, $0.baseAddress, $0.count, 0) }
            if count == 0 { break }
            guard count > 0 else {
                if errno == EINTR { continue }
                throw Failure(description: "no answer from \(host):\(port) (\(String(cString: strerror(errno))))")
            }
            guard received.count + count <= maximumResponseBytes else {
                throw Failure(description: "the answer from \(host):\(port) is larger than \(maximumResponseBytes / 1_048_576) MiB")
            }
            received.append(contentsOf: buffer[0..<count])
        }
        return received
    }

    /// The status line, the header fields and the body (de-chunked when the server sent it in chunks).
    static func parse(_ bytes: [UInt8]) throws -> (HTTPResponse, [UInt8]) {
        let separator: [UInt8] = [13, 10, 13, 10]
        guard let end = bytes.indices.dropLast(3).first(where: { bytes[$0..<$0 + 4].elementsEqual(separator) }) else {
            throw Failure(description: "the server's answer has no complete head")
        }
        let lines = String(decoding: bytes[..<end], as: UTF8.self).components(separatedBy: "\r\n")
        let status = lines[0].split(separator: " ", maxSplits: 2)
        guard status.count >= 2, status[0].hasPrefix("HTTP/1."), let code = Int(status[1]), (100...599).contains(code) else {
            throw Failure(description: "the server's answer does not start with an HTTP status")
        }
        var response = HTTPResponse(status: .init(code: code, reasonPhrase: status.count > 2 ? String(status[2]) : ""))
        for line in lines.dropFirst() {
            guard let colon = line.firstIndex(of: ":"), let name = HTTPField.Name(String(line[..<colon])) else { continue }
            response.headerFields.append(HTTPField(name: name, value: line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)))
        }
        var content = Array(bytes[(end + 4)...])
        if response.headerFields[.transferEncoding]?.lowercased().contains("chunked") == true { content = try dechunked(content) }
        if let length = response.headerFields[.contentLength].flatMap(Int.init), length < content.count { content.removeLast(content.count - length) }
        return (response, content)
    }

    /// A chunked body's data: each chunk is a hexadecimal size line, the bytes and CRLF; a zero size ends it.
    static func dechunked(_ bytes: [UInt8]) throws -> [UInt8] {
        var output: [UInt8] = []
        output.reserveCapacity(bytes.count)
        var position = 0
        while position < bytes.count {
            guard let lineEnd = bytes[position...].firstIndex(of: 10) else { break }
            let sizeText = String(decoding: bytes[position..<lineEnd], as: UTF8.self).split(separator: ";").first ?? ""
            guard let size = Int(sizeText.trimmingCharacters(in: .whitespacesAndNewlines), radix: 16) else {
                throw Failure(description: "the server's chunked answer is malformed")
            }
            if size == 0 { return output }
            let start = lineEnd + 1
            guard start + size <= bytes.count else { throw Failure(description: "the server's answer ended early") }
            output.append(contentsOf: bytes[start..<start + size])
            position = start + size + 2
        }
        throw Failure(description: "the server's answer ended early")
    }
}

/// `send(2)` by a name that the transport's own `send` does not hide; no SIGPIPE when the server has gone.
private func socketSend(_ descriptor: Int32, _ bytes: UnsafeRawPointer?, _ count: Int) -> Int {
    send(descriptor, bytes, count, Int32(MSG_NOSIGNAL))
}
