import Foundation
public import TripactCore

/// The processor's subprocessor register and the changes that are its history. A change reaches each affected
/// agreement as a notice; `TripactStore+Notices` takes it from there.
extension TripactStore {
    /// Today in UTC, by the store's clock: the day every deadline is measured against.
    public func today() -> CalendarDay { CalendarDay(clock.now()) }

    /// Every entry of the organisation's register, ended ones included, by name.
    public func subprocessorRegister(organisation name: String) throws(StoreError) -> [SubprocessorRecord] {
        try subprocessorRegister(organisationID: organisation(named: name).id)
    }

    public func subprocessorRegister(organisationID: Int) throws(StoreError) -> [SubprocessorRecord] {
        try database.withReadConnection { connection throws(StoreError) in
            try Self.registerEntries(connection, organisationID: organisationID)
        }
    }

    /// The changes of the organisation's register, newest first.
    public func registerChanges(organisationID: Int) throws(StoreError) -> [RegisterChangeEntry] {
        try database.withReadConnection { connection throws(StoreError) in
            try Self.changes(connection, organisationID: organisationID)
        }
    }

    /// What the processor's registers say today, for the register warnings of an agreement's validation.
    public func registerSnapshot(processorID: Int) throws(StoreError) -> RegisterSnapshot {
        try database.withReadConnection { connection throws(StoreError) in
            RegisterSnapshot(
                subprocessors: try Self.registerEntries(connection, organisationID: processorID),
                evidence: try Self.evidence(connection, organisationID: processorID), today: today()
            )
        }
    }

    /// The registers of an agreement's processor.
    public func registerSnapshot(forAgreement reference: String) throws(StoreError) -> RegisterSnapshot {
        let processorID = try database.withReadConnection { connection throws(StoreError) in try Self.agreementRow(connection, reference).processorID }
        return try registerSnapshot(processorID: processorID)
    }

