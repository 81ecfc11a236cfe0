import Foundation
public import TripactCore

/// Agreements, versions and the negotiation of their items.
extension TripactStore {
    /// The stored row of an agreement, read inside a transaction.
    struct AgreementRow {
        let id: Int
        let reference: String
        let controllerID: Int
        let processorID: Int
        let head: Int
        let status: AgreementStatus

        func party(of user: User) throws(StoreError) -> PartyRole {
            guard user.reaches(id) else { throw .notAParty(user: user.email, agreement: reference) }
            if user.organisationID == controllerID { return .controller }
            if user.organisationID == processorID { return .processor }
            throw .notAParty(user: user.email, agreement: reference)
        }
    }

    static func agreementRow(_ connection: Database.Connection, _ reference: String) throws(StoreError) -> AgreementRow {
        let rows = try Database.query(
            connection, "SELECT id, reference, controller_id, processor_id, head, status FROM agreements WHERE reference = ?", [.text(reference)]
        ) { row in
            AgreementRow(
                id: row.integer(0), reference: row.text(1) ?? "", controllerID: row.integer(2), processorID: row.integer(3), head: row.integer(4),
                status: AgreementStatus(rawValue: row.text(5) ?? "") ?? .draft
            )
        }
        guard let row = rows.first else { throw .unknownAgreement(reference) }
        return row
    }

    /// Creates an agreement from a document: version 1, proposed by the importing user's side.
    ///
    /// With `freshReference`, the document's id is only a prefix: the agreement is stored under the prefix, a '-' and
    /// five random characters, drawn again until no agreement has the result. The web's new-agreement form uses it, so
    /// that what happens does not depend on the references of agreements the user cannot see: a typed reference that
    /// another organisation already uses behaves exactly like an unused one.
    @discardableResult
    public func importAgreement(
        _ document: AgreementDocument, controller: String, processor: String, by email: String, message: String = "imported", freshReference: Bool = false
    ) throws(StoreError) -> Version {
        var document = try Self.prepared(document)
        let user = try self.user(email: email)
        let controllerOrg = try organisation(named: controller)
        let processorOrg = try organisation(named: processor)
        guard controllerOrg.id != processorOrg.id else { throw .invalid("the controller and the processor must be different organisations") }
        try user.requireNegotiator("create agreements")
        let party: PartyRole
        if user.organisationID == controllerOrg.id {
            party = .controller
        } else if user.organisationID == processorOrg.id {
            party = .processor
        } else {
            throw .notAParty(user: email, agreement: document.id)
        }
        guard !document.id.trimmingCharacters(in: .whitespaces).isEmpty else { throw .invalid("the document has an empty 'id'; it names the agreement") }
        try Self.checkSize(document)
        let items = AgreementItems.items(of: document)
        try Self.checkDistinctItems(items)
        let states = Negotiation.initialStates(items: items, proposer: party)
        let now = clock.timestamp()
        return try database.transaction { connection throws(StoreError) in
            func taken(_ reference: String) throws(StoreError) -> Bool {
                try !Database.query(connection, "SELECT id FROM agreements WHERE reference = ?", [.text(reference)], { $0.integer(0) }).isEmpty
            }
            if freshReference {
                let prefix = document.id
                repeat { document.id = prefix + "-" + Self.referenceSuffix() } while try taken(document.id)
            } else if try taken(document.id) {
                throw StoreError.duplicate("agreement '\(document.id)'")
            }
            let hash = DocumentCodec.contentHash(document)
            try Database.run(
                connection,
                "INSERT INTO agreements (reference, title, controller_id, processor_id, head, status, created_at, updated_at) VALUES (?, ?, ?, ?, 1, ?, ?, ?)",
                [.text(document.id), .text(document.title), .int(controllerOrg.id), .int(processorOrg.id), .text(AgreementStatus.draft.rawValue), .text(now), .text(now)]
            ) { _ in }
            let agreementID = try Database.query(connection, "SELECT last_insert_rowid()", [], { $0.integer(0) })[0]
            try insertVersion(connection, agreementID: agreementID, number: 1, parent: nil, user: user, party: party, now: now, message: message, document: document, hash: hash)
            try replaceStates(connection, agreementID: agreementID, states: states)
            try appendAudit(connection, actor: email, agreement: document.id, action: "agreement.import", detail: "version 1 by \(party.rawValue), sha256 \(hash)")
            return Version(agreement: document.id, number: 1, parent: nil, author: email, party: party, createdAt: now, message: message, contentHash: hash, document: document)
        }
    }

