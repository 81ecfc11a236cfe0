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
            SELECT u.id, u.organisation_id, u.email, u.name, u.role, s.csrf_token, s.expires_at,
                (SELECT agreement_id FROM signing_accounts WHERE user_id = u.id)
            FROM sessions s JOIN users u ON u.id = s.user_id WHERE s.token_hash = ? AND s.expires_at >= ? AND u.removed_at IS NULL
            """,
            [.text(Self.hash(token)), .int(now)]
        ) { row in
            var user = Self.userRow(row)
            user.signingOnly = row.isNull(7) ? nil : row.integer(7)
            return Session(user: user, csrfToken: row.text(5) ?? "", expiresAt: Date(timeIntervalSince1970: TimeInterval(row.integer(6))))
        }.first
    }

    public func endSession(token: String) throws(StoreError) {
        try database.execute("DELETE FROM sessions WHERE token_hash = ?", [.text(Self.hash(token))])
    }

    /// Decides whether a log-in attempt may go ahead and, if so, records it as a failure until `loginSucceeded` says
    /// otherwise. Counting and recording are one write transaction, so parallel guesses cannot all pass the check
    /// before any of them is counted. Returns the attempt's ticket when it may proceed.
    public func beginLoginAttempt(email: String, client: String, throttle: LoginThrottle) throws(StoreError) -> (ticket: Int?, decision: LoginThrottle.Decision) {
        let now = Int(clock.now().timeIntervalSince1970)
        let since = now - throttle.window
        return try database.transaction { connection throws(StoreError) in
            try Database.run(connection, "DELETE FROM login_failures WHERE at < ?", [.int(since)]) { _ in }
            let (pair, account, latest) = try Database.query(
                connection, "SELECT count(CASE WHEN client = ? THEN 1 END), count(*), max(at) FROM login_failures WHERE email = ?", [.text(client), .text(email)]
            ) { ($0.integer(0), $0.integer(1), $0.isNull(2) ? nil : $0.integer(2)) }[0]
            let fromClient = try Database.query(connection, "SELECT count(*) FROM login_failures WHERE client = ?", [.text(client)]) { $0.integer(0) }[0]
            let decision = throttle.decide(
                LoginThrottle.Counts(clientOnAccount: pair, client: fromClient, account: account, sinceLastAccountFailure: latest.map { now - $0 })
            )
            guard decision == .proceed else { return (nil, decision) }
            try Database.run(connection, "INSERT INTO login_failures (email, client, at) VALUES (?, ?, ?)", [.text(email), .text(client), .int(now)]) { _ in }
            return (try Database.query(connection, "SELECT last_insert_rowid()", []) { $0.integer(0) }[0], decision)
        }
    }

    /// The attempt succeeded: it and this client's earlier failures on the account no longer count. Failures from other
    /// addresses stay, so a guesser elsewhere is not given a fresh start by the real user's log-in.
    public func loginSucceeded(ticket: Int, email: String, client: String) throws(StoreError) {
        try database.transaction { connection throws(StoreError) in
            try Database.run(connection, "DELETE FROM login_failures WHERE id = ? OR (email = ? AND client = ?)", [.int(ticket), .text(email), .text(client)]) { _ in }
        }
    }

    /// Whether the user's organisation is a party to the agreement, and which.
    public func party(of user: User, in reference: String) throws(StoreError) -> PartyRole? {
        try database.withReadConnection { connection throws(StoreError) in
            let row = try Self.agreementRow(connection, reference)
            guard user.reaches(row.id) else { return nil }
            if user.organisationID == row.controllerID { return .controller }
            if user.organisationID == row.processorID { return .processor }
            return nil
        }
    }

    /// The user's side of the agreement (nil when not a party) and the database's generation (`changeGeneration`),
    /// in one read: the two things a cached page needs before it can be served.
    public func access(of user: User, in reference: String) throws(StoreError) -> (party: PartyRole?, generation: Int) {
        guard let (controllerID, processorID, generation, id) = try database.query(
            "SELECT controller_id, processor_id, (SELECT coalesce(max(id), 0) FROM audit_events), id FROM agreements WHERE reference = ?", [.text(reference)], {
                ($0.integer(0), $0.integer(1), $0.integer(2), $0.integer(3))
            }
        ).first else { throw .unknownAgreement(reference) }
        guard user.reaches(id) else { return (nil, generation) }
        let party: PartyRole? = user.organisationID == controllerID ? .controller : user.organisationID == processorID ? .processor : nil
        return (party, generation)
    }

    /// The length of every session and CSRF token: a cached page is compressed knowing how long its tokens will be.
    public static let tokenLength = 64

    /// 32 random bytes as hex (`tokenLength` characters), from the system's cryptographic generator.
    static func randomToken() -> String {
        var generator = SystemRandomNumberGenerator()
        return (0..<4).map { _ in String(generator.next(), radix: 16) }.map { String(repeating: "0", count: 16 - $0.count) + $0 }.joined()
    }

    static func hash(_ token: String) -> String { DocumentCodec.sha256Hex(Data(token.utf8)) }
}
