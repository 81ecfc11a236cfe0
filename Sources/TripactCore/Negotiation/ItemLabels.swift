import Foundation

/// What a person reads for an item: "Clause 20 — Personal Data Breaches", "Annex II — purposes", "Annex IV — Nuvola
/// Voice Platform B.V.", never its key.
public struct ItemLabels: Sendable {
    private let facts: AgreementFacts
    private let titles: [ItemKey: String]
    /// The library the labels come from, for views that name more than items.
    public var library: ClauseLibrary { facts.library }

    public init(document: AgreementDocument, library: ClauseLibrary) {
        facts = AgreementFacts(document: document, library: library)
        var titles: [ItemKey: String] = [:]
        for item in AgreementItems.items(of: document) { titles[item.key] = item.title.replacingOccurrences(of: ": ", with: " — ") }
        for measure in document.measures {
            let title = measure.title ?? library.measure(measure.id)?.title ?? measure.id
            titles[ItemKey(rawValue: "measure:\(measure.id)")] = "Annex III — \(title)"
        }
        for clause in document.clauses {
            let key = ItemKey(rawValue: "clause:\(clause.clause.rawValue)")
            let id = clause.clause
            if let included = facts.included(id) {
                // Wherever a clause is named, a reader sees that it is not in the library's wording.
                titles[key] = "Clause \(included.number) — \(included.clause.title)" + (included.hasCustomWording ? " (non-standard wording)" : "")
            } else if let definition = library.clause(id) {
                titles[key] = "Clause “\(definition.title)” (not printed in this version)"
            }
        }
        // A document with roles has an item for each purpose's role and each row of the joint allocation.
        for purpose in document.processing.purposes {
            titles[ItemKey(rawValue: "role:\(purpose.purpose)")] = "Annex II — who decides “\(library.purposeLabel(purpose.purpose))”"
        }
        let joint = facts.included(JointAllocation.clause).map { "Clause \($0.number)" } ?? "Joint arrangement"
        for row in JointAllocation.rows { titles[JointAllocation.itemKey(row.parameter)] = "\(joint) — allocation: \(row.responsibility)" }
        self.titles = titles
    }

    /// The item's label; a removed item (no longer in the document) says what it removes.
    public func label(_ key: ItemKey) -> String {
        if let title = titles[key] { return title }
        let kind =
            switch key.kind {
            case "subprocessor": "the Annex IV entry"
            case "measure": "the Annex III measure"
            case "clause": "the clause"
            case "role": "who decides the purpose"
            case "allocation": "the allocation row"
            default: "the item"
            }
        return "Removal of \(kind) “\(key.name)”"
    }
}
