/// A security measure of the catalogue, filed under one of the 17 Annex III headings.
public struct MeasureDefinition: Sendable, Hashable {
    public let key: String
    public let heading: Int
    public let title: String
    public let description: String
    public let contactCentre: Bool

    /// The clauses whose parameters the description quotes (`{{clause.parameter}}`): its printed words change only
    /// when one of theirs does.
    public var quotedClauses: Set<ClauseID> {
        var result: Set<ClauseID> = []
        let bytes = Array(description.utf8)
        var index = 0
        while index + 1 < bytes.count {
            guard bytes[index] == UInt8(ascii: "{"), bytes[index + 1] == UInt8(ascii: "{") else {
                index += 1
                continue
            }
            var end = index + 2
            while end < bytes.count, bytes[end] != UInt8(ascii: "."), bytes[end] != UInt8(ascii: "}") { end += 1 }
            if end < bytes.count, bytes[end] == UInt8(ascii: ".") { result.insert(ClauseID(String(decoding: bytes[(index + 2)..<end], as: UTF8.self))) }
            index = end
        }
        return result
    }
}

/// A catalogue entry with a label and a description: data category, data subject, purpose, operation or channel.
public struct CatalogueItem: Sendable, Hashable {
    public let key: String
    public let label: String
    public let description: String
    /// Data categories only: whether Art. 9 or Art. 10 applies.
    public let special: SpecialCategoryKind
    /// Keys this entry had before it followed the Fides taxonomy: documents that use them still read as this entry.
    public var aliases: [String] = []
    /// A key of our own under a Fides branch, for something Fides has no key for; every other key is Fides' own.
    public var isExtension = false
    /// Purposes only: who usually decides such a purpose in a contact-centre programme, as a hint; absent, the purpose
    /// is usually processing on the Controller's behalf.
    public var typicalRole: PurposeRole? = nil
}

/// Whether a data category is special-category data (Art. 9) or criminal-offence data (Art. 10).
public enum SpecialCategoryKind: String, Sendable, Hashable {
    case no, art9, art10
}

/// A way of transferring personal data outside the EEA lawfully (Chapter V).
public struct TransferMechanism: Sendable, Hashable {
    public let key: String
    public let label: String
    public let articles: String
    public let description: String
    /// Whether the mechanism needs a transfer impact assessment.
    public let needsTIA: Bool
    /// Whether a Transfer to the Processor's own sites or to a Subprocessor may rest on it (`processor-use` in the
    /// catalogue). An Art. 49 derogation covers only occasional transfers and controller BCRs bind only the Controller's
    /// group, so neither can carry the regular flows to a delivery centre or a Subprocessor.
    public let processorUse: Bool
}

/// A country and where it stands under Chapter V.
public struct Country: Sendable, Hashable {
    public let code: String
    public let name: String
    public let status: Status
    public let note: String
    /// The day the entry was last checked against its source; `ClauseLibrary.staleCountries(today:)` reports it after 12 months.
    public let verified: CalendarDate
    /// What the status rests on: the Official Journal reference of the adequacy decision, or EEA membership.
    public let source: String
    /// Partial countries only: the mechanism that covers the recipients the adequacy finding reaches
    /// (`adequacy` for Canada's commercial organisations, `adequacy-dpf` for certified US organisations).
    public let coveredBy: String?
    /// The line of the entry in `catalogues/countries.txt`, for lint messages.
    public let line: Int

    public enum Status: String, Sendable, Hashable {
        /// In the European Economic Area: no transfer.
        case eea
        /// Covered by an adequacy decision (Art. 45).
        case adequate
        /// Covered for some recipients only (e.g. certified under a framework).
        case partial
        /// Neither: a transfer needs appropriate safeguards (Art. 46) or a derogation (Art. 49).
        case third
    }
}

/// Two clause variants that contradict each other; an agreement may not select both.
public struct VariantIncompatibility: Sendable, Hashable {
    public let key: String
    public let first: VariantReference
    public let second: VariantReference
    /// Why the two cannot stand together, in plain words.
    public let reason: String
    /// The line of the entry in its file, for lint messages.
    public let line: Int
}

/// A clause and one of its variants: `international-transfers controller`.
public struct VariantReference: Sendable, Hashable, CustomStringConvertible {
    public let clause: ClauseID
    public let variant: String

    public init(clause: ClauseID, variant: String) {
        self.clause = clause
        self.variant = variant
    }

    public var description: String { "'\(clause)' in its '\(variant)' variant" }
}
