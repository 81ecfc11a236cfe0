import Foundation
import TripactCore

/// What an approval rule guards.
public enum ApprovalKind: String, Sendable, Codable, CaseIterable {
    /// A turn (any proposed version) of the organisation's side, or only one that changes items of a scope.
    case proposal
    /// The organisation's signature.
    case signing
}

/// The parts of an agreement an approval rule's scope can name, by the key prefix the store matches (`measure` covers
/// every `measure:…` item), in the order the agreement prints them, with the words a person reads for each.
public enum ApprovalScopeWords {
    public static let parts: [(scope: String, label: String)] = [
        ("agreement:terms", "the title, dates and main agreement"),
        ("party", "Annex I — the parties"),
        ("annex2", "Annex II — the description of the processing"),
        ("annex2:purposes", "Annex II — purposes"),
        ("annex2:data-categories", "Annex II — personal data"),
        ("annex2:special-categories", "Annex II — sensitive data and safeguards"),
        ("annex2:delivery-locations", "Annex II — delivery locations"),
        ("role", "Annex II — who decides each purpose"),
        ("measure", "Annex III — security measures"),
        ("annex3", "Annex III — assistance measures"),
        ("subprocessor", "Annex IV — subprocessors"),
        ("annex5", "Annex V — obligations towards data subjects"),
        ("clause", "any clause"),
        ("allocation", "the joint arrangement's allocation of responsibilities"),
    ]

    /// The label of a scope that is one of the parts, or nil.
    public static func label(_ scope: String) -> String? { parts.first { $0.scope == scope }?.label }
}

/// An organisation's rule: before its side proposes (changes in `scope`) or signs, `approver` approves.
public struct ApprovalRule: Sendable, Hashable, Codable {
    public let kind: ApprovalKind
    /// "" for every proposal; otherwise an item key or a prefix of keys: `measure` (Annex III's measures), `annex3`,
    /// `clause:subprocessors`.
    public let scope: String
    public let approverEmail: String
    public let approverName: String
}

/// One request for approval, as its organisation sees it. Never shown to the other side.
public struct ApprovalEntry: Sendable, Hashable, Codable {
    public enum State: String, Sendable, Codable { case pending, approved, refused }
    public let id: Int
    public let agreement: String
    public let kind: ApprovalKind
    public let scope: String
    /// The head version the turn was prepared on, or the version to sign.
    public let base: Int
    /// The content hash of the proposed document, or of the version to sign.
    public let subjectHash: String
    public let approverEmail: String
    public let approverName: String
    public let requestedBy: String
    public let requestedAt: String
    public let state: State
    public let reason: String?
}

/// Internal approval (issue 10 item 3): an organisation's admin names who approves its turns or its signature; while an
/// approval is missing, proposing or signing is refused and the request waits for the approver, who approves it or
/// refuses it with a reason. All of it belongs to that organisation alone: its audit lines name no agreement, so no
/// export or agreement log of the other side carries them.
extension TripactStore {
    /// Requires approval by `approver` (a user of the admin's organisation) before the organisation proposes or signs.
    /// Replaces the rule of the same kind and scope.
    public func requireApproval(_ kind: ApprovalKind, scope: String = "", approver: String, by adminEmail: String) throws(StoreError) {
        let admin = try user(email: adminEmail)
        guard admin.role == .admin, admin.signingOnly == nil else { throw .notPermitted("'\(adminEmail)' is \(admin.role.rawValue); only admins set approval rules") }
        let scope = scope.trimmingCharacters(in: .whitespaces)
        if kind == .signing, !scope.isEmpty {
            throw .invalidFields([FieldProblem(field: "scope", message: "a signing approval covers the whole signature; leave the scope empty")])
        }
        if scope.count > 100 || scope.contains(where: { $0.isWhitespace }) {
            throw .invalidFields([FieldProblem(field: "scope", message: "give an item key or its first part, such as 'measure' or 'clause:subprocessors'")])
        }
        guard let approverUser = try? user(email: approver), approverUser.organisationID == admin.organisationID, approverUser.signingOnly == nil else {
            throw .invalidFields([FieldProblem(field: "approver", message: "'\(approver)' is not a user of your organisation")])
        }
        try database.transaction { connection throws(StoreError) in
            try Database.run(
                connection,
                "INSERT OR REPLACE INTO approval_rules (organisation_id, kind, scope, approver_id, created_by, created_at) VALUES (?, ?, ?, ?, ?, ?)",
                [.int(admin.organisationID), .text(kind.rawValue), .text(scope), .int(approverUser.id), .int(admin.id), .text(clock.timestamp())]
            ) { _ in }
            try appendAudit(
                connection, actor: admin.email, agreement: nil, action: "approval.rule",
                detail: "\(approverUser.email) approves \(Self.describe(kind, scope)) for their organisation"
            )
        }
    }

