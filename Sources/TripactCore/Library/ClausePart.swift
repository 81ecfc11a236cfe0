/// The part of the agreement a clause prints in (the `part:` line of a clause file). An agreement that has joint or
/// shared purposes prints its clauses under part headings, in this order, each part only when one of its clauses
/// applies; an agreement with only purposes on behalf prints no part headings, as it always has.
public enum ClausePart: String, Sendable, Hashable, CaseIterable, Codable {
    /// Scope, definitions and reading rules that serve every part.
    case opening
    /// Processing on the Controller's behalf (Art. 28): the default when a clause file names no part.
    case processing
    /// The arrangement between joint controllers (Art. 26).
    case joint
    /// Data shared with a Party as a controller in its own right.
    case sharing
    /// Term, law and notices that serve every part.
    case closing

    /// The heading printed above the part, without its number.
    public var heading: String {
        switch self {
        case .opening: "General terms"
        case .processing: "Processing on the Controller's behalf (Art. 28)"
        case .joint: "Joint controllers (Art. 26)"
        case .sharing: "Data shared between controllers"
        case .closing: "Final terms"
        }
    }
}
