/// The structured difference between two versions of an agreement: items matched by key, never by position.
public struct AgreementDiff: Sendable, Codable {
    public let from: Side
    public let to: Side
    /// Changed, added, removed and moved items, in the order of the newer version (removed ones where they stood).
    public let changes: [ItemChange]
    /// Clause numbers that shifted because a clause was inserted or removed before them: reported once per run.
    public let renumbering: [Renumbering]
    /// Every item of both versions with its word-level redline, unchanged ones included, for the full redline.
    public let redline: [ItemRedline]

    public struct Side: Sendable, Codable {
        public let label: String
        public let contentHash: String
    }

    public var isEmpty: Bool { changes.isEmpty && renumbering.isEmpty }
}

/// What happened to one item.
public struct ItemChange: Sendable, Codable {
    public enum Kind: String, Sendable, Codable { case added, removed, changed, moved }

    public let key: ItemKey
    public let kind: Kind
    public let title: String
    /// Moved relative to the items around it (also set for a changed item that moved).
    public let moved: Bool
    public let fields: [FieldChange]
}

/// One value that changed inside an item.
public struct FieldChange: Sendable, Codable {
    /// Where the value sits in the item: `hours`, `purposes[billing].dataCategories`.
    public let field: String
    /// The field as a reader names it: "purposes › billing › personal data categories".
    public let label: String
    /// Before and after; nil when a list element was added (old) or removed (new).
    public let old: String?
    public let new: String?
    /// For a clause's variant or parameter: whom it favours by the playbook.
    public let assessment: StanceAssessment?
    /// For text: the word-level redline of the field, instead of the whole text twice.
    public let words: [WordDiff.Token]?

    public init(field: String, label: String? = nil, old: String?, new: String?, assessment: StanceAssessment?, words: [WordDiff.Token]? = nil) {
        self.field = field
        self.label = label ?? field
        self.old = old
        self.new = new
        self.assessment = assessment
        self.words = words
    }

    /// "hours: 72 hours → 24 hours (favours controller; outside processor's fallback)", "data subjects: added Callers",
    /// "retention: … kept for [-30-] {+90+} days …".
    public var summary: String {
        var text: String
        if let words {
            let excerpts = DiffTextFormatter.excerpts(words, red: "", green: "", reset: "")
            text = "\(label): " + excerpts.map { "… \($0) …" }.joined(separator: " ")
        } else if old == nil, let new {
            text = "\(label): added \(new)"
        } else if new == nil, let old {
            text = "\(label): removed \(old)"
        } else {
            text = "\(label): \(old ?? "(none)") → \(new ?? "(none)")"
        }
        if let assessment { text += " (\(assessment.summary))" }
        return text
    }
}

/// A run of clauses whose numbers shifted by the same amount.
public struct Renumbering: Sendable, Codable {
    public let firstOld: Int
    public let lastOld: Int
    public let shift: Int
    public let clauses: [ClauseID]

    /// "clauses 5–29 become 6–30".
    public var summary: String {
        let range = firstOld == lastOld ? "clause \(firstOld) becomes \(firstOld + shift)" : "clauses \(firstOld)–\(lastOld) become \(firstOld + shift)–\(lastOld + shift)"
        return "renumbered: \(range)"
    }
}

/// The word-level redline of one item.
public struct ItemRedline: Sendable, Codable {
    public enum Status: String, Sendable, Codable { case same, added, removed, changed }
    public let key: ItemKey
    public let title: String
    public let status: Status
    /// The clause number in the newer version (older for a removed clause).
    public let number: Int?
    /// Most items of a version read as they did: their words are split only when a view of the whole document asks,
    /// not for every diff (which mostly wants the changes).
    private let words: Words

    enum Words: Sendable {
        case marked([WordDiff.Token])
        case unchanged(@Sendable () -> [String])
    }

    init(key: ItemKey, title: String, status: Status, number: Int?, tokens: [WordDiff.Token]) {
        (self.key, self.title, self.status, self.number, self.words) = (key, title, status, number, .marked(tokens))
    }

    /// An item whose printed paragraphs are the same in both versions, printed when asked.
    init(key: ItemKey, title: String, status: Status, number: Int?, unchanged paragraphs: @escaping @Sendable () -> [String]) {
        (self.key, self.title, self.status, self.number, self.words) = (key, title, status, number, .unchanged(paragraphs))
    }

    public var tokens: [WordDiff.Token] {
        switch words {
        case .marked(let tokens): tokens
        case .unchanged(let paragraphs): WordDiff.tokens(paragraphs()).map { WordDiff.Token(word: $0, change: .same) }
        }
    }

    /// Whether any word was inserted or deleted, without splitting an unchanged item into words.
    public var hasMarks: Bool {
        guard case .marked(let tokens) = words else { return false }
        return tokens.contains { $0.change != .same }
    }

    enum CodingKeys: String, CodingKey { case key, title, status, number, tokens }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        key = try container.decode(ItemKey.self, forKey: .key)
        title = try container.decode(String.self, forKey: .title)
        status = try container.decode(Status.self, forKey: .status)
        number = try container.decodeIfPresent(Int.self, forKey: .number)
        words = .marked(try container.decode([WordDiff.Token].self, forKey: .tokens))
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(key, forKey: .key)
        try container.encode(title, forKey: .title)
        try container.encode(status, forKey: .status)
        try container.encodeIfPresent(number, forKey: .number)
        try container.encode(tokens, forKey: .tokens)
    }
}