    /// Removes a rule; pending requests under it stay on record but no longer block.
    public func dropApprovalRule(_ kind: ApprovalKind, scope: String = "", by adminEmail: String) throws(StoreError) {
        let admin = try user(email: adminEmail)
        guard admin.role == .admin, admin.signingOnly == nil else { throw .notPermitted("'\(adminEmail)' is \(admin.role.rawValue); only admins set approval rules") }
        try database.transaction { connection throws(StoreError) in
            try Database.run(
                connection, "DELETE FROM approval_rules WHERE organisation_id = ? AND kind = ? AND scope = ?", [.int(admin.organisationID), .text(kind.rawValue), .text(scope)]
            ) { _ in }
            try appendAudit(connection, actor: admin.email, agreement: nil, action: "approval.rule-drop", detail: "no approval needed any more for \(Self.describe(kind, scope))")
        }
    }

    /// The rules of the user's organisation.
    public func approvalRules(of email: String) throws(StoreError) -> [ApprovalRule] {
        let user = try user(email: email)
        return try database.query(
            "SELECT r.kind, r.scope, u.email, u.name FROM approval_rules r JOIN users u ON u.id = r.approver_id WHERE r.organisation_id = ? ORDER BY r.kind, r.scope",
            [.int(user.organisationID)]
        ) { row in
            ApprovalRule(kind: ApprovalKind(rawValue: row.text(0) ?? "") ?? .proposal, scope: row.text(1) ?? "", approverEmail: row.text(2) ?? "", approverName: row.text(3) ?? "")
        }
    }

    /// The requests of the user's organisation, newest first (`pendingOnly`: those still waiting).
    public func approvals(of email: String, pendingOnly: Bool = false) throws(StoreError) -> [ApprovalEntry] {
        let user = try user(email: email)
        guard user.signingOnly == nil else { return [] }
        return try database.query(
            """
            SELECT p.id, a.reference, p.kind, p.scope, p.base, p.subject_hash, ap.email, ap.name, rq.email, p.requested_at, p.decision, p.reason
            FROM approvals p JOIN agreements a ON a.id = p.agreement_id JOIN users ap ON ap.id = p.approver_id JOIN users rq ON rq.id = p.requested_by
            WHERE p.organisation_id = ? \(pendingOnly ? "AND p.decision IS NULL" : "") ORDER BY p.id DESC
            """,
            [.int(user.organisationID)], Self.approvalRow
        )
    }

    /// Approves or refuses a request. Only its approver decides; a refusal needs a reason.
    @discardableResult
    public func decideApproval(_ id: Int, approve: Bool, reason: String?, by email: String) throws(StoreError) -> ApprovalEntry {
        let user = try user(email: email)
        let reason = reason?.trimmingCharacters(in: .whitespacesAndNewlines)
        if !approve, reason?.isEmpty ?? true {
            throw .invalidFields([FieldProblem(field: "reason", message: "say why you refuse, so the colleague who asked can change it")])
        }
        if let reason, TextLimit.exceeds(reason, 2_000) { throw .invalidFields([FieldProblem(field: "reason", message: "keep the reason under 2,000 characters")]) }
        return try database.transaction { connection throws(StoreError) in
            let select = """
                SELECT p.id, a.reference, p.kind, p.scope, p.base, p.subject_hash, ap.email, ap.name, rq.email, p.requested_at, p.decision, p.reason
                FROM approvals p JOIN agreements a ON a.id = p.agreement_id JOIN users ap ON ap.id = p.approver_id JOIN users rq ON rq.id = p.requested_by
                WHERE p.id = ? AND p.organisation_id = ?
                """
            guard let entry = try Database.query(connection, select, [.int(id), .int(user.organisationID)], Self.approvalRow).first else {
                throw StoreError.invalid("your organisation has no approval request \(id)")
            }
            guard entry.approverEmail.lowercased() == user.email.lowercased() else {
                throw StoreError.notPermitted("request \(id) waits for \(entry.approverName) (\(entry.approverEmail)); only they decide it")
            }
            guard entry.state == .pending else { throw StoreError.invalid("request \(id) is already \(entry.state.rawValue)") }
            try Database.run(
                connection, "UPDATE approvals SET decision = ?, decided_at = ?, reason = ? WHERE id = ?",
                [.text(approve ? "approved" : "refused"), .text(clock.timestamp()), .optionalText(approve ? (reason?.isEmpty == false ? reason : nil) : reason), .int(id)]
            ) { _ in }
            try appendAudit(
                connection, actor: user.email, agreement: nil, action: approve ? "approval.approve" : "approval.refuse",
                detail: "request \(id) (\(Self.describe(entry.kind, entry.scope)) on '\(entry.agreement)', version \(entry.base), sha256 \(entry.subjectHash)) "
                    + (approve ? "approved" : "refused: \(reason ?? "")")
            )
            return try Database.query(connection, select, [.int(id), .int(user.organisationID)], Self.approvalRow).first ?? entry
        }
    }

