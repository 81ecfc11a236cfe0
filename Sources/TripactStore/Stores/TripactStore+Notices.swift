import Foundation
public import TripactCore

/// Notices, approval requests and information sent by register changes: objections, approvals, resolutions, and the
/// new version that brings an agreement's Annex IV in line once the change may apply.
extension TripactStore {
    /// One notice, as any party of its agreement sees it.
    public func notice(_ id: Int) throws(StoreError) -> NoticeEntry {
        try database.withReadConnection { connection throws(StoreError) in try Self.notice(connection, id: id) }
    }

    /// A notice, only when the organisation is a party of its agreement; otherwise it does not exist for them.
    public func notice(_ id: Int, visibleTo organisationID: Int) throws(StoreError) -> NoticeEntry {
        let visible = try database.query(
            "SELECT 1 FROM notices n JOIN agreements a ON a.id = n.agreement_id WHERE n.id = ? AND (a.controller_id = ? OR a.processor_id = ?)",
            [.int(id), .int(organisationID), .int(organisationID)]
        ) { $0.integer(0) }
        guard !visible.isEmpty else { throw .unknownNotice(id) }
        return try notice(id)
    }

    /// Notices on the organisation's agreements (all of them when nil), soonest deadline first; only those still open
    /// and due before `dueBefore` when given.
    public func notices(visibleTo organisationID: Int?, dueBefore: CalendarDay? = nil, openOnly: Bool = false, agreement: String? = nil) throws(StoreError) -> [NoticeEntry] {
        var conditions: [String] = []
        var bindings: [SQLValue] = []
        if let organisationID {
            conditions.append("(a.controller_id = ? OR a.processor_id = ?)")
            bindings += [.int(organisationID), .int(organisationID)]
        }
        if let dueBefore {
            conditions.append("n.status IN ('pending', 'objected') AND n.respond_by < ?")
            bindings.append(.text(dueBefore.iso))
        }
        if openOnly { conditions.append("n.status IN ('pending', 'objected')") }
        if let agreement {
            conditions.append("a.reference = ?")
            bindings.append(.text(agreement))
        }
        return try database.withReadConnection { connection throws(StoreError) in
            try Self.notices(connection, conditions: conditions, bindings: bindings, order: "n.respond_by, n.id")
        }
    }

    /// The controller objects to a notified change (general authorisation), up to and including the last day of the
    /// objection period; or refuses an approval request (specific authorisation). The reason is required.
    ///
    /// Status and deadline are checked inside the write transaction, so an objection and the settling of the same
    /// notice cannot both succeed: whichever commits first wins and the other is refused.
    @discardableResult
    public func object(to id: Int, reason: String, by email: String) throws(StoreError) -> NoticeEntry {
        let text = reason.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !text.isEmpty else { throw .invalidFields([FieldProblem(field: "reason", message: "an objection needs its grounds (Art. 28(2))")]) }
        guard !TextLimit.exceeds(text, 4_000) else { throw .invalidFields([FieldProblem(field: "reason", message: "keep the grounds under 4,000 characters")]) }
        let user = try controllerNegotiator(for: id, by: email, action: "object to subprocessor changes")
        return try database.transaction { connection throws(StoreError) in
            let notice = try Self.notice(connection, id: id)
            guard notice.status == .pending else { throw StoreError.notPermitted("notice \(id) is \(notice.status.label); only a pending notice can be objected to") }
            let status: NoticeStatus
            switch notice.kind {
            case .information: throw StoreError.notPermitted("notice \(id) informs of a removal; a removal needs no consent and cannot be objected to")
            case .notice:
                guard today() <= notice.respondBy else {
                    throw StoreError.notPermitted("the objection period of notice \(id) ended on \(notice.respondBy.iso); the change applies from \(notice.takesEffect.iso)")
                }
                status = .objected
            case .approvalRequest: status = .refused
            }
            try Database.run(
                connection, "UPDATE notices SET status = ?, objection = ?, objected_by = ?, objected_at = ? WHERE id = ? AND status = 'pending'",
                [.text(status.rawValue), .text(text), .int(user.id), .text(clock.timestamp()), .int(id)]
            ) { _ in }
            try appendAudit(connection, actor: email, agreement: notice.agreement, action: status == .refused ? "notice.refuse" : "notice.object", detail: "notice \(id): \(text)")
            return try Self.notice(connection, id: id)
        }
    }

