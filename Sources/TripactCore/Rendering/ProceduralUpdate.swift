/// A version made by the agreement's own procedures rather than negotiated: a subprocessor notice that settled or an
/// approval the controller gave under the clause on subprocessors (Art. 28(2)). It needs no new signatures: the
/// clause the parties signed is the consent.
public struct ProceduralUpdate: Sendable, Codable, Hashable {
    public enum Kind: String, Sendable, Codable, Hashable {
        /// A notice of an intended change that the controller did not object to (general authorisation).
        case notice
        /// A change the controller approved (specific authorisation).
        case approval
        /// Information of a removal, which needs no consent.
        case information
    }

    /// The version the procedure made.
    public var version: Int
    /// The version it was applied on.
    public var base: Int
    public var contentHash: String
    public var kind: Kind
    /// The notice (or approval request) that made it.
    public var notice: Int
    /// The clause the procedure runs under (its library id) and the number it has in the agreement.
    public var clause: String
    public var clauseNumber: Int
    /// The day it was applied, `YYYY-MM-DD`.
    public var day: String
    /// What changed, in the register's words ("Telephony A replaced by Telephony B").
    public var summary: String

    public init(version: Int, base: Int, contentHash: String, kind: Kind, notice: Int, clause: String, clauseNumber: Int, day: String, summary: String) {
        self.version = version
        self.base = base
        self.contentHash = contentHash
        self.kind = kind
        self.notice = notice
        self.clause = clause
        self.clauseNumber = clauseNumber
        self.day = day
        self.summary = summary
    }

    /// "Annex IV updated on 15 December 2026 under clause 9, notice 4" (an approval says "approval 4").
    public var sentence: String {
        let date = CalendarDate(day)?.longForm ?? day
        return "Annex IV updated on \(date) under clause \(clauseNumber), \(kind == .approval ? "approval" : "notice") \(notice)"
    }
}

/// The signed version an updated version carries the signatures of.
public struct SignedVersionReference: Sendable, Codable, Hashable {
    public var version: Int
    public var contentHash: String

    public init(version: Int, contentHash: String) {
        self.version = version
        self.contentHash = contentHash
    }
}
