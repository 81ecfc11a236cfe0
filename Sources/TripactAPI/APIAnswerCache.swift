import Foundation
import HTTPTypes
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
/// It runs after `APITokenMiddleware`, so the token lookup, the rate limit and the last-used time happen on every
/// request, hit or not. The side check is the store's `access`, the same rule as the handler's; anything unusual (an
/// unknown agreement, a reference that is not plain, a refusal) goes to the handler, which answers it as before.
struct APIAnswerCache: ServerMiddleware {
    let store: TripactStore
    let compress: GzipCompress?
    let answers = Answers(capacity: 256)

    static let cachedOperations: Set<String> = ["getAgreement", "getVersion"]
    /// The largest answer kept: a version of the largest storable document is below this.
    static let maximumBytes = 32 * 1_048_576

    struct Answer: Sendable {
        let head: HTTPResponse
        let plain: [UInt8]
        let gzip: [UInt8]?

        func response(gzipAccepted: Bool) -> (HTTPResponse, HTTPBody?) {
            var head = head
            if gzip != nil { head.headerFields[.vary] = "Accept-Encoding" }
            var bytes = plain
            if gzipAccepted, let gzip {
                head.headerFields[.contentEncoding] = "gzip"
                bytes = gzip
            }
            // The handler's head may carry the plain body's length; a client would wait for bytes the gzip never sends.
            head.headerFields[.contentLength] = String(bytes.count)
            return (head, HTTPBody(bytes))
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
        guard let key = try key(request, metadata: metadata, operationID: operationID) else { return try await next(request, body, metadata) }
        let gzipAccepted = Self.gzipAccepted(request.headerFields[.acceptEncoding])
        if let hit = answers[key] { return hit.response(gzipAccepted: gzipAccepted) }
        let (response, responseBody) = try await next(request, body, metadata)
        guard response.status == .ok, let responseBody else { return (response, responseBody) }
        let bytes = try await [UInt8](collecting: responseBody, upTo: Self.maximumBytes)
        let answer = Answer(head: response, plain: bytes, gzip: compress?(bytes))
        answers.keep(answer, for: key)
        return answer.response(gzipAccepted: gzipAccepted)
    }

    /// The answer's key, or nil when this request is not served from the cache.
    private func key(_ request: HTTPRequest, metadata: ServerRequestMetadata, operationID: String) throws -> String? {
        guard request.method == .get, Self.cachedOperations.contains(operationID), let caller = APICaller.current,
              let reference = metadata.pathParameters["reference"].map(String.init)
        else { return nil }
        // Only a reference that needs no decoding: the key and the side check must name what the handler reads.
        guard !reference.isEmpty, !reference.contains("%"), !reference.contains("\u{0}") else { return nil }
        var number = ""
        if let raw = metadata.pathParameters["number"] {
            guard let parsed = Int(raw) else { return nil }
            number = String(parsed)
        }
        guard let access = try? store.access(of: caller.user, in: reference), let party = access.party else { return nil }
        return [operationID, reference, number, String(caller.user.organisationID), party.rawValue, String(access.generation)].joined(separator: "\u{0}")
    }

    /// Whether `Accept-Encoding` allows gzip (and does not refuse it with `q=0`).
    static func gzipAccepted(_ header: String?) -> Bool {
        guard let header else { return false }
        for part in header.split(separator: ",") {
            let fields = part.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
            guard let coding = fields.first, coding == "gzip" || coding == "*" else { continue }
            let quality = fields.dropFirst().first { $0.hasPrefix("q=") }.flatMap { Double($0.dropFirst(2)) } ?? 1
            return quality > 0
        }
        return false
    }
}