    /// Before a proposal or a signature: passes when no rule of the user's organisation applies, or each rule that
    /// applies has an approval for exactly this subject (content hash on this head). Otherwise records the request
    /// (once) and refuses, saying for whom it waits. Runs in its own transaction, so the request stays recorded.
    func ensureApproved(
        _ kind: ApprovalKind, reference: String, user: User, subjectHash: String, changedKeys: Set<String>
    ) throws(StoreError) {
        let refusal: String? = try database.transaction { connection throws(StoreError) -> String? in
            let agreement = try Self.agreementRow(connection, reference)
            _ = try agreement.party(of: user)
            let rules = try Database.query(
                connection, "SELECT r.scope, r.approver_id, u.name, u.email FROM approval_rules r JOIN users u ON u.id = r.approver_id WHERE r.organisation_id = ? AND r.kind = ?",
                [.int(user.organisationID), .text(kind.rawValue)]
            ) { ($0.text(0) ?? "", $0.integer(1), $0.text(2) ?? "", $0.text(3) ?? "") }
            var waiting: [String] = []
            for (scope, approverID, approverName, approverEmail) in rules {
                guard scope.isEmpty || changedKeys.contains(where: { $0 == scope || $0.hasPrefix(scope + ":") }) else { continue }
                // The approver's own turn or signature needs no one else's approval.
                if approverID == user.id { continue }
                let found = try Database.query(
                    connection,
                    "SELECT id, decision, reason FROM approvals WHERE agreement_id = ? AND organisation_id = ? AND kind = ? AND scope = ? AND base = ? AND subject_hash = ? ORDER BY id DESC LIMIT 1",
                    [.int(agreement.id), .int(user.organisationID), .text(kind.rawValue), .text(scope), .int(agreement.head), .text(subjectHash)]
                ) { ($0.integer(0), $0.text(1), $0.text(2)) }.first
                let what = Self.describe(kind, scope)
                let decision: String? = found?.1 ?? nil
                switch decision {
                case "approved"?: continue
                case "refused"?:
                    waiting.append("\(approverName) refused \(what) (request \(found?.0 ?? 0)): \((found?.2 ?? nil) ?? ""); change it before asking again")
                default:
                    if let found {
                        waiting.append("\(what) waits for the approval of \(approverName) (\(approverEmail)), asked in request \(found.0)")
                    } else {
                        try Database.run(
                            connection,
                            "INSERT INTO approvals (agreement_id, organisation_id, kind, scope, base, subject_hash, approver_id, requested_by, requested_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                            [
                                .int(agreement.id), .int(user.organisationID), .text(kind.rawValue), .text(scope), .int(agreement.head), .text(subjectHash), .int(approverID),
                                .int(user.id), .text(clock.timestamp()),
                            ]
                        ) { _ in }
                        let id = try Database.query(connection, "SELECT last_insert_rowid()", []) { $0.integer(0) }.first ?? 0
                        try appendAudit(
                            connection, actor: user.email, agreement: nil, action: "approval.request",
                            detail: "request \(id): \(what) on '\(reference)', version \(agreement.head), sha256 \(subjectHash), asked of \(approverEmail)"
                        )
                        waiting.append("\(what) needs the approval of \(approverName) (\(approverEmail)); request \(id) now waits for them")
                    }
                }
            }
            return waiting.isEmpty ? nil : waiting.joined(separator: "; ") + ". Nothing was sent to the other side."
        }
        if let refusal { throw .notPermitted(refusal) }
    }

    /// "sending a turn", "sending a turn that changes Annex III — security measures", "signing for your organisation":
    /// these words reach the person refused, so a scope is said by its label where it has one.
    static func describe(_ kind: ApprovalKind, _ scope: String) -> String {
        switch kind {
        case .signing: "signing for your organisation"
        case .proposal: scope.isEmpty ? "sending a turn" : "sending a turn that changes \(ApprovalScopeWords.label(scope) ?? "the items \u{201C}\(scope)\u{201D}")"
        }
    }

    static func approvalRow(_ row: Row) -> ApprovalEntry {
        let decision = row.text(10)
        return ApprovalEntry(
            id: row.integer(0), agreement: row.text(1) ?? "", kind: ApprovalKind(rawValue: row.text(2) ?? "") ?? .proposal, scope: row.text(3) ?? "", base: row.integer(4),
            subjectHash: row.text(5) ?? "", approverEmail: row.text(6) ?? "", approverName: row.text(7) ?? "", requestedBy: row.text(8) ?? "",
            requestedAt: row.text(9) ?? "", state: decision == "approved" ? .approved : decision == "refused" ? .refused : .pending, reason: row.text(11)
        )
    }
}
