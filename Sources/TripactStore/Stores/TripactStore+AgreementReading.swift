import Foundation
public import TripactCore

/// Reading agreements: lists, versions, item states, comments, signatures and what a rendering needs.
extension TripactStore {
    /// The comments of an agreement that `organisationID` may read, oldest first; only those on `item` when given.
    /// The reader is required: an internal comment is returned only to its own organisation, so no call site can hand
    /// one to the other side by forgetting a filter.
    public func comments(_ reference: String, item: ItemKey? = nil, visibleTo organisationID: Int) throws(StoreError) -> [CommentEntry] {
        try database.withReadConnection { connection throws(StoreError) in
            let agreement = try Self.agreementRow(connection, reference)
            var sql = """
                SELECT c.item_key, c.version, u.email, u.name, c.created_at, c.body, c.kind, c.internal_to FROM comments c JOIN users u ON u.id = c.author_id
                WHERE c.agreement_id = ? AND (c.internal_to IS NULL OR c.internal_to = ?)
                """
            var bindings: [SQLValue] = [.int(agreement.id), .int(organisationID)]
            if let item {
                sql += " AND c.item_key = ?"
                bindings.append(.text(item.rawValue))
            }
            return try Database.query(connection, sql + " ORDER BY c.id", bindings) { row in
                var entry = CommentEntry(
                    item: row.text(0), version: row.integer(1), author: row.text(2) ?? "", authorName: row.text(3) ?? "", createdAt: row.text(4) ?? "", body: row.text(5) ?? "",
                    isRejection: row.text(6) == "rejection"
                )
                entry.isInternal = !row.isNull(7)
                return entry
            }
        }
    }

    public func agreements(status: AgreementStatus? = nil) throws(StoreError) -> [AgreementSummary] {
        try summaries(status: status)
    }

    public func agreement(_ reference: String) throws(StoreError) -> AgreementSummary {
        guard let summary = try summaries(reference: reference).first else { throw .unknownAgreement(reference) }
        return summary
    }

    /// The agreements the organisation is a party to.
    public func agreements(visibleTo organisationID: Int) throws(StoreError) -> [AgreementSummary] {
        try summaries(organisationID: organisationID)
    }

    private func summaries(status: AgreementStatus? = nil, reference: String? = nil, organisationID: Int? = nil) throws(StoreError) -> [AgreementSummary] {
        var sql = """
            SELECT a.reference, a.title, c.name, p.name, a.head, a.status, a.updated_at,
                (SELECT count(*) FROM item_states s WHERE s.agreement_id = a.id AND s.controller_accepted = 0),
                (SELECT count(*) FROM item_states s WHERE s.agreement_id = a.id AND s.processor_accepted = 0),
                pv.base, pv.notice_id, pv.clause, pv.clause_number, pv.applied_on, n.kind, ch.change, hv.content_hash
            FROM agreements a JOIN organisations c ON c.id = a.controller_id JOIN organisations p ON p.id = a.processor_id
                LEFT JOIN procedural_versions pv ON pv.agreement_id = a.id AND pv.version = a.head LEFT JOIN notices n ON n.id = pv.notice_id
                LEFT JOIN register_changes ch ON ch.id = n.change_id LEFT JOIN versions hv ON hv.agreement_id = a.id AND hv.number = a.head
            """
        var conditions: [String] = []
        var bindings: [SQLValue] = []
        if let status {
            conditions.append("a.status = ?")
            bindings.append(.text(status.rawValue))
        }
        if let reference {
            conditions.append("a.reference = ?")
            bindings.append(.text(reference))
        }
        if let organisationID {
            conditions.append("(a.controller_id = ? OR a.processor_id = ?)")
            bindings += [.int(organisationID), .int(organisationID)]
        }
        if !conditions.isEmpty { sql += " WHERE " + conditions.joined(separator: " AND ") }
        sql += " ORDER BY a.reference"
        return try database.query(sql, bindings) { row in
            var summary = AgreementSummary(
                reference: row.text(0) ?? "", title: row.text(1) ?? "", controller: row.text(2) ?? "", processor: row.text(3) ?? "", head: row.integer(4),
                status: AgreementStatus(rawValue: row.text(5) ?? "") ?? .draft, updatedAt: row.text(6) ?? "", openForController: row.integer(7),
                openForProcessor: row.integer(8)
            )
            if !row.isNull(9) {
                let kind = NoticeSchedule.Kind(rawValue: row.text(14) ?? "") ?? .notice
                let change = try? JSONDecoder().decode(RegisterChange.self, from: row.blob(15))
                summary.headUpdate = ProceduralUpdate(
                    version: summary.head, base: row.integer(9), contentHash: row.text(16) ?? "",
                    kind: kind == .approvalRequest ? .approval : kind == .information ? .information : .notice, notice: row.integer(10), clause: row.text(11) ?? "",
                    clauseNumber: row.integer(12), day: row.text(13) ?? "", summary: change?.summary ?? ""
                )
            }
            return summary
        }
    }