    /// Five characters from an alphabet without look-alikes (no 0/o, 1/l/i): 30⁵, some 24 million, per prefix.
    static func referenceSuffix() -> String {
        let alphabet = Array("abcdefghjkmnpqrstuvwxyz23456789")
        var generator = SystemRandomNumberGenerator()
        return String((0..<5).map { _ in alphabet[Int(generator.next(upperBound: UInt64(alphabet.count)))] })
    }

    /// The document as it is stored: unsafe text refused, white space normalised, so a change of white space alone is
    /// refused below as identical to the head.
    static func prepared(_ document: AgreementDocument) throws(StoreError) -> AgreementDocument {
        do {
            return try DocumentCodec.prepared(document)
        } catch {
            throw .invalid(error.description)
        }
    }

    /// Proposes a new version on top of `base`. Refused with `staleBase` when the head has moved: nothing is written then.
    /// `comments` (those a returned Word document carried) are added on the new version in the same transaction, so a
    /// refused comment leaves no version behind and a refused version no comment.
    @discardableResult
    public func propose(
        _ document: AgreementDocument, on reference: String, basedOn base: Int, by email: String, message: String, comments: [ProposalComment] = []
    ) throws(StoreError) -> Version {
        try proposeVersion(document, on: reference, basedOn: base, by: email, message: message, comments: comments, closing: nil)
    }

    /// What runs in a proposal's transaction after the version is written (a sent draft is removed there).
    typealias ProposalClosing = (Database.Connection, AgreementRow, User, Int) throws(StoreError) -> Void

    func proposeVersion(
        _ document: AgreementDocument, on reference: String, basedOn base: Int, by email: String, message: String, comments: [ProposalComment] = [],
        closing: ProposalClosing?
    ) throws(StoreError) -> Version {
        let document = try Self.prepared(document)
        let user = try self.user(email: email)
        try user.requireNegotiator()
        let comments = try ProposalComment.checked(comments)
        try Self.checkSize(document)
        let items = AgreementItems.items(of: document)
        try Self.checkDistinctItems(items)
        let hash = DocumentCodec.contentHash(document)
        try ensureTurnApproved(document, items: items, hash: hash, on: reference, basedOn: base, by: user)
        let now = clock.timestamp()
        return try database.transaction { connection throws(StoreError) in
            let agreement = try Self.agreementRow(connection, reference)
            let party = try agreement.party(of: user)
            guard document.id == reference else {
                throw StoreError.invalid("the document's id is '\(document.id)', not '\(reference)'; a version keeps its agreement's id")
            }
            guard base >= 1, base <= agreement.head else { throw StoreError.unknownVersion(agreement: reference, version: base) }
            guard base == agreement.head else { throw StoreError.staleBase(agreement: reference, base: base, head: agreement.head) }
            let headHash = try Database.query(
                connection, "SELECT content_hash FROM versions WHERE agreement_id = ? AND number = ?", [.int(agreement.id), .int(agreement.head)], { $0.text(0) ?? "" }
            ).first
            guard headHash != hash else { throw StoreError.invalid("the document is identical to version \(agreement.head); there is nothing to propose") }
            let previous = try Self.states(connection, agreementID: agreement.id)
            let states = Negotiation.statesAfterProposal(previous: previous, items: items, proposer: party)
            let number = agreement.head + 1
            try insertVersion(connection, agreementID: agreement.id, number: number, parent: base, user: user, party: party, now: now, message: message, document: document, hash: hash)
            try replaceStates(connection, agreementID: agreement.id, states: states)
            let status: AgreementStatus = Negotiation.isAgreed(states) ? .agreed : .draft
            try Database.run(
                connection, "UPDATE agreements SET head = ?, status = ?, title = ?, updated_at = ? WHERE id = ?",
                [.int(number), .text(status.rawValue), .text(document.title), .text(now), .int(agreement.id)]
            ) { _ in }
            try appendAudit(connection, actor: email, agreement: reference, action: "version.propose", detail: "version \(number) on \(base) by \(party.rawValue), sha256 \(hash): \(message)")
            try insertComments(comments, connection, agreementID: agreement.id, version: number, user: user, reference: reference, items: Set(states.map(\.key)))
            try closing?(connection, agreement, user, number)
            return Version(agreement: reference, number: number, parent: base, author: email, party: party, createdAt: now, message: message, contentHash: hash, document: document)
        }
    }

