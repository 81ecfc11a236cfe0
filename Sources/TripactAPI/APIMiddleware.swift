import Foundation
import HTTPTypes
import OpenAPIRuntime
import Synchronization
import TripactCore
import TripactStore

/// Who may call an operation: the caller comes from `APIGate`, which checked the bearer token and the rate limit
/// before the generated server ran; here a `read` token on a writing operation is 403. A request that reached the
/// generated server without the gate (none should) is authenticated here the same way.
struct APITokenMiddleware: ServerMiddleware {
    let store: TripactStore
    let limiter: TokenRateLimiter

    /// The operations that change something; a `read` token is refused on them.
    static let writingOperations: Set<String> = ["proposeVersion", "acceptItems", "rejectItem", "addComment", "objectToNotice", "approveNotice"]

    func intercept(
        _ request: HTTPRequest, body: HTTPBody?, metadata: ServerRequestMetadata, operationID: String,
        next: @Sendable (HTTPRequest, HTTPBody?, ServerRequestMetadata) async throws -> (HTTPResponse, HTTPBody?)
    ) async throws -> (HTTPResponse, HTTPBody?) {
        let caller: (user: User, token: APIToken)
        if let current = APICaller.current {
            caller = current
        } else {
            switch try APIAuthentication.authenticate(request.headerFields[.authorization], store: store, limiter: limiter) {
            case .failure(let problem): return APIErrorMiddleware.answer(problem)
            case .success(let found): caller = found
            }
        }
        if Self.writingOperations.contains(operationID), caller.token.scope != .negotiate {
            return APIErrorMiddleware.answer(APIProblem(status: 403, message: "this token may only read; make a token with the negotiate scope to \(operationID)"))
        }
        return try await APICaller.$current.withValue(caller) { try await next(request, body, metadata) }
    }
}

/// The rate limit's buckets, one per token, in this process's memory: a restart forgives, which is fine for a limit
/// meant to stop a runaway loop rather than to bill.
final class TokenRateLimiter: Sendable {
    let limit: RequestRateLimit
    private let buckets = Mutex<[Int: RequestRateLimit.Bucket]>([:])
    private let start = ContinuousClock.now

    init(limit: RequestRateLimit) { self.limit = limit }

    /// Takes one request for the token; returns the seconds to wait when it is refused.
    func take(tokenID: Int) -> Int? {
        let elapsed = ContinuousClock.now - start
        let now = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        return buckets.withLock { buckets in
            let (bucket, wait) = limit.take(buckets[tokenID], now: now)
            buckets[tokenID] = bucket
            return wait
        }
    }
}

/// Turns every error of an operation into a JSON `Error` body: store refusals with the status the web pages give
/// them, problems with fields as `errors` with their paths, a conflict with the head, and anything the request's
/// decoding refused as 400. Only a failure of ours after the input was read is a 500, without details.
struct APIErrorMiddleware: ServerMiddleware {
    func intercept(
        _ request: HTTPRequest, body: HTTPBody?, metadata: ServerRequestMetadata, operationID: String,
        next: @Sendable (HTTPRequest, HTTPBody?, ServerRequestMetadata) async throws -> (HTTPResponse, HTTPBody?)
    ) async throws -> (HTTPResponse, HTTPBody?) {
        do {
            return try await next(request, body, metadata)
        } catch let error as ServerError {
            return Self.answer(Self.problem(error))
        } catch {
            return Self.answer(Self.problem(for: error) ?? APIProblem(status: 500, message: "something went wrong on our side; nothing was saved"))
        }
    }

    static func problem(_ error: ServerError) -> APIProblem {
        if let known = problem(for: error.underlyingError) { return known }
        // The request was not read: a missing or malformed parameter or body.
        if error.operationInput == nil {
            let status = (400..<500).contains(error.httpStatus.code) ? error.httpStatus.code : 400
            return APIProblem(status: status, message: "the request cannot be read: \(error.causeDescription)")
        }
        return APIProblem(status: 500, message: "something went wrong on our side; nothing was saved")
    }

    static func problem(for error: any Error) -> APIProblem? {
        switch error {
        case let problem as APIProblem: return problem
        case let error as StoreError:
            let answer = error.answer
            var problem = APIProblem(status: answer.status, message: answer.message)
            if case .invalidFields(let fields) = error { problem.fields = fields }
            if case .staleBase(_, _, let head) = error { problem.head = head }
            return problem
        default: return nil
        }
    }

    /// The JSON answer for a problem, with `Retry-After` on 429 and `WWW-Authenticate` on 401.
    static func answer(_ problem: APIProblem) -> (HTTPResponse, HTTPBody?) {
        let (head, bytes) = encoded(problem)
        return (head, HTTPBody(bytes))
    }

    /// The answer's head and JSON bytes.
    static func encoded(_ problem: APIProblem) -> (HTTPResponse, Data) {
        let body = Components.Schemas.ErrorBody(
            message: problem.message, errors: problem.fields.isEmpty ? nil : problem.fields.map { .init(path: $0.field, message: $0.message) },
            head: problem.head, retryAfter: problem.retryAfter
        )
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let bytes = (try? encoder.encode(body)) ?? Data("{\"message\":\"error\"}".utf8)
        var response = HTTPResponse(status: status(problem.status))
        response.headerFields[.contentType] = "application/json; charset=utf-8"
        response.headerFields[.cacheControl] = "no-store"
        if let wait = problem.retryAfter { response.headerFields[.retryAfter] = String(wait) }
        if problem.status == 401 { response.headerFields[.wwwAuthenticate] = "Bearer realm=\"tripact\"" }
        return (response, bytes)
    }

    /// The named status for a code, so the status line carries its reason phrase.
    static func status(_ code: Int) -> HTTPResponse.Status {
        let known: [HTTPResponse.Status] = [
            .badRequest, .unauthorized, .forbidden, .notFound, .conflict, .gone, .unsupportedMediaType, .unprocessableContent, .tooManyRequests,
            .internalServerError,
        ]
        return known.first { $0.code == code } ?? HTTPResponse.Status(code: code)
    }
}
