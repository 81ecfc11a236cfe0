public import Hummingbird

/// A route as registered: its method and path pattern (`agreements/:reference/items/:item`).
public struct RouteDescription: Sendable, Hashable, CustomStringConvertible {
    public let method: HTTPRequest.Method
    public let path: String
    public var description: String { "\(method) /\(path)" }
}

/// Registers routes on the router and keeps the list of them, so that the route tests can walk every route the
/// application serves and fail when one is added without its access, CSRF and escaping checks.
final class Routes {
    private let router: Router<TripactRequestContext>
    private(set) var all: [RouteDescription] = []

    init(router: Router<TripactRequestContext>) { self.router = router }

    func get(_ path: String, use handler: @escaping @Sendable (Request, TripactRequestContext) async throws -> some ResponseGenerator) {
        all.append(RouteDescription(method: .get, path: path))
        router.get(RouterPath(path), use: handler)
    }

    func post(_ path: String, use handler: @escaping @Sendable (Request, TripactRequestContext) async throws -> some ResponseGenerator) {
        all.append(RouteDescription(method: .post, path: path))
        router.post(RouterPath(path), use: handler)
    }
}
