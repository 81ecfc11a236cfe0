/// Positions in the words a lawyer reads: a variant by its label, a value as the clause prints it ("24 hours"), never a key.
extension Playbook {
    /// The words for a variant key: its label, else the key (a variant the library no longer has).
    public static func words(variant key: String, of clause: Clause) -> String {
        clause.variant(key)?.label ?? key
    }

    /// The words for a parameter value: "24 hours", "yes", an option's text.
    public static func words(_ value: ParameterValue, of spec: ParameterSpec) -> String {
        spec.rendered(value)
    }

    /// "preferred: …; fallback: …; walk-away: …" for a clause's variants.
    public static func sentence(_ positions: PlaybookPositions<String>, of clause: Clause) -> String {
        positions.named.map { "\($0.name): \(words(variant: $0.value, of: clause))" }.joined(separator: "; ")
    }

    /// "preferred 24 hours, fallback 36 hours, walk-away 48 hours" for a parameter.
    public static func sentence(_ positions: PlaybookPositions<ParameterValue>, of spec: ParameterSpec) -> String {
        positions.named.map { "\($0.name) \(words($0.value, of: spec))" }.joined(separator: ", ")
    }
}
