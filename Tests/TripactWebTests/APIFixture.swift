import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import TripactCore
import TripactStore
import TripactWeb

/// Requests to the JSON API through the real router, with a bearer token.
extension TestClientProtocol {
    func api(_ method: HTTPRequest.Method, _ path: String, token: String?, json: Any? = nil, cookie: String? = nil) async throws -> TestResponse {
        var headers = HTTPFields()
        if let token { headers[.authorization] = "Bearer \(token)" }
        if let cookie { headers[.cookie] = cookie }
        var body: ByteBuffer?
        if let json {
            headers[.contentType] = "application/json"
            body = ByteBuffer(bytes: try JSONSerialization.data(withJSONObject: json))
        }
        return try await executeRequest(uri: "/api/v1" + path, method: method, headers: headers, body: body)
    }
}

extension TestResponse {
    /// The body as JSON (an object or an array); fails the test when it is not JSON.
    func json() throws -> Any { try JSONSerialization.jsonObject(with: Data(text.utf8)) }

    /// The `message` and the field paths of an error body.
    func problem() throws -> (message: String, paths: [String], head: Int?) {
        let object = try json() as? [String: Any] ?? [:]
        let paths = (object["errors"] as? [[String: Any]] ?? []).compactMap { $0["path"] as? String }
        return (object["message"] as? String ?? "", paths, object["head"] as? Int)
    }
}

extension WebFixture {
    /// A token for `role@side.example`, made through the store as the token page makes it.
    func token(_ role: Role, _ side: String, scope: APITokenScope, days: Int = 30) throws -> String {
        try store.createAPIToken(for: Self.email(role, side), name: "\(role.rawValue) \(scope.rawValue)", scope: scope, days: days, actor: Self.email(role, side)).token
    }

    /// The same fixture's application with another rate limit for the API.
    func application(rateLimit: RequestRateLimit) -> some ApplicationProtocol {
        var configuration = configuration
        configuration.apiRateLimit = rateLimit
        return Application(router: buildRouter(store: store, configuration: configuration))
    }
}
