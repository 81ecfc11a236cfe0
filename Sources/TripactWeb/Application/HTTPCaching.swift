import Foundation
import HTTPTypes
import Hummingbird
import TripactCore

extension WebConfiguration {
    /// The address a link must carry outside the browser (an invitation sent by e-mail, a feed read by a feed reader):
    /// the host the request reached, then the path; https when the server is reached over TLS.
    func absolute(_ path: String, request: Request) -> String {
        let scheme = marksCookiesSecure ? "https" : "http"
        let authority = request.head.authority ?? "\(host):\(port)"
        return "\(scheme)://\(authority)\(path)"
    }
}

/// Conditional GET for public documents that feed readers poll: an `ETag` from the bytes, `Last-Modified` from the
/// newest change, and 304 Not Modified when the reader already has them.
enum HTTPCaching {
    static func response(_ body: String, contentType: String, lastModified: Date, request: Request) -> Response {
        let bytes = Data(body.utf8)
        let tag = "\"" + DocumentCodec.sha256Hex(bytes).prefix(32) + "\""
        var headers = HTTPFields()
        headers[.eTag] = tag
        headers[.lastModified] = httpDate(lastModified)
        headers[.cacheControl] = "public, max-age=300"
        let unchangedTag = request.headers[.ifNoneMatch].map { value in value.split(separator: ",").contains { $0.trimmingCharacters(in: .whitespaces) == tag } }
        let unchangedDate = request.headers[.ifModifiedSince].flatMap(parseHTTPDate).map { Int(lastModified.timeIntervalSince1970) <= Int($0.timeIntervalSince1970) }
        if unchangedTag ?? unchangedDate ?? false { return Response(status: .notModified, headers: headers) }
        headers[.contentType] = contentType
        return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: bytes)))
    }

    private static func formatter() -> DateFormatter {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "GMT")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss 'GMT'"
        return formatter
    }

    static func httpDate(_ date: Date) -> String { formatter().string(from: date) }

    static func parseHTTPDate(_ text: String) -> Date? { formatter().date(from: text) }

    /// Our stored timestamps (ISO 8601, UTC, with or without fractional seconds) as dates.
    static func date(_ timestamp: String) -> Date? {
        (try? Date(timestamp, strategy: Date.ISO8601FormatStyle(includingFractionalSeconds: true))) ?? (try? Date(timestamp, strategy: Date.ISO8601FormatStyle()))
    }
}
