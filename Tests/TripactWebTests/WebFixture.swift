import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdBcrypt
import HummingbirdTesting
import Synchronization
import TripactCore
import TripactStore
import TripactTestSupport
import TripactWeb

/// A clock the test moves by hand.
final class ManualClock: Sendable {
    private let current = Mutex(Date(timeIntervalSince1970: 1_790_000_000))
    var now: Date { current.withLock { $0 } }
    func advance(_ seconds: TimeInterval) { current.withLock { $0 = $0.addingTimeInterval(seconds) } }
    var storeClock: StoreClock { StoreClock { [self] in self.now } }
}

/// Three organisations (the two parties and an outsider), a user of each role, and the full example imported.
struct WebFixture {
    static let password = "correct horse battery"
    static let controller = "Lumen Télécom SA"
    static let processor = "Atlantis Relation Client SAS"
    static let outsider = "Other Brand SA"
    let store: TripactStore
    let configuration: WebConfiguration
    let clock = ManualClock()
    let reference: String
    /// The Annex I signatory of each side ("controller", "processor"), a legal user of that side: only they sign.
    let signatories: [String: String]

    /// `role@side.example`, e.g. `legal@controller.example`, `viewer@outsider.example`.
    static func email(_ role: Role, _ side: String) -> String { "\(role.rawValue)@\(side).example" }

    /// `signatoriesAreUsers`: each Annex I signatory gets a legal account of their side (off to test inviting them).
    init(document: AgreementDocument = Fixtures.example("full-scenario.json"), signatoriesAreUsers: Bool = true) throws {
        let path = Fixtures.temporaryDirectory().appendingPathComponent("web.sqlite").path
        store = try TripactStore(path: path, clock: clock.storeClock)
        let hash = Bcrypt.hash(Self.password, cost: 4)
        for (side, organisation) in [("controller", Self.controller), ("processor", Self.processor), ("outsider", Self.outsider)] {
            try store.addOrganisation(name: organisation)
            for role in Role.allCases {
                try store.addUser(email: Self.email(role, side), name: "\(role.rawValue) of \(side)", organisation: organisation, role: role, passwordHash: hash)
            }
        }
        var signatories: [String: String] = [:]
        for role in PartyRole.allCases {
            guard let named = document.parties[role].signatory, let email = named.email, !email.isEmpty else { continue }
            signatories[role.rawValue] = email
            if signatoriesAreUsers, (try? store.user(email: email)) == nil {
                try store.addUser(email: email, name: named.name, organisation: role == .controller ? Self.controller : Self.processor, role: .legal, passwordHash: hash)
            }
        }
        self.signatories = signatories
        try store.importAgreement(document, controller: Self.controller, processor: Self.processor, by: Self.email(.legal, "processor"))
        reference = document.id
        configuration = WebConfiguration(
            databasePath: path, library: Fixtures.library, bcryptCost: 4, loginThrottle: LoginThrottle(perClientAndAccount: 3, window: 600), clock: clock.storeClock
        )
    }

    var application: some ApplicationProtocol {
        Application(router: buildRouter(store: store, configuration: configuration))
    }

    /// The signatory of a side ("controller", "processor") as Annex I names them.
    func signatory(_ side: String) -> String { signatories[side] ?? "" }

    /// A signed-in session of a side's signatory.
    func signatorySession(_ side: String) throws -> (cookie: String, csrf: String) {
        let (token, session) = try store.createSession(for: signatory(side), lifetime: configuration.sessionLifetime)
        return ("tripact_session=\(token)", session.csrfToken)
    }

    /// A signed-in browser's session cookie and CSRF token, made through the store as the log-in route would.
    func session(_ role: Role, _ side: String) throws -> (cookie: String, csrf: String) {
        let (token, session) = try store.createSession(for: Self.email(role, side), lifetime: configuration.sessionLifetime)
        return ("tripact_session=\(token)", session.csrfToken)
    }
}

extension TestClientProtocol {
    func get(_ uri: String, cookie: String? = nil) async throws -> TestResponse {
        var headers = HTTPFields()
        if let cookie { headers[.cookie] = cookie }
        return try await executeRequest(uri: uri, method: .get, headers: headers, body: nil)
    }

    func post(_ uri: String, form: [(String, String)], cookie: String? = nil) async throws -> TestResponse {
        var headers = HTTPFields()
        headers[.contentType] = "application/x-www-form-urlencoded"
        if let cookie { headers[.cookie] = cookie }
        let body = form.map { "\(Self.encode($0.0))=\(Self.encode($0.1))" }.joined(separator: "&")
        return try await executeRequest(uri: uri, method: .post, headers: headers, body: ByteBuffer(string: body))
    }

    /// Posts a form as a user does who then sends their side's draft from its review page: a form that changes the
    /// agreement saves into the draft and answers with the review page; the draft is then sent with the form's message
    /// as its cover message, and the send's answer is returned. Any other answer (a 422, a 403) is returned as it is.
    func propose(_ uri: String, form: [(String, String)], cookie: String? = nil) async throws -> TestResponse {
        let saved = try await post(uri, form: form, cookie: cookie)
        guard saved.status == .seeOther, let review = saved.headers[.location], review.hasSuffix("/draft") else { return saved }
        let csrf = form.first { $0.0 == "_csrf" }?.1 ?? ""
        // The form's own message, else the cover message the review page suggests (the editors' notes), as a user sends it.
        var message = form.first { $0.0 == "message" }?.1 ?? ""
        if message.isEmpty {
            let page = try await get(review, cookie: cookie).text
            if let open = page.range(of: "name=\"message\" rows=\"4\" maxlength=\"2000\">"), let close = page.range(of: "</textarea>", range: open.upperBound..<page.endIndex) {
                message = String(page[open.upperBound..<close.lowerBound]).replacingOccurrences(of: "&#39;", with: "'").replacingOccurrences(of: "&amp;", with: "&")
            }
        }
        return try await post(review + "/send", form: [("_csrf", csrf), ("message", message.isEmpty ? "sent from a form" : message)], cookie: cookie)
    }

    static func encode(_ text: String) -> String {
        text.addingPercentEncoding(withAllowedCharacters: CharacterSet(charactersIn: "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_.~")) ?? text
    }
}

extension TestResponse {
    var text: String { String(buffer: body) }
    var location: String? { headers[.location] }
    var setCookies: [String] { headers[values: .setCookie] }
}
