import Foundation
public import TripactCore

/// Who on a side changed which item of its draft, when, and the note they gave.
public struct DraftEdit: Sendable, Hashable, Codable {
    public let item: ItemKey
    public let editorEmail: String
    public let editorName: String
    public let at: String
    public let note: String
}

/// A side's private working draft of an agreement (issue 10, item 1): what it will send as its next turn.
public struct Draft: Sendable, Hashable {
    public let agreement: String
    /// The head version the draft is prepared on (after any carry-over, always the current head).
    public let base: Int
    public let document: AgreementDocument
    /// The items the draft changes against the head, in document order.
    public let changes: [ItemKey]
    /// Items both sides changed since the draft was prepared: the head has theirs, the draft ours; settle before sending.
    public let conflicts: [ItemKey]
    /// Oldest first.
    public let edits: [DraftEdit]
    /// Word comments imported with a returned DOCX, held until the draft is sent (oldest first).
    public let comments: [DraftComment]
    public let updatedAt: String
    /// Counts the writes; sending checks that nobody wrote between reading the draft and proposing it.
    public let revision: Int
}

/// Private drafts. Everything here belongs to one organisation: every read and write names the user, a user of the
/// other side gets "not a party" (not found) and never the draft, and the audit lines say that a draft was sent or
/// discarded without naming the agreement in the column both sides read, nor any of the draft's content.
extension TripactStore {
    /// The user's side's draft of the agreement, carried onto the head first if the head moved; nil when there is none.
    public func draft(_ reference: String, for email: String) throws(StoreError) -> Draft? {
        let user = try readableUser(email)
        return try database.transaction { connection throws(StoreError) in
            let agreement = try Self.agreementRow(connection, reference)
            _ = try agreement.party(of: user)
            return try self.currentDraft(connection, agreement: agreement, organisationID: user.organisationID)
        }
    }

    /// The side's draft's base and revision, for a page cache's key, read without a write transaction: the agreement
    /// page asks on every request. Only a draft whose head moved is carried over first (through `draft`, which writes).
    public func draftStamp(_ reference: String, for user: User) throws(StoreError) -> (base: Int, revision: Int)? {
        guard user.signingOnly == nil else { return nil }
        let stamp = try database.withReadConnection { connection throws(StoreError) -> (base: Int, revision: Int, head: Int)? in
            let agreement = try Self.agreementRow(connection, reference)
            _ = try agreement.party(of: user)
            return try Database.query(
                connection, "SELECT base, revision FROM drafts WHERE agreement_id = ? AND organisation_id = ?", [.int(agreement.id), .int(user.organisationID)]
            ) { ($0.integer(0), $0.integer(1), agreement.head) }.first
        }
        guard let stamp else { return nil }
        guard stamp.base != stamp.head else { return (stamp.base, stamp.revision) }
        return try draft(reference, for: user.email).map { ($0.base, $0.revision) }
    }

    /// Changes the draft (made from the head when there is none) by the items that differ between `source` (the
    /// document the form was filled from) and `edited`: only those items are taken, so two colleagues saving different
    /// forms at once both keep their edits. Returns the draft; an edit that changes nothing leaves it as it was.
    @discardableResult
    public func editDraft(_ reference: String, from source: AgreementDocument, to edited: AgreementDocument, by email: String, note: String) throws(StoreError) -> Draft {
        let user = try self.user(email: email)
        try user.requireNegotiator("edit drafts")
        let edited = try Self.prepared(edited)
        try Self.checkSize(edited)
        let note = note.trimmingCharacters(in: .whitespacesAndNewlines)
        if TextLimit.exceeds(note, 2_000) { throw .invalidFields([FieldProblem(field: "message", message: "at most 2,000 characters")]) }
        guard edited.id == reference else {
            throw .invalid("the document's id is '\(edited.id)', not '\(reference)'; a version keeps its agreement's id")
        }
        let touched = Set(DraftRebase.changedItems(from: source, to: edited))
        return try database.transaction { connection throws(StoreError) in
            let agreement = try Self.agreementRow(connection, reference)
            _ = try agreement.party(of: user)
            return try self.writeIntoDraft(connection, agreement: agreement, user: user, touched: touched, edited: edited, note: note)
        }
    }

