public import Foundation
public import TripactCore

/// A signatory link of one's own side that can still be used, as the side's admins and legal users see it.
public struct OpenSignatoryLink: Sendable, Hashable {
    public let id: Int
    public let party: PartyRole
    /// The signatory it was made for, as Annex I named them then.
    public let name: String
    public let email: String
    public let createdByName: String
    public let createdByEmail: String
    public let createdAt: String
    public let expiresAt: Date
}

/// Withdrawing a signatory link before it is used: the users who may make a link (the side's admins and legal users)
/// see their side's open links for the agreement and withdraw one. A withdrawn link answers like an expired one and
/// creates no account. The audit line names the signatory's address and the side as the link's creation does, but no
/// agreement in its agreement column: the other side reads that column's lines, and a withdrawal is the side's own.
extension TripactStore {
    /// The side's links for the agreement that are neither used, withdrawn nor expired, newest first.
    public func openSignatoryLinks(on reference: String, for email: String) throws(StoreError) -> [OpenSignatoryLink] {
        let user = try linkManager(email)
        return try database.withReadConnection { connection throws(StoreError) in
            let agreement = try Self.agreementRow(connection, reference)
            let party = try agreement.party(of: user)
            return try Self.openLinks(connection, agreementID: agreement.id, party: party, now: clock.now())
        }
    }

    /// Withdraws the side's open link `id`; a link of the other side, of another agreement, or already used, withdrawn
    /// or expired is refused as unknown. Returns the withdrawn link.
    @discardableResult
    public func withdrawSignatoryLink(_ id: Int, on reference: String, by email: String) throws(StoreError) -> OpenSignatoryLink {
        let user = try linkManager(email)
        return try database.transaction { connection throws(StoreError) in
            let agreement = try Self.agreementRow(connection, reference)
            let party = try agreement.party(of: user)
            guard let link = try Self.openLinks(connection, agreementID: agreement.id, party: party, now: clock.now()).first(where: { $0.id == id }) else {
                throw StoreError.invalid("your side has no open signatory link \(id) for this agreement: it was used, withdrawn or has expired")
            }
            try Database.run(connection, "UPDATE signatory_links SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL", [.text(clock.timestamp()), .int(id)]) { _ in }
            // The side's own matter: no agreement column, so the agreement's log and exports, which the other side can
            // get, do not carry it (as approvals and drafts); the detail says which agreement, for the side's own reading.
            try appendAudit(
                connection, actor: user.email, agreement: nil, action: "signatory.withdraw",
                detail: "the invitation of \(link.email), the \(party.rawValue)'s signatory of '\(reference)', withdrawn before use; the link no longer opens"
            )
            return link
        }
    }

    /// Who may see and withdraw links: those who may make them.
    private func linkManager(_ email: String) throws(StoreError) -> User {
        let user = try user(email: email)
        guard user.role.mayPropose, user.signingOnly == nil else {
            throw .notPermitted("'\(email)' is \(user.role.rawValue); only admin and legal users manage their side's signatory links")
        }
        return user
    }

    private static func openLinks(_ connection: Database.Connection, agreementID: Int, party: PartyRole, now: Date) throws(StoreError) -> [OpenSignatoryLink] {
        try Database.query(
            connection,
            """
            SELECT l.id, l.party, l.name, l.email, u.name, u.email, l.created_at, l.expires_at
            FROM signatory_links l JOIN users u ON u.id = l.created_by
            WHERE l.agreement_id = ? AND l.party = ? AND l.used_at IS NULL AND l.revoked_at IS NULL AND l.expires_at > ?
            ORDER BY l.id DESC
            """,
            [.int(agreementID), .text(party.rawValue), .int(Int(now.timeIntervalSince1970))]
        ) { row in
            OpenSignatoryLink(
                id: row.integer(0), party: PartyRole(rawValue: row.text(1) ?? "") ?? party, name: row.text(2) ?? "", email: row.text(3) ?? "",
                createdByName: row.text(4) ?? "", createdByEmail: row.text(5) ?? "", createdAt: row.text(6) ?? "",
                expiresAt: Date(timeIntervalSince1970: TimeInterval(row.integer(7)))
            )
        }
    }
}
