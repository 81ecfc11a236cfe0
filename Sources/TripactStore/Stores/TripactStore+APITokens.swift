public import Foundation
import Synchronization
public import TripactCore

/// What an API token lets its holder do: read, or also negotiate (propose, accept, reject, comment, object, approve).
public enum APITokenScope: String, Sendable, Codable, CaseIterable {
    case read
    case negotiate
}

/// A personal API token as its owner sees it listed; the token itself is never kept, only its SHA-256.
public struct APIToken: Sendable, Hashable {
    public let id: Int
    public let userID: Int
    public let name: String
    public let scope: APITokenScope
    public let createdAt: String
    public let expiresAt: Date
    public let lastUsedAt: String?
    public let revokedAt: String?

    public func isUsable(at now: Date) -> Bool { revokedAt == nil && expiresAt > now }
}

/// Personal API tokens: made by their owner on the web or by an operator with `tripact token create`, answered by the
/// API's bearer authentication, revoked by their owner or an operator. Making and revoking are audited.
extension TripactStore {
    /// The longest a token may live, in days: a forgotten token stops working within a year.
    public static let apiTokenMaximumDays = 365
    /// Every token starts with this, so secret scanners and people can tell one from a password.
    public static let apiTokenPrefix = "tripact_"

    /// Why a bearer token was refused; the API answers 401 for each, and says which.
    public enum APITokenRefusal: Error, Sendable, Equatable, CustomStringConvertible {
        case unknown
        case revoked
        case expired

        public var description: String {
            switch self {
            case .unknown: "the token is not known"
            case .revoked: "the token has been revoked"
            case .expired: "the token has expired"
            }
        }
    }

    /// Makes a token for the user and returns it with its listing; the plain token exists only in the returned value.
    /// The name (1–100 characters) and the lifetime (1–365 days) are checked and refused by field.
    public func createAPIToken(for email: String, name: String, scope: APITokenScope, days: Int, actor: String) throws(StoreError) -> (token: String, listing: APIToken) {
        let user = try self.user(email: email)
        // A token would open the API, which knows nothing of an account limited to signing one agreement.
        guard user.signingOnly == nil else { throw .notPermitted("'\(email)' may only read and sign one agreement; it has no API tokens") }
        let trimmed = name.trimmingCharacters(in: .whitespacesAndNewlines)
        var problems: [FieldProblem] = []
        if trimmed.isEmpty { problems.append(FieldProblem(field: "name", message: "a token needs a name, so you can tell it from your others")) }
        if TextLimit.exceeds(trimmed, 100) { problems.append(FieldProblem(field: "name", message: "a token's name has at most 100 characters")) }
        if !(1...Self.apiTokenMaximumDays).contains(days) {
            problems.append(FieldProblem(field: "days", message: "a token lives from 1 to \(Self.apiTokenMaximumDays) days"))
        }
        guard problems.isEmpty else { throw .invalidFields(problems) }
        let token = Self.apiTokenPrefix + Self.randomToken()
        let created = clock.timestamp()
        let expires = Date(timeIntervalSince1970: (clock.now().timeIntervalSince1970 + Double(days) * 86_400).rounded(.down))
        let id = try database.transaction { connection throws(StoreError) in
            try Database.run(
                connection, "INSERT INTO api_tokens (user_id, name, scope, token_hash, created_at, expires_at) VALUES (?, ?, ?, ?, ?, ?)",
                [.int(user.id), .text(trimmed), .text(scope.rawValue), .text(Self.hash(token)), .text(created), .int(Int(expires.timeIntervalSince1970))]
            ) { _ in }
            let id = try Database.query(connection, "SELECT last_insert_rowid()", []) { $0.integer(0) }[0]
            try appendAudit(connection, actor: actor, agreement: nil, action: "token.create", detail: "token \(id) '\(trimmed)' (\(scope.rawValue), \(days) days) for \(user.email)")
            return id
        }
        return (token, APIToken(id: id, userID: user.id, name: trimmed, scope: scope, createdAt: created, expiresAt: expires, lastUsedAt: nil, revokedAt: nil))
    }

    /// The user's tokens, newest first, revoked and expired ones included (the page shows them as such).
    public func apiTokens(userID: Int) throws(StoreError) -> [APIToken] {
        try database.query(
            "SELECT id, user_id, name, scope, created_at, expires_at, last_used_at, revoked_at FROM api_tokens WHERE user_id = ? ORDER BY id DESC",
            [.int(userID)], Self.apiTokenRow
        )
    }