    /// Takes the `touched` items of `edited` into the side's draft (made from the head when there is none), logs who
    /// changed which item, adds `conflicts` to the items to settle and holds `comments` with the draft. Nothing is
    /// written when nothing changes and no comment comes.
    func writeIntoDraft(
        _ connection: Database.Connection, agreement: AgreementRow, user: User, touched: Set<ItemKey>, edited: AgreementDocument, note: String,
        conflicts newConflicts: Set<ItemKey> = [], comments: [ProposalComment] = []
    ) throws(StoreError) -> Draft {
        let existing = try currentDraft(connection, agreement: agreement, organisationID: user.organisationID)
        let head = try cachedVersion(connection, agreement: agreement, number: agreement.head)
        guard !touched.isEmpty || !comments.isEmpty else { return existing ?? Self.emptyDraft(agreement.reference, head: head) }
        let before = existing?.document ?? head.document
        let document = ItemTransplant.taking(touched, from: edited, onto: before)
        let items = AgreementItems.items(of: document)
        try Self.checkDistinctItems(items)
        let keys = Set(items.map(\.key))
        for comment in comments {
            if let item = comment.item, !keys.contains(item) { throw StoreError.unknownItem(agreement: agreement.reference, item: item.rawValue) }
        }
        let now = clock.timestamp()
        let changed = DraftRebase.changedItems(from: before, to: document)
        var conflicts = existing?.conflicts ?? []
        for key in DraftRebase.changedItems(from: head.document, to: document) where newConflicts.contains(key) && !conflicts.contains(key) { conflicts.append(key) }
        try writeDraft(connection, agreement: agreement, organisationID: user.organisationID, base: agreement.head, document: document, conflicts: conflicts, now: now)
        for key in changed {
            try Database.run(
                connection, "INSERT INTO draft_edits (agreement_id, organisation_id, item, user_id, at, note) VALUES (?, ?, ?, ?, ?, ?)",
                [.int(agreement.id), .int(user.organisationID), .text(key.rawValue), .int(user.id), .text(now), .text(note)]
            ) { _ in }
        }
        try holdComments(comments, connection, agreementID: agreement.id, user: user, now: now)
        return try currentDraft(connection, agreement: agreement, organisationID: user.organisationID) ?? Self.emptyDraft(agreement.reference, head: head)
    }

    /// Settles an item both sides changed: `takeTheirs` puts the head's item into the draft, otherwise the draft keeps its own.
    @discardableResult
    public func settleDraftConflict(_ reference: String, item: ItemKey, takeTheirs: Bool, by email: String) throws(StoreError) -> Draft {
        let user = try self.user(email: email)
        try user.requireNegotiator("edit drafts")
        return try database.transaction { connection throws(StoreError) in
            let agreement = try Self.agreementRow(connection, reference)
            _ = try agreement.party(of: user)
            guard let draft = try self.currentDraft(connection, agreement: agreement, organisationID: user.organisationID), draft.conflicts.contains(item) else {
                throw StoreError.unknownItem(agreement: reference, item: item.rawValue)
            }
            let head = try self.cachedVersion(connection, agreement: agreement, number: agreement.head)
            let document = takeTheirs ? ItemTransplant.taking([item], from: head.document, onto: draft.document) : draft.document
            let now = clock.timestamp()
            try self.writeDraft(
                connection, agreement: agreement, organisationID: user.organisationID, base: agreement.head, document: document,
                conflicts: draft.conflicts.filter { $0 != item }, now: now
            )
            try Database.run(
                connection, "INSERT INTO draft_edits (agreement_id, organisation_id, item, user_id, at, note) VALUES (?, ?, ?, ?, ?, ?)",
                [
                    .int(agreement.id), .int(user.organisationID), .text(item.rawValue), .int(user.id), .text(now),
                    .text(takeTheirs ? "took the other side's version" : "kept our version over the other side's"),
                ]
            ) { _ in }
            return try self.currentDraft(connection, agreement: agreement, organisationID: user.organisationID)!
        }
    }

