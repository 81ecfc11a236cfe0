public import Foundation
public import TripactCore

/// A usable signatory invitation, as the page behind the link needs it. The token itself is never stored.
public struct SignatoryLink: Sendable, Hashable {
    public let agreement: String
    public let agreementTitle: String
    public let party: PartyRole
    public let organisation: String
    /// The signatory as Annex I named them when the link was made.
    public let name: String
    public let email: String
    public let invitedBy: String
    public let expiresAt: Date
}

/// Inviting an Annex I signatory who is not a Tripact user: a single-use, expiring link (256 random bits, only its
/// SHA-256 stored, like invitations) that creates an account limited to reading and signing that one agreement.
extension TripactStore {
    /// Makes a link for the party's signatory named in the head version's Annex I. Only admins and legal users of that
    /// party invite; the signatory must have an e-mail in Annex I and no account yet. A newer link for the same
    /// agreement and party revokes the older ones. Returns the token, shown once.
    public func inviteSignatory(on reference: String, by email: String, lifetime: TimeInterval) throws(StoreError) -> (token: String, link: SignatoryLink) {
        let inviter = try user(email: email)
        guard inviter.role.mayPropose, inviter.signingOnly == nil else {
            throw .notPermitted("'\(email)' is \(inviter.role.rawValue); only admin and legal users invite their side's signatory")
        }
        let token = Self.randomToken()
        let expires = clock.now().addingTimeInterval(lifetime)
        return try database.transaction { connection throws(StoreError) in
            let agreement = try Self.agreementRow(connection, reference)
            let party = try agreement.party(of: inviter)
            let head = try cachedVersion(connection, agreement: agreement, number: agreement.head)
            let side = party.rawValue
            guard let named = head.document.parties[party].signatory, !named.name.allSatisfy(\.isWhitespace) else {
                throw StoreError.invalid("Annex I names no signatory for the \(side); name them, with their e-mail, first")
            }
            guard let address = named.email?.trimmingCharacters(in: .whitespaces), Self.isEmail(address) else {
                throw StoreError.invalid("Annex I gives no e-mail for \(named.name), the \(side)'s signatory; add it first")
            }
            if let existing = try Database.query(connection, "SELECT organisation_id FROM users WHERE email = ?", [.text(address)], { $0.integer(0) }).first {
                // Whether an address has an account in another organisation must not show here.
                throw StoreError.invalid(
                    existing == inviter.organisationID
                        ? "\(named.name) (\(address)) already has a Tripact account: they log in and sign, no invitation is needed"
                        : "\(address) cannot be invited: ask \(named.name) to sign with their own account of your organisation, or correct the e-mail in Annex I"
                )
            }
            try Database.run(
                connection, "UPDATE signatory_links SET revoked_at = ? WHERE agreement_id = ? AND party = ? AND used_at IS NULL AND revoked_at IS NULL",
                [.text(clock.timestamp()), .int(agreement.id), .text(side)]
            ) { _ in }
            try Database.run(
                connection,
                "INSERT INTO signatory_links (token_hash, agreement_id, party, email, name, created_by, created_at, expires_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                [
                    .text(Self.hash(token)), .int(agreement.id), .text(side), .text(address), .text(named.name), .int(inviter.id), .text(clock.timestamp()),
                    .int(Int(expires.timeIntervalSince1970)),
                ]
            ) { _ in }
            try appendAudit(
                connection, actor: inviter.email, agreement: reference, action: "signatory.invite",
                detail: "\(address), the \(side)'s signatory, invited to sign, valid until \(Self.isoTime(expires))"
            )
            let organisation = try Database.query(connection, "SELECT name FROM organisations WHERE id = ?", [.int(inviter.organisationID)], { $0.text(0) ?? "" }).first ?? ""
            let link = SignatoryLink(
                agreement: reference, agreementTitle: head.document.title, party: party, organisation: organisation, name: named.name, email: address,
                invitedBy: inviter.name, expiresAt: expires
            )
            return (token, link)
        }
    }

    /// The reference of the agreement with row id `id` (a signing account's one agreement).
    public func reference(ofAgreement id: Int) throws(StoreError) -> String {
        guard let reference = try database.query("SELECT reference FROM agreements WHERE id = ?", [.int(id)], { $0.text(0) ?? "" }).first else {
            throw .unknownAgreement("#\(id)")
        }
        return reference
    }

    /// The link of a token while it can be used; otherwise throws `.unusableLink` saying why.
    public func signatoryLink(token: String) throws(StoreError) -> SignatoryLink {
        try database.withReadConnection { connection throws(StoreError) in try usableSignatoryLink(connection, token: token).link }
    }

    /// Creates the signatory's account (in the party's organisation, limited to the one agreement) with the password
    /// they chose, and uses the link up.
    @discardableResult
    public func acceptSignatoryLink(token: String, passwordHash: String) throws(StoreError) -> User {
        try database.transaction { connection throws(StoreError) in
            let (linkID, agreementID, link) = try usableSignatoryLink(connection, token: token)
            let agreement = try Self.agreementRow(connection, link.agreement)
            let orgID = link.party == .controller ? agreement.controllerID : agreement.processorID
            if try !Database.query(connection, "SELECT id FROM users WHERE email = ?", [.text(link.email)], { $0.integer(0) }).isEmpty {
                throw StoreError.invalidFields([
                    FieldProblem(field: "email", message: "'\(link.email)' already has a Tripact account: log in with it to sign, or ask for a new link")
                ])
            }
            // A viewer in the database; the signing account below is what lets this user sign, and only there.
            var user = try insertUser(
                connection, organisationID: orgID, organisationName: link.organisation, email: link.email, name: link.name, role: .viewer, passwordHash: passwordHash,
                actor: link.email
            )
            try Database.run(
                connection, "INSERT INTO signing_accounts (user_id, agreement_id, party) VALUES (?, ?, ?)", [.int(user.id), .int(agreementID), .text(link.party.rawValue)]
            ) { _ in }
            try Database.run(
                connection, "UPDATE signatory_links SET used_at = ?, used_by = ? WHERE id = ?", [.text(clock.timestamp()), .int(user.id), .int(linkID)]
            ) { _ in }
            try appendAudit(
                connection, actor: user.email, agreement: link.agreement, action: "signatory.accept",
                detail: "\(user.email) joined as the \(link.party.rawValue)'s signatory, limited to reading and signing this agreement"
            )
            user.signingOnly = agreementID
            return user
        }
    }

    private func usableSignatoryLink(_ connection: Database.Connection, token: String) throws(StoreError) -> (id: Int, agreementID: Int, link: SignatoryLink) {
        guard token.count == 64, token.allSatisfy(\.isHexDigit) else { throw .unusableLink(.unknown) }
        guard let row = try Database.query(
            connection,
            """
            SELECT l.id, l.agreement_id, a.reference, a.title, l.party, o.name, l.name, l.email, u.name, l.expires_at, l.used_at IS NOT NULL, l.revoked_at IS NOT NULL
            FROM signatory_links l JOIN agreements a ON a.id = l.agreement_id JOIN users u ON u.id = l.created_by JOIN organisations o ON o.id = u.organisation_id
            WHERE l.token_hash = ?
            """,
            [.text(Self.hash(token))],
            { row in
                (
                    id: row.integer(0), agreementID: row.integer(1), used: row.integer(10) != 0, revoked: row.integer(11) != 0,
                    link: SignatoryLink(
                        agreement: row.text(2) ?? "", agreementTitle: row.text(3) ?? "", party: PartyRole(rawValue: row.text(4) ?? "") ?? .controller,
                        organisation: row.text(5) ?? "", name: row.text(6) ?? "", email: row.text(7) ?? "", invitedBy: row.text(8) ?? "",
                        expiresAt: Date(timeIntervalSince1970: TimeInterval(row.integer(9)))
                    )
                )
            }
        ).first else { throw .unusableLink(.unknown) }
        if row.used { throw .unusableLink(.used) }
        if row.revoked || row.link.expiresAt <= clock.now() { throw .unusableLink(.expired) }
        return (row.id, row.agreementID, row.link)
    }
}
