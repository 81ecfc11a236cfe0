import Foundation
public import TripactCore

/// A comment held with a side's draft until the draft is sent: a Word comment from a returned DOCX imported into the
/// draft. Private to the side like the draft itself; sending posts it on its item of the new version.
public struct DraftComment: Sendable, Hashable {
    /// The item commented on; nil for the agreement as a whole.
    public let item: ItemKey?
    public let body: String
    /// Who imported it.
    public let importerEmail: String
    public let importerName: String
    public let at: String
}

/// A returned Word document imported into the side's draft (issue 13): the mapped edits become draft edits and its
/// comments wait with the draft, so nothing reaches the other side before the side sends its turn.
extension TripactStore {
    /// Takes the items that `edited` (the document of version `base` with the returned file's edits applied) changes
    /// against version `base` into the side's draft, logged as edited by `email` with `note`, and holds `comments` with
    /// the draft. The file is read against the version it was exported from: when the head has moved since `base`, an
    /// item the returned file changed that the head changed too is an item to settle on the review page, not a silent
    /// overwrite of the other side's words. All of it or, when anything is refused, none of it.
    @discardableResult
    public func importIntoDraft(
        _ reference: String, base: Int, edited: AgreementDocument, by email: String, note: String, comments: [ProposalComment]
    ) throws(StoreError) -> Draft {
        let user = try self.user(email: email)
        try user.requireNegotiator("edit drafts")
        if !comments.isEmpty { try user.requireCommenter() }
        let edited = try Self.prepared(edited)
        try Self.checkSize(edited)
        let comments = try ProposalComment.checked(comments)
        let note = note.trimmingCharacters(in: .whitespacesAndNewlines)
        if TextLimit.exceeds(note, 2_000) { throw .invalidFields([FieldProblem(field: "message", message: "at most 2,000 characters")]) }
        guard edited.id == reference else {
            throw .invalid("the document's id is '\(edited.id)', not '\(reference)'; a version keeps its agreement's id")
        }
        return try database.transaction { connection throws(StoreError) in
            let agreement = try Self.agreementRow(connection, reference)
            _ = try agreement.party(of: user)
            guard base >= 1, base <= agreement.head else { throw StoreError.unknownVersion(agreement: reference, version: base) }
            let baseVersion = try self.cachedVersion(connection, agreement: agreement, number: base)
            let touched = Set(DraftRebase.changedItems(from: baseVersion.document, to: edited))
            var theirs = Set<ItemKey>()
            if base != agreement.head {
                let head = try self.cachedVersion(connection, agreement: agreement, number: agreement.head)
                theirs = Set(DraftRebase.changedItems(from: baseVersion.document, to: head.document))
            }
            return try self.writeIntoDraft(
                connection, agreement: agreement, user: user, touched: touched, edited: edited, note: note, conflicts: touched.intersection(theirs), comments: comments
            )
        }
    }

    // MARK: - Inside a transaction

    func holdComments(_ comments: [ProposalComment], _ connection: Database.Connection, agreementID: Int, user: User, now: String) throws(StoreError) {
        for comment in comments {
            try Database.run(
                connection, "INSERT INTO draft_comments (agreement_id, organisation_id, item, body, user_id, created_at) VALUES (?, ?, ?, ?, ?, ?)",
                [.int(agreementID), .int(user.organisationID), .optionalText(comment.item?.rawValue), .text(comment.body), .int(user.id), .text(now)]
            ) { _ in }
        }
    }

    func heldComments(_ connection: Database.Connection, agreementID: Int, organisationID: Int) throws(StoreError) -> [DraftComment] {
        try Database.query(
            connection,
            "SELECT c.item, c.body, u.email, u.name, c.created_at FROM draft_comments c JOIN users u ON u.id = c.user_id WHERE c.agreement_id = ? AND c.organisation_id = ? ORDER BY c.id",
            [.int(agreementID), .int(organisationID)]
        ) {
            DraftComment(
                item: $0.text(0).map { ItemKey(rawValue: $0) }, body: $0.text(1) ?? "", importerEmail: $0.text(2) ?? "", importerName: $0.text(3) ?? "",
                at: $0.text(4) ?? ""
            )
        }
    }

    /// The held comments as they are posted with the draft's version. An item that left the draft since the import
    /// (a colleague removed the clause) cannot take its comment, so the comment goes on the agreement, naming it.
    static func proposalComments(_ held: [DraftComment], in document: AgreementDocument) -> [ProposalComment] {
        let keys = Set(AgreementItems.items(of: document).map(\.key))
        return held.map { comment in
            guard let item = comment.item, !keys.contains(item) else { return ProposalComment(item: comment.item, body: comment.body) }
            return ProposalComment(item: nil, body: "On \(item.rawValue), no longer in the agreement: \(comment.body)")
        }
    }

    /// Sends a draft that changes nothing but holds comments: they are posted on the head version and the draft goes,
    /// in one transaction; refused with `staleBase` when the draft changed or the head moved meanwhile. Returns the head.
    func postHeldComments(_ draft: Draft, by user: User) throws(StoreError) -> Version {
        try user.requireCommenter()
        let comments = try ProposalComment.checked(Self.proposalComments(draft.comments, in: draft.document))
        let reference = draft.agreement
        try database.transaction { connection throws(StoreError) in
            let agreement = try Self.agreementRow(connection, reference)
            _ = try agreement.party(of: user)
            let stored = try Database.query(
                connection, "SELECT revision FROM drafts WHERE agreement_id = ? AND organisation_id = ?", [.int(agreement.id), .int(user.organisationID)]
            ) { $0.integer(0) }.first
            guard stored == draft.revision, agreement.head == draft.base else {
                throw StoreError.staleBase(agreement: reference, base: draft.base, head: agreement.head)
            }
            let items = Set(try Self.states(connection, agreementID: agreement.id).map(\.key))
            try insertComments(comments, connection, agreementID: agreement.id, version: agreement.head, user: user, reference: reference, items: items)
            try deleteDraft(connection, agreementID: agreement.id, organisationID: user.organisationID)
            try appendAudit(
                connection, actor: user.email, agreement: nil, action: "draft.send", detail: "their side's draft of '\(reference)' was sent as comments on version \(agreement.head)"
            )
        }
        return try version(reference)
    }
}
