import Foundation
import HTTPTypes
import Hummingbird
import NIOCore
import TripactStore

/// The bearer token and the per-token rate limit, checked once per request.
enum APIAuthentication {
    /// The caller of a request with this `Authorization` value, or the 401 or 429 answer. Session cookies are never
    /// read here, and the web's session middleware never reads a bearer token, so neither kind of credential opens the
    /// other door (and the API, which takes no cookie, needs no CSRF token).
    static func authenticate(_ header: String?, store: TripactStore, limiter: TokenRateLimiter) throws -> Result<(user: User, token: APIToken), APIProblem> {
        guard let token = HeaderWords.bearerToken(header) else {
            return .failure(APIProblem(status: 401, message: "send a personal API token as 'Authorization: Bearer TOKEN'"))
        }
        switch try store.authenticateAPIToken(token) {
        case .failure(let refusal): return .failure(APIProblem(status: 401, message: refusal.description))
        case .success(let caller):
            if let wait = limiter.take(tokenID: caller.token.id) {
                return .failure(APIProblem(status: 429, message: "this token made too many requests; try again in \(wait) s", retryAfter: wait))
            }
            return .success(caller)
        }
    }
}

/// In front of the generated server, on every route under `/api/v1`: authenticates the token and takes its request
/// from the rate limit, then answers a read whose answer is cached (`APIAnswerCache`) at once, as one buffer shared by
/// every response, without the generated server's decoding and body copying; anything else goes on with the caller
/// set, so `APITokenMiddleware` neither looks the token up again nor counts the request twice.
struct APIGate<Context: RequestContext>: RouterMiddleware {
    let store: TripactStore
    let limiter: TokenRateLimiter
    let cache: APIAnswerCache

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let caller: (user: User, token: APIToken)
        switch try APIAuthentication.authenticate(request.headers[.authorization], store: store, limiter: limiter) {
        case .failure(let problem):
            let (head, bytes) = APIErrorMiddleware.encoded(problem)
            return Response(status: head.status, headers: head.headerFields, body: .init(byteBuffer: ByteBuffer(bytes: bytes)))
        case .success(let found): caller = found
        }
        if request.method == .get, let read = Self.cachedRead(request.uri.path),
            let key = cache.key(operationID: read.operationID, reference: read.reference, number: read.number, caller: caller),
            let hit = cache.answers[key]
        {
            let gzip = HeaderWords.allowsGzip(request.headers[.acceptEncoding])
            let (head, body) = hit.buffer(gzipAccepted: gzip)
            return Response(status: head.status, headers: head.headerFields, body: .init(byteBuffer: body))
        }
        return try await APICaller.$current.withValue(caller) { try await next(request, context) }
    }

    /// The cached operation a path names (`/api/v1/agreements/REF`, `/api/v1/agreements/REF/versions/N`), with its
    /// reference and version as written; nil for any other path.
    static func cachedRead(_ path: String) -> (operationID: String, reference: String, number: String?)? {
        guard path.hasPrefix(TripactAPI.basePath + "/agreements/") else { return nil }
        let rest = path.utf8.dropFirst(TripactAPI.basePath.utf8.count + "/agreements/".utf8.count).split(separator: UInt8(ascii: "/"), omittingEmptySubsequences: false)
        switch rest.count {
        case 1: return ("getAgreement", String(decoding: rest[0], as: UTF8.self), nil)
        case 3 where rest[1].elementsEqual("versions".utf8): return ("getVersion", String(decoding: rest[0], as: UTF8.self), String(decoding: rest[2], as: UTF8.self))
        default: return nil
        }
    }
}