    /// The controller approves a change under specific authorisation. Annex IV follows in a new version on the change's
    /// planned start: at once when that day has come, otherwise when the notices are next settled.
    @discardableResult
    public func approve(_ id: Int, by email: String, library: ClauseLibrary) throws(StoreError) -> NoticeEntry {
        let user = try controllerNegotiator(for: id, by: email, action: "approve subprocessors")
        return try database.transaction { connection throws(StoreError) in
            let notice = try Self.notice(connection, id: id)
            guard notice.kind == .approvalRequest else {
                throw StoreError.notPermitted("notice \(id) is a \(notice.kind.rawValue); only approval requests are approved, notices apply unless objected to")
            }
            guard notice.status == .pending else { throw StoreError.notPermitted("notice \(id) is \(notice.status.label); only a pending request can be approved") }
            try Database.run(
                connection, "UPDATE notices SET status = 'approved', decided_by = ?, decided_at = ? WHERE id = ? AND status = 'pending'",
                [.int(user.id), .text(clock.timestamp()), .int(id)]
            ) { _ in }
            try appendAudit(connection, actor: email, agreement: notice.agreement, action: "notice.approve", detail: "notice \(id), takes effect \(notice.takesEffect.iso)")
            if notice.takesEffect <= today() { try apply(connection, noticeID: id, library: library) }
            return try Self.notice(connection, id: id)
        }
    }

    /// Ends an objection or a refusal: the processor withdraws the change for this agreement or offers an alternative;
    /// the controller exercises its termination right.
    @discardableResult
    public func resolve(_ id: Int, as resolution: NoticeResolution, note: String, by email: String) throws(StoreError) -> NoticeEntry {
        let user = try self.user(email: email)
        try user.requireNegotiator("resolve objections")
        let text = note.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !text.isEmpty else { throw .invalidFields([FieldProblem(field: "note", message: "say how the objection is resolved")]) }
        return try database.transaction { connection throws(StoreError) in
            let notice = try Self.notice(connection, id: id)
            let agreement = try Self.agreementRow(connection, notice.agreement)
            let party: PartyRole
            do { party = try agreement.party(of: user) } catch { throw StoreError.unknownNotice(id) }
            guard party == resolution.party else {
                throw StoreError.notPermitted("only the \(resolution.party.rawValue) records '\(resolution.rawValue)'")
            }
            guard resolution.isOpen(to: party, on: notice.status) else {
                throw StoreError.notPermitted("notice \(id) is \(notice.status.label); only an objected notice\(resolution == .terminated ? "" : " or a refused request") is resolved")
            }
            try Database.run(
                connection, "UPDATE notices SET status = ?, resolution_note = ?, decided_by = ?, decided_at = ? WHERE id = ?",
                [.text(resolution.status.rawValue), .text(text), .int(user.id), .text(clock.timestamp()), .int(id)]
            ) { _ in }
            try appendAudit(connection, actor: email, agreement: notice.agreement, action: "notice.resolve", detail: "notice \(id) \(resolution.rawValue): \(text)")
            if resolution != .terminated { try reopenPrevious(connection, changeID: notice.changeID, agreement: notice.agreement, actor: email) }
            return try Self.notice(connection, id: id)
        }
    }

    /// Applies every notice whose day has come: pending notices and information nobody objected to, and approved
    /// requests. The server runs this periodically and `tripact notices settle` on demand; it is idempotent.
    ///
    /// Each notice is settled in its own transaction, so one that fails (its agreement unreadable, the database busy)
    /// does not hold up the others; the failures are reported together at the end.
    @discardableResult
    public func settleDueNotices(library: ClauseLibrary) throws(StoreError) -> [NoticeEntry] {
        let today = today()
        let due = try database.query(
            """
            SELECT id FROM notices WHERE takes_effect <= ? AND (
                (status = 'pending' AND kind IN ('notice', 'information')) OR (status = 'approved' AND kind = 'approval-request')
            ) ORDER BY id
            """,
            [.text(today.iso)]
        ) { $0.integer(0) }
        var applied: [NoticeEntry] = []
        var failures: [String] = []
        for id in due {
            do {
                let entry = try database.transaction { connection throws(StoreError) -> NoticeEntry? in
                    // Read again inside the write transaction: an objection may have landed since the list was taken.
                    let notice = try Self.notice(connection, id: id)
                    let ready = notice.kind == .approvalRequest ? notice.status == .approved : notice.status == .pending
                    guard ready, notice.takesEffect <= today else { return nil }
                    try apply(connection, noticeID: id, library: library)
                    return try Self.notice(connection, id: id)
                }
                if let entry { applied.append(entry) }
            } catch {
                failures.append("notice \(id): \(error)")
            }
        }
        guard failures.isEmpty else {
            throw .database("\(applied.count) notice\(applied.count == 1 ? "" : "s") applied, \(failures.count) could not be: " + failures.joined(separator: "; "))
        }
        return applied
    }

