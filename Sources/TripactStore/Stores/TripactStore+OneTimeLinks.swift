public import Foundation
import TripactCore

/// Why a one-time link cannot be used. Each case is said to the person holding the link, who may not be a user yet.
public enum LinkProblem: Sendable, Equatable, CustomStringConvertible {
    case unknown
    case expired
    case used
    /// A setup link after the first user exists: setup happens once.
    case setupDone

    public var description: String {
        switch self {
        case .unknown: "this link is not valid: check that it was copied whole, or ask for a new one"
        case .expired: "this link has expired and creates no account; ask whoever sent it for a new one"
        case .used: "this link has already been used and works only once; log in, or ask for a new link"
        case .setupDone: "Tripact is already set up: log in, or ask your organisation's admin for an account"
        }
    }
}

/// A usable one-time link, as the page behind it needs it. The token itself is never stored.
public struct OneTimeLink: Sendable, Hashable {
    public enum Purpose: String, Sendable {
        /// Creates the first organisation and its admin on an empty database.
        case setup
        /// Makes the invitee a user of the organisation named in it.
        case invitation
    }

    public let purpose: Purpose
    /// The invitation's organisation and invitee (nil for the setup link).
    public let organisation: String?
    public let email: String?
    public let role: Role?
    /// The name and organisation of the admin who invited (nil for the setup link).
    public let invitedBy: String?
    public let expiresAt: Date
}

/// One-time links: the setup link a new installation prints, and invitations an admin sends to the other side.
/// Each token is 256 random bits shown once; only its SHA-256 is stored. A link works once and until it expires.
extension TripactStore {
    /// A setup link's token when the database has no user yet, nil otherwise. Issuing one revokes earlier unused ones,
    /// so only the link printed last works.
    public func issueSetupLink(lifetime: TimeInterval) throws(StoreError) -> String? {
        let token = Self.randomToken()
        let expires = clock.now().addingTimeInterval(lifetime)
        return try database.transaction { connection throws(StoreError) -> String? in
            guard try Self.userCount(connection) == 0 else { return nil }
            try Database.run(
                connection, "UPDATE one_time_links SET revoked_at = ? WHERE purpose = 'setup' AND used_at IS NULL AND revoked_at IS NULL",
                [.text(clock.timestamp())]
            ) { _ in }
            try Database.run(
                connection, "INSERT INTO one_time_links (token_hash, purpose, created_at, expires_at) VALUES (?, 'setup', ?, ?)",
                [.text(Self.hash(token)), .text(clock.timestamp()), .int(Int(expires.timeIntervalSince1970))]
            ) { _ in }
            try appendAudit(connection, actor: "tripact serve", agreement: nil, action: "setup.link", detail: "setup link issued, valid until \(Self.isoTime(expires))")
            return token
        }
    }

    /// The link of a token when it can still be used for `purpose`; otherwise throws `.unusableLink` saying why.
    public func oneTimeLink(token: String, purpose: OneTimeLink.Purpose) throws(StoreError) -> OneTimeLink {
        try database.withReadConnection { connection throws(StoreError) in try usableLink(connection, token: token, purpose: purpose).link }
    }

    /// Creates the first organisation (or takes the one of that name, which no one can own yet) and its admin through the
    /// setup link, and uses the link up. Refused once any user exists.
    @discardableResult
    public func completeSetup(token: String, organisation: String, email: String, name: String, passwordHash: String) throws(StoreError) -> User {
        let organisation = organisation.trimmingCharacters(in: .whitespaces)
        guard !organisation.isEmpty else { throw .invalidFields([FieldProblem(field: "organisation", message: "enter your organisation's name")]) }
        return try database.transaction { connection throws(StoreError) in
            let (linkID, _) = try usableLink(connection, token: token, purpose: .setup)
            var org = try Self.organisationID(connection, named: organisation)
            if org == nil { org = try insertOrganisation(connection, name: organisation, actor: email) }
            guard let org else { throw StoreError.unknownOrganisation(organisation) }
            let user = try insertUser(connection, organisationID: org, organisationName: organisation, email: email, name: name, role: .admin, passwordHash: passwordHash, actor: email)
            try markUsed(connection, linkID: linkID, by: user)
            try appendAudit(connection, actor: user.email, agreement: nil, action: "setup.complete", detail: "first admin \(user.email) of \(organisation), through the setup link")
            return user
        }
    }

