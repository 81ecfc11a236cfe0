/// The certificate of completion's facts in words, for every writer of it: the HTML export's last section and the
/// Word export's. Drawn only from the render context, like the certificate itself.
public struct CompletionFacts: Sendable, Hashable {
    public struct Signature: Sendable, Hashable {
        /// "Controller: Lumen Télécom SA".
        public let party: String
        /// The signer's name, position (when Annex I names them) and e-mail.
        public let signer: String
        public let signedOn: String
        /// "sha256:…", or "not recorded".
        public let contentHash: String
        public let address: String
        public let chainHead: String
    }

    /// The version the parties signed; the file prints a later one when `signedVersion` is set.
    public let signedVersion: Int
    public let printsLaterVersion: Bool
    public let signatures: [Signature]
    /// "Version 4: <sentence>. <summary>. sha256:…", one per update made by the agreement's procedures since.
    public let updates: [String]

    public static let closingNote = "Each signature is recorded in Tripact's audit log, whose events are chained by SHA-256; the chain head above is the hash of the event that recorded the signature."

    /// Nil when the file has no certificate: not signed by both, or exported before certificates existed.
    public init?(document: AgreementDocument, context: RenderContext) {
        guard context.certificate, context.status == .signed, !context.signatures.isEmpty else { return nil }
        signedVersion = context.signedVersion?.version ?? context.version ?? 0
        printsLaterVersion = context.signedVersion != nil
        signatures = PartyRole.allCases.compactMap { role in
            guard let record = context.signatures[role] else { return nil }
            let party = document.parties[role]
            var signer = record.name
            if let named = party.signatory, AgreementRenderer.isSignatory(named, record), !named.position.isBlank { signer += ", \(named.position)" }
            if let email = record.email { signer += " (\(email))" }
            return Signature(
                party: role == .controller ? "Controller: \(party.name)" : "Processor: \(party.name)", signer: signer,
                signedOn: SignatureTime.written(record.signedAt, timeZone: party.timeZone), contentHash: record.contentHash.map { "sha256:\($0)" } ?? "not recorded",
                address: record.address ?? "not recorded", chainHead: record.chainHead ?? "not recorded"
            )
        }
        updates = context.updates.map { "Version \($0.version): \($0.sentence). \($0.summary). sha256:\($0.contentHash)" }
    }
}
