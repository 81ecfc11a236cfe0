/// The state of one item in the head version: its hash and who accepted that hash.
public struct ItemState: Sendable, Hashable, Codable {
    public let key: ItemKey
    /// The item hash, or `ItemState.removed` for an item the head version removed and that is not yet agreed.
    public let hash: String
    public var acceptedBy: Set<PartyRole>
    /// The parties whose rejection of this very hash stands: a rejection outlives versions that leave the item as it
    /// is, and ends when the item changes or the party that rejected it accepts it.
    public var disputedBy: Set<PartyRole>

    public static let removed = "removed"

    public init(key: ItemKey, hash: String, acceptedBy: Set<PartyRole>, disputedBy: Set<PartyRole> = []) {
        self.key = key
        self.hash = hash
        self.acceptedBy = acceptedBy
        self.disputedBy = disputedBy
    }

    private enum CodingKeys: String, CodingKey { case key, hash, acceptedBy, disputedBy }

    /// The parties in their fixed order (controller, processor), so the same state always reads as the same JSON: a
    /// `Set` would list them in an order that changes from one process to the next.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(key, forKey: .key)
        try container.encode(hash, forKey: .hash)
        try container.encode(PartyRole.allCases.filter(acceptedBy.contains), forKey: .acceptedBy)
        try container.encode(PartyRole.allCases.filter(disputedBy.contains), forKey: .disputedBy)
    }

    public var isAgreed: Bool { acceptedBy.count == PartyRole.allCases.count }
    public var isRemoval: Bool { hash == Self.removed }
    public var isDisputed: Bool { !disputedBy.isEmpty }

    /// "agreed", "disputed by processor", "accepted by controller only", "open".
    public var label: String {
        if isAgreed { return "agreed" }
        if isDisputed { return "disputed by " + PartyRole.allCases.filter(disputedBy.contains).map(\.rawValue).joined(separator: " and ") }
        if let party = acceptedBy.first { return "accepted by \(party.rawValue) only" }
        return "open"
    }

    /// Accepting settles the party's own dispute of the item.
    public mutating func accept(by party: PartyRole) {
        acceptedBy.insert(party)
        disputedBy.remove(party)
    }

    /// Rejecting withdraws the party's acceptance and records its dispute until the item changes or it accepts.
    public mutating func reject(by party: PartyRole) {
        acceptedBy.remove(party)
        disputedBy.insert(party)
    }
}

/// The negotiation rules, as pure functions over item states. The store calls them and persists the result.
public enum Negotiation {
    /// The item states after `proposer` proposes `items` on top of a head whose states were `previous`.
    ///
    /// An unchanged item keeps its acceptances and disputes. A changed or new item counts as accepted by the proposer and
    /// clears the other side, and the disputes of the old wording with it. An item removed by this proposal stays as a removal to accept until both parties have agreed to it.
    public static func statesAfterProposal(previous: [ItemState], items: [AgreementItem], proposer: PartyRole) -> [ItemState] {
        var before: [ItemKey: ItemState] = [:]
        for state in previous { before[state.key] = state }
        var result: [ItemState] = []
        var present: Set<ItemKey> = []
        for item in items {
            present.insert(item.key)
            let hash = item.hash
            if let old = before[item.key], old.hash == hash {
                result.append(old)
            } else {
                result.append(ItemState(key: item.key, hash: hash, acceptedBy: [proposer]))
            }
        }
        for old in previous where !present.contains(old.key) {
            if old.isRemoval {
                if !old.isAgreed { result.append(old) }
            } else {
                result.append(ItemState(key: old.key, hash: ItemState.removed, acceptedBy: [proposer]))
            }
        }
        return result
    }

    /// The states of a first version: the importer's side accepts everything it brought.
    public static func initialStates(items: [AgreementItem], proposer: PartyRole) -> [ItemState] {
        items.map { ItemState(key: $0.key, hash: $0.hash, acceptedBy: [proposer]) }
    }

    /// Whether both parties accepted every item.
    public static func isAgreed(_ states: [ItemState]) -> Bool { states.allSatisfy(\.isAgreed) }

    /// Why signing is refused, or an empty list when it may go ahead.
    public static func signingObstacles(states: [ItemState], findings: [Finding]) -> [String] {
        var reasons: [String] = []
        let open = states.filter { !$0.isAgreed }
        if !open.isEmpty {
            reasons.append("\(open.count) item\(open.count == 1 ? " is" : "s are") not accepted by both parties: " + open.prefix(5).map(\.key.rawValue).joined(separator: ", ")
                + (open.count > 5 ? ", …" : ""))
        }
        let errors = findings.filter { $0.severity == .error }
        if !errors.isEmpty {
            reasons.append("\(errors.count) validation error\(errors.count == 1 ? "" : "s") stand: " + errors.prefix(3).map(\.message).joined(separator: "; "))
        }
        return reasons
    }
}
