import TripactCore
import TripactStore

/// What an approval rule covers, in the words a lawyer reads ("Sending a turn that changes Annex III — security
/// measures"), never the item keys the store matches on. The rule form's values are the store's kind and scope, written
/// as `signing`, `turn` or `turn:SCOPE`; only labels are shown.
enum ApprovalScopes {
    /// One choice of the rule form.
    struct Choice {
        let kind: ApprovalKind
        let scope: String
        let label: String
        var value: String { Self.value(kind, scope) }

        static func value(_ kind: ApprovalKind, _ scope: String) -> String { kind == .signing ? "signing" : scope.isEmpty ? "turn" : "turn:\(scope)" }
    }

    /// The parts of an agreement a turn can change, as the store names them in its refusals.
    static var parts: [(scope: String, label: String)] { ApprovalScopeWords.parts }

    /// Every choice the form offers: every turn, a turn that changes one part or one clause of the library, signing.
    static func choices(library: ClauseLibrary) -> [Choice] {
        var choices = [Choice(kind: .proposal, scope: "", label: "Every turn sent to the other side")]
        for part in parts { choices.append(Choice(kind: .proposal, scope: part.scope, label: "A turn that changes \(part.label)")) }
        for clause in library.clauses {
            choices.append(Choice(kind: .proposal, scope: "clause:\(clause.id.rawValue)", label: "A turn that changes the clause \u{201C}\(clause.title)\u{201D}"))
        }
        choices.append(Choice(kind: .signing, scope: "", label: "Signing for your organisation"))
        return choices
    }

    /// The choice a form value names, or nil.
    static func choice(_ value: String, library: ClauseLibrary) -> Choice? { choices(library: library).first { $0.value == value } }

    /// What a scope covers, in words; a scope set on the command line that the form does not offer is said as well as
    /// its first part allows.
    static func words(_ scope: String, library: ClauseLibrary) -> String {
        if let part = parts.first(where: { $0.scope == scope }) { return part.label }
        let key = ItemKey(rawValue: scope)
        if key.kind == "clause", let clause = library.clause(ClauseID(key.name)) { return "the clause \u{201C}\(clause.title)\u{201D}" }
        if key.kind == "measure", let measure = library.measure(key.name) { return "the Annex III measure \u{201C}\(measure.title)\u{201D}" }
        if let part = parts.first(where: { $0.scope == key.kind }) { return "\(part.label) (\u{201C}\(key.name)\u{201D} only)" }
        return "the items \u{201C}\(scope)\u{201D}"
    }

    /// "Sending a turn to the other side", "Sending a turn that changes Annex III — security measures", "Signing for
    /// your organisation".
    static func describe(_ kind: ApprovalKind, _ scope: String, library: ClauseLibrary) -> String {
        switch kind {
        case .signing: "Signing for your organisation"
        case .proposal: scope.isEmpty ? "Sending a turn to the other side" : "Sending a turn that changes \(words(scope, library: library))"
        }
    }
}
