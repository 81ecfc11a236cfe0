public import Hummingbird
import TripactStore

/// A route as registered: its method and path pattern (`agreements/:reference/items/:item`).
public struct RouteDescription: Sendable, Hashable, CustomStringConvertible {
    public let method: HTTPRequest.Method
    public let path: String
    public var description: String { "\(method) /\(path)" }
}

/// Registers routes on the router by their `SiteRoute` and keeps the list of them, so that the route tests can walk
/// every route the application serves and fail when one is added without its access, CSRF and escaping checks.
///
/// Signing in is this registrar's job, not the handlers': a route that is not open runs its handler only with a
/// session, which it is handed (`SignIn` decides); without one, the browser goes to the log-in page.
final class Routes {
    typealias Session = TripactStore.Session
    private let router: Router<TripactRequestContext>
    private let store: TripactStore
    private(set) var all: [RouteDescription] = []

    init(router: Router<TripactRequestContext>, store: TripactStore) {
        self.router = router
        self.store = store
    }

    /// A route for signed-in users; the handler receives the session.
    func get(_ route: SiteRoute, use handler: @escaping @Sendable (Request, TripactRequestContext, Session) async throws -> some ResponseGenerator) {
        add(.get, route, signedIn: handler)
    }

    func post(_ route: SiteRoute, use handler: @escaping @Sendable (Request, TripactRequestContext, Session) async throws -> some ResponseGenerator) {
        add(.post, route, signedIn: handler)
    }

    /// A route anyone may reach; a session, if there is one, is in the context.
    func getOpen(_ route: SiteRoute, use handler: @escaping @Sendable (Request, TripactRequestContext) async throws -> some ResponseGenerator) {
        add(.get, route, open: handler)
    }

    func postOpen(_ route: SiteRoute, use handler: @escaping @Sendable (Request, TripactRequestContext) async throws -> some ResponseGenerator) {
        add(.post, route, open: handler)
    }

    private func add(_ method: HTTPRequest.Method, _ route: SiteRoute, open handler: @escaping @Sendable (Request, TripactRequestContext) async throws -> some ResponseGenerator) {
        precondition(route.access == .open, "\(route) needs a signed-in user: register it with get or post")
        all.append(RouteDescription(method: method, path: route.pattern))
        router.on(RouterPath(route.pattern), method: method, use: handler)
    }

    private func add(
        _ method: HTTPRequest.Method, _ route: SiteRoute, signedIn handler: @escaping @Sendable (Request, TripactRequestContext, Session) async throws -> some ResponseGenerator
    ) {
        precondition(route.access != .open, "\(route) is open: register it with getOpen or postOpen")
        all.append(RouteDescription(method: method, path: route.pattern))
        let store = store
        router.on(RouterPath(route.pattern), method: method) { request, context -> Response in
            switch try SignIn.decide(route, method: method, context: context, store: store) {
            case .admit(let session): return try await handler(request, context, session).response(from: request, context: context)
            case .redirect(let target): return .redirect(to: target, type: .normal)
            }
        }
    }
}

/// Who may run a route's handler: a route that is not open needs a live session, and an account made only to sign
/// one agreement reaches only the routes its `SiteRoute.Access` allows, on that agreement. A route added later is
/// closed to such an account unless its access says otherwise.
enum SignIn {
    enum Decision {
        case admit(TripactStore.Session)
        case redirect(String)
    }

    static func decide(_ route: SiteRoute, method: HTTPRequest.Method, context: TripactRequestContext, store: TripactStore) throws -> Decision {
        guard let session = context.session else { return .redirect(SiteRoute.login.link()) }
        guard let agreementID = session.user.signingOnly else { return .admit(session) }
        let reference = try store.reference(ofAgreement: agreementID)
        if route == .dashboard, method == .get { return .redirect(SiteRoute.sign.link(reference)) }
        guard route.access == .signingAccountsToo, try context.pathParameter("reference") == reference else {
            throw HTTPError(.forbidden, message: "This account was made for signing one agreement, \(reference): it can read and sign that agreement only.")
        }
        return .admit(session)
    }
}
