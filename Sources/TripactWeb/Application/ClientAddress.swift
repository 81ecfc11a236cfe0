import Foundation
import HTTPTypes
import Hummingbird
import NIOCore

/// The address a request came from, as log-in throttling counts it and a signature records it: the connected peer,
/// or, when that peer is a proxy the operator named (`tripact serve --trusted-proxy`), the nearest address in its
/// `X-Forwarded-For` that is not itself a trusted proxy. Only a trusted proxy's header is read, so a client cannot
/// pass itself off as another address by sending one.
public enum ClientAddress {
    static let forwardedFor = HTTPField.Name("X-Forwarded-For")!
    /// Longer than any written address with a port; anything longer is not read.
    private static let maximumLength = 64

    static func of(_ request: Request, _ context: TripactRequestContext, trusting proxies: Set<String>) -> String? {
        let peer = context.remoteAddress.map { $0.ipAddress ?? $0.description }
        return resolve(peer: peer, forwardedFor: request.headers[values: forwardedFor], trusting: proxies)
    }

    /// Walks the header from the nearest hop outwards while each hop is a trusted proxy. A hop that is not an IP
    /// address ends the walk at the last address known good.
    public static func resolve(peer: String?, forwardedFor: [String], trusting proxies: Set<String>) -> String? {
        guard let peer, proxies.contains(peer) else { return peer }
        let hops = forwardedFor.flatMap { $0.split(separator: ",") }.map { $0.trimmingCharacters(in: .whitespaces) }
        var nearest = peer
        for hop in hops.reversed() {
            guard let address = normalised(hop) else { return nearest }
            nearest = address
            if !proxies.contains(address) { return address }
        }
        return nearest
    }

    /// An IPv4 or IPv6 address in its usual written form, without brackets or port; nil for anything else.
    public static func normalised(_ text: String) -> String? {
        guard !text.isEmpty, text.utf8.count <= maximumLength else { return nil }
        var host = Substring(text)
        if host.hasPrefix("[") {
            guard let close = host.firstIndex(of: "]") else { return nil }
            host = host[host.index(after: host.startIndex)..<close]
        } else if host.filter({ $0 == ":" }).count == 1, let colon = host.firstIndex(of: ":") {
            host = host[..<colon]
        }
        guard let address = try? SocketAddress(ipAddress: String(host), port: 0) else { return nil }
        return address.ipAddress
    }
}
