import Foundation
import TripactCore

/// The tables whose rows decide what an agreement means, and how the audit chain records them.
///
/// Every write of the application goes through one connection, on which temporary triggers note each row of these
/// tables that a transaction inserts, updates or deletes. The audit event that closes the transaction carries the new
/// state of each noted row (its "facts"), so the chain says what every such row must hold. `verifyAudit` replays the
/// facts and compares them with the tables, field by field. Temporary triggers exist only on Tripact's own connection:
/// a row changed by any other program (the `sqlite3` shell, a script) is never noted, and shows up as a disagreement.
struct AuditedTable: Sendable {
    let name: String
    /// The columns that identify a row (at most three).
    let keys: [String]
    /// The columns recorded; blob columns are recorded as the SHA-256 of their bytes.
    let fields: [String]
    /// Only updates of these columns are noted (nil: any column). Lets a password change or a session stay out of the chain.
    let watchedOnUpdate: [String]?

    static let all: [AuditedTable] = [
        AuditedTable(name: "organisations", keys: ["id"], fields: ["name"], watchedOnUpdate: nil),
        AuditedTable(
            name: "users", keys: ["id"], fields: ["organisation_id", "email", "name", "role", "removed_at"],
            watchedOnUpdate: ["organisation_id", "email", "name", "role", "removed_at"]
        ),
        AuditedTable(
            name: "agreements", keys: ["id"], fields: ["reference", "title", "controller_id", "processor_id", "head", "status"],
            watchedOnUpdate: ["reference", "title", "controller_id", "processor_id", "head", "status"]
        ),
        AuditedTable(
            name: "versions", keys: ["agreement_id", "number"],
            fields: ["parent", "author_id", "party", "created_at", "message", "document", "content_hash"], watchedOnUpdate: nil
        ),
        AuditedTable(
            name: "item_states", keys: ["agreement_id", "key"], fields: ["position", "hash", "controller_accepted", "processor_accepted", "controller_rejected", "processor_rejected"],
            watchedOnUpdate: nil
        ),
        AuditedTable(name: "signatures", keys: ["agreement_id", "version", "party"], fields: ["user_id", "content_hash", "signed_at"], watchedOnUpdate: nil),
        AuditedTable(
            name: "procedural_versions", keys: ["agreement_id", "version"], fields: ["base", "notice_id", "clause", "clause_number", "applied_on"],
            watchedOnUpdate: nil
        ),
        AuditedTable(
            name: "register_entries", keys: ["organisation_id", "key"], fields: ["record"], watchedOnUpdate: ["record"]
        ),
        AuditedTable(
            name: "register_changes", keys: ["id"], fields: ["organisation_id", "kind", "change", "message", "proposed_by", "proposed_at"],
            watchedOnUpdate: nil
        ),
        AuditedTable(
            name: "notices", keys: ["id"],
            fields: [
                "change_id", "agreement_id", "kind", "reason", "issued", "respond_by", "takes_effect", "late", "status", "objection", "objected_by",
                "objected_at", "decided_by", "decided_at", "resolution_note", "applied_version",
            ],
            watchedOnUpdate: nil
        ),
        AuditedTable(name: "measure_evidence", keys: ["organisation_id", "key"], fields: ["evidence"], watchedOnUpdate: ["evidence"]),
        AuditedTable(name: "public_registers", keys: ["organisation_id"], fields: ["slug"], watchedOnUpdate: ["slug"]),
        AuditedTable(
            name: "playbooks", keys: ["organisation_id", "side"], fields: ["playbook", "updated_by", "updated_at"], watchedOnUpdate: ["playbook", "updated_by", "updated_at"]
        ),
        // A token's use (`last_used_at`) is not a decision; its making and revoking are.
        AuditedTable(
            name: "api_tokens", keys: ["id"], fields: ["user_id", "name", "scope", "token_hash", "created_at", "expires_at", "revoked_at"],
            watchedOnUpdate: ["user_id", "name", "scope", "token_hash", "created_at", "expires_at", "revoked_at"]
        ),
    ]

    static func named(_ name: String) -> AuditedTable? { all.first { $0.name == name } }