    /// The internal approval a turn needs (by the items it changes against the head), asked before anything is written.
    private func ensureTurnApproved(_ document: AgreementDocument, items: [AgreementItem], hash: String, on reference: String, basedOn base: Int, by user: User) throws(StoreError) {
        guard let summary = try? self.agreement(reference), summary.head == base, document.id == reference, try self.party(of: user, in: reference) != nil else { return }
        let head = AgreementItems.items(of: try version(reference).document)
        let before = Dictionary(head.map { ($0.key.rawValue, $0.canonical) }, uniquingKeysWith: { a, _ in a })
        let after = Dictionary(items.map { ($0.key.rawValue, $0.canonical) }, uniquingKeysWith: { a, _ in a })
        let changed = Set(before.keys).union(after.keys).filter { before[$0] != after[$0] }
        guard !changed.isEmpty else { return }
        try ensureApproved(.proposal, reference: reference, user: user, subjectHash: hash, changedKeys: changed)
    }

    /// Accepts items of the head version for the user's party (all of them when `keys` is nil). Returns the new states.
    @discardableResult
    public func accept(_ keys: [ItemKey]?, on reference: String, by email: String, expectedHead: Int? = nil) throws(StoreError) -> [ItemState] {
        let user = try self.user(email: email)
        try user.requireNegotiator("accept items")
        return try database.transaction { connection throws(StoreError) in
            let agreement = try Self.agreementRow(connection, reference)
            let party = try agreement.party(of: user)
            if let expectedHead, expectedHead != agreement.head {
                throw StoreError.staleBase(agreement: reference, base: expectedHead, head: agreement.head)
            }
            guard agreement.status != .signed else { throw StoreError.signedVersion(agreement.head, of: reference) }
            var states = try Self.states(connection, agreementID: agreement.id)
            let wanted = keys.map(Set.init) ?? Set(states.map(\.key))
            for key in wanted where !states.contains(where: { $0.key == key }) {
                throw StoreError.unknownItem(agreement: reference, item: key.rawValue)
            }
            var accepted: [String] = []
            for index in states.indices where wanted.contains(states[index].key) && !states[index].acceptedBy.contains(party) {
                states[index].accept(by: party)
                accepted.append(states[index].key.rawValue)
                try Database.run(
                    connection, "UPDATE item_states SET \(party.rawValue)_accepted = 1, \(party.rawValue)_rejected = NULL WHERE agreement_id = ? AND key = ?",
                    [.int(agreement.id), .text(states[index].key.rawValue)]
                ) { _ in }
            }
            if Negotiation.isAgreed(states), agreement.status == .draft {
                try Database.run(connection, "UPDATE agreements SET status = 'agreed', updated_at = ? WHERE id = ?", [.text(clock.timestamp()), .int(agreement.id)]) { _ in }
            }
            if !accepted.isEmpty {
                let detail = "\(party.rawValue) accepted \(accepted.count) item\(accepted.count == 1 ? "" : "s") of version \(agreement.head): " + accepted.prefix(20).joined(separator: ", ")
                try appendAudit(connection, actor: email, agreement: reference, action: "items.accept", detail: detail)
            }
            return states
        }
    }

