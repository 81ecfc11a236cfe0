/// Whom a change favours according to the clause's playbook, and whether it leaves the *viewer's* positions.
///
/// A playbook is a side's private negotiating limit: an assessment only ever names the positions of the side that reads
/// it (`viewer`), never the other side's, and with no viewer (a file compared outside any organisation) none at all.
public struct StanceAssessment: Sendable, Hashable, Codable {
    public let favours: PartyRole?
    /// Parties for which the new value lies beyond their fallback position.
    public let outsideFallback: [PartyRole]
    /// Parties for which the new value lies beyond their walk-away position.
    public let beyondWalkAway: [PartyRole]

    /// "favours controller; outside your fallback".
    public var summary: String {
        var parts: [String] = [favours.map { "favours \($0.rawValue)" } ?? "neutral"]
        if !beyondWalkAway.isEmpty { parts.append("beyond your walk-away") } else if !outsideFallback.isEmpty { parts.append("outside your fallback") }
        return parts.joined(separator: "; ")
    }

    static func variant(_ clause: Clause, from old: String, to new: String, viewer: PartyRole?) -> StanceAssessment? {
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
        for party in [viewer].compactMap({ $0 }) {
            guard let positions = clause.playbook[party] else { continue }
            if goodness(new, for: party) < goodness(positions.fallback, for: party) { outside.append(party) }
            if goodness(new, for: party) < goodness(positions.walkAway, for: party) { beyond.append(party) }
        }
        return StanceAssessment(favours: favours, outsideFallback: outside, beyondWalkAway: beyond)
    }

    static func parameter(_ spec: ParameterSpec, from old: ParameterValue?, to new: ParameterValue, viewer: PartyRole?) -> StanceAssessment {
        let controllerPositions = spec.playbook[.controller]
        let processorPositions = spec.playbook[.processor]
        if case .integer = spec.kind, let newValue = new.integerValue,
            let controllerPreferred = controllerPositions.flatMap({ Int($0.preferred) }),
            let processorPreferred = processorPositions.flatMap({ Int($0.preferred) }), controllerPreferred != processorPreferred
        {
            let controllerPrefersLower = controllerPreferred < processorPreferred
            func goodness(_ value: Int, for party: PartyRole) -> Int { (party == .controller) == controllerPrefersLower ? -value : value }
            var favours: PartyRole?
            if let oldValue = old?.integerValue, oldValue != newValue {
                favours = goodness(newValue, for: .controller) > goodness(oldValue, for: .controller) ? .controller : .processor
            }
            var outside: [PartyRole] = []
            var beyond: [PartyRole] = []
            for party in [viewer].compactMap({ $0 }) {
                guard let positions = spec.playbook[party], let fallback = Int(positions.fallback), let walkAway = Int(positions.walkAway) else { continue }
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
        for party in [viewer].compactMap({ $0 }) {
            guard let positions = spec.playbook[party] else { continue }
            if ![positions.preferred, positions.fallback, positions.walkAway].contains(newRaw) { outside.append(party) }
        }
        return StanceAssessment(favours: favours, outsideFallback: outside, beyondWalkAway: outside)
    }
}