    /// Proposes the draft as one version with a cover message, under every rule of `propose` (role, approvals, an
    /// empty draft refused as an empty proposal), then removes it. Refused with `draftConflicts` while items wait to be
    /// settled, and with `staleBase` if the draft changed or the head moved while it was being sent.
    @discardableResult
    public func sendDraft(_ reference: String, by email: String, message: String) throws(StoreError) -> Version {
        let user = try self.user(email: email)
        try user.requireNegotiator("send drafts")
        let message = message.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !message.isEmpty else { throw .invalidFields([FieldProblem(field: "message", message: "say what this turn changes and why")]) }
        if TextLimit.exceeds(message, 2_000) { throw .invalidFields([FieldProblem(field: "message", message: "at most 2,000 characters")]) }
        guard let draft = try self.draft(reference, for: email) else {
            throw .invalid("your side has no draft of '\(reference)'; there is nothing to propose")
        }
        guard draft.conflicts.isEmpty else { throw .draftConflicts(agreement: reference, items: draft.conflicts.map(\.rawValue)) }
        // A draft that holds Word comments but changes nothing posts its comments on the head.
        if draft.changes.isEmpty, !draft.comments.isEmpty { return try postHeldComments(draft, by: user) }
        guard !draft.changes.isEmpty else {
            throw .invalid("the draft is identical to version \(draft.base); there is nothing to propose")
        }
        let revision = draft.revision
        let comments = Self.proposalComments(draft.comments, in: draft.document)
        return try proposeVersion(draft.document, on: reference, basedOn: draft.base, by: email, message: message, comments: comments) {
            connection, agreement, user, number throws(StoreError) in
            let stored = try Database.query(
                connection, "SELECT revision FROM drafts WHERE agreement_id = ? AND organisation_id = ?", [.int(agreement.id), .int(user.organisationID)]
            ) { $0.integer(0) }.first
            // A colleague saved a form while this turn was being sent: send again, with their edit in it.
            guard stored == revision else { throw StoreError.staleBase(agreement: reference, base: draft.base, head: draft.base) }
            try self.deleteDraft(connection, agreementID: agreement.id, organisationID: user.organisationID)
            try self.appendAudit(
                connection, actor: user.email, agreement: nil, action: "draft.send", detail: "their side's draft of '\(reference)' was sent as version \(number)"
            )
        }
    }

    /// Throws the draft away, with its log. Refused when the side has none.
    public func discardDraft(_ reference: String, by email: String) throws(StoreError) {
        let user = try self.user(email: email)
        try user.requireNegotiator("discard drafts")
        try database.transaction { connection throws(StoreError) in
            let agreement = try Self.agreementRow(connection, reference)
            _ = try agreement.party(of: user)
            let found = try Database.query(
                connection, "SELECT base FROM drafts WHERE agreement_id = ? AND organisation_id = ?", [.int(agreement.id), .int(user.organisationID)]
            ) { $0.integer(0) }
            guard !found.isEmpty else { throw StoreError.invalid("your side has no draft of '\(reference)'; there is nothing to discard") }
            try self.deleteDraft(connection, agreementID: agreement.id, organisationID: user.organisationID)
            try self.appendAudit(connection, actor: user.email, agreement: nil, action: "draft.discard", detail: "their side's draft of '\(reference)' was discarded")
        }
    }

    // MARK: - Inside a transaction

    /// A user who may read drafts: any user of an organisation but an invited signatory's account.
    private func readableUser(_ email: String) throws(StoreError) -> User {
        let user = try self.user(email: email)
        guard user.signingOnly == nil else { throw .notPermitted("a signing account reads and signs one agreement; it has no drafts") }
        return user
    }

    private static func emptyDraft(_ reference: String, head: Version) -> Draft {
        Draft(agreement: reference, base: head.number, document: head.document, changes: [], conflicts: [], edits: [], comments: [], updatedAt: "", revision: 0)
    }

