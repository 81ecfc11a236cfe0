public import Foundation
public import TripactCore

/// Log-in sessions and failed log-ins. Sessions live in the database, never in process memory, so several web
/// processes can share them.
extension TripactStore {
    /// A signed-in session: its user, its CSRF token and when it ends.
    public struct Session: Sendable {
        public let user: User
        public let csrfToken: String
        public let expiresAt: Date
    }

    /// Creates a session and returns its token (shown to the browser once; only its hash is stored).
    public func createSession(for email: String, lifetime: TimeInterval) throws(StoreError) -> (token: String, session: Session) {
        let user = try self.user(email: email)
        let token = Self.randomToken()
        let csrf = Self.randomToken()
        let expires = clock.now().addingTimeInterval(lifetime)
        try database.transaction { connection throws(StoreError) in
            try Database.run(connection, "DELETE FROM sessions WHERE expires_at < ?", [.int(Int(clock.now().timeIntervalSince1970))]) { _ in }
            try Database.run(
                connection, "INSERT INTO sessions (token_hash, user_id, csrf_token, created_at, expires_at) VALUES (?, ?, ?, ?, ?)",
                [.text(Self.hash(token)), .int(user.id), .text(csrf), .text(clock.timestamp()), .int(Int(expires.timeIntervalSince1970))]
            ) { _ in }
            try appendAudit(connection, actor: email, agreement: nil, action: "session.start", detail: "signed in")
        }
        return (token, Session(user: user, csrfToken: csrf, expiresAt: expires))
    }

    /// The live session of a token, or nil when it is unknown or expired.
    public func session(token: String) throws(StoreError) -> Session? {
        let now = Int(clock.now().timeIntervalSince1970)
        return try database.query(
            """
            SELECT u.id, u.organisation_id, u.email, u.name, u.role, s.csrf_token, s.expires_at
            FROM sessions s JOIN users u ON u.id = s.user_id WHERE s.token_hash = ? AND s.expires_at >= ? AND u.removed_at IS NULL
            """,
            [.text(Self.hash(token)), .int(now)]
        ) { row in
            Session(user: Self.userRow(row), csrfToken: row.text(5) ?? "", expiresAt: Date(timeIntervalSince1970: TimeInterval(row.integer(6))))
        }.first
    }

    public func endSession(token: String) throws(StoreError) {
        try database.execute("DELETE FROM sessions WHERE token_hash = ?", [.text(Self.hash(token))])
    }

    /// Records a failed log-in for throttling.
    public func recordLoginFailure(email: String) throws(StoreError) {
        try database.execute("INSERT INTO login_failures (email, at) VALUES (?, ?)", [.text(email), .int(Int(clock.now().timeIntervalSince1970))])
    }

    /// Failed log-ins for an address within the last `window` seconds.
    public func recentLoginFailures(email: String, within window: TimeInterval) throws(StoreError) -> Int {
        let since = Int(clock.now().addingTimeInterval(-window).timeIntervalSince1970)
        return try database.query("SELECT count(*) FROM login_failures WHERE email = ? AND at >= ?", [.text(email), .int(since)]) { $0.integer(0) }.first ?? 0
    }

    public func clearLoginFailures(email: String) throws(StoreError) {
        try database.execute("DELETE FROM login_failures WHERE email = ?", [.text(email)])
    }

    /// Whether the user's organisation is a party to the agreement, and which.
    public func party(of user: User, in reference: String) throws(StoreError) -> PartyRole? {
        try database.withReadConnection { connection throws(StoreError) in
            let row = try Self.agreementRow(connection, reference)
            if user.organisationID == row.controllerID { return .controller }
            if user.organisationID == row.processorID { return .processor }
            return nil
        }
    }

    /// The user's side of the agreement (nil when not a party) and the database's generation (`changeGeneration`),
    /// in one read: the two things a cached page needs before it can be served.
    public func access(of user: User, in reference: String) throws(StoreError) -> (party: PartyRole?, generation: Int) {
        guard let (controllerID, processorID, generation) = try database.query(
            "SELECT controller_id, processor_id, (SELECT coalesce(max(id), 0) FROM audit_events) FROM agreements WHERE reference = ?", [.text(reference)], {
                ($0.integer(0), $0.integer(1), $0.integer(2))
            }
        ).first else { throw .unknownAgreement(reference) }
        let party: PartyRole? = user.organisationID == controllerID ? .controller : user.organisationID == processorID ? .processor : nil
        return (party, generation)
    }

    /// 32 random bytes as hex, from the system's cryptographic generator.
    static func randomToken() -> String {
        var generator = SystemRandomNumberGenerator()
        return (0..<4).map { _ in String(generator.next(), radix: 16) }.map { String(repeating: "0", count: 16 - $0.count) + $0 }.joined()
    }

    static func hash(_ token: String) -> String { DocumentCodec.sha256Hex(Data(token.utf8)) }
}
