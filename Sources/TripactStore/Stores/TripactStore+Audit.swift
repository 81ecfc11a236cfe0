import Foundation
import TripactCore

/// The append-only audit log. Each event carries the hash of the one before, so an edited, deleted or inserted row
/// breaks the chain. The chain has no secret: someone who can rewrite the file can recompute it. Compare the head hash
/// with a copy kept elsewhere (`tripact audit verify` prints it) to catch that too.
extension TripactStore {
    static let genesisHash = String(repeating: "0", count: 64)

    /// The hash of an event. Events written before facts existed hash without them, so older chains still verify.
    static func eventHash(id: Int, previous: String, at: String, actor: String, agreement: String?, action: String, detail: String, facts: String? = nil)
        -> String
    {
        var fields = [String(id), previous, at, actor, agreement ?? "", action, detail]
        if let facts { fields.append(facts) }
        // The fields joined by the unit separator (0x1F), each with any separator of its own read as a space; written
        // byte by byte, since 0x1F stands for itself in UTF-8 (a `replacingOccurrences` per field was 7 % of a
        // 2,000-notice register change).
        var bytes: [UInt8] = []
        bytes.reserveCapacity(fields.reduce(fields.count) { $0 + $1.utf8.count })
        for (index, field) in fields.enumerated() {
            if index > 0 { bytes.append(0x1F) }
            for byte in field.utf8 { bytes.append(byte == 0x1F ? 0x20 : byte) }
        }
        return DocumentCodec.sha256Hex(Data(bytes))
    }

    /// Appends an event that closes the current write transaction; it carries the facts of every audited row the
    /// transaction wrote, as the writing connection's triggers noted them.
    func appendAudit(_ connection: Database.Connection, actor: String, agreement: String?, action: String, detail: String) throws(StoreError) {
        let last = try Database.query(connection, "SELECT id, hash FROM audit_events ORDER BY id DESC LIMIT 1", []) { ($0.integer(0), $0.text(1) ?? "") }.first
        let id = (last?.0 ?? 0) + 1
        let previous = last?.1 ?? Self.genesisHash
        let at = clock.timestamp()
        let facts = try Self.collectFacts(connection)
        let encodedFacts = facts.isEmpty ? nil : facts.encoded()
        let hash = Self.eventHash(id: id, previous: previous, at: at, actor: actor, agreement: agreement, action: action, detail: detail, facts: encodedFacts)
        try Database.run(
            connection,
            "INSERT INTO audit_events (id, at, actor, agreement, action, detail, previous_hash, hash, facts) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [.int(id), .text(at), .text(actor), .optionalText(agreement), .text(action), .text(detail), .text(previous), .text(hash), .optionalText(encodedFacts)]
        ) { _ in }
    }

    /// The rows noted since the last event, read as they stand now (a row no longer there was deleted).
    static func collectFacts(_ connection: Database.Connection) throws(StoreError) -> AuditFacts {
        let touched = try Database.query(connection, "SELECT DISTINCT tbl, k1, k2, k3 FROM temp.audit_touched", []) { row in
            (row.text(0) ?? "", [row.value(1), row.value(2), row.value(3)])
        }
        guard !touched.isEmpty else { return AuditFacts() }
        try Database.run(connection, "DELETE FROM temp.audit_touched", []) { _ in }
        var facts = AuditFacts()
        for (name, keyValues) in touched {
            guard let table = AuditedTable.named(name) else { continue }
            let bindings = Array(keyValues.prefix(table.keys.count))
            let rows = try Database.query(connection, table.selectOneSQL, bindings) { row in (table.keyValues(of: row), table.fields(of: row)) }
            if let (keys, fields) = rows.first {
                facts.rows[table.rowID(keys)] = fields
            } else {
                facts.deleted.append(table.rowID(bindings.map(\.fact)))
            }
        }
        facts.deleted.sort()
        return facts
    }

    /// On a file that held data before the audit chain carried facts, one event records every audited row as it stood
    /// at the upgrade: from then on the rows can be checked against the chain.
    func recordAuditBaseline() throws(StoreError) {
        try database.transaction { connection throws(StoreError) in
            for table in AuditedTable.all {
                let keys = (0..<3).map { $0 < table.keys.count ? table.keys[$0] : "''" }.joined(separator: ", ")
                try Database.run(connection, "INSERT INTO temp.audit_touched (tbl, k1, k2, k3) SELECT '\(table.name)', \(keys) FROM \(table.name)", []) { _ in }
            }
            try appendAudit(connection, actor: "tripact", agreement: nil, action: "audit.baseline", detail: "the audited rows as they stood when the chain began to carry facts")
        }
    }

    /// The database's generation: the id of the last audit event. Every change appends one, so a page built at one
    /// generation is still right while the generation stays the same, whichever process made the change.
    public func changeGeneration() throws(StoreError) -> Int {
        try database.query("SELECT coalesce(max(id), 0) FROM audit_events") { $0.integer(0) }.first ?? 0
    }

    /// The audit log in order, optionally for one agreement.
    public func auditEvents(agreement: String? = nil) throws(StoreError) -> [AuditEvent] {
        var sql = "SELECT id, at, actor, agreement, action, detail, previous_hash, hash FROM audit_events"
        var bindings: [SQLValue] = []
        if let agreement {
            sql += " WHERE agreement = ?"
            bindings.append(.text(agreement))
        }
        return try database.query(sql + " ORDER BY id", bindings) { row in
            AuditEvent(
                id: row.integer(0), at: row.text(1) ?? "", actor: row.text(2) ?? "", agreement: row.text(3), action: row.text(4) ?? "", detail: row.text(5) ?? "",
                previousHash: row.text(6) ?? "", hash: row.text(7) ?? ""
            )
        }
    }

    /// The hash of the newest event: keep a copy elsewhere to detect a rewritten chain.
    public func auditHead() throws(StoreError) -> String {
        try database.query("SELECT hash FROM audit_events ORDER BY id DESC LIMIT 1") { $0.text(0) ?? "" }.first ?? Self.genesisHash
    }
}