    /// The log: every version, newest first, with who signed it.
    public func log(_ reference: String) throws(StoreError) -> [VersionEntry] {
        try database.withReadConnection { connection throws(StoreError) in
            let agreement = try Self.agreementRow(connection, reference)
            let signatures = try Database.query(connection, "SELECT version, party FROM signatures WHERE agreement_id = ?", [.int(agreement.id)]) { row in
                (row.integer(0), PartyRole(rawValue: row.text(1) ?? "") ?? .controller)
            }
            return try Database.query(
                connection,
                """
                SELECT v.number, v.parent, u.email, v.party, v.created_at, v.message, v.content_hash
                FROM versions v JOIN users u ON u.id = v.author_id WHERE v.agreement_id = ? ORDER BY v.number DESC
                """,
                [.int(agreement.id)]
            ) { row in
                let number = row.integer(0)
                return VersionEntry(
                    number: number, parent: row.isNull(1) ? nil : row.integer(1), author: row.text(2) ?? "", party: PartyRole(rawValue: row.text(3) ?? "") ?? .processor,
                    createdAt: row.text(4) ?? "", message: row.text(5) ?? "", contentHash: row.text(6) ?? "",
                    signedBy: signatures.filter { $0.0 == number }.map(\.1).sorted { $0.rawValue < $1.rawValue }
                )
            }
        }
    }

    /// A version with its document; the head when `number` is nil.
    public func version(_ reference: String, number: Int? = nil) throws(StoreError) -> Version {
        try database.withReadConnection { connection throws(StoreError) in
            let agreement = try Self.agreementRow(connection, reference)
            return try cachedVersion(connection, agreement: agreement, number: number ?? agreement.head)
        }
    }

    /// A version through the cache of decoded versions: decoding strictly costs milliseconds, and versions never change.
    func cachedVersion(_ connection: Database.Connection, agreement: AgreementRow, number: Int) throws(StoreError) -> Version {
        if let cached = versionCache.version(agreementID: agreement.id, number: number) { return cached }
        let version = try Self.version(connection, agreement: agreement, number: number)
        versionCache.store(version, agreementID: agreement.id)
        return version
    }

    /// The item states of the head version, in item order.
    public func itemStates(_ reference: String) throws(StoreError) -> [ItemState] {
        try database.withReadConnection { connection throws(StoreError) in
            try Self.states(connection, agreementID: try Self.agreementRow(connection, reference).id)
        }
    }

    /// The standing rejections of the head's items, in item order. Each is told by the latest rejection comment of its
    /// side on the item: the item has not changed since the dispute began, so no later rejection is about other wording.
    public func disputes(_ reference: String) throws(StoreError) -> [Dispute] {
        try database.withReadConnection { connection throws(StoreError) in
            let agreement = try Self.agreementRow(connection, reference)
            var disputes: [Dispute] = []
            for state in try Self.states(connection, agreementID: agreement.id) {
                for party in PartyRole.allCases where state.disputedBy.contains(party) {
                    let found = try Database.query(
                        connection,
                        """
                        SELECT u.name, c.body, c.version FROM comments c JOIN users u ON u.id = c.author_id
                        WHERE c.agreement_id = ? AND c.item_key = ? AND c.kind = 'rejection' AND u.organisation_id = ? ORDER BY c.id DESC LIMIT 1
                        """,
                        [.int(agreement.id), .text(state.key.rawValue), .int(party == .controller ? agreement.controllerID : agreement.processorID)]
                    ) { row in
                        Dispute(item: state.key, party: party, authorName: row.text(0) ?? "", reason: row.text(1) ?? "", version: row.integer(2))
                    }
                    disputes += found
                }
            }
            return disputes
        }
    }

