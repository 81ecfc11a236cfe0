public import Foundation
import HTTPTypes
import OpenAPIRuntime
public import TripactCore
public import TripactStore

/// The remote CLI's way to the JSON API: the client generated from `openapi.yaml` (over `RemoteTransport`), answering in the
/// same domain types the store gives the local commands, so one formatter prints both.
public struct RemoteAPI: Sendable {
    /// The server's address as given to `tripact login` or `--server`, without the `/api/v1` part.
    public let server: URL
    let client: Client
    /// The client's transport and middlewares, for the one read that skips the generated decoding (`version`).
    let transport: any ClientTransport
    let middlewares: [any ClientMiddleware]

    /// `server` is the web address (`http://host:port`); the API lives under its `/api/v1`.
    public init(server: URL, token: String) {
        self.server = server
        transport = RemoteTransport.make(for: server)
        middlewares = [BearerToken(token: token), ErrorAnswers()]
        client = Client(serverURL: server.appendingPathComponent("api/v1"), transport: transport, middlewares: middlewares)
    }

    /// The server's address from what a user typed: http or https with a host; a trailing `/` or `/api/v1` is dropped.
    public static func serverURL(_ text: String) -> URL? {
        var trimmed = text.trimmingCharacters(in: .whitespaces)
        while trimmed.hasSuffix("/") { trimmed.removeLast() }
        if trimmed.hasSuffix("/api/v1") { trimmed.removeLast("/api/v1".count) }
        guard let url = URL(string: trimmed), let scheme = url.scheme?.lowercased(), scheme == "http" || scheme == "https",
              let host = url.host, !host.isEmpty, url.query == nil, url.fragment == nil, url.user == nil
        else { return nil }
        return url
    }

    /// The agreements of the token's organisation, with `status` only those with that status.
    public func agreements(status: AgreementStatus? = nil) async throws(RemoteFailure) -> [AgreementSummary] {
        try await call {
            let query = Operations.ListAgreements.Input.Query(status: status.flatMap { .init(rawValue: $0.rawValue) })
            return try bridged(try await client.listAgreements(query: query).ok.body.json)
        }
    }

    /// The agreement, the token's side of it and the states of its head's items.
    public func agreement(_ reference: String) async throws(RemoteFailure) -> (summary: AgreementSummary, side: PartyRole, items: [ItemState]) {
        try await call {
            let detail = try await client.getAgreement(path: .init(reference: reference)).ok.body.json
            guard let side = PartyRole(rawValue: detail.side.rawValue) else { throw RemoteFailure(status: nil, message: "the server named a side this client does not know") }
            return (try bridged(detail.agreement), side, detail.items.map(ItemState.init))
        }
    }

    /// The log, newest first as the local `log` prints it, with the notes of versions made by the agreement's own
    /// procedures ("signed: carries the signatures of version 3; Annex IV updated on …"), by version.
    public func log(_ reference: String) async throws(RemoteFailure) -> (entries: [VersionEntry], notes: [Int: String]) {
        try await call {
            let answer = try await client.listVersions(path: .init(reference: reference)).ok.body.json
            let entries: [VersionEntry] = try bridged(answer)
            var notes: [Int: String] = [:]
            for entry in answer { if let note = entry.procedure { notes[entry.number] = note } }
            return (entries, notes)
        }
    }

    /// One version with its document, read strictly as a local file is. The answer is read by hand rather than by the
    /// generated client, whose free-form `Document` type would cost a second decoding and an encoding of the whole
    /// document: the document is parsed once, by the reader `tripact diff FILE FILE` uses.
    public func version(_ reference: String, number: Int) async throws(RemoteFailure) -> (entry: VersionEntry, document: AgreementDocument) {
        try await call {
            let data = try await get("/agreements/\(Self.pathSegment(reference))/versions/\(number)", operationID: "getVersion")
            do {
                let (document, others) = try DocumentCodec.decode(member: "document", of: data)
                guard let entry = others["version"] else { throw DocumentError.missingKey(path: "version", line: nil) }
                return (try JSONDecoder().decode(VersionEntry.self, from: entry), document)
            } catch {
                throw RemoteFailure(status: nil, message: "the server sent version \(number) of \(reference) as a document this client cannot read")
            }
        }
    }

    /// Two versions, asked for at the same time (`tripact diff`).
    public func versions(_ reference: String, _ first: Int, _ second: Int) async throws(RemoteFailure) -> (
        (entry: VersionEntry, document: AgreementDocument), (entry: VersionEntry, document: AgreementDocument)
    ) {
        try await call {
            async let one = version(reference, number: first)
            async let two = version(reference, number: second)
            return (try await one, try await two)
        }
    }

