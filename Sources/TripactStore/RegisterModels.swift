public import TripactCore

/// Where a notice or approval request stands for one agreement.
public enum NoticeStatus: String, Sendable, Codable, CaseIterable {
    /// Waiting: for the objection period to run (notice), for the controller's decision (approval request), or for
    /// the day the change takes effect.
    case pending
    /// The controller objected in time; the change waits for a resolution.
    case objected
    /// The controller approved; the change has been applied.
    case approved
    /// Annex IV of the agreement follows the change (`appliedVersion`).
    case applied
    /// The controller refused an approval request.
    case refused
    /// After an objection or refusal, the processor withdrew the change for this agreement.
    case withdrawn
    /// After an objection or refusal, the processor offered an alternative (to be sent as a change of its own).
    case alternativeOffered = "alternative-offered"
    /// After an objection, the controller exercised its right to terminate the services concerned.
    case terminated

    /// Still needs someone to act.
    public var isOpen: Bool { self == .pending || self == .objected }

    public var label: String {
        switch self {
        case .pending: "pending"
        case .objected: "objected"
        case .approved: "approved"
        case .applied: "applied"
        case .refused: "refused"
        case .withdrawn: "withdrawn"
        case .alternativeOffered: "alternative offered"
        case .terminated: "terminated"
        }
    }
}

/// How an objection or a refusal ends.
public enum NoticeResolution: String, Sendable, Codable, CaseIterable {
    /// The processor does not make the change for this agreement (processor).
    case withdrawn
    /// The processor offers another subprocessor or further safeguards (processor).
    case alternativeOffered = "alternative-offered"
    /// The controller terminates the services concerned (controller).
    case terminated

    public var status: NoticeStatus {
        switch self {
        case .withdrawn: .withdrawn
        case .alternativeOffered: .alternativeOffered
        case .terminated: .terminated
        }
    }

    /// The party that may record this resolution.
    public var party: PartyRole { self == .terminated ? .controller : .processor }

    /// Whether `party` may end a notice in `status` this way: an objection ends any of the three ways, a refused
    /// request only by withdrawal or an alternative (there is nothing in force to terminate).
    public func isOpen(to party: PartyRole, on status: NoticeStatus) -> Bool {
        party == self.party && (status == .objected || (status == .refused && self != .terminated))
    }
}

/// One change to a processor's subprocessor register, with who proposed it and the notices it sent.
public struct RegisterChangeEntry: Sendable, Hashable {
    public let id: Int
    public let organisation: String
    public let change: RegisterChange
    public let message: String
    public let proposedBy: String
    public let proposedAt: String
}

/// A notice (general authorisation), approval request (specific authorisation) or information (removal) that a
/// register change sent to one agreement.
public struct NoticeEntry: Sendable, Hashable, Codable {
    public let id: Int
    public let changeID: Int
    public let agreement: String
    public let agreementTitle: String
    public let controller: String
    public let processor: String
    public let kind: NoticeSchedule.Kind
    public let summary: String
    /// Why the change concerns this agreement.
    public let reason: String
    public let issued: CalendarDay
    public let respondBy: CalendarDay
    public let takesEffect: CalendarDay
    public let late: Bool
    public let status: NoticeStatus
    public let objection: String?
    public let objectedBy: String?
    public let objectedAt: String?
    public let decidedBy: String?
    public let decidedAt: String?
    public let resolutionNote: String?
    public let appliedVersion: Int?
    public let message: String

    /// "objection by", "approval by", "information": what the deadline is for.
    public var deadlineLabel: String {
        switch kind {
        case .notice: "objections until"
        case .approvalRequest: "decision needed by"
        case .information: "informed on"
        }
    }
}

/// A processor's public subprocessor list: the active entries and the changes announced, for the public page and feed.
public struct PublicRegister: Sendable, Hashable {
    public let organisation: String
    public let slug: String
    public let publishedAt: String
    public let entries: [SubprocessorRecord]
    public let changes: [RegisterChangeEntry]
}