    /// Rejects (disputes) one item of the head version for the user's party: withdraws that party's acceptance if it had
    /// it, keeps the reason as a rejection comment on the item, and returns an agreed, unsigned agreement to draft.
    /// `expectedHead` is the version the user reviewed; if the head moved since, the rejection is refused as a conflict.
    @discardableResult
    public func reject(_ key: ItemKey, on reference: String, reason: String, by email: String, expectedHead: Int) throws(StoreError) -> [ItemState] {
        let user = try self.user(email: email)
        try user.requireNegotiator("reject items")
        let text = reason.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !text.isEmpty else { throw .invalid("a rejection needs a reason: say what the other side should change") }
        return try database.transaction { connection throws(StoreError) in
            let agreement = try Self.agreementRow(connection, reference)
            let party = try agreement.party(of: user)
            guard expectedHead == agreement.head else { throw StoreError.staleBase(agreement: reference, base: expectedHead, head: agreement.head) }
            guard agreement.status != .signed else { throw StoreError.signedVersion(agreement.head, of: reference) }
            var states = try Self.states(connection, agreementID: agreement.id)
            guard let index = states.firstIndex(where: { $0.key == key }) else { throw StoreError.unknownItem(agreement: reference, item: key.rawValue) }
            let signedBy = try Database.query(
                connection, "SELECT party FROM signatures WHERE agreement_id = ? AND version = ?", [.int(agreement.id), .int(agreement.head)], { $0.text(0) ?? "" }
            )
            guard !signedBy.contains(party.rawValue) else {
                throw StoreError.notPermitted("the \(party.rawValue) signed version \(agreement.head) of '\(reference)'; propose an amendment instead")
            }
            let withdrawn = states[index].acceptedBy.contains(party)
            states[index].reject(by: party)
            let now = clock.timestamp()
            try Database.run(
                connection, "UPDATE item_states SET \(party.rawValue)_accepted = 0, \(party.rawValue)_rejected = 1 WHERE agreement_id = ? AND key = ?",
                [.int(agreement.id), .text(key.rawValue)]
            ) { _ in }
            try Database.run(
                connection, "INSERT INTO comments (agreement_id, version, item_key, author_id, created_at, body, kind) VALUES (?, ?, ?, ?, ?, ?, 'rejection')",
                [.int(agreement.id), .int(agreement.head), .text(key.rawValue), .int(user.id), .text(now), .text(text)]
            ) { _ in }
            // One item no longer accepted by both means the version is no longer agreed; a signature already given on it
            // stays recorded, but the version cannot be completed until both accept again.
            if agreement.status == .agreed {
                try Database.run(connection, "UPDATE agreements SET status = 'draft', updated_at = ? WHERE id = ?", [.text(now), .int(agreement.id)]) { _ in }
            }
            let detail = "\(party.rawValue) rejected \(key.rawValue) of version \(agreement.head)\(withdrawn ? ", withdrawing its acceptance" : ""): \(text.prefix(200))"
            try appendAudit(connection, actor: email, agreement: reference, action: "item.reject", detail: detail)
            return states
        }
    }

    /// Adds a comment on an item (or on the agreement when `item` is nil), on the head version. An internal comment is
    /// visible only to the author's organisation; the audit line says where a comment was added, never what it says.
    public func comment(on reference: String, item: ItemKey?, body: String, by email: String, isInternal: Bool = false) throws(StoreError) {
        let user = try self.user(email: email)
        try user.requireCommenter()
        let text = body.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !text.isEmpty else { throw .invalid("a comment needs text") }
        guard !TextLimit.exceeds(text, 4_000) else { throw .invalidFields([FieldProblem(field: "body", message: "a comment has at most 4,000 characters")]) }
        try database.transaction { connection throws(StoreError) in
            let agreement = try Self.agreementRow(connection, reference)
            _ = try agreement.party(of: user)
            if let item, try Database.query(connection, "SELECT 1 FROM item_states WHERE agreement_id = ? AND key = ?", [.int(agreement.id), .text(item.rawValue)], { $0.integer(0) }).isEmpty {
                throw StoreError.unknownItem(agreement: reference, item: item.rawValue)
            }
            try Database.run(
                connection, "INSERT INTO comments (agreement_id, version, item_key, author_id, created_at, body, internal_to) VALUES (?, ?, ?, ?, ?, ?, ?)",
                [
                    .int(agreement.id), .int(agreement.head), .optionalText(item?.rawValue), .int(user.id), .text(clock.timestamp()), .text(text),
                    isInternal ? .int(user.organisationID) : .null,
                ]
            ) { _ in }
            try appendAudit(connection, actor: email, agreement: reference, action: "comment.add", detail: "on \(item?.rawValue ?? "the agreement"), version \(agreement.head)")
        }
    }

    /// The largest agreement document stored, in bytes of its canonical JSON: a real DPA with every annex filled is
    /// well under 1 MiB, and every page and export reads the whole document.
    public static let maximumDocumentBytes = 4 * 1_048_576

    /// Refuses a document too large to store, whose title (shown on every dashboard) is longer than a title, or whose own
    /// wording of a clause is longer than `ClauseWording` allows.
    static func checkSize(_ document: AgreementDocument) throws(StoreError) {
        if TextLimit.exceeds(document.title, 300) {
            throw .invalidFields([FieldProblem(field: "title", message: "a title has at most 300 characters")])
        }
        if TextLimit.exceeds(document.id, 100) {
            throw .invalidFields([FieldProblem(field: "id", message: "a reference has at most 100 characters")])
        }
        for (index, selection) in document.clauses.enumerated() {
            if let problem = selection.wordingLengthProblems(selectionIndex: index).first {
                throw .invalidFields([FieldProblem(field: problem.path, message: "the \(problem.part.label) \(problem.message)")])
            }
        }
        let bytes = DocumentCodec.canonicalJSON(document).count
        guard bytes <= maximumDocumentBytes else {
            throw .invalidFields([FieldProblem(field: "document", message: "the agreement is \(bytes) bytes; the largest Tripact stores is \(maximumDocumentBytes) bytes (4 MiB)")])
        }
    }