    /// Proposes a change to the user's organisation's register and sends a notice, approval request or information to
    /// every agreement it affects, each with the deadlines of that agreement's own subprocessor clause.
    ///
    /// - `addition`: `entry` is new. `replacement`: `entry` takes the place of `replacing`. `modification`: `entry`
    ///   is the new state of the entry with the same id. `removal`: `replacing` ends.
    /// - The register itself changes at once, dated `plannedStart` (today when nil); agreements follow one by one.
    /// - `failures` names the agreements that could not take their notice (each rolled back alone, the rest sent).
    @discardableResult
    public func proposeRegisterChange(
        _ kind: RegisterChange.Kind, entry: SubprocessorRecord?, replacing: String?, plannedStart: CalendarDay?, message: String, by email: String,
        library: ClauseLibrary
    ) throws(StoreError) -> (change: RegisterChangeEntry, notices: [NoticeEntry], failures: [String]) {
        let user = try self.user(email: email)
        try user.requireNegotiator("change the subprocessor register")
        let today = today()
        // A new entity's own start date counts when no other day is given, so a register can be loaded with the
        // entities already in use; a change never takes effect before today.
        let start = plannedStart ?? max(today, kind == .modification ? today : entry?.startDate ?? today)
        guard start >= today else { throw .invalidFields([FieldProblem(field: "plannedStart", message: "the planned start \(start) is in the past; today is \(today)")]) }
        if kind != .removal {
            guard let entry else { throw .invalidFields([FieldProblem(field: "entry", message: "a\(kind == .addition ? "n" : "") \(kind.rawValue) needs the entry")]) }
            let problems = entry.problems(library: library)
            guard problems.isEmpty else { throw .invalidFields(problems) }
        }
        let now = clock.timestamp()
        let result = try database.transaction { connection throws(StoreError) -> (RegisterChangeEntry, [String]) in
            let organisation = try Self.organisationName(connection, user.organisationID)
            let register = try Self.registerEntries(connection, organisationID: user.organisationID)
            func active(_ key: String?, field: String) throws(StoreError) -> SubprocessorRecord {
                guard let key, let record = register.first(where: { $0.id == key }) else {
                    throw StoreError.invalidFields([FieldProblem(field: field, message: "the register of \(organisation) has no entry '\(key ?? "")'")])
                }
                guard record.isActive(on: start) else {
                    throw StoreError.invalidFields([FieldProblem(field: field, message: "'\(record.name)' already ends on \(record.endDate?.iso ?? "")")])
                }
                return record
            }
            func fresh(_ record: SubprocessorRecord) throws(StoreError) {
                if register.contains(where: { $0.id == record.id }) {
                    throw StoreError.invalidFields([FieldProblem(field: "id", message: "the register already has an entry '\(record.id)'; choose another id, or change that entry")])
                }
            }
            var change: RegisterChange
            // An addition without a planned day may carry the entity's own, earlier start (loading a register with what
            // is already in use); otherwise a new entity starts on the planned day.
            var stored = entry.map { record -> SubprocessorRecord in
                var record = record
                if !(kind == .addition && plannedStart == nil && record.startDate <= start) { record.startDate = start }
                record.endDate = nil
                return record
            }
            switch kind {
            case .addition:
                try fresh(stored!)
                change = RegisterChange(kind: kind, entry: stored, previous: nil, plannedStart: start)
            case .replacement:
                let previous = try active(replacing, field: "replacing")
                try fresh(stored!)
                change = RegisterChange(kind: kind, entry: stored, previous: previous, plannedStart: start)
            case .modification:
                let previous = try active(replacing ?? entry?.id, field: "replacing")
                stored!.id = previous.id
                stored!.startDate = previous.startDate
                guard stored != previous else { throw StoreError.invalidFields([FieldProblem(field: "entry", message: "the entry is unchanged; there is nothing to notify")]) }
                change = RegisterChange(kind: kind, entry: stored, previous: previous, plannedStart: start)
            case .removal:
                change = RegisterChange(kind: kind, entry: nil, previous: try active(replacing, field: "replacing"), plannedStart: start)
            }
            let pending = try Database.query(
                connection,
                "SELECT DISTINCT c.change FROM notices n JOIN register_changes c ON c.id = n.change_id WHERE c.organisation_id = ? AND n.status IN ('pending', 'objected')",
                [.int(user.organisationID)]
            ) { row in try? JSONDecoder().decode(RegisterChange.self, from: row.blob(0)) }.compactMap { $0 }
            let keys = Set([change.entry?.id, change.previous?.id].compactMap { $0 })
            if let clash = pending.first(where: { !keys.isDisjoint(with: Set([$0.entry?.id, $0.previous?.id].compactMap { $0 })) }) {
                throw StoreError.duplicate("an open change (\(clash.summary)) concerning the same entry; resolve it first")
            }

            try Database.run(
                connection, "INSERT INTO register_changes (organisation_id, kind, change, message, proposed_by, proposed_at) VALUES (?, ?, ?, ?, ?, ?)",
                [.int(user.organisationID), .text(kind.rawValue), .blob(DocumentCodec.canonicalJSON(change)), .text(message), .int(user.id), .text(now)]
            ) { _ in }
            let changeID = try Database.query(connection, "SELECT last_insert_rowid()", [], { $0.integer(0) })[0]
            if var previous = change.previous, kind != .modification {
                previous.endDate = start
                try Self.storeEntry(connection, organisationID: user.organisationID, previous, now: now)
            }
            if let stored { try Self.storeEntry(connection, organisationID: user.organisationID, stored, now: now) }
            try appendAudit(connection, actor: email, agreement: nil, action: "register.change", detail: "change \(changeID) in \(organisation): \(change.summary), from \(start): \(message)")

            // Every affected agreement in this one write transaction; each in its own savepoint, so one that cannot take
            // its notice is rolled back alone and reported, and the others still go out.
            var failures: [String] = []
            let agreements = try Database.query(
                connection, "SELECT id, reference, controller_id, processor_id, head, status FROM agreements WHERE processor_id = ? ORDER BY reference",
                [.int(user.organisationID)]
            ) { row in
                AgreementRow(
                    id: row.integer(0), reference: row.text(1) ?? "", controllerID: row.integer(2), processorID: row.integer(3), head: row.integer(4),
                    status: AgreementStatus(rawValue: row.text(5) ?? "") ?? .draft
                )
            }
            for row in agreements {
                try Database.run(connection, "SAVEPOINT notice", []) { _ in }
                do throws(StoreError) {
                    try issueNotice(connection, change: change, changeID: changeID, agreement: row, today: today, start: start, actor: email, library: library)
                    try Database.run(connection, "RELEASE notice", []) { _ in }
                } catch {
                    try Database.run(connection, "ROLLBACK TO notice", []) { _ in }
                    try Database.run(connection, "RELEASE notice", []) { _ in }
                    failures.append("\(row.reference): \(error)")
                }
            }
            let entry = RegisterChangeEntry(id: changeID, organisation: organisation, change: change, message: message, proposedBy: email, proposedAt: now)
            return (entry, failures)
        }
        // A removal applies at once. The change is stored whatever settling does: a notice that cannot be applied now
        // is applied by the next settling, so its failure must not read as a failed change.
        _ = try? settleDueNotices(library: library)
        // All the change's notices in one query, as settling left them.
        let notices = try database.withReadConnection { connection throws(StoreError) in
            try Self.notices(connection, conditions: ["n.change_id = ?"], bindings: [.int(result.0.id)], order: "a.reference")
        }
        return (result.0, notices, result.1)
    }

