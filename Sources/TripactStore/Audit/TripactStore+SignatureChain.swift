import Foundation
import TripactCore

extension TripactStore {
    /// The signatures of a version that the audit chain records exactly as they stand (signer, content hash, time),
    /// each recorded by an event whose own hash holds. A signature row added or altered outside Tripact is left out.
    public func signaturesInChain(_ reference: String, version: Int) throws(StoreError) -> [SignatureEntry] {
        let stored = try signatures(reference, version: version)
        guard !stored.isEmpty else { return [] }
        return try database.withReadConnection { connection throws(StoreError) in
            let agreement = try Self.agreementRow(connection, reference)
            let rows = try Database.query(
                connection, "SELECT party, user_id, content_hash, signed_at FROM signatures WHERE agreement_id = ? AND version = ?", [.int(agreement.id), .int(version)]
            ) { row in (row.text(0) ?? "", [row.fact(1), row.fact(2), row.fact(3)]) }
            let recorded = try Self.rowsInChain(connection, reference: reference, action: "version.sign", table: "signatures")
            let table = AuditedTable.named("signatures")!
            let confirmed = Set(rows.compactMap { party, values -> String? in
                let rowID = table.rowID([String(agreement.id), String(version), party])
                guard let fields = recorded[rowID] else { return nil }
                return [fields["user_id"], fields["content_hash"], fields["signed_at"]] == values ? party : nil
            })
            return stored.filter { confirmed.contains($0.party.rawValue) }
        }
    }

    /// The rows of `table` that the agreement's events of `action` (and a baseline) record, with their fields, from
    /// events whose own hash holds: what the chain vouches for.
    static func rowsInChain(_ connection: Database.Connection, reference: String, action: String, table: String) throws(StoreError) -> [String: [String: String]] {
        var recorded: [String: [String: String]] = [:]
        try Database.run(
            connection,
            """
            SELECT id, at, actor, agreement, action, detail, previous_hash, hash, facts FROM audit_events
            WHERE facts IS NOT NULL AND ((agreement = ? AND action = ?) OR (agreement IS NULL AND action = 'audit.baseline')) ORDER BY id
            """,
            [.text(reference), .text(action)]
        ) { statement throws(StoreError) in
            let row = Row(statement: statement)
            let facts = row.text(8)
            let recomputed = Self.eventHash(
                id: row.integer(0), previous: row.text(6) ?? "", at: row.text(1) ?? "", actor: row.text(2) ?? "", agreement: row.text(3),
                action: row.text(4) ?? "", detail: row.text(5) ?? "", facts: facts
            )
            guard recomputed == row.text(7), let facts, let decoded = try? JSONDecoder().decode(AuditFacts.self, from: Data(facts.utf8)) else { return }
            for (rowID, fields) in decoded.rows where rowID.hasPrefix(table + "(") { recorded[rowID] = fields }
        }
        return recorded
    }

    /// The row id of an agreement, as the audit chain's row names give it (`agreements(id=N)`).
    public func agreementRowID(_ reference: String) throws(StoreError) -> Int {
        try database.withReadConnection { connection throws(StoreError) in try Self.agreementRow(connection, reference).id }
    }
}
