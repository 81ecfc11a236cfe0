import Foundation
public import TripactCore

/// The version each user last reviewed of an agreement: the agreement page marks in the text what changed since.
/// Private to the user; the other side never reads it, and it is not a negotiating act, so it is not audited.
extension TripactStore {
    /// The version `user` has reviewed on `reference`: the later of the one they marked and the last one they proposed
    /// themselves (who proposes a version has read the version it was based on, and wrote the rest). Nil for neither.
    public func reviewedVersion(of user: User, in reference: String) throws(StoreError) -> Int? {
        try database.withReadConnection { connection throws(StoreError) in
            let agreement = try Self.agreementRow(connection, reference)
            _ = try agreement.party(of: user)
            return try Database.query(
                connection,
                """
                SELECT MAX(n) FROM (SELECT version AS n FROM reviewed_versions WHERE user_id = ? AND agreement_id = ?
                UNION ALL SELECT MAX(number) AS n FROM versions WHERE agreement_id = ? AND author_id = ?)
                """,
                [.int(user.id), .int(agreement.id), .int(agreement.id), .int(user.id)]
            ) { $0.isNull(0) ? nil : $0.integer(0) }.first ?? nil
        }
    }

    /// Records that the user with `email` has reviewed `version` of `reference`. Any user of either party may, viewers
    /// included; the version must exist, and marking an older one than the last moves the mark back (as asked).
    public func markReviewed(_ reference: String, version: Int, by email: String) throws(StoreError) {
        let user = try self.user(email: email)
        try database.transaction { connection throws(StoreError) in
            let agreement = try Self.agreementRow(connection, reference)
            _ = try agreement.party(of: user)
            guard version >= 1, version <= agreement.head else { throw .unknownVersion(agreement: reference, version: version) }
            try Database.run(
                connection,
                """
                INSERT INTO reviewed_versions (user_id, agreement_id, version, reviewed_at) VALUES (?, ?, ?, ?)
                ON CONFLICT (user_id, agreement_id) DO UPDATE SET version = excluded.version, reviewed_at = excluded.reviewed_at
                """,
                [.int(user.id), .int(agreement.id), .int(version), .text(clock.timestamp())]
            ) { _ in }
        }
    }
}
