/// Whom a change favours according to the library, and whether it leaves the *reader's own* playbook positions.
///
/// A playbook is a side's private negotiating limit: an assessment only ever uses the playbook of the organisation that
/// reads it (`playbook`), never the other side's, and with none (a file compared outside any organisation) no playbook at
/// all. Whom a change favours comes from the library's variant stances and its published defaults, which both sides hold.
public struct StanceAssessment: Sendable, Hashable, Codable {
    public let favours: PartyRole?
    /// Parties for which the new value lies beyond their fallback position.
    public let outsideFallback: [PartyRole]
    /// Parties for which the new value lies beyond their walk-away position.
    public let beyondWalkAway: [PartyRole]
    /// Why the change needs a reader's review whatever the playbooks say: wording of the parties' own, which no
    /// playbook position (a variant or a value) can hold. Absent otherwise, and then absent from JSON.
    public let review: String?

    public init(favours: PartyRole?, outsideFallback: [PartyRole], beyondWalkAway: [PartyRole], review: String? = nil) {
        self.favours = favours
        self.outsideFallback = outsideFallback
        self.beyondWalkAway = beyondWalkAway
        self.review = review
    }

    /// "favours controller; outside your fallback"; "review: the parties' own wording, which no playbook position covers".
    public var summary: String {
        if let review { return "review: \(review)" }
        var parts: [String] = [favours.map { "favours \($0.rawValue)" } ?? "neutral"]
        if !beyondWalkAway.isEmpty { parts.append("beyond your walk-away") } else if !outsideFallback.isEmpty { parts.append("outside your fallback") }
        return parts.joined(separator: "; ")
    }

    /// Whether the change stays within the reader's playbook, so that it could be accepted on the playbook's word alone.
    /// Never for wording of the parties' own: no playbook position covers it.
    public var isWithinPlaybook: Bool { review == nil && outsideFallback.isEmpty && beyondWalkAway.isEmpty }

    /// The assessment of any change to a clause's own wording or rider, under every playbook and without one: a
    /// person reads it. Whom it favours cannot be told from the library, which never saw the text.
    static func ownWording(_ part: ClauseWording.Part) -> StanceAssessment {
        StanceAssessment(favours: nil, outsideFallback: [], beyondWalkAway: [], review: "the parties' own \(part == .rider ? "rider" : "wording"), which no playbook position covers")
    }

    static func variant(_ clause: Clause, from old: String, to new: String, playbook: Playbook?) -> StanceAssessment? {
        guard let oldVariant = clause.variant(old), let newVariant = clause.variant(new) else { return nil }
        func rank(_ key: String) -> Int {
            switch clause.variant(key)?.stance {
            case .controller: 0
            case .balanced, nil: 1
            case .processor: 2
            }
        }
        func goodness(_ key: String, for party: PartyRole) -> Int { party == .controller ? -rank(key) : rank(key) }
        let favours: PartyRole? = rank(newVariant.key) < rank(oldVariant.key) ? .controller : rank(newVariant.key) > rank(oldVariant.key) ? .processor : nil
        var outside: [PartyRole] = []
        var beyond: [PartyRole] = []
        if let playbook, let positions = playbook.variantPositions(clause.id) {
            let party = playbook.side
            if goodness(new, for: party) < goodness(positions.fallback, for: party) { outside.append(party) }
            if goodness(new, for: party) < goodness(positions.walkAway, for: party) { beyond.append(party) }
        }
        return StanceAssessment(favours: favours, outsideFallback: outside, beyondWalkAway: beyond)
    }

    static func parameter(_ spec: ParameterSpec, clause: ClauseID, from old: ParameterValue?, to new: ParameterValue, playbook: Playbook?) -> StanceAssessment {
        let controllerPositions = spec.playbook[.controller]
        let processorPositions = spec.playbook[.processor]
        let own = playbook.flatMap { $0.parameterPositions(clause, spec.name) }
        let controllerPreferred = controllerPositions.flatMap { Int($0.preferred) }
        let processorPreferred = processorPositions.flatMap { Int($0.preferred) }
        // The library's defaults say which way the controller leans; the reader's own positions say which way the reader
        // leans, even where the library has none.
        let controllerPrefersLower: Bool? = {
            if let controllerPreferred, let processorPreferred, controllerPreferred != processorPreferred { return controllerPreferred < processorPreferred }
            if let playbook, let preferred = own?.preferred.integerValue, let walkAway = own?.walkAway.integerValue, preferred != walkAway {
                return (preferred < walkAway) == (playbook.side == .controller)
            }
            return nil
        }()
        if case .integer = spec.kind, let newValue = new.integerValue, let controllerPrefersLower {
            func goodness(_ value: Int, for party: PartyRole) -> Int { (party == .controller) == controllerPrefersLower ? -value : value }
            var favours: PartyRole?
            if let oldValue = old?.integerValue, oldValue != newValue, let controllerPreferred, let processorPreferred, controllerPreferred != processorPreferred {
                favours = goodness(newValue, for: .controller) > goodness(oldValue, for: .controller) ? .controller : .processor
            }
            var outside: [PartyRole] = []
            var beyond: [PartyRole] = []
            if let playbook, let fallback = own?.fallback.integerValue, let walkAway = own?.walkAway.integerValue {
                let party = playbook.side
                if goodness(newValue, for: party) < goodness(fallback, for: party) { outside.append(party) }
                if goodness(newValue, for: party) < goodness(walkAway, for: party) { beyond.append(party) }
            }
            return StanceAssessment(favours: favours, outsideFallback: outside, beyondWalkAway: beyond)
        }
        func raw(_ value: ParameterValue) -> String {
            if case .boolean(let flag) = value { return flag ? "yes" : "no" }
            return value.description
        }
        let newRaw = raw(new)
        var favours: PartyRole?
        if controllerPositions?.preferred == newRaw, processorPositions?.preferred != newRaw { favours = .controller }
        if processorPositions?.preferred == newRaw, controllerPositions?.preferred != newRaw { favours = .processor }
        var outside: [PartyRole] = []
        if let playbook, let own {
            if ![own.preferred, own.fallback, own.walkAway].map(raw).contains(newRaw) { outside.append(playbook.side) }
        }
        return StanceAssessment(favours: favours, outsideFallback: outside, beyondWalkAway: outside)
    }
}