    /// The temporary table and triggers that note touched rows, created on the writing connection when the store opens.
    static var notingSQL: [String] {
        // No unique key: an upsert's own conflict clause would override the trigger's OR IGNORE and fail on it; the
        // reader takes each row once (SELECT DISTINCT).
        var statements = ["CREATE TEMP TABLE IF NOT EXISTS audit_touched (tbl TEXT NOT NULL, k1, k2, k3)"]
        for table in all {
            func values(_ row: String) -> String {
                let keys = (0..<3).map { $0 < table.keys.count ? "\(row).\(table.keys[$0])" : "''" }
                return "('\(table.name)', \(keys.joined(separator: ", ")))"
            }
            let insert = "INSERT INTO audit_touched (tbl, k1, k2, k3) VALUES "
            let update = table.watchedOnUpdate.map { "UPDATE OF " + $0.joined(separator: ", ") } ?? "UPDATE"
            statements += [
                "CREATE TEMP TRIGGER IF NOT EXISTS audit_note_\(table.name)_insert AFTER INSERT ON main.\(table.name) BEGIN \(insert)\(values("NEW")); END",
                "CREATE TEMP TRIGGER IF NOT EXISTS audit_note_\(table.name)_update AFTER \(update) ON main.\(table.name) BEGIN \(insert)\(values("OLD")), \(values("NEW")); END",
                "CREATE TEMP TRIGGER IF NOT EXISTS audit_note_\(table.name)_delete AFTER DELETE ON main.\(table.name) BEGIN \(insert)\(values("OLD")); END",
            ]
        }
        return statements
    }

    var selectSQL: String { "SELECT \((keys + fields).joined(separator: ", ")) FROM \(name)" }

    var selectOneSQL: String { selectSQL + " WHERE " + keys.map { "\($0) = ?" }.joined(separator: " AND ") }

    /// The identity of a row in the facts: the table and its key values.
    func rowID(_ keyValues: [String]) -> String {
        name + "(" + zip(keys, keyValues).map { "\($0)=\($1)" }.joined(separator: ", ") + ")"
    }

    /// Reads the current fields of the row the cursor is on, after its key columns.
    func fields(of row: Row) -> [String: String] {
        var result: [String: String] = [:]
        for (offset, field) in fields.enumerated() {
            if let value = row.fact(Int32(keys.count + offset)) { result[field] = value }
        }
        return result
    }

    func keyValues(of row: Row) -> [String] {
        (0..<keys.count).map { row.fact(Int32($0)) ?? "" }
    }
}

/// What one audit event says about the rows its transaction wrote.
struct AuditFacts: Codable, Sendable, Equatable {
    /// Rows written, by row identity, with their fields (absent fields are NULL).
    var rows: [String: [String: String]] = [:]
    /// Rows deleted, by row identity.
    var deleted: [String] = []

    var isEmpty: Bool { rows.isEmpty && deleted.isEmpty }

    /// The canonical JSON of the facts (keys in byte order), written directly: `JSONEncoder` was 6 % of a register
    /// change that reaches 2,000 agreements. `AuditFactsEncodingTests` holds it to what `JSONEncoder` writes.
    func encoded() -> String {
        func byBytes(_ a: String, _ b: String) -> Bool { a.utf8.lexicographicallyPrecedes(b.utf8) }
        var out = CanonicalWriter(capacity: 1_024)
        out.beginObject()
        out.key("deleted")
        out.strings(deleted)
        out.key("rows")
        out.beginObject()
        for row in rows.keys.sorted(by: byBytes) {
            out.key(row)
            out.beginObject()
            let fields = rows[row]!
            for field in fields.keys.sorted(by: byBytes) {
                out.key(field)
                out.string(fields[field]!)
            }
            out.endObject()
        }
        out.endObject()
        out.endObject()
        return String(decoding: out.bytes, as: UTF8.self)
    }
}

extension SQLValue {
    /// The value as `Row.fact` records it.
    var fact: String {
        switch self {
        case .null: ""
        case .integer(let number): String(number)
        case .text(let text): text
        case .blob(let data): "sha256:" + DocumentCodec.sha256Hex(data)
        }
    }
}