    /// Two items with one key (a clause selected twice, a subprocessor id used twice) cannot be negotiated apart.
    static func checkDistinctItems(_ items: [AgreementItem]) throws(StoreError) {
        var seen: Set<ItemKey> = []
        for item in items where !seen.insert(item.key).inserted {
            throw .invalid("the document lists '\(item.key)' twice; each clause, measure and subprocessor appears once ('tripact validate' shows where)")
        }
    }

    // MARK: rows

    static func version(_ connection: Database.Connection, agreement: AgreementRow, number: Int) throws(StoreError) -> Version {
        let rows = try Database.query(
            connection,
            """
            SELECT v.number, v.parent, u.email, v.party, v.created_at, v.message, v.content_hash, v.document
            FROM versions v JOIN users u ON u.id = v.author_id WHERE v.agreement_id = ? AND v.number = ?
            """,
            [.int(agreement.id), .int(number)]
        ) { row throws(StoreError) -> Version in
            let document: AgreementDocument
            do {
                document = try DocumentCodec.decodeStored(row.blob(7))
            } catch {
                throw StoreError.database("version \(number) of '\(agreement.reference)' holds an unreadable document: \(error)")
            }
            return Version(
                agreement: agreement.reference, number: row.integer(0), parent: row.isNull(1) ? nil : row.integer(1), author: row.text(2) ?? "",
                party: PartyRole(rawValue: row.text(3) ?? "") ?? .processor, createdAt: row.text(4) ?? "", message: row.text(5) ?? "",
                contentHash: row.text(6) ?? "", document: document
            )
        }
        guard let version = rows.first else { throw .unknownVersion(agreement: agreement.reference, version: number) }
        return version
    }

    static func states(_ connection: Database.Connection, agreementID: Int) throws(StoreError) -> [ItemState] {
        try Database.query(
            connection,
            "SELECT key, hash, controller_accepted, processor_accepted, controller_rejected, processor_rejected FROM item_states WHERE agreement_id = ? ORDER BY position",
            [.int(agreementID)]
        ) { row in
            var accepted: Set<PartyRole> = []
            if row.integer(2) != 0 { accepted.insert(.controller) }
            if row.integer(3) != 0 { accepted.insert(.processor) }
            var disputed: Set<PartyRole> = []
            if !row.isNull(4) { disputed.insert(.controller) }
            if !row.isNull(5) { disputed.insert(.processor) }
            return ItemState(key: ItemKey(rawValue: row.text(0) ?? ""), hash: row.text(1) ?? "", acceptedBy: accepted, disputedBy: disputed)
        }
    }

    func insertVersion(
        _ connection: Database.Connection, agreementID: Int, number: Int, parent: Int?, user: User, party: PartyRole, now: String, message: String,
        document: AgreementDocument, hash: String
    ) throws(StoreError) {
        try Database.run(
            connection,
            "INSERT INTO versions (agreement_id, number, parent, author_id, party, created_at, message, document, content_hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [
                .int(agreementID), .int(number), parent.map { .int($0) } ?? .null, .int(user.id), .text(party.rawValue), .text(now), .text(message),
                .blob(DocumentCodec.canonicalJSON(document)), .text(hash),
            ]
        ) { _ in }
    }

    func replaceStates(_ connection: Database.Connection, agreementID: Int, states: [ItemState]) throws(StoreError) {
        try Database.run(connection, "DELETE FROM item_states WHERE agreement_id = ?", [.int(agreementID)]) { _ in }
        for (position, state) in states.enumerated() {
            try Database.run(
                connection,
                "INSERT INTO item_states (agreement_id, key, position, hash, controller_accepted, processor_accepted, controller_rejected, processor_rejected) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                [
                    .int(agreementID), .text(state.key.rawValue), .int(position), .text(state.hash), .int(state.acceptedBy.contains(.controller) ? 1 : 0),
                    .int(state.acceptedBy.contains(.processor) ? 1 : 0), state.disputedBy.contains(.controller) ? .int(1) : .null,
                    state.disputedBy.contains(.processor) ? .int(1) : .null,
                ]
            ) { _ in }
        }
    }
}
