import Foundation
public import TripactCore

/// Signing: only the signatory Annex I names signs for a party, after any internal approval the organisation requires.
extension TripactStore {
    /// Signs the head version for the user's party. Refused while any item is open or any validation error stands, and
    /// to anyone but the party's signatory named in Annex I, known by the e-mail Annex I gives for them: a legal user
    /// or an admin no longer signs in another person's place.
    ///
    /// `expectedHead` is the version the signer reviewed; if the head moved since, signing is refused as a conflict.
    /// `clientAddress` is where the request came from (the web's peer address), kept for the certificate of completion.
    @discardableResult
    public func sign(
        _ reference: String, by email: String, library: ClauseLibrary, expectedHead: Int? = nil, clientAddress: String? = nil
    ) throws(StoreError) -> AgreementStatus {
        let user = try self.user(email: email)
        guard user.role.maySign || user.signingOnly != nil else { throw .notPermitted("'\(email)' is \(user.role.rawValue); only admin and legal users sign") }
        // Internal approval is asked (and recorded) in its own transaction, and only of the signatory of a version
        // that can be signed; the signing transaction below checks everything again.
        if let party = try self.party(of: user, in: reference), try self.agreement(reference).status == .agreed {
            let head = try version(reference)
            if expectedHead == nil || expectedHead == head.number {
                try Self.requireSignatory(user, party: party, document: head.document)
                try ensureApproved(.signing, reference: reference, user: user, subjectHash: head.contentHash, changedKeys: [])
            }
        }
        let now = clock.timestamp()
        return try database.transaction { connection throws(StoreError) in
            let agreement = try Self.agreementRow(connection, reference)
            let party = try agreement.party(of: user)
            if let expectedHead, expectedHead != agreement.head {
                throw StoreError.staleBase(agreement: reference, base: expectedHead, head: agreement.head)
            }
            let version = try cachedVersion(connection, agreement: agreement, number: agreement.head)
            let states = try Self.states(connection, agreementID: agreement.id)
            let obstacles = Negotiation.signingObstacles(states: states, findings: Validator.validate(version.document, library: library))
            guard obstacles.isEmpty else { throw StoreError.signingRefused(agreement: reference, reasons: obstacles) }
            try Self.requireSignatory(user, party: party, document: version.document)
            let signed = try Database.query(
                connection, "SELECT party FROM signatures WHERE agreement_id = ? AND version = ?", [.int(agreement.id), .int(agreement.head)], { $0.text(0) ?? "" }
            )
            guard !signed.contains(party.rawValue) else { throw StoreError.duplicate("the \(party.rawValue)'s signature on version \(agreement.head)") }
            guard agreement.status != .signed else {
                throw StoreError.notPermitted(
                    "version \(agreement.head) of '\(reference)' is signed: the agreement's own procedures updated the signed version, which needs no new signature"
                )
            }
            let address = clientAddress.map { String($0.prefix(100)) }
            try Database.run(
                connection,
                "INSERT INTO signatures (agreement_id, version, party, user_id, content_hash, signed_at, client_address) VALUES (?, ?, ?, ?, ?, ?, ?)",
                [.int(agreement.id), .int(agreement.head), .text(party.rawValue), .int(user.id), .text(version.contentHash), .text(now), .optionalText(address)]
            ) { _ in }
            let status: AgreementStatus = signed.count + 1 == PartyRole.allCases.count ? .signed : .agreed
            try Database.run(connection, "UPDATE agreements SET status = ?, updated_at = ? WHERE id = ?", [.text(status.rawValue), .text(now), .int(agreement.id)]) { _ in }
            let from = address.map { ", from \($0)" } ?? ""
            try appendAudit(
                connection, actor: email, agreement: reference, action: "version.sign",
                detail: "\(party.rawValue) signed version \(agreement.head), sha256 \(version.contentHash)\(from)"
            )
            return status
        }
    }

    /// Refuses anyone but the party's signatory named in Annex I, saying who must sign.
    static func requireSignatory(_ user: User, party: PartyRole, document: AgreementDocument) throws(StoreError) {
        let side = party.rawValue
        guard let named = document.parties[party].signatory, !named.name.allSatisfy(\.isWhitespace) else {
            throw .notPermitted("Annex I names no signatory for the \(side); add one, with their e-mail, before the \(side) signs")
        }
        guard let wanted = named.email?.trimmingCharacters(in: .whitespaces), !wanted.isEmpty else {
            throw .notPermitted("Annex I gives no e-mail for \(named.name), the \(side)'s signatory; add it before the \(side) signs")
        }
        guard wanted.lowercased() == user.email.lowercased() else {
            throw .notPermitted(
                "only \(named.name) (\(wanted)), whom Annex I names as the \(side)'s signatory, signs for the \(side); '\(user.email)' cannot sign in their place"
            )
        }
    }
}
