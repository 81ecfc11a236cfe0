/// What the renderer needs to know beyond the document: which version it is and where it stands.
public struct RenderContext: Sendable, Codable, Equatable {
    /// The version number in the store; nil for a document rendered from a file.
    public var version: Int?
    public var status: AgreementStatus
    /// Signatures on this version, by party.
    public var signatures: [PartyRole: SignatureRecord]
    /// Whether to embed the document and this context in the file, so `tripact verify` can check it later.
    public var embedForVerification: Bool

    public init(version: Int? = nil, status: AgreementStatus = .draft, signatures: [PartyRole: SignatureRecord] = [:], embedForVerification: Bool = false) {
        self.version = version
        self.status = status
        self.signatures = signatures
        self.embedForVerification = embedForVerification
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

    public init(name: String, position: String, signedAt: String) {
        self.name = name
        self.position = position
        self.signedAt = signedAt
    }
}
