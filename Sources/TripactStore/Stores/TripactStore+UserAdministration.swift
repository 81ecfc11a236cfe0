import Foundation
import TripactCore

/// What an organisation's admins do to its users: change a role, remove a user. An admin acts only within their own
/// organisation (anyone else is an unknown user to them), and an organisation always keeps one admin.
extension TripactStore {
    /// Gives a user of the admin's organisation another role; it applies to their open sessions at once.
    @discardableResult
    public func changeRole(of email: String, to role: Role, by adminEmail: String) throws(StoreError) -> User {
        try database.transaction { connection throws(StoreError) in
            let (admin, user) = try Self.administered(connection, email, by: adminEmail)
            guard user.role != role else { return user }
            if user.role == .admin, role != .admin { try Self.requireAnotherAdmin(connection, besides: user, action: "make '\(email)' \(role.rawValue)") }
            try Database.run(connection, "UPDATE users SET role = ? WHERE id = ?", [.text(role.rawValue), .int(user.id)]) { _ in }
            try appendAudit(connection, actor: admin.email, agreement: nil, action: "user.role", detail: "\(user.email): \(user.role.rawValue) → \(role.rawValue)")
            return User(id: user.id, organisationID: user.organisationID, email: user.email, name: user.name, role: role)
        }
    }

    /// Removes a user: they can no longer sign in, their sessions end now, and their row stays so that their name remains
    /// on the versions, comments and signatures they made.
    public func removeUser(_ email: String, by adminEmail: String) throws(StoreError) {
        try database.transaction { connection throws(StoreError) in
            let (admin, user) = try Self.administered(connection, email, by: adminEmail)
            if user.role == .admin { try Self.requireAnotherAdmin(connection, besides: user, action: "remove '\(email)'") }
            try Database.run(connection, "UPDATE users SET removed_at = ?, password_hash = NULL WHERE id = ?", [.text(clock.timestamp()), .int(user.id)]) { _ in }
            try Database.run(connection, "DELETE FROM sessions WHERE user_id = ?", [.int(user.id)]) { _ in }
            try appendAudit(connection, actor: admin.email, agreement: nil, action: "user.remove", detail: "\(user.email) (\(user.role.rawValue))")
        }
    }

    /// The removed users of an organisation, for the record: their names stay on what they did.
    public func removedUsers(in organisation: String) throws(StoreError) -> [User] {
        let org = try self.organisation(named: organisation)
        return try database.query(
            "SELECT id, organisation_id, email, name, role FROM users WHERE organisation_id = ? AND removed_at IS NOT NULL ORDER BY email", [.int(org.id)], Self.userRow
        )
    }

    /// The acting admin and the active user they administer, both read inside the transaction.
    private static func administered(_ connection: Database.Connection, _ email: String, by adminEmail: String) throws(StoreError) -> (admin: User, user: User) {
        let select = "SELECT id, organisation_id, email, name, role FROM users WHERE email = ? AND removed_at IS NULL"
        guard let admin = try Database.query(connection, select, [.text(adminEmail)], userRow).first else { throw .unknownUser(adminEmail) }
        guard admin.role == .admin else { throw .notPermitted("'\(adminEmail)' is \(admin.role.rawValue); only admins manage users") }
        // A user of another organisation is as unknown to this admin as one that does not exist.
        guard let user = try Database.query(connection, select, [.text(email)], userRow).first, user.organisationID == admin.organisationID else {
            throw .unknownUser(email)
        }
        return (admin, user)
    }

    private static func requireAnotherAdmin(_ connection: Database.Connection, besides user: User, action: String) throws(StoreError) {
        let admins = try Database.query(
            connection, "SELECT count(*) FROM users WHERE organisation_id = ? AND role = 'admin' AND removed_at IS NULL AND id <> ?",
            [.int(user.organisationID), .int(user.id)], { $0.integer(0) }
        ).first ?? 0
        guard admins > 0 else { throw .notPermitted("'\(user.email)' is the organisation's last admin; make another user admin before you \(action)") }
    }
}
