/// Where a parameter's value sits against one organisation's preferred, fallback and walk-away positions, for the
/// clause page's scale. Numbers run either way (a controller prefers fewer hours, a processor more); options and yes/no
/// values only match a position or not.
public struct PlaybookScale: Sendable {
    public struct Point: Sendable, Hashable {
        /// "your preferred", "this version".
        public let name: String
        /// The value in words ("24 hours").
        public let words: String
        public let isValue: Bool
    }

    /// The positions in order from most to least preferred, with the value in its place among them (or after them
    /// when it matches none of a set of options).
    public let points: [Point]
    /// "between your fallback and your walk-away positions".
    public let verdict: String

    public init(_ value: ParameterValue, _ positions: PlaybookPositions<ParameterValue>, spec: ParameterSpec) {
        let named = positions.named.map { Point(name: "your \($0.name)", words: Playbook.words($0.value, of: spec), isValue: false) }
        let current = Point(name: "this version", words: Playbook.words(value, of: spec), isValue: true)
        if case .integer(let v) = value, case .integer(let preferred) = positions.preferred, case .integer(let fallback) = positions.fallback,
            case .integer(let walkAway) = positions.walkAway
        {
            // Distance from the preferred value towards the walk-away, whichever way the numbers run for this side.
            let sign = walkAway >= preferred ? 1 : -1
            let distance = (v - preferred) * sign
            let toFallback = (fallback - preferred) * sign
            let toWalkAway = (walkAway - preferred) * sign
            if distance < 0 {
                verdict = "better for you than your preferred position"
            } else if distance == 0 {
                verdict = "at your preferred position"
            } else if distance < toFallback {
                verdict = "between your preferred and your fallback positions"
            } else if distance == toFallback {
                verdict = "at your fallback position"
            } else if distance < toWalkAway {
                verdict = "between your fallback and your walk-away positions"
            } else if distance == toWalkAway {
                verdict = "at your walk-away position"
            } else {
                verdict = "beyond your walk-away position"
            }
            var points = named
            points.insert(current, at: [0, toFallback, toWalkAway].firstIndex { distance < $0 } ?? 3)
            self.points = points
            return
        }
        let match = positions.named.first { $0.value == value }
        points = named + (match == nil ? [current] : [])
        verdict = match.map { "at your \($0.name) position" } ?? "outside your positions"
    }
}
