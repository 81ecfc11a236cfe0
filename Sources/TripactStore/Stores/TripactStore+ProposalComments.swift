import Foundation
public import TripactCore

/// A comment that travels with a proposal: a Word comment on a returned DOCX becomes one on its clause (or on the
/// agreement) of the version the DOCX proposes.
public struct ProposalComment: Sendable, Hashable {
    /// The item commented on; nil for the agreement as a whole.
    public var item: ItemKey?
    public var body: String

    public init(item: ItemKey?, body: String) {
        self.item = item
        self.body = body
    }

    /// The comments trimmed, each checked as `TripactStore.comment` checks one, before anything is written.
    static func checked(_ comments: [ProposalComment]) throws(StoreError) -> [ProposalComment] {
        var result: [ProposalComment] = []
        for comment in comments {
            let text = comment.body.trimmingCharacters(in: .whitespacesAndNewlines)
            guard !text.isEmpty else { throw .invalid("a comment needs text (on \(comment.item?.rawValue ?? "the agreement"))") }
            guard !TextLimit.exceeds(text, 4_000) else {
                throw .invalidFields([FieldProblem(field: "comment", message: "a comment on \(comment.item?.rawValue ?? "the agreement") has more than 4,000 characters")])
            }
            result.append(ProposalComment(item: comment.item, body: text))
        }
        return result
    }
}

extension TripactStore {
    /// Adds several comments on the head version in one transaction: all of them, or, when one is refused, none. For a
    /// returned Word document that changes nothing but carries comments.
    public func comment(on reference: String, _ comments: [ProposalComment], by email: String) throws(StoreError) {
        let user = try self.user(email: email)
        try user.requireCommenter()
        let comments = try ProposalComment.checked(comments)
        guard !comments.isEmpty else { return }
        try database.transaction { connection throws(StoreError) in
            let agreement = try Self.agreementRow(connection, reference)
            _ = try agreement.party(of: user)
            let items = Set(try Self.states(connection, agreementID: agreement.id).map(\.key))
            try insertComments(comments, connection, agreementID: agreement.id, version: agreement.head, user: user, reference: reference, items: items)
        }
    }

    /// Inserts comments on `version` inside the proposal's transaction; an item the new version does not have refuses
    /// the whole proposal.
    func insertComments(
        _ comments: [ProposalComment], _ connection: Database.Connection, agreementID: Int, version: Int, user: User, reference: String, items: Set<ItemKey>
    ) throws(StoreError) {
        guard !comments.isEmpty else { return }
        try user.requireCommenter()
        let now = clock.timestamp()
        for comment in comments {
            if let item = comment.item, !items.contains(item) { throw StoreError.unknownItem(agreement: reference, item: item.rawValue) }
            try Database.run(
                connection, "INSERT INTO comments (agreement_id, version, item_key, author_id, created_at, body, internal_to) VALUES (?, ?, ?, ?, ?, ?, NULL)",
                [.int(agreementID), .int(version), .optionalText(comment.item?.rawValue), .int(user.id), .text(now), .text(comment.body)]
            ) { _ in }
            try appendAudit(connection, actor: user.email, agreement: reference, action: "comment.add", detail: "on \(comment.item?.rawValue ?? "the agreement"), version \(version)")
        }
    }
}
