/// The identifier of a clause in the library, such as `breach-notification`.
public struct ClauseID: RawRepresentable, Hashable, Comparable, Codable, Sendable, CustomStringConvertible, ExpressibleByStringLiteral {
    public let rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }
    public init(_ rawValue: String) { self.rawValue = rawValue }
    public init(stringLiteral value: String) { self.rawValue = value }
    public var description: String { rawValue }
    public static func < (lhs: ClauseID, rhs: ClauseID) -> Bool { lhs.rawValue < rhs.rawValue }
}

/// One of the two contracting parties.
public enum PartyRole: String, Codable, Sendable, CaseIterable, Hashable {
    case controller
    case processor

    /// The other party.
    public var counterpart: PartyRole { self == .controller ? .processor : .controller }
}

/// Whom a clause variant leans towards.
public enum Stance: String, Codable, Sendable, CaseIterable, Hashable {
    case controller
    case balanced
    case processor
}
