import Foundation
import TripactCore

/// `tripact audit verify`: the chain itself, then every audited row against what the chain says it holds.
extension TripactStore {
    /// Walks the whole chain and names every row where it breaks, then replays the facts the events carry and names
    /// every audited row (table, row, field) that disagrees with them. Reads one consistent snapshot of the file.
    public func verifyAudit() throws(StoreError) -> AuditVerification {
        try database.withReadConnection { connection throws(StoreError) in
            try Database.run(connection, "BEGIN", []) { _ in }
            defer { sqlite3Rollback(connection) }
            var problems: [String] = []
            var expected: [String: [String: String]] = [:]
            var counts: [String: Int] = [:]
            var events = 0
            var expectedPrevious = Self.genesisHash
            var previousID = 0
            try Database.run(connection, "SELECT id, at, actor, agreement, action, detail, previous_hash, hash, facts FROM audit_events ORDER BY id", []) { statement throws(StoreError) in
                let row = Row(statement: statement)
                let id = row.integer(0)
                let action = row.text(4) ?? ""
                let previous = row.text(6) ?? ""
                let facts = row.text(8)
                events += 1
                counts[action, default: 0] += 1
                if id != previousID + 1 {
                    problems.append(id > previousID + 1 ? "audit rows \(previousID + 1)–\(id - 1) are missing before row \(id) (deleted)" : "audit row \(id) is out of order")
                }
                if previous != expectedPrevious {
                    problems.append("audit row \(id) does not follow the row before it: its previous hash does not match (a row was deleted or inserted before it)")
                }
                let recomputed = Self.eventHash(
                    id: id, previous: previous, at: row.text(1) ?? "", actor: row.text(2) ?? "", agreement: row.text(3), action: action, detail: row.text(5) ?? "",
                    facts: facts
                )
                let hash = row.text(7) ?? ""
                if recomputed != hash { problems.append("audit row \(id) was altered: its content does not match its hash") }
                if let facts {
                    if let decoded = try? JSONDecoder().decode(AuditFacts.self, from: Data(facts.utf8)) {
                        for (rowID, fields) in decoded.rows { expected[rowID] = fields }
                        for rowID in decoded.deleted { expected[rowID] = nil }
                    } else {
                        problems.append("audit row \(id) carries unreadable facts")
                    }
                }
                expectedPrevious = hash
                previousID = id
            }
            var rows = 0
            var contentHashes: [String: String] = [:]
            for table in AuditedTable.all {
                try Database.run(connection, table.selectSQL, []) { statement throws(StoreError) in
                    let row = Row(statement: statement)
                    let keys = table.keyValues(of: row)
                    let rowID = table.rowID(keys)
                    let fields = table.fields(of: row)
                    rows += 1
                    problems += Self.intrinsicProblems(table: table, rowID: rowID, keys: keys, fields: fields, contentHashes: &contentHashes)
                    guard let recorded = expected.removeValue(forKey: rowID) else {
                        problems.append("\(rowID) is not in the audit chain: it was written outside Tripact")
                        return
                    }
                    for field in table.fields where fields[field] != recorded[field] {
                        problems.append("\(rowID): \(field) is \(Self.shown(fields[field])), the audit chain says \(Self.shown(recorded[field]))")
                    }
                }
            }
            for rowID in expected.keys.sorted() { problems.append("\(rowID) is in the audit chain but not in the database: it was deleted outside Tripact") }
            return AuditVerification(events: events, problems: problems, eventsByAction: counts, rowsChecked: rows)
        }
    }

    /// What a row must hold whatever the chain says: a version's bytes hash to its content hash, and a signature
    /// names the content hash of the version it signs. Versions are read before signatures (`AuditedTable.all`).
    private static func intrinsicProblems(table: AuditedTable, rowID: String, keys: [String], fields: [String: String], contentHashes: inout [String: String])
        -> [String]
    {
        switch table.name {
        case "versions":
            let hash = fields["content_hash"] ?? ""
            contentHashes[keys.joined(separator: "#")] = hash
            return fields["document"] == "sha256:" + hash ? [] : ["\(rowID): document does not hash to its content_hash \(hash.prefix(12)) (the stored document was edited)"]
        case "signatures":
            let version = contentHashes[keys.prefix(2).joined(separator: "#")]
            return version == fields["content_hash"] ? [] : ["\(rowID): content_hash is not the content hash of the version it signs"]
        default:
            return []
        }
    }

    private static func shown(_ value: String?) -> String {
        guard let value else { return "empty (NULL)" }
        return value.count > 80 ? "'\(value.prefix(77))…'" : "'\(value)'"
    }

    private func sqlite3Rollback(_ connection: Database.Connection) {
        try? Database.run(connection, "ROLLBACK", []) { _ in }
    }
}
