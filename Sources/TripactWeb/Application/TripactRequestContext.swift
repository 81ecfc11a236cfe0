public import Hummingbird
import TripactAPI
public import NIOCore
import Foundation
public import TripactStore

/// The request context: Hummingbird's core storage plus the signed-in session, if any.
public struct TripactRequestContext: RequestContext, RemoteAddressRequestContext {
    public var coreContext: CoreRequestContextStorage
    public var session: TripactStore.Session?
    public var sessionToken: String?
    /// The connected peer, for throttling log-ins per client.
    public let remoteAddress: SocketAddress?

    public init(source: Source) {
        coreContext = .init(source: source)
        remoteAddress = source.channel.remoteAddress
    }

    /// Request bodies are capped at 1 MiB; larger ones get 413.
    public var maxUploadSize: Int { 1_048_576 }
}

extension TripactRequestContext {
    /// A path parameter, percent-decoded: a reference such as `accord-café` arrives as `accord-caf%C3%A9`.
    func pathParameter(_ name: String) throws -> String {
        let raw = try parameters.require(name)
        guard HeaderWords.needsDecoding(raw) else { return raw }
        guard let decoded = raw.removingPercentEncoding else { throw HTTPError(.badRequest, message: "the address has a malformed '\(name)'") }
        return decoded
    }
}
