public import Foundation
public import TripactCore

/// The append-only audit log. Each event carries the hash of the one before, so an edited, deleted or inserted row
/// breaks the chain. The chain has no secret: someone who can rewrite the file can recompute it. Compare the head hash
/// with a copy kept elsewhere (`tripact audit verify` prints it) to catch that too.
extension TripactStore {
    static let genesisHash = String(repeating: "0", count: 64)

    static func eventHash(previous: String, at: String, actor: String, agreement: String?, action: String, detail: String) -> String {
        let fields = [previous, at, actor, agreement ?? "", action, detail].map { $0.replacingOccurrences(of: "\u{1F}", with: " ") }
        return DocumentCodec.sha256Hex(Data(fields.joined(separator: "\u{1F}").utf8))
    }

    func appendAudit(_ connection: Database.Connection, actor: String, agreement: String?, action: String, detail: String) throws(StoreError) {
        let previous = try Database.query(connection, "SELECT hash FROM audit_events ORDER BY id DESC LIMIT 1", []) { $0.text(0) ?? "" }.first ?? Self.genesisHash
        let at = clock.timestamp()
        let hash = Self.eventHash(previous: previous, at: at, actor: actor, agreement: agreement, action: action, detail: detail)
        try Database.run(
            connection, "INSERT INTO audit_events (at, actor, agreement, action, detail, previous_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?)",
            [.text(at), .text(actor), .optionalText(agreement), .text(action), .text(detail), .text(previous), .text(hash)]
        ) { _ in }
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

    /// Walks the whole chain and names every row where it breaks.
    public func verifyAudit() throws(StoreError) -> AuditVerification {
        let events = try auditEvents()
        var problems: [String] = []
        var expectedPrevious = Self.genesisHash
        var previousID = 0
        for event in events {
            if event.id != previousID + 1 {
                problems.append(
                    event.id > previousID + 1
                        ? "rows \(previousID + 1)–\(event.id - 1) are missing before row \(event.id) (deleted)"
                        : "row \(event.id) is out of order"
                )
            }
            if event.previousHash != expectedPrevious {
                problems.append("row \(event.id) does not follow the row before it: its previous hash does not match (a row was deleted or inserted before it)")
            }
            let recomputed = Self.eventHash(
                previous: event.previousHash, at: event.at, actor: event.actor, agreement: event.agreement, action: event.action, detail: event.detail
            )
            if recomputed != event.hash { problems.append("row \(event.id) was altered: its content does not match its hash") }
            expectedPrevious = event.hash
            previousID = event.id
        }
        return AuditVerification(events: events.count, problems: problems)
    }

    /// The hash of the newest event: keep a copy elsewhere to detect a rewritten chain.
    public func auditHead() throws(StoreError) -> String {
        try database.query("SELECT hash FROM audit_events ORDER BY id DESC LIMIT 1") { $0.text(0) ?? "" }.first ?? Self.genesisHash
    }
}
