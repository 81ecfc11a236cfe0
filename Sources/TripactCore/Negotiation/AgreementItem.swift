public import Foundation

/// The key of a negotiable unit of an agreement: `clause:breach-notification`, `measure:enc-at-rest`, `subprocessor:crm`, …
public struct ItemKey: RawRepresentable, Hashable, Comparable, Codable, Sendable, CustomStringConvertible, ExpressibleByStringLiteral {
    public let rawValue: String
    /// The key's hash, taken once when it is made: a diff looks every key up in a dozen tables, and hashing the string
    /// each time was a tenth of it. Per process (Swift seeds `Hasher` at start), so never stored.
    private let hashCode: Int

    public init(rawValue: String) {
        self.rawValue = rawValue
        hashCode = rawValue.hashValue
    }
    public init(stringLiteral value: String) { self.init(rawValue: value) }
    public var description: String { rawValue }
    public static func < (lhs: ItemKey, rhs: ItemKey) -> Bool { lhs.rawValue < rhs.rawValue }
    public static func == (lhs: ItemKey, rhs: ItemKey) -> Bool { lhs.hashCode == rhs.hashCode && lhs.rawValue == rhs.rawValue }
    public func hash(into hasher: inout Hasher) { hasher.combine(hashCode) }

    /// Encoded as the bare string, as it always was.
    public init(from decoder: any Decoder) throws { self.init(rawValue: try decoder.singleValueContainer().decode(String.self)) }
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }

    /// The part before the colon: `clause`, `measure`, `subprocessor`, `annex2`, …
    public var kind: String { colon.map { String(rawValue[..<$0]) } ?? rawValue }
    /// Whether `kind` (a kind without a colon) is the part before the colon: read in the UTF-8 bytes, without making
    /// a string of the kind, for the filters that ask it of every item.
    public func isKind(_ kind: String) -> Bool {
        var bytes = rawValue.utf8.makeIterator()
        for byte in kind.utf8 where bytes.next() != byte { return false }
        let next = bytes.next()
        return next == nil || next == UInt8(ascii: ":")
    }
    /// The part after the colon.
    public var name: String { colon.map { String(rawValue[rawValue.utf8.index(after: $0)...]) } ?? rawValue }
    /// Found in the UTF-8 bytes: keys are split in every sort and filter of a diff, and `Character` search was a
    /// measurable part of it.
    private var colon: String.Index? { rawValue.utf8.firstIndex(of: UInt8(ascii: ":")) }
}

/// A negotiable unit: its key, a title for people, its canonical JSON and the SHA-256 of that (the item hash).
public struct AgreementItem: Sendable, Hashable {
    public let key: ItemKey
    public let title: String
    public let canonical: Data

    /// Computed when asked: the store asks once per item it records, while a diff only compares the bytes.
    public var hash: String { DocumentCodec.sha256Hex(canonical) }
}

/// Splits a document into its negotiable items. Every part of the document belongs to exactly one item, so
/// "every item accepted" means "the whole document accepted".
///
/// Each item's canonical bytes are written straight from the model, exactly the subtree of the document's canonical
/// encoding that the item covers (`AgreementItemsTests` checks this against a parse of the whole encoding): nothing is
/// parsed back, which was most of the cost of a diff.
public enum AgreementItems {
    /// In a document that uses roles, each purpose's role and each row of the joint allocation are items of their own
    /// (`RoleItems`); a document without roles splits as it always did.
    public static func items(of document: AgreementDocument) -> [AgreementItem] {
        analyse(document).items
    }

    /// The members of the document's root that make up `agreement:terms`.
    static let termsKeys: Set<String> = ["format", "id", "title", "effectiveDate", "mainAgreement", "commercial"]
    /// The members of `processing` that make up `annex2:description`.
    static let descriptionKeys: Set<String> = [
        "subjectMatter", "duration", "nature", "operations", "channels", "callRecording", "cardPayments", "frequency", "retention", "services",
    ]