    /// Revokes a token. With `ownerID`, only that user's token (the web page: another user's token is unknown);
    /// without, any token (the operator's `tripact token revoke`). Revoking twice is refused, naming the token.
    public func revokeAPIToken(id: Int, ownerID: Int?, actor: String) throws(StoreError) {
        try database.transaction { connection throws(StoreError) in
            guard let (owner, revoked) = try Database.query(connection, "SELECT user_id, revoked_at FROM api_tokens WHERE id = ?", [.int(id)], {
                ($0.integer(0), $0.text(1))
            }).first, ownerID == nil || ownerID == owner else { throw StoreError.invalid("unknown API token \(id)") }
            guard revoked == nil else { throw StoreError.invalid("API token \(id) was already revoked") }
            try Database.run(connection, "UPDATE api_tokens SET revoked_at = ? WHERE id = ?", [.text(clock.timestamp()), .int(id)]) { _ in }
            try appendAudit(connection, actor: actor, agreement: nil, action: "token.revoke", detail: "token \(id)")
        }
    }

    /// The user and token a bearer token stands for, or why it is refused. A removed user's tokens are unknown.
    /// The last-used time is written at most once a minute per token, so a busy integration does not turn every read
    /// into a write.
    public func authenticateAPIToken(_ token: String) throws(StoreError) -> Result<(user: User, token: APIToken), APITokenRefusal> {
        guard token.hasPrefix(Self.apiTokenPrefix), token.utf8.count < 200 else { return .failure(.unknown) }
        guard let (user, listing) = try database.query(
            """
            SELECT t.id, t.user_id, t.name, t.scope, t.created_at, t.expires_at, t.last_used_at, t.revoked_at,
                   u.id, u.organisation_id, u.email, u.name, u.role
            FROM api_tokens t JOIN users u ON u.id = t.user_id WHERE t.token_hash = ? AND u.removed_at IS NULL
            """,
            [.text(Self.hash(token))], { row in
                (User(id: row.integer(8), organisationID: row.integer(9), email: row.text(10) ?? "", name: row.text(11) ?? "", role: Role(rawValue: row.text(12) ?? "") ?? .viewer),
                 Self.apiTokenRow(row))
            }
        ).first else { return .failure(.unknown) }
        if listing.revokedAt != nil { return .failure(.revoked) }
        let now = clock.now()
        guard listing.expiresAt > now else { return .failure(.expired) }
        // The last-used time is kept to the minute. Whether a minute has passed is first asked of this process's own
        // memory, so that a busy token costs neither a timestamp parsed and formatted nor a write on each request.
        if tokenUses.needsRecording(tokenID: listing.id, at: now, stored: listing.lastUsedAt.map { Self.secondsBetween($0, now) }) {
            try database.execute("UPDATE api_tokens SET last_used_at = ? WHERE id = ?", [.text(clock.timestamp()), .int(listing.id)])
        }
        return .success((user, listing))
    }

    static func apiTokenRow(_ row: Row) -> APIToken {
        APIToken(
            id: row.integer(0), userID: row.integer(1), name: row.text(2) ?? "", scope: APITokenScope(rawValue: row.text(3) ?? "") ?? .read,
            createdAt: row.text(4) ?? "", expiresAt: Date(timeIntervalSince1970: TimeInterval(row.integer(5))), lastUsedAt: row.text(6), revokedAt: row.text(7)
        )
    }

    /// Seconds from an ISO 8601 timestamp the store wrote to `now`; an unreadable stamp counts as long ago.
    static func secondsBetween(_ stamp: String, _ now: Date) -> TimeInterval {
        guard let then = try? Date(stamp, strategy: Date.ISO8601FormatStyle(includingFractionalSeconds: true)) else { return .infinity }
        return now.timeIntervalSince(then)
    }
}

/// When this process last recorded each token's use, so that the stored last-used time is written at most once a
/// minute per token without reading the stored stamp back on every request.
final class TokenUseRecorder: Sendable {
    private let recorded = Mutex<[Int: Date]>([:])

    /// Whether the use at `now` must be written: a minute after this process last wrote it, or, for a token this process
    /// has not written yet, a minute after the stored stamp (`storedAge`, computed only then; nil when none is stored).
    func needsRecording(tokenID: Int, at now: Date, stored storedAge: @autoclosure () -> TimeInterval?) -> Bool {
        recorded.withLock { recorded in
            // The last recorded use as this process knows it, else as the store has it.
            let last = recorded[tokenID] ?? storedAge().map { now.addingTimeInterval(-$0) }
            guard let last, now.timeIntervalSince(last) < 60 else {
                recorded[tokenID] = now
                return true
            }
            recorded[tokenID] = last
            return false
        }
    }
}
