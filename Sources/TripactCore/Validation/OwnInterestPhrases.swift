/// Words in a purpose's own description that say the Processor uses the data for its own ends: its own products,
/// models or services, use across its clients, its own analytics, benchmarking or marketing, selling the data, a fraud
/// database of its own. Such a purpose, listed as processing on the Controller's behalf, is what Art. 28(10) warns about.
///
/// How it reads: the text is cut into words (letters and digits, with inner apostrophes and hyphens), each compared
/// without regard to case with a fixed list of phrases, word by word, so "sell" never matches inside "counsel" and a
/// phrase never runs across punctuation. "The Processor", the Processor's name and the first words of it read as one
/// word `processor`, and likewise for the Controller, so "Atlantis's own" reads as "processor's own". One pass over the
/// words, with at most a few phrases to try at each: linear in the text's length.
///
/// What it cannot see, on purpose or not: meaning. A paraphrase ("to make our forecasts better for everyone"), another
/// language, or a party named only in an earlier sentence passes unseen. A phrase is not reported when a negation
/// ("not", "never", "no", "without", "nor", "except"…) stands at most eight words before it in the same sentence with no
/// "but" or "however" between, so "never used for its own models" passes, while a negation further back is missed and
/// the phrase reported. "Its own …" is not reported when the last party named before it in the sentence is the
/// Controller ("help the Controller improve its own products"); with no party named it is. Hence a warning for a person
/// to read, never an error.
struct OwnInterestPhrases: Sendable {
    /// Words that, within three words after "its own" or "the Processor's own", name an end of the Processor's own:
    /// "its own speech models", "the Processor's own purposes"; "the Processor's own staff" is not one.
    static let ownEnds: Set<String> = [
        "products", "product", "models", "model", "services", "service", "tools", "analytics", "benchmarking", "benchmarks", "marketing", "purposes",
        "purpose", "ends", "benefit", "commercial", "research", "development", "database", "databases", "clients", "datasets", "dataset",
    ]
    private static let ownReach = 3
    /// Words that end the search for an end after "own", so "its own staff and tools" is not read as "its own tools".
    private static let linkWords: Set<String> = [
        "and", "or", "with", "of", "for", "to", "in", "on", "by", "at", "from", "the", "a", "an", "as",
    ]

    /// The other phrases, each a list of words as they read after the parties' names are replaced.
    static let phrases: [[String]] = {
        let verbs = [
            "improve", "improves", "improving", "train", "trains", "training", "tune", "tunes", "tuning", "develop", "develops", "developing",
            "enrich", "enriches", "enriching", "build", "builds", "building",
        ]
        let processors = [
            "processor's benefit", "processor's commercial", "processor's marketing", "processor's benchmarking", "processor's purposes",
            "processor's ends",
        ]
        let clients = [
            "across clients", "across its clients", "across all clients", "across all its clients", "across processor's clients",
            "across all processor's clients", "across other clients", "across several clients", "across multiple clients", "against other clients",
            "more than one client", "for other clients", "for several clients", "for multiple clients", "for all clients", "for all its clients",
            "cross-client", "multi-client", "pooled with other",
        ]
        let selling = [
            "sell the data", "sells the data", "selling the data", "sell personal data", "sells personal data", "selling personal data",
            "sell data", "sells data", "selling data", "sell customer data", "selling customer data", "sold to third parties", "resell the data",
            "reselling the data", "resale of the data", "monetise", "monetises", "monetised", "monetising", "monetisation", "monetize", "monetizes",
            "monetized", "monetizing", "monetization", "data broker", "data brokers", "data brokering",
        ]
        let others = [
            "shared fraud database", "industry fraud database", "fraud consortium", "consortium database", "industry benchmarks",
            "industry benchmarking", "general models", "general-purpose model", "general-purpose models", "foundation model", "foundation models",
        ]
        let phrases = verbs.map { "\($0) processor's" } + processors + clients + selling + others
        return phrases.map { $0.split(separator: " ").map(String.init) }
    }()

    private static let byFirstWord: [String: [[String]]] = Dictionary(grouping: phrases, by: { $0[0] })
    private static let negations: Set<String> = ["not", "no", "never", "nor", "neither", "without", "none", "cannot", "excluding", "except"]
    private static let turns: Set<String> = ["but", "however", "whereas", "although", "instead"]
    private static let negationReach = 8

    /// Word sequences that name each party, longest first: its role's word, its name and the name's shorter beginnings.
    private let partyForms: [(role: PartyRole, words: [String])]

    init(controllerName: String, processorName: String) {
        let names = [PartyRole.controller: Self.words(controllerName).map(\.text), .processor: Self.words(processorName).map(\.text)]
        let firsts = Set(names.values.compactMap(\.first))
        var forms: [(role: PartyRole, words: [String])] = []
        for role in PartyRole.allCases {
            forms.append((role, [role.rawValue]))
            let name = names[role] ?? []
            // Every beginning of the name, so "Atlantis Relation Client" finds "Atlantis Relation Client SAS"; the first
            // word alone only when it is a real word that the other party's name does not also start with.
            let firstAlone = name.first.map { $0.count >= 3 && $0 != "the" && firsts.count == 2 } ?? false
            for length in stride(from: name.count, through: 1, by: -1) where length > 1 || firstAlone {
                forms.append((role, Array(name.prefix(length))))
            }
        }
        partyForms = forms.sorted { $0.words.count > $1.words.count }
    }

