import Foundation
public import TripactCore

/// Versions made by the agreement's own procedures (settled notices, approvals) and the signatures they carry over.
extension TripactStore {
    /// The procedural updates of an agreement, by the version each made, oldest first. With `inChainOnly`, only those
    /// whose row the audit chain records exactly as it stands: a row written outside Tripact never carries a signature.
    public func proceduralUpdates(_ reference: String, inChainOnly: Bool = true) throws(StoreError) -> [ProceduralUpdate] {
        try database.withReadConnection { connection throws(StoreError) in
            let agreement = try Self.agreementRow(connection, reference)
            let rows = try Database.query(
                connection,
                """
                SELECT p.version, p.base, p.notice_id, p.clause, p.clause_number, p.applied_on, v.content_hash
                FROM procedural_versions p JOIN versions v ON v.agreement_id = p.agreement_id AND v.number = p.version
                WHERE p.agreement_id = ? ORDER BY p.version
                """,
                [.int(agreement.id)]
            ) { row in (version: row.integer(0), facts: [row.fact(1), row.fact(2), row.fact(3), row.fact(4), row.fact(5)], hash: row.text(6) ?? "") }
            let recorded = inChainOnly ? try Self.rowsInChain(connection, reference: reference, action: "version.register", table: "procedural_versions") : [:]
            let table = AuditedTable.named("procedural_versions")!
            var updates: [ProceduralUpdate] = []
            for row in rows {
                if inChainOnly {
                    guard let fields = recorded[table.rowID([String(agreement.id), String(row.version)])],
                        table.fields.map({ fields[$0] }) == row.facts
                    else { continue }
                }
                let noticeID = Int(row.facts[1] ?? "") ?? 0
                let notice = try Self.notice(connection, id: noticeID)
                let kind: ProceduralUpdate.Kind =
                    switch notice.kind {
                    case .approvalRequest: .approval
                    case .information: .information
                    case .notice: .notice
                    }
                updates.append(
                    ProceduralUpdate(
                        version: row.version, base: Int(row.facts[0] ?? "") ?? 0, contentHash: row.hash, kind: kind, notice: noticeID, clause: row.facts[2] ?? "",
                        clauseNumber: Int(row.facts[3] ?? "") ?? 0, day: row.facts[4] ?? "", summary: notice.summary
                    )
                )
            }
            return updates
        }
    }

    /// When `number` was made from a signed version by procedures only: that version, its signatures as the chain
    /// records them, and the updates since (oldest first, `number` last). Nil otherwise.
    func carriedSignatures(_ reference: String, version number: Int) throws(StoreError) -> (signed: Version, signatures: [SignatureEntry], updates: [ProceduralUpdate])? {
        let byVersion = Dictionary(try proceduralUpdates(reference).map { ($0.version, $0) }, uniquingKeysWith: { first, _ in first })
        var updates: [ProceduralUpdate] = []
        var current = number
        while let update = byVersion[current], update.base < current {
            updates.insert(update, at: 0)
            current = update.base
        }
        guard !updates.isEmpty else { return nil }
        let signatures = try signaturesInChain(reference, version: current)
        guard Set(signatures.map(\.party)).count == PartyRole.allCases.count else { return nil }
        return (try version(reference, number: current), signatures, updates)
    }
}
