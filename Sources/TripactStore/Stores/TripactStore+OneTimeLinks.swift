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
        // A withdrawn link is answered with these words too: the holder learns no more than that it no longer works.
        case .expired: "this link is no longer valid: it has expired or was withdrawn, and creates no account; ask whoever sent it for a new one"
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

/// An invitation as its organisation's admins see it in their list (without its token).
public struct InvitationEntry: Sendable, Hashable {
    public enum State: String, Sendable { case pending, accepted, expired, revoked }
    public let email: String
    public let organisation: String
    public let role: Role
    public let invitedBy: String
    public let createdAt: String
    public let expiresAt: Date
    public let state: State
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
        let organisation = organisation.trimmingCharacters(in: .whitespaces).precomposedStringWithCanonicalMapping
        guard !organisation.isEmpty, !TextLimit.exceeds(organisation, 200) else {
            throw .invalidFields([FieldProblem(field: "organisation", message: "enter your organisation's name (at most 200 characters)")])
        }
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

    /// Invites `email` into `organisation`: the admin's own (a colleague), or another, which is created when it does not
    /// exist. Another existing organisation may be named only while it has no user and negotiates with no one but the
    /// admin's organisation: an admin must not be able to enter another organisation's agreements by inviting
    /// themselves. A newer invitation for the same address revokes the older ones. Returns the token, shown once.
    public func invite(email: String, into organisation: String, role: Role, by adminEmail: String, lifetime: TimeInterval) throws(StoreError) -> (token: String, link: OneTimeLink) {
        let email = email.trimmingCharacters(in: .whitespaces)
        let organisation = organisation.trimmingCharacters(in: .whitespaces).precomposedStringWithCanonicalMapping
        var problems: [FieldProblem] = []
        if !Self.isEmail(email) { problems.append(FieldProblem(field: "email", message: "enter the e-mail address of the person you invite")) }
        if organisation.isEmpty || TextLimit.exceeds(organisation, 200) {
            problems.append(FieldProblem(field: "organisation", message: "enter the name of their organisation (at most 200 characters)"))
        }
        guard problems.isEmpty else { throw .invalidFields(problems) }
        let token = Self.randomToken()
        let expires = clock.now().addingTimeInterval(lifetime)
        return try database.transaction { connection throws(StoreError) in
            let select = "SELECT id, organisation_id, email, name, role FROM users WHERE email = ? AND removed_at IS NULL"
            guard let admin = try Database.query(connection, select, [.text(adminEmail)], Self.userRow).first else { throw StoreError.unknownUser(adminEmail) }
            guard admin.role == .admin else { throw StoreError.notPermitted("'\(adminEmail)' is \(admin.role.rawValue); only admins invite") }
            // Only an account of the admin's own organisation is named: whether an address has an account elsewhere
            // must not show here. Such an invitation is created like any other and refused when it is accepted.
            let colleague = "SELECT count(*) FROM users WHERE email = ? AND organisation_id = ?"
            if try Database.query(connection, colleague, [.text(email), .int(admin.organisationID)], { $0.integer(0) }).first ?? 0 > 0 {
                throw StoreError.invalidFields([FieldProblem(field: "email", message: "'\(email)' already has an account in your organisation (or had one); nobody was invited")])
            }
            let org: Int
            if let existing = try Self.organisationID(connection, named: organisation) {
                if existing != admin.organisationID { try Self.requireInvitable(connection, organisation: existing, name: organisation, by: admin) }
                org = existing
            } else {
                org = try insertOrganisation(connection, name: organisation, actor: admin.email)
            }
            try Database.run(
                connection, "UPDATE one_time_links SET revoked_at = ? WHERE purpose = 'invitation' AND email = ? AND used_at IS NULL AND revoked_at IS NULL",
                [.text(clock.timestamp()), .text(email)]
            ) { _ in }
            try Database.run(
                connection,
                "INSERT INTO one_time_links (token_hash, purpose, organisation_id, email, role, created_by, created_at, expires_at) VALUES (?, 'invitation', ?, ?, ?, ?, ?, ?)",
                [.text(Self.hash(token)), .int(org), .text(email), .text(role.rawValue), .int(admin.id), .text(clock.timestamp()), .int(Int(expires.timeIntervalSince1970))]
            ) { _ in }
            try appendAudit(
                connection, actor: admin.email, agreement: nil, action: "invitation.create",
                detail: "\(email) (\(role.rawValue)) invited into \(organisation), valid until \(Self.isoTime(expires))"
            )
            let link = OneTimeLink(purpose: .invitation, organisation: organisation, email: email, role: role, invitedBy: admin.name, expiresAt: expires)
            return (token, link)
        }
    }