    /// Sets an active user's password (already hashed) and ends their sessions, so a changed password locks out whoever
    /// knew the old one.
    public func setPassword(of email: String, passwordHash: String, actor: String = "cli") throws(StoreError) {
        try database.transaction { connection throws(StoreError) in
            let select = "SELECT id, organisation_id, email, name, role FROM users WHERE email = ? AND removed_at IS NULL"
            guard let user = try Database.query(connection, select, [.text(email)], Self.userRow).first else { throw StoreError.unknownUser(email) }
            try Database.run(connection, "UPDATE users SET password_hash = ? WHERE id = ?", [.text(passwordHash), .int(user.id)]) { _ in }
            try Database.run(connection, "DELETE FROM sessions WHERE user_id = ?", [.int(user.id)]) { _ in }
            try appendAudit(connection, actor: actor, agreement: nil, action: "user.password", detail: "password of \(user.email) set; their sessions ended")
        }
    }

    // MARK: helpers

    /// The link's row id and contents when `token` can be used for `purpose` now.
    private func usableLink(_ connection: Database.Connection, token: String, purpose: OneTimeLink.Purpose) throws(StoreError) -> (id: Int, link: OneTimeLink) {
        guard token.count == 64, token.allSatisfy(\.isHexDigit) else { throw .unusableLink(.unknown) }
        guard let row = try Database.query(
            connection,
            """
            SELECT l.id, o.name, l.email, l.role, u.name, l.expires_at, l.used_at IS NOT NULL, l.revoked_at IS NOT NULL
            FROM one_time_links l LEFT JOIN organisations o ON o.id = l.organisation_id LEFT JOIN users u ON u.id = l.created_by
            WHERE l.token_hash = ? AND l.purpose = ?
            """,
            [.text(Self.hash(token)), .text(purpose.rawValue)],
            { row in
                (
                    id: row.integer(0), used: row.integer(6) != 0, revoked: row.integer(7) != 0,
                    link: OneTimeLink(
                        purpose: purpose, organisation: row.text(1), email: row.text(2), role: row.text(3).flatMap(Role.init(rawValue:)), invitedBy: row.text(4),
                        expiresAt: Date(timeIntervalSince1970: TimeInterval(row.integer(5)))
                    )
                )
            }
        ).first else { throw .unusableLink(.unknown) }
        if row.used { throw .unusableLink(.used) }
        if purpose == .setup, try Self.userCount(connection) > 0 { throw .unusableLink(.setupDone) }
        // A revoked link was replaced by a newer one: to its holder it is as good as expired.
        if row.revoked || row.link.expiresAt <= clock.now() { throw .unusableLink(.expired) }
        return (row.id, row.link)
    }

    private func markUsed(_ connection: Database.Connection, linkID: Int, by user: User) throws(StoreError) {
        try Database.run(connection, "UPDATE one_time_links SET used_at = ?, used_by = ? WHERE id = ?", [.text(clock.timestamp()), .int(user.id), .int(linkID)]) { _ in }
    }

    private static func userCount(_ connection: Database.Connection) throws(StoreError) -> Int {
        try Database.query(connection, "SELECT count(*) FROM users", [], { $0.integer(0) }).first ?? 0
    }

    static func organisationID(_ connection: Database.Connection, named name: String) throws(StoreError) -> Int? {
        try Database.query(connection, "SELECT id FROM organisations WHERE name = ?", [.text(name)], { $0.integer(0) }).first
    }

    static func isoTime(_ date: Date) -> String {
        var formatter = Date.ISO8601FormatStyle()
        formatter.timeZone = TimeZone(identifier: "UTC")!
        return date.formatted(formatter)
    }
}
