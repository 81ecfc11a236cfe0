public import Foundation

/// The key of a negotiable unit of an agreement: `clause:breach-notification`, `measure:enc-at-rest`, `subprocessor:crm`, …
public struct ItemKey: RawRepresentable, Hashable, Comparable, Codable, Sendable, CustomStringConvertible, ExpressibleByStringLiteral {
    public let rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }
    public init(stringLiteral value: String) { rawValue = value }
    public var description: String { rawValue }
    public static func < (lhs: ItemKey, rhs: ItemKey) -> Bool { lhs.rawValue < rhs.rawValue }

    /// The part before the colon: `clause`, `measure`, `subprocessor`, `annex2`, …
    public var kind: String { String(rawValue.prefix { $0 != ":" }) }
    /// The part after the colon.
    public var name: String { rawValue.firstIndex(of: ":").map { String(rawValue[rawValue.index(after: $0)...]) } ?? rawValue }
}

/// A negotiable unit: its key, a title for people, its canonical JSON and the SHA-256 of that (the item hash).
public struct AgreementItem: Sendable, Hashable {
    public let key: ItemKey
    public let title: String
    public let canonical: Data
    public let hash: String
}

/// Splits a document into its negotiable items. Every part of the document belongs to exactly one item, so
/// "every item accepted" means "the whole document accepted".
///
/// The document is encoded once; each item's canonical bytes are the matching subtree of that encoding.
public enum AgreementItems {
    public static func items(of document: AgreementDocument) -> [AgreementItem] {
        analyse(document).items
    }

    /// The content hash and the items from a single canonical encoding.
    public static func analyse(_ document: AgreementDocument) -> (contentHash: String, items: [AgreementItem]) {
        let canonical = DocumentCodec.canonicalBytes(document)
        guard let root = try? JSONParser.parse(canonical) else { return (DocumentCodec.sha256Hex(Data(canonical)), []) }
        var items: [AgreementItem] = []
        func add(_ key: String, _ title: String, _ write: (inout [UInt8]) -> Void) {
            var bytes: [UInt8] = []
            write(&bytes)
            let data = Data(bytes)
            items.append(AgreementItem(key: ItemKey(rawValue: key), title: title, canonical: data, hash: DocumentCodec.sha256Hex(data)))
        }
        func add(_ key: String, _ title: String, node: JSONNode?) {
            add(key, title) { (node ?? JSONNode(value: .null, line: 0, column: 0)).writeCanonical(to: &$0) }
        }
        func object(_ source: JSONNode?, keys: Set<String>, extra: [(key: String, node: JSONNode)] = []) -> (inout [UInt8]) -> Void {
            let members = (source?.members ?? []).filter { keys.contains($0.key) } + extra
            return { JSONNode.writeObject(members, to: &$0) }
        }
        add("agreement:terms", "Title, dates and main agreement", object(root, keys: ["format", "id", "title", "effectiveDate", "mainAgreement", "commercial"]))
        let parties = root.member("parties")
        add("party:controller", "Annex I: the controller", node: parties?.member("controller"))
        add("party:processor", "Annex I: the processor", node: parties?.member("processor"))
        let processing = root.member("processing")
        add("annex2:description", "Annex II: subject matter, duration, nature, channels, retention", object(processing, keys: [
            "subjectMatter", "duration", "nature", "operations", "channels", "callRecording", "cardPayments", "frequency", "retention", "services",
        ]))
        add("annex2:purposes", "Annex II: purposes", node: processing?.member("purposes"))
        add("annex2:data-subjects", "Annex II: data subjects", node: processing?.member("dataSubjects"))
        add("annex2:data-categories", "Annex II: personal data", node: processing?.member("dataCategories"))
        add("annex2:special-categories", "Annex II: sensitive data and safeguards", node: processing?.member("specialCategories"))
        add("annex2:delivery-locations", "Annex II: delivery locations", node: processing?.member("deliveryLocations"))
        for (selection, node) in zip(document.clauses, root.member("clauses")?.elements ?? []) {
            add("clause:\(selection.clause)", "Clause \(selection.clause)", node: node)
        }
        for (measure, node) in zip(document.measures, root.member("measures")?.elements ?? []) {
            add("measure:\(measure.id)", "Annex III: measure \(measure.id)", node: node)
        }
        add("annex3:assistance", "Annex III: assistance measures", node: root.member("assistanceMeasures"))
        for (sub, node) in zip(document.subprocessors, root.member("subprocessors")?.elements ?? []) {
            add("subprocessor:\(sub.id)", "Annex IV: \(sub.name)", node: node)
        }
        add("annex5:obligations", "Annex V: obligations towards data subjects", node: root.member("consumerObligations"))
        return (DocumentCodec.sha256Hex(Data(canonical)), items)
    }
}
