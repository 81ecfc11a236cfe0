public import Foundation

/// Plain text of what the agreement prints, for word-level comparison.
extension AgreementFacts {
    /// The printed paragraphs of a clause with every placeholder resolved (unfilled ones as written); list items become
    /// paragraphs of their own.
    ///
    /// `numbering` overrides clause numbers in cross-references, so that two versions compared with one numbering show
    /// no change when only the numbers moved.
    public func plainParagraphs(of item: IncludedClause, numbering: ((ClauseID) -> Int?)? = nil) -> [String] {
        numberedParagraphs(of: item, numbering: numbering).lines
    }

    /// `plainParagraphs` with the number each line prints with (`IncludedClause.label(of:)`): on the first line of each
    /// printed paragraph (a list's first item, a table's header row), nil on the lines that continue it. The numbers stay
    /// out of the lines, so a clause that only moved compares equal.
    public func numberedParagraphs(of item: IncludedClause, numbering: ((ClauseID) -> Int?)? = nil) -> (lines: [String], labels: [String?]) {
        var result: [String] = []
        var labels: [String?] = []
        func words(_ line: [PrintedSpan]) -> String {
            var text = ""
            for span in line {
                if let numbering, let id = span.referencedClause {
                    text += numbering(id).map { "Clause \($0)" } ?? span.plain
                } else {
                    text += span.plain
                }
            }
            return text
        }
        for paragraph in printedParagraphs(of: item) {
            // A table row reads as one paragraph, its cells joined as the clause file writes them.
            for (offset, row) in paragraph.rows.enumerated() {
                result.append(row.map(words).joined(separator: " | "))
                labels.append(offset == 0 ? item.label(of: paragraph) : nil)
            }
        }
        return (result, labels)
    }

    /// A clause's printed words compared with the library's text of its variant, with the same values: the parties' own
    /// wording and rider marked as changes. Empty for a clause in the library's wording.
    public func wordingRedline(of item: IncludedClause) -> [WordDiff.Token] {
        guard item.hasCustomWording else { return [] }
        return WordDiff.diff(old: plainParagraphs(of: libraryWording(of: item)), new: plainParagraphs(of: item))
    }

    /// The printed text of each item, keyed like `AgreementItems`: clauses as paragraphs, annex rows as cells,
    /// other items as `field: value` lines.
    /// `items` are the document's items when the caller has them already (a diff does), so they are not made twice.
    public func itemTexts(numbering: ((ClauseID) -> Int?)? = nil, items: [AgreementItem]? = nil) -> [ItemKey: [String]] {
        itemTextSources(items: items ?? AgreementItems.items(of: document)).mapValues { text(of: $0, numbering: numbering) }
    }

    /// Where each item's printed text comes from, found without printing anything: a diff prints only the items that
    /// can have changed, and the rest when a view of the whole document asks.
    public func itemTextSources(items: [AgreementItem]) -> [ItemKey: ItemTextSource] {
        var sources: [ItemKey: ItemTextSource] = [:]
        sources.reserveCapacity(items.count)
        for item in included { sources[ItemKey(rawValue: "clause:\(item.clause.id)")] = .clause(item) }
        for measure in document.measures { sources[ItemKey(rawValue: "measure:\(measure.id)")] = .measure(measure) }
        for sub in document.subprocessors { sources[ItemKey(rawValue: "subprocessor:\(sub.id)")] = .subprocessor(sub) }
        // An allocation row reads as the table prints it: the responsibility and the Party responsible.
        if items.contains(where: { $0.key.isKind("allocation") }), let joint = document.clauses.last(where: { $0.clause == JointAllocation.clause }), let clause = library.clause(JointAllocation.clause) {
            for row in JointAllocation.rows {
                guard let spec = clause.parameter(row.parameter), let value = joint.parameters[row.parameter] ?? spec.defaultValue else { continue }
                let note = joint.handoverNotes?[row.parameter].map { " (note: \($0))" } ?? ""
                sources[JointAllocation.itemKey(row.parameter)] = .lines([row.responsibility + ": " + spec.rendered(value) + note])
            }
        }
        for item in items where sources[item.key] == nil { sources[item.key] = .record(item.key, item.canonical) }
        return sources
    }