    /// Makes the invitee a user of the invitation's organisation, with the name and password they chose, and uses the
    /// invitation up.
    @discardableResult
    public func acceptInvitation(token: String, name: String, passwordHash: String) throws(StoreError) -> User {
        try database.transaction { connection throws(StoreError) in
            let (linkID, link) = try usableLink(connection, token: token, purpose: .invitation)
            guard let email = link.email, let organisation = link.organisation, let orgID = try Self.organisationID(connection, named: organisation) else {
                throw StoreError.unusableLink(.unknown)
            }
            if try !Database.query(connection, "SELECT id FROM users WHERE email = ?", [.text(email)], { $0.integer(0) }).isEmpty {
                throw StoreError.invalidFields([
                    FieldProblem(
                        field: "email",
                        message: "'\(email)' already has a Tripact account, and an address can have only one: log in with it, or ask whoever invited you to invite another address"
                    )
                ])
            }
            let user = try insertUser(
                connection, organisationID: orgID, organisationName: organisation, email: email, name: name, role: link.role ?? .viewer, passwordHash: passwordHash,
                actor: email
            )
            try markUsed(connection, linkID: linkID, by: user)
            try appendAudit(connection, actor: user.email, agreement: nil, action: "invitation.accept", detail: "\(user.email) (\(user.role.rawValue)) joined \(organisation)")
            return user
        }
    }

    /// The invitations the admin's organisation sent, newest first.
    public func invitations(sentBy adminEmail: String) throws(StoreError) -> [InvitationEntry] {
        let admin = try user(email: adminEmail)
        let now = Int(clock.now().timeIntervalSince1970)
        return try database.query(
            """
            SELECT l.email, o.name, l.role, u.name, l.created_at, l.expires_at, l.used_at IS NOT NULL, l.revoked_at IS NOT NULL
            FROM one_time_links l JOIN organisations o ON o.id = l.organisation_id JOIN users u ON u.id = l.created_by
            WHERE l.purpose = 'invitation' AND u.organisation_id = ? ORDER BY l.id DESC
            """,
            [.int(admin.organisationID)]
        ) { row in
            let expires = row.integer(5)
            let state: InvitationEntry.State = row.integer(6) != 0 ? .accepted : row.integer(7) != 0 ? .revoked : expires <= now ? .expired : .pending
            return InvitationEntry(
                email: row.text(0) ?? "", organisation: row.text(1) ?? "", role: Role(rawValue: row.text(2) ?? "") ?? .viewer, invitedBy: row.text(3) ?? "",
                createdAt: row.text(4) ?? "", expiresAt: Date(timeIntervalSince1970: TimeInterval(expires)), state: state
            )
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

    /// The id of the organisation of that name, compared as `organisation(named:)` does (NFC, case folded).
    static func organisationID(_ connection: Database.Connection, named name: String) throws(StoreError) -> Int? {
        if let exact = try Database.query(connection, "SELECT id FROM organisations WHERE name = ?", [.text(name)], { $0.integer(0) }).first { return exact }
        let key = nameKey(name)
        return try Database.query(connection, "SELECT id, name FROM organisations", [], { ($0.integer(0), $0.text(1) ?? "") }).first { nameKey($0.1) == key }?.0
    }

    /// An existing organisation can receive an invitation only when it has no user yet and is a party only to agreements
    /// with the admin's own organisation.
    private static func requireInvitable(_ connection: Database.Connection, organisation: Int, name: String, by admin: User) throws(StoreError) {
        let refuse = StoreError.invalidFields([
            FieldProblem(field: "organisation", message: "'\(name)' already has its own users or negotiates with others; its admins add their colleagues themselves")
        ])
        guard organisation != admin.organisationID else { throw refuse }
        let users = try Database.query(connection, "SELECT count(*) FROM users WHERE organisation_id = ?", [.int(organisation)], { $0.integer(0) }).first ?? 0
        let others = try Database.query(
            connection, "SELECT count(*) FROM agreements WHERE (controller_id = ?1 AND processor_id <> ?2) OR (processor_id = ?1 AND controller_id <> ?2)",
            [.int(organisation), .int(admin.organisationID)], { $0.integer(0) }
        ).first ?? 0
        guard users == 0, others == 0 else { throw refuse }
    }

    static func isoTime(_ date: Date) -> String {
        var formatter = Date.ISO8601FormatStyle()
        formatter.timeZone = TimeZone(identifier: "UTC")!
        return date.formatted(formatter)
    }
}
