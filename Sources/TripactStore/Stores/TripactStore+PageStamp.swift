public import TripactCore

/// What a cached agreement page needs to know before its bytes can be served, read in one statement: the reader's
/// side, the database's generation, the version this user last reviewed (or proposed), and the stamp of the side's
/// private draft. The agreement page is the page read most; four separate reads cost it about a fifth of its rate.
public struct PageStamp: Sendable, Hashable {
    /// The reader's side; nil when the reader is not a party (or is limited to another agreement).
    public let party: PartyRole?
    /// The last audit event's id: every change the pages show appends one (`access(of:in:)`).
    public let generation: Int
    /// As `reviewedVersion(of:in:)`.
    public let reviewed: Int?
    /// As `draftStamp(_:for:)`.
    public let draft: (base: Int, revision: Int)?

    public static func == (left: PageStamp, right: PageStamp) -> Bool {
        left.party == right.party && left.generation == right.generation && left.reviewed == right.reviewed
            && left.draft?.base == right.draft?.base && left.draft?.revision == right.draft?.revision
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(party)
        hasher.combine(generation)
        hasher.combine(reviewed)
        hasher.combine(draft?.base)
        hasher.combine(draft?.revision)
    }
}

extension TripactStore {
    public func pageStamp(_ reference: String, for user: User) throws(StoreError) -> PageStamp {
        let read = try database.query(
            """
            SELECT a.id, a.controller_id, a.processor_id, a.head, (SELECT coalesce(max(id), 0) FROM audit_events),
                (SELECT MAX(n) FROM (SELECT version AS n FROM reviewed_versions WHERE user_id = ?1 AND agreement_id = a.id
                    UNION ALL SELECT MAX(number) AS n FROM versions WHERE agreement_id = a.id AND author_id = ?1)),
                d.base, d.revision
            FROM agreements a LEFT JOIN drafts d ON d.agreement_id = a.id AND d.organisation_id = ?2
            WHERE a.reference = ?3
            """,
            [.int(user.id), .int(user.organisationID), .text(reference)]
        ) { row in
            (id: row.integer(0), controller: row.integer(1), processor: row.integer(2), head: row.integer(3), generation: row.integer(4),
             reviewed: row.isNull(5) ? nil : row.integer(5), draft: row.isNull(6) ? nil : (base: row.integer(6), revision: row.integer(7)))
        }.first
        guard let read else { throw .unknownAgreement(reference) }
        let party: PartyRole? =
            !user.reaches(read.id) ? nil : user.organisationID == read.controller ? .controller : user.organisationID == read.processor ? .processor : nil
        guard party != nil else { return PageStamp(party: nil, generation: read.generation, reviewed: nil, draft: nil) }
        var draft = user.signingOnly == nil ? read.draft : nil
        // A draft prepared on an older head is carried onto the new one when it is next read, which may change it.
        if let stamp = draft, stamp.base != read.head {
            draft = try self.draft(reference, for: user.email).map { ($0.base, $0.revision) }
        }
        return PageStamp(party: party, generation: read.generation, reviewed: read.reviewed, draft: draft)
    }
}