    /// A GET's JSON body through the client's own transport and middlewares (the token; errors as `RemoteFailure`).
    func get(_ path: String, operationID: String) async throws -> Data {
        var request = HTTPRequest(method: .get, scheme: nil, authority: nil, path: path)
        request.headerFields[.accept] = "application/json"
        let transport = self.transport
        var next: @Sendable (HTTPRequest, HTTPBody?, URL) async throws -> (HTTPResponse, HTTPBody?) = {
            try await transport.send($0, body: $1, baseURL: $2, operationID: operationID)
        }
        for middleware in middlewares.reversed() {
            let inner = next
            next = { try await middleware.intercept($0, body: $1, baseURL: $2, operationID: operationID, next: inner) }
        }
        let response: HTTPResponse
        let body: HTTPBody?
        do {
            (response, body) = try await next(request, nil, server.appendingPathComponent("api/v1"))
        } catch let failure as RemoteFailure {
            throw failure
        } catch {
            throw RemoteFailure(status: nil, message: "cannot reach \(server.absoluteString): \(error.localizedDescription)")
        }
        guard response.status == .ok, let body else {
            throw RemoteFailure(status: Int(response.status.code), message: "the server's answer does not match openapi.yaml")
        }
        return try await Data(collecting: body, upTo: Self.maximumExportBytes)
    }

    /// A path parameter as the generated client writes it: percent-encoded, a `/` included.
    static func pathSegment(_ value: String) -> String {
        var allowed = CharacterSet.urlPathAllowed
        allowed.remove("/")
        return value.addingPercentEncoding(withAllowedCharacters: allowed) ?? value
    }

    /// Runs one operation; every failure becomes a `RemoteFailure` whose message never carries the request (nor its token).
    func call<T>(_ body: () async throws -> T) async throws(RemoteFailure) -> T {
        do {
            return try await body()
        } catch let failure as RemoteFailure {
            throw failure
        } catch let error as ClientError {
            if let failure = error.underlyingError as? RemoteFailure { throw failure }
            if error.response != nil {
                throw RemoteFailure(status: error.response.map { Int($0.status.code) }, message: "the server's answer does not match openapi.yaml")
            }
            throw RemoteFailure(status: nil, message: "cannot reach \(server.absoluteString): \(error.underlyingError.localizedDescription)")
        } catch {
            throw RemoteFailure(status: nil, message: "cannot read the server's answer: \(error.localizedDescription)")
        }
    }
}

/// The server refused (with its status and the message of its JSON error body), or could not be reached (no status).
public struct RemoteFailure: Error, Sendable, CustomStringConvertible {
    public let status: Int?
    public let message: String
    /// The problems the server found, each at its field path (on 422).
    public var problems: [FieldProblem] = []
    public var head: Int?

    public var description: String {
        ([message] + problems.map(\.description)).joined(separator: "\n  ")
    }
}

/// Sends the personal token on every request, as `Authorization: Bearer`.
struct BearerToken: ClientMiddleware {
    let token: String

    func intercept(
        _ request: HTTPRequest, body: HTTPBody?, baseURL: URL, operationID: String,
        next: @Sendable (HTTPRequest, HTTPBody?, URL) async throws -> (HTTPResponse, HTTPBody?)
    ) async throws -> (HTTPResponse, HTTPBody?) {
        var request = request
        request.headerFields[.authorization] = "Bearer \(token)"
        return try await next(request, body, baseURL)
    }
}

/// Turns every answer that is not a success into a `RemoteFailure` with the server's own message, so each command
/// reports the API's refusal (401, 404, 409 with the head, 422 with field paths, 429) the same way.
struct ErrorAnswers: ClientMiddleware {
    private struct Body: Decodable {
        struct Field: Decodable { let path: String; let message: String }
        let message: String
        let errors: [Field]?
        let head: Int?
    }

    func intercept(
        _ request: HTTPRequest, body: HTTPBody?, baseURL: URL, operationID: String,
        next: @Sendable (HTTPRequest, HTTPBody?, URL) async throws -> (HTTPResponse, HTTPBody?)
    ) async throws -> (HTTPResponse, HTTPBody?) {
        let (response, responseBody) = try await next(request, body, baseURL)
        guard response.status.kind != .successful else { return (response, responseBody) }
        let status = Int(response.status.code)
        var bytes = Data()
        if let responseBody { bytes = try await Data(collecting: responseBody, upTo: 1_048_576) }
        guard let decoded = try? JSONDecoder().decode(Body.self, from: bytes) else {
            throw RemoteFailure(status: status, message: "the server answered \(status) \(response.status.reasonPhrase)")
        }
        var failure = RemoteFailure(status: status, message: decoded.message)
        failure.problems = (decoded.errors ?? []).map { FieldProblem(field: $0.path, message: $0.message) }
        failure.head = decoded.head
        throw failure
    }
}

extension ItemState {
    /// The domain state from the generated one, field by field (a `show` of the large agreement reads 200 of them).
    init(_ state: Components.Schemas.ItemState) {
        self.init(
            key: ItemKey(rawValue: state.key), hash: state.hash, acceptedBy: Set(state.acceptedBy.compactMap { PartyRole(rawValue: $0.rawValue) }),
            disputedBy: Set(state.disputedBy.compactMap { PartyRole(rawValue: $0.rawValue) })
        )
    }
}

/// A domain value from the generated type by way of their shared JSON (the server builds its answers the same way).
func bridged<T: Decodable>(_ value: some Encodable, as type: T.Type = T.self) throws -> T {
    try JSONDecoder().decode(T.self, from: JSONEncoder().encode(value))
}
