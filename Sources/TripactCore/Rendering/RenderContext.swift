/// What the renderer needs to know beyond the document: which version it is and where it stands.
public struct RenderContext: Sendable, Codable, Equatable {
    /// The version number in the store; nil for a document rendered from a file.
    public var version: Int?
    public var status: AgreementStatus
    /// Signatures on this version, by party.
    public var signatures: [PartyRole: SignatureRecord]
    /// Whether to embed the document and this context in the file, so `tripact verify` can check it later.
    public var embedForVerification: Bool
    /// When this version was made from a signed version by the agreement's own procedures only: that signed version,
    /// whose signatures `signatures` then holds.
    public var signedVersion: SignedVersionReference?
    /// The versions made by the agreement's procedures since `signedVersion`, oldest first; the last is this version.
    public var updates: [ProceduralUpdate]
    /// Whether the file ends with a certificate of completion (signed versions exported since it exists; an older
    /// export has none and re-renders without one).
    public var certificate: Bool

    public init(
        version: Int? = nil, status: AgreementStatus = .draft, signatures: [PartyRole: SignatureRecord] = [:], embedForVerification: Bool = false,
        signedVersion: SignedVersionReference? = nil, updates: [ProceduralUpdate] = [], certificate: Bool = false
    ) {
        self.version = version
        self.status = status
        self.signatures = signatures
        self.embedForVerification = embedForVerification
        self.signedVersion = signedVersion
        self.updates = updates
        self.certificate = certificate
    }

    /// The status as a person reads it: "SIGNED; Annex IV updated on 15 December 2026 under clause 9, notice 4" for a
    /// version that carries the signatures of the version it updates, otherwise the status's label.
    public var standing: String {
        guard status == .signed, signedVersion != nil, let last = updates.last else { return status.label }
        return status.label + "; " + last.sentence
    }

    private enum CodingKeys: String, CodingKey {
        case version, status, signatures, embedForVerification, signedVersion, updates, certificate
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        version = try container.decodeIfPresent(Int.self, forKey: .version)
        status = try container.decode(AgreementStatus.self, forKey: .status)
        let byName = try container.decode([String: SignatureRecord].self, forKey: .signatures)
        var signatures: [PartyRole: SignatureRecord] = [:]
        for (name, record) in byName {
            guard let role = PartyRole(rawValue: name) else {
                throw DecodingError.dataCorruptedError(forKey: .signatures, in: container, debugDescription: "unknown party '\(name)'")
            }
            signatures[role] = record
        }
        self.signatures = signatures
        embedForVerification = try container.decode(Bool.self, forKey: .embedForVerification)
        signedVersion = try container.decodeIfPresent(SignedVersionReference.self, forKey: .signedVersion)
        updates = try container.decodeIfPresent([ProceduralUpdate].self, forKey: .updates) ?? []
        certificate = try container.decodeIfPresent(Bool.self, forKey: .certificate) ?? false
    }

    /// Signatures are written as an object keyed by party name: a dictionary keyed by an enum would be written as an
    /// array in hash order, and the embedded context must encode the same way every time. The carried signature and
    /// the updates are written only when present, so a file exported before they existed re-renders to its own bytes.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encodeIfPresent(version, forKey: .version)
        try container.encode(status, forKey: .status)
        var byName: [String: SignatureRecord] = [:]
        for (role, record) in signatures { byName[role.rawValue] = record }
        try container.encode(byName, forKey: .signatures)
        try container.encode(embedForVerification, forKey: .embedForVerification)
        try container.encodeIfPresent(signedVersion, forKey: .signedVersion)
        if !updates.isEmpty { try container.encode(updates, forKey: .updates) }
        if certificate { try container.encode(true, forKey: .certificate) }
    }
}

/// Where an agreement version stands.
public enum AgreementStatus: String, Codable, Sendable, CaseIterable {
    case draft, agreed, signed

    /// Printed in the footer and on the cover.
    public var label: String {
        switch self {
        case .draft: "DRAFT"
        case .agreed: "AGREED, NOT SIGNED"
        case .signed: "SIGNED"
        }
    }
}

/// Who signed a version and when.
public struct SignatureRecord: Codable, Sendable, Hashable {
    public var name: String
    public var position: String
    /// ISO 8601 timestamp.
    public var signedAt: String
    /// For the certificate of completion (absent in files exported before it): the signer's e-mail, the hash they
    /// signed, the client address the signature came from ("not recorded" for signatures older than that record) and
    /// the hash of the audit event that records the signature, which is the chain's head at that moment.
    public var email: String?
    public var contentHash: String?
    public var address: String?
    public var chainHead: String?

    public init(name: String, position: String, signedAt: String, email: String? = nil, contentHash: String? = nil, address: String? = nil, chainHead: String? = nil) {
        self.name = name
        self.position = position
        self.signedAt = signedAt
        self.email = email
        self.contentHash = contentHash
        self.address = address
        self.chainHead = chainHead
    }

    /// Who signed and when, the part of a record every export has printed.
    public var signedFact: [String] { [name, signedAt] }
}