    // MARK: internals

    /// The user, if they negotiate for the controller of the notice's agreement; the notice must be visible to them.
    private func controllerNegotiator(for id: Int, by email: String, action: String) throws(StoreError) -> User {
        let user = try self.user(email: email)
        let notice = try self.notice(id, visibleTo: user.organisationID)
        let controllerID = try database.query("SELECT controller_id FROM agreements WHERE reference = ?", [.text(notice.agreement)]) { $0.integer(0) }.first
        guard controllerID == user.organisationID else { throw .notPermitted("only the controller's legal users \(action)") }
        try user.requireNegotiator(action)
        return user
    }

    /// Writes the version that brings the agreement's Annex IV in line with the change, on top of the head.
    ///
    /// The version is the processor's, by the user who proposed the change; the Annex IV items it changes count as
    /// accepted by both parties, because the notice procedure (or the approval) is the controller's consent under the
    /// agreement. Every other item keeps its state. A signed agreement stays signed: the version is recorded as
    /// procedural, and its render context carries the signatures of the signed version it updates.
    func apply(_ connection: Database.Connection, noticeID: Int, library: ClauseLibrary) throws(StoreError) {
        let notice = try Self.notice(connection, id: noticeID)
        let agreement = try Self.agreementRow(connection, notice.agreement)
        let (blob, proposerID) = try Database.query(connection, "SELECT change, proposed_by FROM register_changes WHERE id = ?", [.int(notice.changeID)]) {
            ($0.blob(0), $0.integer(1))
        }[0]
        guard let change = try? JSONDecoder().decode(RegisterChange.self, from: blob) else { throw StoreError.database("register change \(notice.changeID) is unreadable") }
        let head = try cachedVersion(connection, agreement: agreement, number: agreement.head)
        let document = change.applied(to: head.document, library: library)
        let hash = DocumentCodec.contentHash(document)
        var appliedVersion = agreement.head
        if hash != head.contentHash {
            let proposer = try Database.query(connection, "SELECT id, organisation_id, email, name, role FROM users WHERE id = ?", [.int(proposerID)], Self.userRow)[0]
            let items = AgreementItems.items(of: document)
            try Self.checkDistinctItems(items)
            var states = Negotiation.statesAfterProposal(previous: try Self.states(connection, agreementID: agreement.id), items: items, proposer: .processor)
            let before = Dictionary(uniqueKeysWithValues: head.document.subprocessors.map { ($0.id, $0) })
            for index in states.indices where states[index].key.kind == "subprocessor" {
                let id = states[index].key.name
                if before[id] != document.subprocessors.first(where: { $0.id == id }) { states[index].acceptedBy = Set(PartyRole.allCases) }
            }
            states.removeAll { $0.isRemoval && $0.isAgreed }
            let number = agreement.head + 1
            let now = clock.timestamp()
            let message = "Annex IV: \(change.summary) (register \(notice.kind == .approvalRequest ? "approval" : notice.kind.rawValue) \(noticeID))"
            try insertVersion(connection, agreementID: agreement.id, number: number, parent: agreement.head, user: proposer, party: .processor, now: now, message: message, document: document, hash: hash)
            try replaceStates(connection, agreementID: agreement.id, states: states)
            // The version the procedure updates was signed: the agreement stays signed, because the clause both parties
            // signed is what made this version (see `procedural_versions`). Only a negotiated change needs signatures.
            let status: AgreementStatus = Negotiation.isAgreed(states) ? (agreement.status == .signed ? .signed : .agreed) : .draft
            try Database.run(
                connection, "UPDATE agreements SET head = ?, status = ?, updated_at = ? WHERE id = ?", [.int(number), .text(status.rawValue), .text(now), .int(agreement.id)]
            ) { _ in }
            let clause = ClauseID(rawValue: "subprocessors")
            let clauseNumber = AgreementFacts(document: document, library: library).included(clause)?.number ?? 0
            try Database.run(
                connection,
                "INSERT INTO procedural_versions (agreement_id, version, base, notice_id, clause, clause_number, applied_on) VALUES (?, ?, ?, ?, ?, ?, ?)",
                [.int(agreement.id), .int(number), .int(agreement.head), .int(noticeID), .text(clause.rawValue), .int(clauseNumber), .text(today().iso)]
            ) { _ in }
            appliedVersion = number
            try appendAudit(
                connection, actor: proposer.email, agreement: notice.agreement, action: "version.register",
                detail: "version \(number) on \(agreement.head) from notice \(noticeID) (change \(notice.changeID)) under clause \(clauseNumber), sha256 \(hash): \(change.summary)"
                    + (status == .signed ? "; the agreement stays signed" : "")
            )
        }
        try Database.run(connection, "UPDATE notices SET status = 'applied', applied_version = ? WHERE id = ?", [.int(appliedVersion), .int(noticeID)]) { _ in }
        try appendAudit(connection, actor: "tripact", agreement: notice.agreement, action: "notice.apply", detail: "notice \(noticeID) applied in version \(appliedVersion)")
    }

