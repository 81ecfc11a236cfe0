import Foundation
public import Hummingbird
import HTTPTypes
import OpenAPIHummingbird
import OpenAPIRuntime
public import TripactCore
public import TripactStore

/// The JSON API under `/api/v1`, generated from the repository's `openapi.yaml`. It calls the same store methods as the
/// web pages, so the rules (who may see and do what, conflicts, validation, audit lines) are the same ones.
public enum TripactAPI {
    /// Where the API is mounted; `openapi.yaml` names the same server URL.
    public static let basePath = "/api/v1"

    /// Registers every operation on the transport (the web application's router), behind bearer-token
    /// authentication and the per-token rate limit (`APIGate`), the scope check and the JSON error answers. With
    /// `compress`, the cached answers (`APIAnswerCache`) also go out gzipped to a client that accepts it.
    public static func register<Context: RequestContext>(
        on router: Router<Context>, store: TripactStore, library: ClauseLibrary, rateLimit: RequestRateLimit, compress: GzipCompress? = nil,
        word: @escaping WordExport
    ) {
        let handler = APIHandler(store: store, library: library, word: word)
        // Compact JSON (the generator's default indents it): the largest answer, a version's document, shrinks by a
        // third, and every reader parses it the same.
        let configuration = Configuration(jsonEncodingOptions: [.sortedKeys, .withoutEscapingSlashes])
        let limiter = TokenRateLimiter(limit: rateLimit)
        let cache = APIAnswerCache(store: store, compress: compress)
        let api = router.group(RouterPath(basePath)).add(middleware: APIGate<Context>(store: store, limiter: limiter, cache: cache))
        do {
            try handler.registerHandlers(
                on: api, serverURL: URL(string: "/")!, configuration: configuration,
                middlewares: [APIErrorMiddleware(), APITokenMiddleware(store: store, limiter: limiter), cache]
            )
        } catch {
            // Registering fails only for a server URL it cannot split into path components; ours is a constant.
            preconditionFailure("the API's base path '\(basePath)' cannot be registered: \(error)")
        }
        // Any other address under the API answers in the API's own JSON, not with the web's HTML error page.
        for method in [HTTPRequest.Method.get, .post, .put, .patch, .delete] {
            router.on("api/v1/**", method: method) { _, _ in
                let (head, body) = APIErrorMiddleware.answer(APIProblem(status: 404, message: "no such API operation; openapi.yaml lists them"))
                var bytes = ByteBuffer()
                if let body { for try await chunk in body { bytes.writeBytes(chunk) } }
                return Response(status: head.status, headers: head.headerFields, body: .init(byteBuffer: bytes))
            }
        }
    }
}

/// The caller of the current request, set by `APITokenMiddleware` for the handler it calls.
enum APICaller {
    @TaskLocal static var current: (user: User, token: APIToken)?

    /// The caller; only reachable through the token middleware, so absent means a programming error, answered 401.
    static func require() throws -> (user: User, token: APIToken) {
        guard let current else { throw APIProblem(status: 401, message: "a bearer token is required") }
        return current
    }
}

/// A refusal made by the API itself (not by the store), with its status and, when known, the field path.
struct APIProblem: Error, CustomStringConvertible {
    let status: Int
    let message: String
    var fields: [FieldProblem] = []
    var head: Int?
    var retryAfter: Int?

    var description: String { message }
}
