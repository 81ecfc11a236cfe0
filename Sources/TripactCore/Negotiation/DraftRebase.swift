/// A side's private draft carried onto a head that moved (issue 10, item 1).
///
/// Items the draft changed against its base that the new head left alone move over untouched; items both changed
/// differently are kept as the draft has them and listed as conflicts, for the side to settle (take the head's, keep
/// its own) before it sends. Nothing of either side is lost: the head's value of a conflict is the head's item, the
/// draft's value stays in the draft.
public struct DraftRebase: Sendable, Hashable {
    /// The head with the draft's own changes carried over (conflicting items as the draft had them).
    public let document: AgreementDocument
    /// Items both sides changed differently since the draft's base, in document order.
    public let conflicts: [ItemKey]

    /// Rebases `draft` (prepared on `base`) onto `head`. `earlierConflicts` are conflicts not yet settled: they stay
    /// conflicts unless the head now says the same as the draft.
    public static func rebase(draft: AgreementDocument, base: AgreementDocument, head: AgreementDocument, earlierConflicts: [ItemKey] = []) -> DraftRebase {
        let draftItems = canonicalByKey(draft)
        let baseItems = canonicalByKey(base)
        let headItems = canonicalByKey(head)
        let ours = changedKeys(baseItems, draftItems)
        let theirs = changedKeys(baseItems, headItems)
        var carried = Set<ItemKey>()
        var conflicts = Set<ItemKey>()
        for key in ours {
            guard draftItems[key] != headItems[key] else { continue }
            carried.insert(key)
            if theirs.contains(key) { conflicts.insert(key) }
        }
        for key in earlierConflicts where draftItems[key] != headItems[key] {
            carried.insert(key)
            conflicts.insert(key)
        }
        let document = ItemTransplant.taking(carried, from: draft, onto: head)
        return DraftRebase(document: document, conflicts: ordered(conflicts, in: [document, head]))
    }

    /// The keys whose canonical bytes differ (an item present on one side only counts as changed).
    public static func changedKeys(_ before: [ItemKey: [UInt8]], _ after: [ItemKey: [UInt8]]) -> Set<ItemKey> {
        Set(before.keys).union(after.keys).filter { before[$0] != after[$0] }
    }

    /// The items of two documents that differ, in the order the first (then the second) lists them.
    public static func changedItems(from before: AgreementDocument, to after: AgreementDocument) -> [ItemKey] {
        ordered(changedKeys(canonicalByKey(before), canonicalByKey(after)), in: [after, before])
    }

    static func canonicalByKey(_ document: AgreementDocument) -> [ItemKey: [UInt8]] {
        Dictionary(AgreementItems.items(of: document).map { ($0.key, Array($0.canonical)) }, uniquingKeysWith: { first, _ in first })
    }

    static func ordered(_ keys: Set<ItemKey>, in documents: [AgreementDocument]) -> [ItemKey] {
        var result: [ItemKey] = []
        var seen = Set<ItemKey>()
        for document in documents {
            for item in AgreementItems.items(of: document) where keys.contains(item.key) && !seen.contains(item.key) {
                result.append(item.key)
                seen.insert(item.key)
            }
        }
        return result
    }
}

