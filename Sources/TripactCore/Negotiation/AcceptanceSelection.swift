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
