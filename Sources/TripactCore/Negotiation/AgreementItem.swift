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
public enum AgreementItems {
    public static func items(of document: AgreementDocument) -> [AgreementItem] {
        var items: [AgreementItem] = []
        func add<T: Encodable>(_ key: String, _ title: String, _ value: T) {
            let canonical = DocumentCodec.canonicalJSON(value)
            items.append(AgreementItem(key: ItemKey(rawValue: key), title: title, canonical: canonical, hash: DocumentCodec.sha256Hex(canonical)))
        }
        struct Terms: Encodable {
            let format: String
            let id: String
            let title: String
            let effectiveDate: String?
            let mainAgreement: String
            let commercial: CommercialTerms
        }
        add("agreement:terms", "Title, dates and main agreement", Terms(
            format: document.format, id: document.id, title: document.title, effectiveDate: document.effectiveDate,
            mainAgreement: document.mainAgreement, commercial: document.commercial
        ))
        add("party:controller", "Annex I: the controller", document.parties.controller)
        add("party:processor", "Annex I: the processor", document.parties.processor)
        let processing = document.processing
        struct Description: Encodable {
            let subjectMatter: String
            let duration: String
            let nature: String
            let operations: [String]
            let channels: [String]
            let callRecording: Bool
            let cardPayments: Bool
            let frequency: String
            let retention: String
        }
        add("annex2:description", "Annex II: subject matter, duration, nature, channels, retention", Description(
            subjectMatter: processing.subjectMatter, duration: processing.duration, nature: processing.nature, operations: processing.operations,
            channels: processing.channels, callRecording: processing.callRecording, cardPayments: processing.cardPayments,
            frequency: processing.frequency, retention: processing.retention
        ))
        add("annex2:purposes", "Annex II: purposes", processing.purposes)
        add("annex2:data-subjects", "Annex II: data subjects", processing.dataSubjects)
        add("annex2:data-categories", "Annex II: personal data", processing.dataCategories)
        add("annex2:special-categories", "Annex II: sensitive data and safeguards", processing.specialCategories)
        add("annex2:delivery-locations", "Annex II: delivery locations", processing.deliveryLocations)
        for selection in document.clauses { add("clause:\(selection.clause)", "Clause \(selection.clause)", selection) }
        for measure in document.measures { add("measure:\(measure.id)", "Annex III: measure \(measure.id)", measure) }
        add("annex3:assistance", "Annex III: assistance measures", document.assistanceMeasures)
        for sub in document.subprocessors { add("subprocessor:\(sub.id)", "Annex IV: \(sub.name)", sub) }
        add("annex5:obligations", "Annex V: obligations towards data subjects", document.consumerObligations)
        return items
    }
}
