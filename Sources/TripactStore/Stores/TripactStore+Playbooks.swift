import Foundation
public import TripactCore

/// Each organisation's private playbook, one per side it negotiates as. Only the positions that differ from the
/// library's playbook for that side are stored, so an organisation that changed nothing follows the library as it is
/// revised. Reading one side's playbook never involves another organisation's row.
extension TripactStore {
    /// The organisation's playbook for `side`: the library's, with the organisation's own positions laid over it.
    public func playbook(organisationID: Int, side: PartyRole, library: ClauseLibrary) throws(StoreError) -> Playbook {
        let stored = try database.query(
            "SELECT playbook FROM playbooks WHERE organisation_id = ? AND side = ?", [.int(organisationID), .text(side.rawValue)]
        ) { $0.blob(0) }.first
        let base = Playbook.library(library, side: side)
        guard let stored, let changes = PlaybookCodec.decodeStored(stored, library: library), changes.side == side else { return base }
        return base.overlaid(with: changes)
    }

    /// The playbook that judges `reference` for `user`: their organisation's, for the side it takes there; nil when the
    /// user's organisation is not a party (then no playbook is consulted at all).
    public func playbook(for user: User, in reference: String, library: ClauseLibrary) throws(StoreError) -> Playbook? {
        guard let side = try party(of: user, in: reference) else { return nil }
        return try playbook(organisationID: user.organisationID, side: side, library: library)
    }

    /// When and by whom the organisation last changed its playbook for `side`; nil while it follows the library.
    public func playbookChange(organisationID: Int, side: PartyRole) throws(StoreError) -> (by: String, at: String)? {
        try database.query(
            "SELECT u.name, p.updated_at FROM playbooks p JOIN users u ON u.id = p.updated_by WHERE p.organisation_id = ? AND p.side = ?",
            [.int(organisationID), .text(side.rawValue)]
        ) { (by: $0.text(0) ?? "", at: $0.text(1) ?? "") }.first
    }

    /// The sides the organisation takes in its agreements: a brand is controller, a BPO processor, some are both.
    public func sides(organisationID: Int) throws(StoreError) -> [PartyRole] {
        let counts = try database.query(
            "SELECT (SELECT COUNT(*) FROM agreements WHERE controller_id = ?), (SELECT COUNT(*) FROM agreements WHERE processor_id = ?)",
            [.int(organisationID), .int(organisationID)]
        ) { ($0.integer(0), $0.integer(1)) }.first ?? (0, 0)
        return (counts.0 > 0 ? [PartyRole.controller] : []) + (counts.1 > 0 ? [.processor] : [])
    }

    /// Stores `playbook` as the user's organisation's playbook for its side. Only admins and legal users may; the
    /// positions are checked against the library once more, so a playbook built in code cannot store what a file could
    /// not. A playbook equal to the library's removes the row.
    public func savePlaybook(_ playbook: Playbook, by email: String, library: ClauseLibrary) throws(StoreError) {
        let user = try self.user(email: email)
        try user.requireNegotiator("change the organisation's playbook")
        let changes = playbook.differences(from: Playbook.library(library, side: playbook.side))
        let bytes = PlaybookCodec.canonicalJSON(changes)
        do {
            _ = try PlaybookCodec.decode(bytes, library: library)
        } catch {
            throw .invalid("the playbook does not fit the clause library: \(error)")
        }
        try database.transaction { connection throws(StoreError) in
            let organisation = [.int(user.organisationID), .text(playbook.side.rawValue)] as [SQLValue]
            if changes.isEmpty {
                try Database.run(connection, "DELETE FROM playbooks WHERE organisation_id = ? AND side = ?", organisation) { _ in }
            } else {
                try Database.run(
                    connection,
                    """
                    INSERT INTO playbooks (organisation_id, side, playbook, updated_by, updated_at) VALUES (?, ?, ?, ?, ?)
                    ON CONFLICT (organisation_id, side) DO UPDATE SET playbook = excluded.playbook, updated_by = excluded.updated_by, updated_at = excluded.updated_at
                    """,
                    organisation + [.blob(bytes), .int(user.id), .text(clock.timestamp())]
                ) { _ in }
            }
            // The detail says how much differs, never which positions: the log is read by operators, not negotiators.
            try appendAudit(
                connection, actor: email, agreement: nil, action: "playbook.save",
                detail: "\(playbook.side.rawValue) playbook: \(changes.count) position\(changes.count == 1 ? "" : "s") differ from the library"
            )
        }
    }
}
