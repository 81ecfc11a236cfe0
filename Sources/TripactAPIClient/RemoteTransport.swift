import AsyncHTTPClient
import Foundation
import HTTPTypes
import NIOCore
import NIOSSL
import OpenAPIAsyncHTTPClient
import OpenAPIRuntime

/// How the remote CLI reaches a server: a plain `http://` server with no proxy set over a socket of our own
/// (`PlainHTTPTransport`, a connect and nothing else), any other through AsyncHTTPClient over the SwiftNIO and NIOSSL
/// that the server side already links. The proxy comes from the usual environment variables, as curl and URLSession
/// read them, since nothing else tells a command-line program about a company's proxy.
enum RemoteTransport {
    static func make(for server: URL, environment: [String: String] = ProcessInfo.processInfo.environment) -> any ClientTransport {
        if PlainHTTPTransport.serves(server, environment: environment) { return PlainHTTPTransport() }
        switch ProxySetting.forServer(server, environment: environment) {
        case .failure(let failure):
            return RefusingTransport(failure: failure)
        case .success(let proxy):
            return AsyncHTTPClientTransport(configuration: .init(client: client(proxy: proxy, environment: environment)))
        }
    }

    /// One client per proxy setting for the life of the process: an AsyncHTTPClient must be shut down before it goes,
    /// and a command makes a handful of requests then ends, so the clients are kept rather than shut down.
    private static let clients = ClientsByProxy()

    static func client(proxy: HTTPClient.Configuration.Proxy?, environment: [String: String]) -> HTTPClient {
        clients.client(for: proxy) {
            var tls = TLSConfiguration.makeClientConfiguration()
            // A company's own certificate authority, where the user names its file the way OpenSSL and curl read it.
            if let file = environment["SSL_CERT_FILE"], !file.isEmpty { tls.trustRoots = .file(file) }
            var pool = HTTPClient.Configuration.ConnectionPool()
            // A command-line user waits at the prompt: a refused connection is reported at once, as curl does, rather
            // than retried with back-off until the connect timeout.
            pool.retryConnectionEstablishment = false
            let configuration = HTTPClient.Configuration(
                tlsConfiguration: tls,
                // The token travels in every request; a redirect could carry it to another host, so none is followed.
                redirectConfiguration: .disallow,
                timeout: .init(connect: .seconds(15), read: .seconds(Int64(PlainHTTPTransport.timeoutSeconds))),
                connectionPool: pool,
                proxy: proxy
            )
            return HTTPClient(eventLoopGroup: HTTPClient.defaultEventLoopGroup, configuration: configuration)
        }
    }
}

private final class ClientsByProxy: @unchecked Sendable {
    // The lock guards `clients`; each client is itself thread-safe.
    private let lock = NSLock()
    private var clients: [String: HTTPClient] = [:]

    func client(for proxy: HTTPClient.Configuration.Proxy?, make: () -> HTTPClient) -> HTTPClient {
        let key = proxy.map { "\($0)" } ?? ""
        lock.lock()
        defer { lock.unlock() }
        if let existing = clients[key] { return existing }
        let made = make()
        clients[key] = made
        return made
    }
}

/// A proxy variable the client cannot use: every request fails with the reason, naming the variable.
struct RefusingTransport: ClientTransport {
    let failure: ProxySetting.Failure

    func send(_ request: HTTPRequest, body: HTTPBody?, baseURL: URL, operationID: String) async throws -> (HTTPResponse, HTTPBody?) {
        throw failure
    }
}

/// The proxy for a server from `https_proxy` (or `http_proxy` for an http server), then `all_proxy`, each in lower
/// case first and then upper case; none where `no_proxy` names the server's host, one of its parent domains, or `*`.
enum ProxySetting {
    struct Failure: LocalizedError, CustomStringConvertible {
        let description: String
        var errorDescription: String? { description }
    }

    static func forServer(_ server: URL, environment: [String: String]) -> Result<HTTPClient.Configuration.Proxy?, Failure> {
        guard let host = server.host?.lowercased() else { return .success(nil) }
        if bypasses(host: host, environment: environment) { return .success(nil) }
        let scheme = server.scheme?.lowercased() == "https" ? "https" : "http"
        let names = ["\(scheme)_proxy", "\(scheme.uppercased())_PROXY", "all_proxy", "ALL_PROXY"]
        guard let name = names.first(where: { !(environment[$0] ?? "").isEmpty }), let value = environment[name] else {
            return .success(nil)
        }
        return parse(value, variable: name).map { $0 }
    }

    static func parse(_ value: String, variable: String) -> Result<HTTPClient.Configuration.Proxy, Failure> {
        // curl takes a bare "host:port" as an http proxy.
        let text = value.contains("://") ? value : "http://\(value)"
        guard let url = URLComponents(string: text), let host = url.host, !host.isEmpty else {
            return .failure(Failure(description: "\(variable) is not a proxy address (expected http://HOST:PORT or socks5://HOST:PORT)"))
        }
        switch url.scheme?.lowercased() {
        case "http":
            let authorization = url.user.map { HTTPClient.Authorization.basic(username: $0.removingPercentEncoding ?? $0, password: (url.password ?? "").removingPercentEncoding ?? "") }
            return .success(.server(host: host, port: url.port ?? 80, authorization: authorization))
        case "socks5", "socks5h":
            return .success(.socksServer(host: host, port: url.port ?? 1080))
        default:
            return .failure(Failure(description: "\(variable) names a proxy scheme this client does not speak (http:// and socks5:// are understood)"))
        }
    }

    static func bypasses(host: String, environment: [String: String]) -> Bool {
        let list = environment["no_proxy"] ?? environment["NO_PROXY"] ?? ""
        for entry in list.split(separator: ",") {
            var domain = entry.trimmingCharacters(in: .whitespaces).lowercased()
            if domain == "*" { return true }
            // "host:port" names the host; an IPv6 address has more than one colon and is taken whole.
            if domain.filter({ $0 == ":" }).count == 1, let colon = domain.firstIndex(of: ":") { domain = String(domain[..<colon]) }
            while domain.hasPrefix(".") { domain.removeFirst() }
            if domain.isEmpty { continue }
            if host == domain || host.hasSuffix("." + domain) { return true }
        }
        return false
    }
}