    /// When the processor keeps an entity for an agreement (change withdrawn there, or an alternative still to come),
    /// the entity is in use again: the register must not say it ended.
    private func reopenPrevious(_ connection: Database.Connection, changeID: Int, agreement: String, actor: String) throws(StoreError) {
        let (blob, organisationID) = try Database.query(connection, "SELECT change, organisation_id FROM register_changes WHERE id = ?", [.int(changeID)]) {
            ($0.blob(0), $0.integer(1))
        }[0]
        guard let change = try? JSONDecoder().decode(RegisterChange.self, from: blob), change.kind == .replacement || change.kind == .removal,
            var previous = try Self.registerEntries(connection, organisationID: organisationID).first(where: { $0.id == change.previous?.id }),
            previous.endDate != nil
        else { return }
        previous.endDate = nil
        try Self.storeEntry(connection, organisationID: organisationID, previous, now: clock.timestamp())
        try appendAudit(connection, actor: actor, agreement: agreement, action: "register.reopen", detail: "\(previous.id) stays in use for this agreement (change \(changeID))")
    }

    static func notice(_ connection: Database.Connection, id: Int) throws(StoreError) -> NoticeEntry {
        guard let notice = try notices(connection, conditions: ["n.id = ?"], bindings: [.int(id)], order: "n.id").first else { throw .unknownNotice(id) }
        return notice
    }

    /// Notices with their agreement, parties, change and the users who acted, in one query.
    static func notices(_ connection: Database.Connection, conditions: [String], bindings: [SQLValue], order: String) throws(StoreError) -> [NoticeEntry] {
        // One register change reaches many agreements: its summary is read once, not once per notice.
        var summaries: [Int: String] = [:]
        return try Database.query(
            connection,
            """
            SELECT n.id, n.change_id, a.reference, a.title, c.name, p.name, n.kind, ch.change, n.reason, n.issued, n.respond_by, n.takes_effect, n.late,
                n.status, n.objection, ob.email, n.objected_at, de.email, n.decided_at, n.resolution_note, n.applied_version, ch.message
            FROM notices n JOIN agreements a ON a.id = n.agreement_id JOIN organisations c ON c.id = a.controller_id
                JOIN organisations p ON p.id = a.processor_id JOIN register_changes ch ON ch.id = n.change_id
                LEFT JOIN users ob ON ob.id = n.objected_by LEFT JOIN users de ON de.id = n.decided_by
            """ + (conditions.isEmpty ? "" : " WHERE " + conditions.joined(separator: " AND ")) + " ORDER BY " + order,
            bindings
        ) { row in
            let changeID = row.integer(1)
            let summary = summaries[changeID] ?? {
                let summary = (try? JSONDecoder().decode(RegisterChange.self, from: row.blob(7)))?.summary ?? ""
                summaries[changeID] = summary
                return summary
            }()
            func day(_ column: Int32) -> CalendarDay { CalendarDay(iso: row.text(column) ?? "") ?? CalendarDay(daysSinceEpoch: 0) }
            return NoticeEntry(
                id: row.integer(0), changeID: changeID, agreement: row.text(2) ?? "", agreementTitle: row.text(3) ?? "", controller: row.text(4) ?? "",
                processor: row.text(5) ?? "", kind: NoticeSchedule.Kind(rawValue: row.text(6) ?? "") ?? .notice, summary: summary,
                reason: row.text(8) ?? "", issued: day(9), respondBy: day(10), takesEffect: day(11), late: row.integer(12) != 0,
                status: NoticeStatus(rawValue: row.text(13) ?? "") ?? .pending, objection: row.text(14), objectedBy: row.text(15), objectedAt: row.text(16),
                decidedBy: row.text(17), decidedAt: row.text(18), resolutionNote: row.text(19), appliedVersion: row.isNull(20) ? nil : row.integer(20),
                message: row.text(21) ?? ""
            )
        }
    }
}