    /// The content hash and the items. The document is written once: the items that are subtrees of its encoding are
    /// cut out of it, and the content hash is of the same bytes; only the items made of several members (the terms,
    /// the description, the parts a purpose's role splits off) are written on their own.
    public static func analyse(_ document: AgreementDocument) -> (contentHash: String, items: [AgreementItem]) {
        var whole = CanonicalWriter(capacity: 64 * 1_024)
        whole.marks = []
        document.writeCanonical(to: &whole)
        let encoding = whole.bytes
        var clauses: [Range<Int>] = [], measures: [Range<Int>] = [], subprocessors: [Range<Int>] = []
        var named: [ItemSubtree: Range<Int>] = [:]
        for (subtree, range) in whole.marks ?? [] {
            switch subtree {
            case .clause: clauses.append(range)
            case .measure: measures.append(range)
            case .subprocessor: subprocessors.append(range)
            default: named[subtree] = range
            }
        }
        func cut(_ range: Range<Int>?) -> Data { range.map { Data(encoding[$0]) } ?? Data() }

        var items: [AgreementItem] = []
        items.reserveCapacity(30 + document.processing.purposes.count + document.clauses.count + document.measures.count + document.subprocessors.count)
        var writer = CanonicalWriter(capacity: 4_096)
        func add(_ key: String, _ title: String, _ canonical: Data) {
            items.append(AgreementItem(key: ItemKey(rawValue: key), title: title, canonical: canonical))
        }
        func add(_ key: String, _ title: String, _ write: (inout CanonicalWriter) -> Void) {
            writer.reset()
            write(&writer)
            add(key, title, Data(writer.bytes))
        }
        let processing = document.processing
        add("agreement:terms", "Title, dates and main agreement") { document.writeCanonical(to: &$0, only: termsKeys) }
        add("party:controller", "Annex I: the controller", cut(named[.controller]))
        add("party:processor", "Annex I: the processor", cut(named[.processor]))
        add("annex2:description", "Annex II: subject matter, duration, nature, channels, retention") { processing.writeCanonical(to: &$0, only: descriptionKeys) }
        // Where a purpose has a role, each role is an item of its own and the purposes item holds the rest.
        let roles = RoleItems.usesRoles(document)
        if roles {
            add("annex2:purposes", "Annex II: purposes") { $0.array(processing.purposes) { RoleItems.withoutRole($1).writeCanonical(to: &$0) } }
            for purpose in processing.purposes where purpose.role != nil {
                add("role:\(purpose.purpose)", "Annex II: who decides \(purpose.purpose)") { RoleItems.writeRole(purpose, to: &$0) }
            }
        } else {
            add("annex2:purposes", "Annex II: purposes", cut(named[.purposes]))
        }
        add("annex2:data-subjects", "Annex II: data subjects", cut(named[.dataSubjects]))
        add("annex2:data-categories", "Annex II: personal data", cut(named[.dataCategories]))
        add("annex2:special-categories", "Annex II: sensitive data and safeguards", cut(named[.specialCategories]))
        add("annex2:delivery-locations", "Annex II: delivery locations", cut(named[.deliveryLocations]))
        for (index, selection) in document.clauses.enumerated() {
            let key = "clause:" + selection.clause.rawValue
            let title = "Clause " + selection.clause.rawValue
            guard roles, selection.clause == JointAllocation.clause else {
                add(key, title, cut(clauses[index]))
                continue
            }
            add(key, title) { RoleItems.withoutAllocation(selection).writeCanonical(to: &$0) }
            for row in JointAllocation.rows {
                add(JointAllocation.itemKey(row.parameter).rawValue, "Joint arrangement: \(row.responsibility)") { RoleItems.writeAllocation(selection, row: row, to: &$0) }
            }
        }
        for (index, measure) in document.measures.enumerated() {
            add("measure:" + measure.id, "Annex III: measure " + measure.id, cut(measures[index]))
        }
        add("annex3:assistance", "Annex III: assistance measures", cut(named[.assistance]))
        for (index, sub) in document.subprocessors.enumerated() {
            add("subprocessor:" + sub.id, "Annex IV: " + sub.name, cut(subprocessors[index]))
        }
        add("annex5:obligations", "Annex V: obligations towards data subjects", cut(named[.obligations]))
        return (DocumentCodec.sha256Hex(encoding), items)
    }
}

/// The subtrees of a document's canonical encoding that are items of their own, as the writer marks them.
enum ItemSubtree: Hashable {
    case assistance, clause, obligations, measure, controller, processor, subprocessor
    case dataCategories, dataSubjects, deliveryLocations, purposes, specialCategories
}
