import Foundation

/// What a person reads for an item: "Clause 20 — Personal Data Breaches", "Annex II — purposes", "Annex IV — Nuvola
/// Voice Platform B.V.", never its key.
public struct ItemLabels: Sendable {
    private let facts: AgreementFacts
    private let titles: [ItemKey: String]

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
                titles[key] = "Clause \(included.number) — \(included.clause.title)"
            } else if let definition = library.clause(id) {
                titles[key] = "Clause “\(definition.title)” (not printed in this version)"
            }
        }
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
            default: "the item"
            }
        return "Removal of \(kind) “\(key.name)”"
    }
}

/// Which items an acceptance covers: some items (or whole annexes), or everything except some.
public enum AcceptanceSelection: Sendable, Hashable {
    case everything
    case only([String])
    case except([String])

    /// A whole annex or all clauses, named in a selection instead of an item key.
    public static let groups: [(name: String, label: String, kinds: Set<String>)] = [
        ("clauses", "All clauses", ["clause"]),
        ("terms", "Title, dates and main agreement", ["agreement"]),
        ("annex1", "Annex I — the parties", ["party"]),
        ("annex2", "Annex II — description of the processing", ["annex2"]),
        ("annex3", "Annex III — technical and organisational measures", ["measure", "annex3"]),
        ("annex4", "Annex IV — subprocessors", ["subprocessor"]),
        ("annex5", "Annex V — obligations towards data subjects", ["annex5"]),
    ]

    /// The keys of `available` the selection covers, in their order; or the names that are neither an item key
    /// there nor a group.
    public func resolve(in available: [ItemKey]) -> Result<[ItemKey], UnknownItems> {
        let names: [String]
        switch self {
        case .everything: return .success(available)
        case .only(let list), .except(let list): names = list
        }
        var chosen: Set<ItemKey> = []
        var unknown: [String] = []
        for name in names {
            if let group = Self.groups.first(where: { $0.name == name }) {
                chosen.formUnion(available.filter { group.kinds.contains($0.kind) })
            } else if available.contains(ItemKey(rawValue: name)) {
                chosen.insert(ItemKey(rawValue: name))
            } else {
                unknown.append(name)
            }
        }
        guard unknown.isEmpty else { return .failure(UnknownItems(names: unknown)) }
        if case .except = self { return .success(available.filter { !chosen.contains($0) }) }
        return .success(available.filter { chosen.contains($0) })
    }

    /// Names in a selection that are neither an item of the version nor a group.
    public struct UnknownItems: Error, Sendable, Hashable {
        public let names: [String]
        public init(names: [String]) { self.names = names }
    }
}
