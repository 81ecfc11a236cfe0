public import Foundation
public import TripactCore

/// What a user may do in their organisation.
public enum Role: String, Sendable, Codable, CaseIterable {
    /// Manages users; negotiates and signs.
    case admin
    /// Negotiates and signs.
    case legal
    /// Reads, comments, exports.
    case accountManager = "account-manager"
    /// Reads.
    case viewer

    public var maySign: Bool { self == .admin || self == .legal }
    public var mayPropose: Bool { self == .admin || self == .legal }
    public var mayComment: Bool { self != .viewer }
}

extension User {
    /// Refuses users whose role does not negotiate; `action` completes "only admin and legal users …".
    public func requireNegotiator(_ action: String = "propose versions") throws(StoreError) {
        guard role.mayPropose else { throw .notPermitted("'\(email)' is \(role.rawValue); only admin and legal users \(action)") }
    }

    /// Refuses viewers, who read only.
    public func requireCommenter() throws(StoreError) {
        guard role.mayComment else { throw .notPermitted("'\(email)' is \(role.rawValue); viewers read, they do not comment") }
    }
}

public struct Organisation: Sendable, Hashable, Codable {
    public let id: Int
    public let name: String
}

public struct User: Sendable, Hashable, Codable {
    public let id: Int
    public let organisationID: Int
    public let email: String
    public let name: String
    public let role: Role
    /// Set for an account made through a signatory's invitation: the one agreement (its row id) this user may read
    /// and sign. Such a user reaches no other agreement and no other page.
    public var signingOnly: Int? = nil

    /// Whether this user may act on the agreement with row id `agreementID` at all.
    func reaches(_ agreementID: Int) -> Bool { signingOnly == nil || signingOnly == agreementID }
}

/// An agreement as listed: its reference (the document id), parties, head version and status.
public struct AgreementSummary: Sendable, Hashable, Codable {
    public let reference: String
    public let title: String
    public let controller: String
    public let processor: String
    public let head: Int
    public let status: AgreementStatus
    public let updatedAt: String
    /// Items of the head version not yet accepted by the controller, and by the processor.
    public let openForController: Int
    public let openForProcessor: Int
    /// When the head was made by the agreement's own procedures (a settled notice, an approval): that update.
    public var headUpdate: ProceduralUpdate? = nil

    /// The status as people read it: "signed; Annex IV updated on 15 December 2026 under clause 9, notice 4" when a
    /// signed agreement's head was made by its own procedures, otherwise "draft", "agreed" or "signed".
    public var standing: String {
        guard status == .signed, let headUpdate else { return status.rawValue }
        return status.rawValue + "; " + headUpdate.sentence
    }
}

/// An immutable version.
public struct Version: Sendable, Hashable {
    public let agreement: String
    public let number: Int
    public let parent: Int?
    public let author: String
    public let party: PartyRole
    public let createdAt: String
    public let message: String
    public let contentHash: String
    public let document: AgreementDocument
}

/// A version's line in the log (without its document).
public struct VersionEntry: Sendable, Hashable, Codable {
    public let number: Int
    public let parent: Int?
    public let author: String
    public let party: PartyRole
    public let createdAt: String
    public let message: String
    public let contentHash: String
    public let signedBy: [PartyRole]
}

/// A signature on a version.
public struct SignatureEntry: Sendable, Hashable, Codable {
    public let party: PartyRole
    public let user: String
    public let name: String
    public let contentHash: String
    public let signedAt: String
    /// The client address the signature came from; nil for signatures stored before it was recorded.
    public var clientAddress: String? = nil
}

/// One event of the audit log.
public struct AuditEvent: Sendable, Hashable, Codable {
    public let id: Int
    public let at: String
    public let actor: String
    public let agreement: String?
    public let action: String
    public let detail: String
    public let previousHash: String
    public let hash: String
}

/// The outcome of checking the audit chain.
public struct AuditVerification: Sendable, Hashable {
    public let events: Int
    /// Problems, each naming the row (empty when the chain is intact).
    public let problems: [String]
    /// How many events of each kind the chain holds.
    public let eventsByAction: [String: Int]
    /// How many audited rows were compared with the chain.
    public let rowsChecked: Int
    public var isIntact: Bool { problems.isEmpty }
}

/// Where time comes from: injected so tests and golden files are deterministic.
public struct StoreClock: Sendable {
    public let now: @Sendable () -> Date
    public init(now: @escaping @Sendable () -> Date) { self.now = now }
    public static let system = StoreClock { Date() }

    func timestamp() -> String {
        var formatter = Date.ISO8601FormatStyle(includingFractionalSeconds: true)
        formatter.timeZone = TimeZone(identifier: "UTC")!
        return now().formatted(formatter)
    }
}

/// A comment on an item (or on the whole agreement).
public struct CommentEntry: Sendable, Hashable, Codable {
    public let item: String?
    public let version: Int
    public let author: String
    public let authorName: String
    public let createdAt: String
    public let body: String
    /// The comment is the reason a party gave when it rejected the item.
    public let isRejection: Bool
    /// An internal comment: visible only to its author's organisation, never to the other side.
    public var isInternal: Bool = false
}

/// A rejection that stands on an item: the side that rejected it, who for that side, and the reason they gave.
public struct Dispute: Sendable, Hashable {
    public let item: ItemKey
    public let party: PartyRole
    public let authorName: String
    public let reason: String
    /// The version the item was rejected on; later versions that left the item unchanged keep the dispute.
    public let version: Int
}
