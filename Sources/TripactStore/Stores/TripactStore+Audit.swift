import Foundation
import TripactCore

/// The append-only audit log. Each event carries the hash of the one before, so an edited, deleted or inserted row
/// breaks the chain. The chain has no secret: someone who can rewrite the file can recompute it. Compare the head hash
/// with a copy kept elsewhere (`tripact audit verify` prints it) to catch that too.
extension TripactStore {
    static let genesisHash = String(repeating: "0", count: 64)

    static func eventHash(id: Int, previous: String, at: String, actor: String, agreement: String?, action: String, detail: String) -> String {
        let fields = [String(id), previous, at, actor, agreement ?? "", action, detail].map { $0.replacingOccurrences(of: "\u{1F}", with: " ") }
        return DocumentCodec.sha256Hex(Data(fields.joined(separator: "\u{1F}").utf8))
    }

    func appendAudit(_ connection: Database.Connection, actor: String, agreement: String?, action: String, detail: String) throws(StoreError) {
        let last = try Database.query(connection, "SELECT id, hash FROM audit_events ORDER BY id DESC LIMIT 1", []) { ($0.integer(0), $0.text(1) ?? "") }.first
        let id = (last?.0 ?? 0) + 1
        let previous = last?.1 ?? Self.genesisHash
        let at = clock.timestamp()
        let hash = Self.eventHash(id: id, previous: previous, at: at, actor: actor, agreement: agreement, action: action, detail: detail)
        try Database.run(
            connection, "INSERT INTO audit_events (id, at, actor, agreement, action, detail, previous_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            [.int(id), .text(at), .text(actor), .optionalText(agreement), .text(action), .text(detail), .text(previous), .text(hash)]
        ) { _ in }
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
                id: event.id, previous: event.previousHash, at: event.at, actor: event.actor, agreement: event.agreement, action: event.action, detail: event.detail
            )
            if recomputed != event.hash { problems.append("row \(event.id) was altered: its content does not match its hash") }
            expectedPrevious = event.hash
            previousID = event.id
        }
        problems += try missingEvents(events)
        return AuditVerification(events: events.count, problems: problems)
    }

    /// Every stored version and signature must have its audit event: this catches a deleted last row, which the chain
    /// alone cannot.
    private func missingEvents(_ events: [AuditEvent]) throws(StoreError) -> [String] {
        var recorded: [String: (versions: Int, signatures: Int)] = [:]
        for event in events {
            guard let agreement = event.agreement else { continue }
            if event.action == "agreement.import" || event.action == "version.propose" { recorded[agreement, default: (0, 0)].versions += 1 }
            if event.action == "version.sign" { recorded[agreement, default: (0, 0)].signatures += 1 }
        }
        let stored = try database.query(
            """
            SELECT a.reference, (SELECT count(*) FROM versions v WHERE v.agreement_id = a.id), (SELECT count(*) FROM signatures s WHERE s.agreement_id = a.id)
            FROM agreements a ORDER BY a.reference
            """
        ) { ($0.text(0) ?? "", $0.integer(1), $0.integer(2)) }
        var problems: [String] = []
        for (reference, versions, signatures) in stored {
            let logged = recorded[reference] ?? (0, 0)
            if logged.versions != versions {
                problems.append("agreement '\(reference)' has \(versions) versions but the log records \(logged.versions): audit rows are missing (deleted)")
            }
            if logged.signatures != signatures {
                problems.append("agreement '\(reference)' has \(signatures) signatures but the log records \(logged.signatures): audit rows are missing (deleted)")
            }
        }
        return problems
    }

    /// The hash of the newest event: keep a copy elsewhere to detect a rewritten chain.
    public func auditHead() throws(StoreError) -> String {
        try database.query("SELECT hash FROM audit_events ORDER BY id DESC LIMIT 1") { $0.text(0) ?? "" }.first ?? Self.genesisHash
    }
}