    public func text(of source: ItemTextSource, numbering: ((ClauseID) -> Int?)? = nil) -> [String] {
        if case .clause(let item) = source { return [item.clause.title] + plainParagraphs(of: item, numbering: numbering) }
        return numberedText(of: source, numbering: numbering).lines
    }

    /// `text(of:)` with, for a clause, the number each line prints with: nil for its title line and the lines that
    /// continue a paragraph (`numberedParagraphs`). Other items print no paragraph numbers and have no labels.
    public func numberedText(of source: ItemTextSource, numbering: ((ClauseID) -> Int?)? = nil) -> NumberedText {
        // Rows and records in the words the printed annexes use: catalogue labels and country names, not keys.
        let words = RecordWords(library: library)
        func said(_ value: String, _ field: String) -> String { words.value(value, field: field).words }
        switch source {
        case .clause(let item):
            let paragraphs = numberedParagraphs(of: item, numbering: numbering)
            return NumberedText(lines: [item.clause.title] + paragraphs.lines, labels: [nil] + paragraphs.labels)
        case .measure(let measure):
            return NumberedText(lines: [measure.title ?? library.measure(measure.id)?.title ?? measure.id, measureDescription(measure)])
        case .subprocessor(let sub):
            return NumberedText(lines: [
                sub.name, sub.address, said(sub.country, "country"), said(sub.service, "service"),
                sub.dataCategories.map { said($0, "dataCategories") }.joined(separator: ", "), sub.allCountries.map { said($0, "country") }.joined(separator: ", "),
                said(sub.transferMechanism, "transferMechanism"), sub.tiaReference ?? "",
            ])
        case .lines(let lines):
            return NumberedText(lines: lines)
        case .record(let key, let canonical):
            return NumberedText(lines: FlatJSON.lines(canonical, words: words, root: AgreementDiffer.rootFields[key.rawValue]))
        }
    }
}

/// An item's printed lines and, for a clause, the number each line prints with.
public struct NumberedText: Sendable, Equatable {
    public let lines: [String]
    /// One per line for a clause ("14.3" where its paragraph 3 starts, nil elsewhere); nil for items without numbers.
    public let labels: [String?]?

    public init(lines: [String], labels: [String?]? = nil) {
        self.lines = lines
        self.labels = labels
    }
}

/// What an item's printed text is made from.
public enum ItemTextSource: Sendable {
    case clause(AgreementFacts.IncludedClause)
    case measure(MeasureEntry)
    case subprocessor(Subprocessor)
    /// Words written for the item where it was found (an allocation row).
    case lines([String])
    /// Any other item: its own fields, as `field › field: value` lines.
    case record(ItemKey, Data)
}

/// `field › field: value` lines of a record item, in words: list elements named by their label, values by their label.
enum FlatJSON {
    static func lines(_ canonical: some Collection<UInt8>, words: RecordWords, root: String?) -> [String] {
        guard let node = try? JSONParser.parse(Array(canonical)) else { return [] }
        var out: [String] = []
        collect(node, path: root.map { [$0] } ?? [], words: words, into: &out)
        return out
    }

    private static func collect(_ node: JSONNode, path: [String], words: RecordWords, into out: inout [String]) {
        let field = path.last { !$0.hasPrefix("[") } ?? ""
        func line(_ value: String) { out.append(path.isEmpty ? value : "\(RecordWords.label(path)): \(value)") }
        switch node.value {
        case .object(let members):
            for member in members { collect(member.node, path: path + [member.key], words: words, into: &out) }
        case .array(let elements):
            guard let identity = FieldDiffer.identityKey(elements) else {
                for element in elements { collect(element, path: path, words: words, into: &out) }
                return
            }
            for element in elements {
                guard let key = element.member(identity), case .string(let value) = key.value else {
                    collect(element, path: path, words: words, into: &out)
                    continue
                }
                let named = path + ["[\(words.elementName(element, identity: identity, value: value))]"]
                // The element's own line, so an element with nothing but its identity still reads.
                out.append(RecordWords.label(named))
                if case .object(let members) = element.value {
                    for member in members where member.key != identity { collect(member.node, path: named + [member.key], words: words, into: &out) }
                }
            }
        case .string(let text): line(words.value(text, field: field).words)
        case .number(let text): line(text)
        case .bool(let value): line(value ? "yes" : "no")
        case .null: line("none")
        }
    }
}