    /// One agreement's notice of a change, if the change concerns it, with that agreement's own deadlines.
    private func issueNotice(
        _ connection: Database.Connection, change: RegisterChange, changeID: Int, agreement row: AgreementRow, today: CalendarDay, start: CalendarDay,
        actor email: String, library: ClauseLibrary
    ) throws(StoreError) {
        let document = try cachedVersion(connection, agreement: row, number: row.head).document
        guard let reason = change.reason(affecting: document, library: library) else { return }
        let schedule = SubprocessorTerms(document: document, library: library).schedule(kind: change.kind, issued: today, plannedStart: start)
        try Database.run(
            connection,
            "INSERT INTO notices (change_id, agreement_id, kind, reason, issued, respond_by, takes_effect, late, status) VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'pending')",
            [
                .int(changeID), .int(row.id), .text(schedule.kind.rawValue), .text(reason), .text(schedule.issued.iso), .text(schedule.respondBy.iso),
                .text(schedule.takesEffect.iso), .int(schedule.late ? 1 : 0),
            ]
        ) { _ in }
        let noticeID = try Database.query(connection, "SELECT last_insert_rowid()", [], { $0.integer(0) })[0]
        try appendAudit(
            connection, actor: email, agreement: row.reference, action: "notice.issue",
            detail: "\(schedule.kind.rawValue) \(noticeID) of change \(changeID): \(change.summary); respond by \(schedule.respondBy), takes effect \(schedule.takesEffect)"
        )
    }

    // MARK: rows

    static func registerEntries(_ connection: Database.Connection, organisationID: Int) throws(StoreError) -> [SubprocessorRecord] {
        try Database.query(connection, "SELECT key, record FROM register_entries WHERE organisation_id = ?", [.int(organisationID)]) { row throws(StoreError) in
            do {
                return try JSONDecoder().decode(SubprocessorRecord.self, from: row.blob(1))
            } catch {
                throw StoreError.database("register entry '\(row.text(0) ?? "")' is unreadable: \(error)")
            }
        }.sorted { ($0.name.lowercased(), $0.id) < ($1.name.lowercased(), $1.id) }
    }

    static func storeEntry(_ connection: Database.Connection, organisationID: Int, _ record: SubprocessorRecord, now: String) throws(StoreError) {
        try Database.run(
            connection,
            "INSERT INTO register_entries (organisation_id, key, record, updated_at) VALUES (?, ?, ?, ?) ON CONFLICT (organisation_id, key) DO UPDATE SET record = excluded.record, updated_at = excluded.updated_at",
            [.int(organisationID), .text(record.id), .blob(DocumentCodec.canonicalJSON(record)), .text(now)]
        ) { _ in }
    }

    static func changes(_ connection: Database.Connection, organisationID: Int) throws(StoreError) -> [RegisterChangeEntry] {
        let organisation = try organisationName(connection, organisationID)
        return try Database.query(
            connection,
            "SELECT c.id, c.change, c.message, u.email, c.proposed_at FROM register_changes c JOIN users u ON u.id = c.proposed_by WHERE c.organisation_id = ? ORDER BY c.id DESC",
            [.int(organisationID)]
        ) { row throws(StoreError) in
            guard let change = try? JSONDecoder().decode(RegisterChange.self, from: row.blob(1)) else {
                throw StoreError.database("register change \(row.integer(0)) is unreadable")
            }
            return RegisterChangeEntry(id: row.integer(0), organisation: organisation, change: change, message: row.text(2) ?? "", proposedBy: row.text(3) ?? "", proposedAt: row.text(4) ?? "")
        }
    }

    static func organisationName(_ connection: Database.Connection, _ id: Int) throws(StoreError) -> String {
        try Database.query(connection, "SELECT name FROM organisations WHERE id = ?", [.int(id)]) { $0.text(0) ?? "" }.first ?? ""
    }
}