    /// The first phrase found in `text`, in the text's own words joined by single spaces; nil when there is none.
    func firstMatch(in text: String) -> String? {
        let words = mergingParties(Self.words(text))
        var negation: Int?
        var lastParty: PartyRole?
        for index in words.indices {
            let word = words[index]
            if word.sentenceStart { (negation, lastParty) = (nil, nil) }
            if Self.turns.contains(word.text) { negation = nil }
            if Self.negations.contains(word.text) || word.text.hasSuffix("n't") { negation = index }
            let negated = negation.map { index - $0 <= Self.negationReach } ?? false
            let ownEnd = word.text == "its" && lastParty == .controller ? nil : self.ownEnd(words, at: index)
            let phraseEnd = (Self.byFirstWord[word.text] ?? []).first { matches($0, words, at: index) }.map { index + $0.count - 1 }
            if !negated, var end = ownEnd ?? phraseEnd {
                // "Training Atlantis's own forecasting model" is quoted whole, not cut after the name.
                if end > index, words[end].text == "processor's", let longer = self.ownEnd(words, at: end) { end = longer }
                return text[word.start..<words[end].end].split(whereSeparator: \.isWhitespace).joined(separator: " ")
            }
            if let role = word.party { lastParty = role }
        }
        return nil
    }

    /// Where "its own …" or "processor's own …" at `index` ends with a word of `ownEnds`, if it does.
    private func ownEnd(_ words: [Word], at index: Int) -> Int? {
        guard ["its", "processor's"].contains(words[index].text), index + 1 < words.count, words[index + 1].text == "own", words[index + 1].joined
        else { return nil }
        var next = index + 2
        while next < words.count, next <= index + 1 + Self.ownReach, words[next].joined, !Self.linkWords.contains(words[next].text) {
            if Self.ownEnds.contains(words[next].text) { return next }
            next += 1
        }
        return nil
    }

    private func matches(_ phrase: [String], _ words: [Word], at index: Int) -> Bool {
        guard index + phrase.count <= words.count else { return false }
        return phrase.indices.allSatisfy { offset in words[index + offset].text == phrase[offset] && (offset == 0 || words[index + offset].joined) }
    }

    /// A word of the text, read for comparison: lower case, typographic apostrophes and hyphens made plain.
    private struct Word {
        var text: String
        let start: String.Index
        var end: String.Index
        /// Only white space separates it from the word before.
        let joined: Bool
        /// A sentence or clause ends (. ; ! ?) between it and the word before.
        let sentenceStart: Bool
        /// The party this word names, once `mergingParties` has read it.
        var party: PartyRole?
    }

    /// Replaces "the Processor", "Atlantis Relation Client's" and the like by one word: `processor`, or `processor's`
    /// when the name is followed by a possessive.
    private func mergingParties(_ words: [Word]) -> [Word] {
        var result: [Word] = []
        result.reserveCapacity(words.count)
        var index = 0
        while index < words.count {
            // "the" belongs to the name when it stands right before it.
            let withArticle = words[index].text == "the" && index + 1 < words.count && words[index + 1].joined
            let found = withArticle ? party(words, at: index + 1).map { (1, $0) } : nil
            if let (article, (role, count, possessive)) = found ?? party(words, at: index).map({ (0, $0) }) {
                let first = words[index]
                let last = words[index + article + count - 1]
                let text = role.rawValue + (possessive ? "'s" : "")
                result.append(Word(text: text, start: first.start, end: last.end, joined: first.joined, sentenceStart: first.sentenceStart, party: role))
                index += article + count
            } else {
                result.append(words[index])
                index += 1
            }
        }
        return result
    }

    /// The party whose name starts at `index`: its role, how many words the name takes, and whether it ends possessive.
    private func party(_ words: [Word], at index: Int) -> (PartyRole, Int, Bool)? {
        for form in partyForms where index + form.words.count <= words.count {
            let count = form.words.count
            let inner = (0..<(count - 1)).allSatisfy { words[index + $0].text == form.words[$0] && ($0 == 0 || words[index + $0].joined) }
            let last = words[index + count - 1]
            guard inner, count == 1 || last.joined else { continue }
            let name = form.words[count - 1]
            if last.text == name { return (form.role, count, false) }
            if last.text == name + "'s" || (name.hasSuffix("s") && last.text == name + "'") { return (form.role, count, true) }
        }
        return nil
    }

    /// The words of `text` in order, with what separates each from the one before.
    private static func words(_ text: String) -> [Word] {
        var words: [Word] = []
        var plainGap = true
        var sentenceEnds = false
        var index = text.startIndex
        while index < text.endIndex {
            let character = text[index]
            guard character.isLetter || character.isNumber else {
                if !character.isWhitespace { plainGap = false }
                if ".;!?".contains(character) { sentenceEnds = true }
                index = text.index(after: index)
                continue
            }
            let start = index
            var end = text.index(after: index)
            while end < text.endIndex {
                let next = text[end]
                if next.isLetter || next.isNumber {
                    end = text.index(after: end)
                    continue
                }
                guard "'’-‑".contains(next) else { break }
                let after = text.index(after: end)
                if after < text.endIndex, text[after].isLetter || text[after].isNumber {
                    end = after
                    continue
                }
                // "processors'": a possessive apostrophe after a plural keeps to its word.
                if next != "-", next != "‑", text[text.index(before: end)].lowercased() == "s" { end = after }
                break
            }
            let plain = String(text[start..<end].lowercased().map { $0 == "’" ? "'" : $0 == "‑" ? "-" : $0 })
            words.append(Word(text: plain, start: start, end: end, joined: !words.isEmpty && plainGap, sentenceStart: sentenceEnds))
            (plainGap, sentenceEnds) = (true, false)
            index = end
        }
        return words
    }
}
