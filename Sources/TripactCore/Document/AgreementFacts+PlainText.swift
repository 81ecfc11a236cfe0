public import Foundation

/// Plain text of what the agreement prints, for word-level comparison.
extension AgreementFacts {
    /// The printed paragraphs of a clause with every placeholder resolved (unfilled ones as written); list items become
    /// paragraphs of their own.
    ///
    /// `numbering` overrides clause numbers in cross-references, so that two versions compared with one numbering show
    /// no change when only the numbers moved.
    public func plainParagraphs(of item: IncludedClause, numbering: ((ClauseID) -> Int?)? = nil) -> [String] {
        var result: [String] = []
        for paragraph in item.variant.text.paragraphs where paragraphApplies(paragraph, in: item) {
            for line in paragraph.lines {
                var text = ""
                for segment in line {
                    switch segment {
                    case .literal(let literal, _): text += literal
                    case .placeholder(.clauseReference(let id)) where numbering != nil:
                        text += numbering?(id).map { "Clause \($0)" } ?? resolve(.clauseReference(id), in: item) ?? "{{clause:\(id)}}"
                    case .placeholder(let placeholder): text += resolve(placeholder, in: item) ?? placeholder.written
                    }
                }
                result.append(text)
            }
        }
        return result
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
        for item in items where sources[item.key] == nil { sources[item.key] = .record(item.canonical) }
        return sources
    }

    public func text(of source: ItemTextSource, numbering: ((ClauseID) -> Int?)? = nil) -> [String] {
        switch source {
        case .clause(let item):
            return [item.clause.title] + plainParagraphs(of: item, numbering: numbering)
        case .measure(let measure):
            return [measure.title ?? library.measure(measure.id)?.title ?? measure.id, measureDescription(measure)]
        case .subprocessor(let sub):
            return [
                sub.name, sub.address, sub.country, sub.service, sub.dataCategories.joined(separator: ", "), sub.allCountries.joined(separator: ", "),
                sub.transferMechanism, sub.tiaReference ?? "",
            ]
        case .record(let canonical):
            return FlatJSON.lines(canonical)
        }
    }
}

/// What an item's printed text is made from.
public enum ItemTextSource: Sendable {
    case clause(AgreementFacts.IncludedClause)
    case measure(MeasureEntry)
    case subprocessor(Subprocessor)
    /// Any other item: its own fields, as `field: value` lines.
    case record(Data)
}

/// `path: value` lines of a JSON value, for items that are records rather than prose.
enum FlatJSON {
    static func lines(_ canonical: some Collection<UInt8>) -> [String] {
        guard let node = try? JSONParser.parse(Array(canonical)) else { return [] }
        var out: [String] = []
        walk(node, path: "", into: &out)
        return out
    }

    private static func walk(_ node: JSONNode, path: String, into out: inout [String]) {
        var leaves: [(String, String)] = []
        collect(node, path: path, into: &leaves)
        out += leaves.map { $0.0.isEmpty ? $0.1 : "\($0.0): \($0.1)" }
    }

    private static func collect(_ node: JSONNode, path: String, into out: inout [(String, String)]) {
        switch node.value {
        case .object(let members):
            for member in members { collect(member.node, path: path.isEmpty ? member.key : path + "." + member.key, into: &out) }
        case .array(let elements):
            for (index, element) in elements.enumerated() { collect(element, path: "\(path)[\(index)]", into: &out) }
        case .string(let text): out.append((path, text))
        case .number(let text): out.append((path, text))
        case .bool(let value): out.append((path, value ? "yes" : "no"))
        case .null: out.append((path, "none"))
        }
    }
}