/// Moves whole items from one document into another: the one operation a draft needs (an edit from a form, a carry-over,
/// a settled conflict), so that each of them changes exactly the items it names and nothing else.
public enum ItemTransplant {
    /// `target` with each item of `keys` as `source` has it: replaced, added (after its neighbour in `source`) or
    /// removed (when `source` has no such item).
    public static func taking(_ keys: Set<ItemKey>, from source: AgreementDocument, onto target: AgreementDocument) -> AgreementDocument {
        var document = target
        // Where both documents split roles and allocation rows into items of their own, the purposes item and the
        // joint clause's item carry none of them: taking those items keeps the target's roles and rows, and the role
        // and allocation items (taken last) set exactly the ones named.
        let split = RoleItems.usesRoles(source) && RoleItems.usesRoles(target)
        let ordered = keys.sorted { (Self.takenLast($0), $0) < (Self.takenLast($1), $1) }
        for key in ordered {
            switch key.kind {
            case "agreement":
                document.format = source.format
                document.title = source.title
                document.effectiveDate = source.effectiveDate
                document.mainAgreement = source.mainAgreement
                document.commercial = source.commercial
            case "party":
                if key.name == "controller" { document.parties.controller = source.parties.controller }
                if key.name == "processor" { document.parties.processor = source.parties.processor }
            case "annex2":
                let roles = document.processing.purposes
                takeAnnex2(key.name, from: source.processing, onto: &document.processing)
                if split, key.name == "purposes" {
                    for index in document.processing.purposes.indices {
                        guard let kept = roles.first(where: { $0.purpose == document.processing.purposes[index].purpose }) else { continue }
                        Self.setRole(of: &document.processing.purposes[index], as: kept)
                    }
                }
            case "clause":
                let kept = document.clauses.last { $0.clause.rawValue == key.name }
                document.clauses = keyed(key.name, \.clause.rawValue, from: source.clauses, onto: document.clauses)
                if split, key.name == JointAllocation.clause.rawValue, let rows = kept?.parameters, let index = document.clauses.lastIndex(where: { $0.clause == JointAllocation.clause }) {
                    for parameter in JointAllocation.parameters { document.clauses[index].parameters[parameter] = rows[parameter] }
                    // The rows' notes belong to the rows' items, like their Parties.
                    document.clauses[index].handoverNotes = kept?.handoverNotes
                }
            case "role":
                guard let index = document.processing.purposes.firstIndex(where: { $0.purpose == key.name }) else { continue }
                let taken = source.processing.purposes.first { $0.purpose == key.name } ?? PurposeEntry(purpose: key.name, dataCategories: [])
                Self.setRole(of: &document.processing.purposes[index], as: taken)
            case "allocation":
                guard let index = document.clauses.lastIndex(where: { $0.clause == JointAllocation.clause }) else { continue }
                let taken = source.clauses.last { $0.clause == JointAllocation.clause }
                document.clauses[index].parameters[key.name] = taken?.parameters[key.name]
                var notes = document.clauses[index].handoverNotes ?? [:]
                notes[key.name] = taken?.handoverNotes?[key.name]
                document.clauses[index].handoverNotes = notes.isEmpty ? nil : notes
            case "measure":
                document.measures = keyed(key.name, \.id, from: source.measures, onto: document.measures)
            case "subprocessor":
                document.subprocessors = keyed(key.name, \.id, from: source.subprocessors, onto: document.subprocessors)
            case "annex3":
                document.assistanceMeasures = source.assistanceMeasures
            case "annex5":
                document.consumerObligations = source.consumerObligations
            default:
                continue
            }
        }
        return document
    }

    /// Role and allocation items name parts of the purposes and the joint clause, so they go after those.
    private static func takenLast(_ key: ItemKey) -> Int { key.kind == "role" || key.kind == "allocation" ? 1 : 0 }

    private static func setRole(of entry: inout PurposeEntry, as source: PurposeEntry) {
        entry.role = source.role
        entry.lawfulBasis = source.lawfulBasis
        entry.specialCondition = source.specialCondition
        entry.recipient = source.recipient
        entry.disclosureBasis = source.disclosureBasis
        entry.disclosureCondition = source.disclosureCondition
    }

    private static func takeAnnex2(_ name: String, from source: Processing, onto target: inout Processing) {
        switch name {
        case "description":
            target.subjectMatter = source.subjectMatter
            target.duration = source.duration
            target.nature = source.nature
            target.operations = source.operations
            target.channels = source.channels
            target.callRecording = source.callRecording
            target.cardPayments = source.cardPayments
            target.frequency = source.frequency
            target.retention = source.retention
            target.services = source.services
        case "purposes": target.purposes = source.purposes
        case "data-subjects": target.dataSubjects = source.dataSubjects
        case "data-categories": target.dataCategories = source.dataCategories
        case "special-categories": target.specialCategories = source.specialCategories
        case "delivery-locations": target.deliveryLocations = source.deliveryLocations
        default: break
        }
    }

    /// One entry of a list keyed by id, as `source` has it; a new entry goes after the entry that precedes it in
    /// `source` (or first), so the order the source chose survives.
    private static func keyed<T>(_ id: String, _ keyPath: KeyPath<T, String>, from source: [T], onto target: [T]) -> [T] {
        var result = target
        let wanted = source.firstIndex { $0[keyPath: keyPath] == id }
        if let existing = result.firstIndex(where: { $0[keyPath: keyPath] == id }) {
            if let wanted {
                result[existing] = source[wanted]
            } else {
                result.remove(at: existing)
            }
            return result
        }
        guard let wanted else { return result }
        var position = 0
        for earlier in source[..<wanted].reversed() {
            if let found = result.firstIndex(where: { $0[keyPath: keyPath] == earlier[keyPath: keyPath] }) {
                position = found + 1
                break
            }
        }
        result.insert(source[wanted], at: position)
        return result
    }
}