    public func signatures(_ reference: String, version: Int) throws(StoreError) -> [SignatureEntry] {
        try database.withReadConnection { connection throws(StoreError) in
            let agreement = try Self.agreementRow(connection, reference)
            return try Database.query(
                connection,
                "SELECT s.party, u.email, u.name, s.content_hash, s.signed_at, s.client_address FROM signatures s JOIN users u ON u.id = s.user_id WHERE s.agreement_id = ? AND s.version = ? ORDER BY s.party",
                [.int(agreement.id), .int(version)]
            ) { row in
                SignatureEntry(
                    party: PartyRole(rawValue: row.text(0) ?? "") ?? .controller, user: row.text(1) ?? "", name: row.text(2) ?? "", contentHash: row.text(3) ?? "",
                    signedAt: row.text(4) ?? "", clientAddress: row.text(5)
                )
            }
        }
    }

    /// Versions of any agreement whose content hash is `hash`, with the parties that signed each.
    public func versions(withHash hash: String) throws(StoreError) -> [(agreement: String, number: Int, signedBy: [PartyRole])] {
        try database.query(
            """
            SELECT a.reference, v.number, (SELECT group_concat(s.party) FROM signatures s WHERE s.agreement_id = v.agreement_id AND s.version = v.number AND s.content_hash = v.content_hash)
            FROM versions v JOIN agreements a ON a.id = v.agreement_id WHERE v.content_hash = ? ORDER BY a.reference, v.number
            """,
            [.text(hash)]
        ) { row in
            (row.text(0) ?? "", row.integer(1), (row.text(2) ?? "").split(separator: ",").compactMap { PartyRole(rawValue: String($0)) })
        }
    }

    /// How to render a version: its number, status and signatures. Only a signature that the audit chain records as
    /// it stands counts: a signature row written or changed outside Tripact never prints as signed.
    ///
    /// A version made from a signed version by the agreement's own procedures only (settled notices, approvals, each
    /// recorded in the chain) is signed with the signatures of that version, which the context names together with
    /// the updates made since.
    public func renderContext(_ reference: String, version number: Int) throws(StoreError) -> RenderContext {
        let signatures = try signaturesInChain(reference, version: number)
        let summary = try agreement(reference)
        func records(_ signatures: [SignatureEntry], version: Int) throws(StoreError) -> [PartyRole: SignatureRecord] {
            var records: [PartyRole: SignatureRecord] = [:]
            for signature in signatures {
                records[signature.party] = SignatureRecord(
                    name: signature.name, position: signature.user, signedAt: signature.signedAt, email: signature.user, contentHash: signature.contentHash,
                    address: signature.clientAddress, chainHead: try signatureEventHash(reference, version: version, party: signature.party)
                )
            }
            return records
        }
        let own = try records(signatures, version: number)
        if own.count == PartyRole.allCases.count { return RenderContext(version: number, status: .signed, signatures: own, certificate: true) }
        if own.isEmpty, let carried = try carriedSignatures(reference, version: number) {
            return RenderContext(
                version: number, status: .signed, signatures: try records(carried.signatures, version: carried.signed.number),
                signedVersion: SignedVersionReference(version: carried.signed.number, contentHash: carried.signed.contentHash), updates: carried.updates,
                certificate: true
            )
        }
        let status: AgreementStatus = number == summary.head && summary.status == .agreed ? .agreed : .draft
        return RenderContext(version: number, status: status, signatures: own)
    }

    /// The hash of the audit event that recorded a party's signature of a version: the chain's head at that moment.
    func signatureEventHash(_ reference: String, version: Int, party: PartyRole) throws(StoreError) -> String? {
        try database.query(
            "SELECT hash FROM audit_events WHERE agreement = ? AND action = 'version.sign' AND detail LIKE ? ORDER BY id DESC LIMIT 1",
            [.text(reference), .text("\(party.rawValue) signed version \(version),%")]
        ) { $0.text(0) }.first ?? nil
    }
}
