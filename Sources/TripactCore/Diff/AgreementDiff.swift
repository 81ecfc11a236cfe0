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
///
/// Two names for the same change: `field`, `oldKey` and `newKey` hold the document's keys (for JSON and scripts);
/// `label`, `old` and `new` the words a reader knows (for pages), so no view has to turn keys into words.
public struct FieldChange: Sendable, Codable {
    /// Where the value sits in the item: `hours`, `purposes[billing].dataCategories`.
    public let field: String
    /// The field as a reader names it: "Deadline for the Processor's breach notice", "Wording",
    /// "Purposes › Billing and payments › personal data categories".
    public let label: String
    /// Before and after, in words; nil when a list element was added (old) or removed (new).
    public let old: String?
    public let new: String?
    /// The keys behind `old` and `new` when they are keys (a variant, a catalogue entry, a country code).
    public let oldKey: String?
    public let newKey: String?
    /// For a clause's variant or parameter: whom it favours by the playbook.
    public let assessment: StanceAssessment?
    /// For text: the word-level redline of the field, instead of the whole text twice.
    public let words: [WordDiff.Token]?

    public init(
        field: String, label: String? = nil, old: String?, new: String?, oldKey: String? = nil, newKey: String? = nil, assessment: StanceAssessment?,
        words: [WordDiff.Token]? = nil
    ) {
        self.field = field
        self.label = label ?? field
        self.old = old
        self.new = new
        self.oldKey = oldKey
        self.newKey = newKey
        self.assessment = assessment
        self.words = words
    }

    /// The command line's line, keys kept where it has always shown them: "hours: 72 hours → 24 hours (favours
    /// controller; outside your fallback)", "data subjects: added Callers (callers)", "retention: … kept for [-30-] {+90+} days …".
    public var summary: String {
        // A field of its own (a clause's parameter or variant, a top-level record field) by its name; a nested one by its path in words.
        let name = field.isEmpty || field.contains(where: { $0 == "." || $0 == "[" }) ? label : FieldDiffer.label([field])
        func shown(_ words: String?, _ key: String?) -> String? {
            guard let words else { return nil }
            guard let key, key != words else { return words }
            // A variant by its key, as `tripact clauses show` lists it and `propose` takes it; its label is a sentence.
            return field == "variant" ? key : "\(words) (\(key))"
        }
        return Self.line(name, old: shown(old, oldKey), new: shown(new, newKey), words: words, assessment: assessment)
    }

    /// The change in words only, for a page: "Wording: General authorisation → Specific authorisation (favours controller)",
    /// "Personal data categories: added Payment card number".
    public var sentence: String {
        Self.line(label, old: old, new: new, words: words, assessment: assessment)
    }

    private static func line(_ name: String, old: String?, new: String?, words: [WordDiff.Token]?, assessment: StanceAssessment?) -> String {
        var text: String
        if let words {
            let excerpts = DiffTextFormatter.excerpts(words, red: "", green: "", reset: "")
            text = "\(name): " + excerpts.map { "… \($0) …" }.joined(separator: " ")
        } else if old == nil, let new {
            text = "\(name): added \(new)"
        } else if new == nil, let old {
            text = "\(name): removed \(old)"
        } else {
            text = "\(name): \(old ?? "(none)") → \(new ?? "(none)")"
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
        case marked([WordDiff.Token], labels: [String?]?)
        case unchanged(@Sendable () -> NumberedText)
    }

    init(key: ItemKey, title: String, status: Status, number: Int?, tokens: [WordDiff.Token], labels: [String?]? = nil) {
        (self.key, self.title, self.status, self.number, self.words) = (key, title, status, number, .marked(tokens, labels: labels))
    }

    /// An item whose printed paragraphs are the same in both versions, printed when asked.
    init(key: ItemKey, title: String, status: Status, number: Int?, unchanged text: @escaping @Sendable () -> NumberedText) {
        (self.key, self.title, self.status, self.number, self.words) = (key, title, status, number, .unchanged(text))
    }

    public var tokens: [WordDiff.Token] { contents.tokens }

    /// For a clause, the number each paragraph of the newer version prints with, one per paragraph of its text (title
    /// line first, nil): see `AgreementFacts.numberedText(of:)`. Nil for other items, a clause only the older version
    /// has, and a diff written before the labels were kept. Views print them through `paragraphs`.
    public var paragraphLabels: [String?]? { contents.labels }

    private var contents: (tokens: [WordDiff.Token], labels: [String?]?) {
        switch words {
        case .marked(let tokens, let labels):
            return (tokens, labels)
        case .unchanged(let print):
            // Printed once for the words and their numbers: the closure prints the whole clause.
            let text = print()
            return (WordDiff.tokens(text.lines).map { WordDiff.Token(word: $0, change: .same) }, text.labels)
        }
    }

    /// The item's words cut at paragraph breaks (a break inserted or deleted still separates), each paragraph with the
    /// number it prints with in the newer version, for a view that prints them whole.
    ///
    /// The numbers are counted on the newer version's breaks only: a paragraph of the older version alone takes none and
    /// moves none of those after it, and a paragraph joined to the one before it (their break deleted) continues it
    /// without a number of its own. Empty paragraphs are kept, as the text has them.
    public var paragraphs: [RedlineParagraph] {
        let (tokens, labels) = contents
        var result: [RedlineParagraph] = []
        var current: [WordDiff.Token] = []
        var newIndex = 0
        var currentIndex = 0
        var labelled = -1
        func close() {
            var label: String?
            if currentIndex > labelled, current.contains(where: { $0.change != .deleted }) {
                labelled = currentIndex
                label = labels.flatMap { currentIndex < $0.count ? $0[currentIndex] : nil }
            }
            result.append(RedlineParagraph(label: label, tokens: current))
            current = []
        }
        for token in tokens {
            guard token.isBreak else {
                current.append(token)
                continue
            }
            close()
            if token.change != .deleted { newIndex += 1 }
            currentIndex = newIndex
        }
        close()
        return result.count == 1 && result[0].tokens.isEmpty ? [] : result
    }

    /// Whether any word was inserted or deleted, without splitting an unchanged item into words.
    public var hasMarks: Bool {
        guard case .marked(let tokens, _) = words else { return false }
        return tokens.contains { $0.change != .same }
    }

    enum CodingKeys: String, CodingKey { case key, title, status, number, tokens, paragraphLabels }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        key = try container.decode(ItemKey.self, forKey: .key)
        title = try container.decode(String.self, forKey: .title)
        status = try container.decode(Status.self, forKey: .status)
        number = try container.decodeIfPresent(Int.self, forKey: .number)
        words = .marked(
            try container.decode([WordDiff.Token].self, forKey: .tokens), labels: try container.decodeIfPresent([String?].self, forKey: .paragraphLabels)
        )
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(key, forKey: .key)
        try container.encode(title, forKey: .title)
        try container.encode(status, forKey: .status)
        try container.encodeIfPresent(number, forKey: .number)
        let (tokens, labels) = contents
        try container.encode(tokens, forKey: .tokens)
        try container.encodeIfPresent(labels, forKey: .paragraphLabels)
    }
}

/// One paragraph of an item's redline, as `ItemRedline.paragraphs` cuts it.
public struct RedlineParagraph: Sendable, Hashable {
    /// The number it prints with in the newer version ("14.3"); nil for a paragraph the newer version does not have, a
    /// line that continues a paragraph (a list's later items, a table's later rows), a clause's title and other items.
    public let label: String?
    public let tokens: [WordDiff.Token]
}
