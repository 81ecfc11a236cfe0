public import Foundation

/// The key of a negotiable unit of an agreement: `clause:breach-notification`, `measure:enc-at-rest`, `subprocessor:crm`, …
public struct ItemKey: RawRepresentable, Hashable, Comparable, Codable, Sendable, CustomStringConvertible, ExpressibleByStringLiteral {
    public let rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }
    public init(stringLiteral value: String) { rawValue = value }
    public var description: String { rawValue }
    public static func < (lhs: ItemKey, rhs: ItemKey) -> Bool { lhs.rawValue < rhs.rawValue }

    /// The part before the colon: `clause`, `measure`, `subprocessor`, `annex2`, …
    public var kind: String { colon.map { String(rawValue[..<$0]) } ?? rawValue }
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

    /// The content hash and the items.
    public static func analyse(_ document: AgreementDocument) -> (contentHash: String, items: [AgreementItem]) {
        var items: [AgreementItem] = []
        items.reserveCapacity(30 + document.processing.purposes.count + document.clauses.count + document.measures.count + document.subprocessors.count)
        var writer = CanonicalWriter(capacity: 4_096)
        func add(_ key: String, _ title: String, _ write: (inout CanonicalWriter) -> Void) {
            writer.reset()
            write(&writer)
            items.append(AgreementItem(key: ItemKey(rawValue: key), title: title, canonical: Data(writer.bytes)))
        }
        let processing = document.processing
        add("agreement:terms", "Title, dates and main agreement") { document.writeCanonical(to: &$0, only: termsKeys) }
        add("party:controller", "Annex I: the controller") { document.parties.controller.writeCanonical(to: &$0) }
        add("party:processor", "Annex I: the processor") { document.parties.processor.writeCanonical(to: &$0) }
        add("annex2:description", "Annex II: subject matter, duration, nature, channels, retention") { processing.writeCanonical(to: &$0, only: descriptionKeys) }
        // Where a purpose has a role, each role is an item of its own and the purposes item holds the rest.
        let roles = RoleItems.usesRoles(document)
        if roles {
            add("annex2:purposes", "Annex II: purposes") { $0.array(processing.purposes) { RoleItems.withoutRole($1).writeCanonical(to: &$0) } }
            for purpose in processing.purposes where purpose.role != nil {
                add("role:\(purpose.purpose)", "Annex II: who decides \(purpose.purpose)") { RoleItems.writeRole(purpose, to: &$0) }
            }
        } else {
            add("annex2:purposes", "Annex II: purposes") { $0.array(processing.purposes) { $1.writeCanonical(to: &$0) } }
        }
        add("annex2:data-subjects", "Annex II: data subjects") { $0.strings(processing.dataSubjects) }
        add("annex2:data-categories", "Annex II: personal data") { $0.array(processing.dataCategories) { $1.writeCanonical(to: &$0) } }
        add("annex2:special-categories", "Annex II: sensitive data and safeguards") { $0.array(processing.specialCategories) { $1.writeCanonical(to: &$0) } }
        add("annex2:delivery-locations", "Annex II: delivery locations") { $0.array(processing.deliveryLocations) { $1.writeCanonical(to: &$0) } }
        for selection in document.clauses {
            guard roles, selection.clause == JointAllocation.clause else {
                add("clause:\(selection.clause)", "Clause \(selection.clause)") { selection.writeCanonical(to: &$0) }
                continue
            }
            add("clause:\(selection.clause)", "Clause \(selection.clause)") { RoleItems.withoutAllocation(selection).writeCanonical(to: &$0) }
            for row in JointAllocation.rows {
                add(JointAllocation.itemKey(row.parameter).rawValue, "Joint arrangement: \(row.responsibility)") { RoleItems.writeAllocation(selection, row: row, to: &$0) }
            }
        }
        for measure in document.measures {
            add("measure:\(measure.id)", "Annex III: measure \(measure.id)") { measure.writeCanonical(to: &$0) }
        }
        add("annex3:assistance", "Annex III: assistance measures") { $0.array(document.assistanceMeasures) { $1.writeCanonical(to: &$0) } }
        for sub in document.subprocessors {
            add("subprocessor:\(sub.id)", "Annex IV: \(sub.name)") { sub.writeCanonical(to: &$0) }
        }
        add("annex5:obligations", "Annex V: obligations towards data subjects") { document.consumerObligations.writeCanonical(to: &$0) }
        return (DocumentCodec.contentHash(document), items)
    }
}
