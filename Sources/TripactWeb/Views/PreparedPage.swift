import Foundation
import HTTPTypes
import Hummingbird
import NIOCore
import TripactStore

/// A page built once and served to every user of the same view: kept as text, with its CSRF markers, and as a gzip
/// template whose fixed pieces are compressed once. A response adds the user's part of the header and their token,
/// compressed or not as the browser asks, without deflating the page again.
struct PreparedPage: Sendable {
    let title: String
    private let head: String
    /// The body's text between its CSRF markers, the header's end before the first and the page's tail after the last.
    private let segments: [String]
    private let gzip: GzipTemplate?

    init(title: String, headLinks: String, body: String) {
        self.title = title
        head = Page.headStart(title: title, headLinks: headLinks)
        var segments = body.components(separatedBy: Page.csrfMarker)
        segments[0] = Page.bodyStart(title: title) + segments[0]
        segments[segments.count - 1] += Page.tail
        self.segments = segments
        // Fixed pieces: the head, then each segment; inserts: the navigation (any length), then a token between
        // segments (all tokens are as long as this one; another length is served uncompressed).
        gzip = GzipTemplate(
            fixed: [Array(head.utf8)] + segments.map { Array($0.utf8) },
            insertLengths: [nil] + Array(repeating: TripactStore.tokenLength, count: segments.count - 1)
        )
    }

    func response(_ request: Request, session: TripactStore.Session?) -> Response {
        let navigation = Array(Page.navigation(session).utf8)
        let token = Array(Page.token(session).utf8)
        var headers = Page.headers()
        headers[.vary] = "Accept-Encoding"
        var buffer = ByteBuffer()
        if let gzip, Gzip.accepted(request.headers[.acceptEncoding]),
            gzip.write(inserting: [navigation] + Array(repeating: token, count: segments.count - 1), into: &buffer)
        {
            headers[.contentEncoding] = "gzip"
        } else {
            buffer.reserveCapacity(head.utf8.count + navigation.count + segments.reduce(0) { $0 + $1.utf8.count + token.count })
            buffer.writeString(head)
            buffer.writeBytes(navigation)
            for (index, segment) in segments.enumerated() {
                if index > 0 { buffer.writeBytes(token) }
                buffer.writeString(segment)
            }
        }
        return Response(status: .ok, headers: headers, body: .init(byteBuffer: buffer))
    }
}