    /// Reads the draft, carrying it onto the head first when the head moved since it was prepared.
    func currentDraft(_ connection: Database.Connection, agreement: AgreementRow, organisationID: Int) throws(StoreError) -> Draft? {
        let rows = try Database.query(
            connection, "SELECT base, document, conflicts, updated_at, revision FROM drafts WHERE agreement_id = ? AND organisation_id = ?",
            [.int(agreement.id), .int(organisationID)]
        ) { ($0.integer(0), $0.blob(1), $0.text(2) ?? "", $0.text(3) ?? "", $0.integer(4)) }
        guard let (base, data, conflictText, updatedAt, storedRevision) = rows.first else { return nil }
        var document: AgreementDocument
        do {
            document = try DocumentCodec.decodeStored(data)
        } catch {
            throw StoreError.database("the draft of '\(agreement.reference)' is unreadable: \(error)")
        }
        var conflicts = conflictText.split(separator: "\n").map { ItemKey(rawValue: String($0)) }
        let head = try cachedVersion(connection, agreement: agreement, number: agreement.head)
        var stamp = updatedAt
        var revision = storedRevision
        if base != agreement.head {
            let baseVersion = try cachedVersion(connection, agreement: agreement, number: base)
            let rebased = DraftRebase.rebase(draft: document, base: baseVersion.document, head: head.document, earlierConflicts: conflicts)
            document = rebased.document
            conflicts = rebased.conflicts
            stamp = clock.timestamp()
            revision += 1
            try writeDraft(connection, agreement: agreement, organisationID: organisationID, base: agreement.head, document: document, conflicts: conflicts, now: stamp)
        }
        let edits = try Database.query(
            connection,
            "SELECT e.item, u.email, u.name, e.at, e.note FROM draft_edits e JOIN users u ON u.id = e.user_id WHERE e.agreement_id = ? AND e.organisation_id = ? ORDER BY e.id",
            [.int(agreement.id), .int(organisationID)]
        ) { DraftEdit(item: ItemKey(rawValue: $0.text(0) ?? ""), editorEmail: $0.text(1) ?? "", editorName: $0.text(2) ?? "", at: $0.text(3) ?? "", note: $0.text(4) ?? "") }
        return Draft(
            agreement: agreement.reference, base: agreement.head, document: document, changes: DraftRebase.changedItems(from: head.document, to: document),
            conflicts: conflicts, edits: edits, comments: try heldComments(connection, agreementID: agreement.id, organisationID: organisationID),
            updatedAt: stamp, revision: revision
        )
    }

    func writeDraft(
        _ connection: Database.Connection, agreement: AgreementRow, organisationID: Int, base: Int, document: AgreementDocument, conflicts: [ItemKey], now: String
    ) throws(StoreError) {
        try Database.run(
            connection,
            """
            INSERT INTO drafts (agreement_id, organisation_id, base, document, conflicts, revision, created_at, updated_at) VALUES (?, ?, ?, ?, ?, 1, ?, ?)
            ON CONFLICT (agreement_id, organisation_id) DO UPDATE SET base = excluded.base, document = excluded.document, conflicts = excluded.conflicts,
                revision = revision + 1, updated_at = excluded.updated_at
            """,
            [
                .int(agreement.id), .int(organisationID), .int(base), .blob(DocumentCodec.canonicalJSON(document)),
                .text(conflicts.map(\.rawValue).joined(separator: "\n")), .text(now), .text(now),
            ]
        ) { _ in }
    }

    func deleteDraft(_ connection: Database.Connection, agreementID: Int, organisationID: Int) throws(StoreError) {
        try Database.run(connection, "DELETE FROM draft_comments WHERE agreement_id = ? AND organisation_id = ?", [.int(agreementID), .int(organisationID)]) { _ in }
        try Database.run(connection, "DELETE FROM draft_edits WHERE agreement_id = ? AND organisation_id = ?", [.int(agreementID), .int(organisationID)]) { _ in }
        try Database.run(connection, "DELETE FROM drafts WHERE agreement_id = ? AND organisation_id = ?", [.int(agreementID), .int(organisationID)]) { _ in }
    }
}
