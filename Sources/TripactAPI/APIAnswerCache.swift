import Foundation
import HTTPTypes
import NIOCore
import OpenAPIRuntime
import Synchronization
import TripactCore
import TripactStore

/// Compresses bytes with gzip, or nil when it cannot; handed to the API by the web application, which owns zlib.
public typealias GzipCompress = @Sendable (_ bytes: [UInt8]) -> [UInt8]?

/// The encoded answers of the reads called most (an agreement with its item states; a version with its document),
/// kept as bytes, plain and gzipped, like the web's agreement page. An answer is kept by operation, agreement, version,
/// the reader's organisation and side, and the database's generation (every change appends an audit event, so a new
/// generation means that anything may have changed): a proposal, an acceptance or a signature makes every answer
/// before it unreachable, and one organisation's answer can never be served to the other.
///
/// `APIGate` serves a kept answer before the generated server runs, after the token lookup, the rate limit and the
/// last-used time, which happen on every request, hit or not; this middleware keeps the answers on a miss. The side
/// check is the store's `access`, the same rule as the handler's; anything unusual (an unknown agreement, a reference
/// that is not plain, a refusal) goes to the handler, which answers it as before.
struct APIAnswerCache: ServerMiddleware {
    let store: TripactStore
    let compress: GzipCompress?
    let answers = Answers(capacity: 256)

    static let cachedOperations: Set<String> = ["getAgreement", "getVersion"]
    /// The largest answer kept: a version of the largest storable document is below this.
    static let maximumBytes = 32 * 1_048_576

    struct Answer: Sendable {
        let head: HTTPResponse
        let plain: ByteBuffer
        let gzip: ByteBuffer?

        /// The head and the bytes for a client that does or does not accept gzip; the bytes are shared, not copied.
        func buffer(gzipAccepted: Bool) -> (HTTPResponse, ByteBuffer) {
            var head = head
            if gzip != nil { head.headerFields[.vary] = "Accept-Encoding" }
            var bytes = plain
            if gzipAccepted, let gzip {
                head.headerFields[.contentEncoding] = "gzip"
                bytes = gzip
            }
            // The handler's head may carry the plain body's length; a client would wait for bytes the gzip never sends.
            head.headerFields[.contentLength] = String(bytes.readableBytes)
            return (head, bytes)
        }

        func response(gzipAccepted: Bool) -> (HTTPResponse, HTTPBody?) {
            let (head, bytes) = buffer(gzipAccepted: gzipAccepted)
            return (head, HTTPBody(bytes.readableBytesView))
        }
    }

    /// Emptied when full, as the web's result caches are: a refill costs one request per agreement and reader.
    final class Answers: Sendable {
        private let entries = Mutex<[String: Answer]>([:])
        private let capacity: Int

        init(capacity: Int) { self.capacity = capacity }

        subscript(key: String) -> Answer? { entries.withLock { $0[key] } }

        func keep(_ answer: Answer, for key: String) {
            entries.withLock { entries in
                if entries.count >= capacity { entries.removeAll(keepingCapacity: true) }
                entries[key] = answer
            }
        }
    }

    func intercept(
        _ request: HTTPRequest, body: HTTPBody?, metadata: ServerRequestMetadata, operationID: String,
        next: @Sendable (HTTPRequest, HTTPBody?, ServerRequestMetadata) async throws -> (HTTPResponse, HTTPBody?)
    ) async throws -> (HTTPResponse, HTTPBody?) {
        guard request.method == .get, let caller = APICaller.current, let reference = metadata.pathParameters["reference"].map(String.init),
            let key = key(operationID: operationID, reference: reference, number: metadata.pathParameters["number"].map(String.init), caller: caller)
        else { return try await next(request, body, metadata) }
        let gzipAccepted = HeaderWords.allowsGzip(request.headerFields[.acceptEncoding])
        if let hit = answers[key] { return hit.response(gzipAccepted: gzipAccepted) }
        let (response, responseBody) = try await next(request, body, metadata)
        guard response.status == .ok, let responseBody else { return (response, responseBody) }
        let bytes = try await [UInt8](collecting: responseBody, upTo: Self.maximumBytes)
        let answer = Answer(head: response, plain: ByteBuffer(bytes: bytes), gzip: compress?(bytes).map { ByteBuffer(bytes: $0) })
        answers.keep(answer, for: key)
        return answer.response(gzipAccepted: gzipAccepted)
    }

    /// The answer's key, or nil when this request is not served from the cache: an operation that is cached, a
    /// reference that needs no decoding (the key and the side check must name what the handler reads), a version
    /// number that is one, and an agreement of the caller's side.
    func key(operationID: String, reference: String, number: String?, caller: (user: User, token: APIToken)) -> String? {
        guard Self.cachedOperations.contains(operationID), !reference.isEmpty, !HeaderWords.needsDecoding(reference) else { return nil }
        var version = ""
        if let number {
            guard let parsed = Int(number) else { return nil }
            version = String(parsed)
        }
        guard let access = try? store.access(of: caller.user, in: reference), let party = access.party else { return nil }
        return [operationID, reference, version, String(caller.user.organisationID), party.rawValue, String(access.generation)].joined(separator: "\u{0}")
    }

}
