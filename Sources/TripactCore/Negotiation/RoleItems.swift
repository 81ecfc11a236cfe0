public import Foundation

/// The responsibilities of the joint controllers' allocation table (Art. 26(1)), each a parameter of the
/// `joint-controllership` clause that names the Party responsible.
///
/// The list is fixed in code, not read from the library, because it decides how a document splits into items and so
/// which item hashes the store holds: a revised clause file must not move them.
public enum JointAllocation {
    public static let clause: ClauseID = "joint-controllership"

    /// One row of the table: the parameter that names the Party responsible, and the responsibility in words.
    public struct Row: Sendable, Hashable {
        public let parameter: String
        public let responsibility: String
        /// The clause's parameter that sets the row's hand-over deadline, where it has one.
        public let deadline: String?
    }

    public static let rows: [Row] = [
        Row(parameter: "notice", responsibility: "Informing data subjects (Art. 13, 14 and 26(2))", deadline: nil),
        Row(parameter: "contact-point", responsibility: "Single contact point for data subjects (Art. 26(1))", deadline: nil),
        Row(parameter: "right-access", responsibility: "Requests for access (Art. 15)", deadline: "handover-days"),
        Row(parameter: "right-rectification", responsibility: "Requests for rectification (Art. 16)", deadline: "handover-days"),
        Row(parameter: "right-erasure", responsibility: "Requests for erasure (Art. 17)", deadline: "handover-days"),
        Row(parameter: "right-restriction", responsibility: "Requests for restriction (Art. 18)", deadline: "handover-days"),
        Row(parameter: "right-portability", responsibility: "Requests for data portability (Art. 20)", deadline: "handover-days"),
        Row(parameter: "right-objection", responsibility: "Objections to the processing (Art. 21)", deadline: "handover-days"),
        Row(parameter: "right-automated", responsibility: "Requests about automated decisions (Art. 22)", deadline: "handover-days"),
        Row(parameter: "breach-authority", responsibility: "Notifying a breach to the supervisory authority (Art. 33)", deadline: "breach-hours"),
        Row(parameter: "breach-subjects", responsibility: "Communicating a breach to data subjects (Art. 34)", deadline: nil),
        Row(parameter: "dpia", responsibility: "Data protection impact assessment (Art. 35 and 36)", deadline: "assist-days"),
        Row(parameter: "records", responsibility: "Description for the records of processing (Art. 30(1))", deadline: nil),
        Row(parameter: "security", responsibility: "Security of the joint processing (Art. 32)", deadline: nil),
        Row(parameter: "transfer-rule", responsibility: "Transfers outside the EEA (Chapter V)", deadline: nil),
    ]

    static let parameters: Set<String> = Set(rows.map(\.parameter))

    public static func row(_ parameter: String) -> Row? { rows.first { $0.parameter == parameter } }

    /// The item key of a row: `allocation:right-access`.
    public static func itemKey(_ parameter: String) -> ItemKey { ItemKey(rawValue: "allocation:\(parameter)") }

    /// The longest hand-over note of a row, in UTF-8 bytes: a short note beside the table, not a clause of its own.
    public static let maximumNoteBytes = 300
}

/// The items a document that uses roles splits off: each role with its basis (`role:<purpose>`), and each
/// row of the joint controllers' allocation (`allocation:<parameter>`), so that each has its own state and redline.
///
/// A document in which no purpose has a role is split exactly as before (the purposes item and the clause item keep
/// their bytes, so stored hashes and acceptances stand); see docs/decisions.md.
enum RoleItems {
    static func usesRoles(_ document: AgreementDocument) -> Bool {
        document.processing.purposes.contains { $0.role != nil }
    }

    /// The purpose as the `annex2:purposes` item holds it when roles are items of their own: without its role fields.
    static func withoutRole(_ entry: PurposeEntry) -> PurposeEntry {
        PurposeEntry(purpose: entry.purpose, description: entry.description, dataCategories: entry.dataCategories)
    }

    /// The role item's record: the purpose it belongs to, its role and, for a purpose the controllers decide, its basis,
    /// condition and recipient, and for an independent one the discloser's basis and condition. Only a purpose with a role has one; on behalf is no item at all, so putting a purpose
    /// back on behalf is the removal of its role item (the diff reads it as a change to on behalf).
    static func writeRole(_ entry: PurposeEntry, to out: inout CanonicalWriter) {
        out.beginObject()
        if let disclosureBasis = entry.disclosureBasis {
            out.key("disclosureBasis")
            out.string(disclosureBasis.rawValue)
        }
        if let disclosureCondition = entry.disclosureCondition {
            out.key("disclosureCondition")
            out.string(disclosureCondition.rawValue)
        }
        if let lawfulBasis = entry.lawfulBasis {
            out.key("lawfulBasis")
            out.string(lawfulBasis.rawValue)
        }
        out.key("purpose")
        out.string(entry.purpose)
        if let recipient = entry.recipient {
            out.key("recipient")
            out.string(recipient.rawValue)
        }
        out.key("role")
        out.string(entry.effectiveRole.rawValue)
        if let specialCondition = entry.specialCondition {
            out.key("specialCondition")
            out.string(specialCondition.rawValue)
        }
        out.endObject()
    }

    /// What a role item reads as where the purpose has none: on the Controller's behalf.
    static func onBehalfRecord(_ purpose: String) -> Data {
        var out = CanonicalWriter(capacity: 128)
        writeRole(PurposeEntry(purpose: purpose, dataCategories: []), to: &out)
        return Data(out.bytes)
    }

    /// The joint arrangement's selection without its allocation rows, which are items of their own.
    static func withoutAllocation(_ selection: ClauseSelection) -> ClauseSelection {
        var copy = selection
        copy.parameters = selection.parameters.filter { !JointAllocation.parameters.contains($0.key) }
        copy.handoverNotes = nil
        return copy
    }

    /// One allocation row's record: the clause's parameters reduced to that row (empty while the library's default holds),
    /// and the row's hand-over note where it has one (absent otherwise, so rows without notes keep their hashes).
    static func writeAllocation(_ selection: ClauseSelection, row: JointAllocation.Row, to out: inout CanonicalWriter) {
        out.beginObject()
        if let note = selection.handoverNotes?[row.parameter] {
            out.key("note")
            out.string(note)
        }
        out.key("parameters")
        out.parameters(selection.parameters.filter { $0.key == row.parameter })
        out.endObject()
    }
}
