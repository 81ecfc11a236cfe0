/// Computes `AgreementDiff`s. Pure: both documents are read against the same library.
public enum AgreementDiffer {
    /// `playbook` is the reading organisation's own (for the side it takes): only its positions are assessed, and with
    /// none no playbook is consulted.
    public static func diff(
        _ old: AgreementDocument, _ new: AgreementDocument, library: ClauseLibrary, oldLabel: String = "old", newLabel: String = "new", playbook: Playbook? = nil
    ) -> AgreementDiff {
        let oldFacts = AgreementFacts(document: old, library: library)
        let newFacts = AgreementFacts(document: new, library: library)
        let (oldHash, oldItems) = AgreementItems.analyse(old)
        let (newHash, newItems) = AgreementItems.analyse(new)
        var oldByKey: [ItemKey: AgreementItem] = [:]
        for item in oldItems { oldByKey[item.key] = item }
        var newByKey: [ItemKey: AgreementItem] = [:]
        for item in newItems { newByKey[item.key] = item }
        let oldOrder = printedOrder(oldFacts, items: oldItems)
        let newOrder = printedOrder(newFacts, items: newItems)
        let moved = movedKeys(old: oldOrder, new: newOrder)
        // Only items that can read differently are printed now: the same record prints the same words unless it is
        // a clause or a measure whose surroundings changed (`SurroundingChanges`). The others print when a view asks.
        let surroundings = oldFacts.surroundingChanges(newFacts)
        let roleConsequence = oldFacts.conditionsDifferOnlyByRoles(newFacts)
        let merged = mergedOrder(old: oldOrder, new: newOrder)
        let oldSources = oldFacts.itemTextSources(items: oldItems)
        let newSources = newFacts.itemTextSources(items: newItems)
        func readsAlike(_ key: ItemKey, _ before: AgreementItem?, _ after: AgreementItem?) -> Bool {
            guard let before, let after, before.canonical == after.canonical else { return false }
            switch key.kind {
            case "clause":
                // A clause neither version prints reads as its record, which is the same.
                guard case .clause(let item)? = newSources[key] else { return surroundings.unique }
                return surroundings.printsAlike(item.text)
            case "measure":
                // A measure with wording of its own quotes nothing; a catalogue measure only the clauses it names.
                guard !surroundings.changedParameters.isEmpty, case .measure(let entry)? = newSources[key], entry.description == nil else { return true }
                return library.measure(entry.id)?.quotedClauses.isDisjoint(with: surroundings.changedParameters) ?? true
            default: return true
            }
        }
        let oldNumbering = { (id: ClauseID) in newFacts.number(of: id) ?? oldFacts.number(of: id) }
        var oldTexts: [ItemKey: [String]] = [:]
        var newTexts: [ItemKey: [String]] = [:]
        // The numbers the newer version prints its paragraphs with, beside its words and never in them: a clause that
        // only moved must not read as changed.
        var newLabels: [ItemKey: [String?]] = [:]
        for key in merged where !readsAlike(key, oldByKey[key], newByKey[key]) {
            oldTexts[key] = oldSources[key].map { oldFacts.text(of: $0, numbering: oldNumbering) }
            if let text = newSources[key].map({ newFacts.numberedText(of: $0) }) { (newTexts[key], newLabels[key]) = (text.lines, text.labels) }
        }

        var changes: [ItemChange] = []
        var redline: [ItemRedline] = []
        // The unchanged items print when a view asks, all from one shared copy of the newer facts.
        let printer = SharedFacts(newFacts)
        for key in merged {
            let kind = key.kind
            var before = oldByKey[key]
            var after = newByKey[key]
            // A purpose that gains or loses its role changes from or to on behalf: one change with its stance, not an
            // item added or removed.
            if kind == "role", (before == nil) != (after == nil),
                old.processing.purposes.contains(where: { $0.purpose == key.name }), new.processing.purposes.contains(where: { $0.purpose == key.name })
            {
                let onBehalf = AgreementItem(key: key, title: (before ?? after)?.title ?? key.rawValue, canonical: RoleItems.onBehalfRecord(key.name))
                before = before ?? onBehalf
                after = after ?? onBehalf
            }
            let title = Self.title(of: key, item: after ?? before, library: library)
            // An item that prints the same words has the text itself as its redline, not a new search.
            let printed = oldTexts[key] != nil || newTexts[key] != nil
            let unchanged = !printed || (before != nil && before?.canonical == after?.canonical && oldTexts[key] == newTexts[key])
            var tokens = unchanged ? [] : WordDiff.diff(old: oldTexts[key] ?? [], new: newTexts[key] ?? [])
            var reads = unchanged
            let status: ItemRedline.Status
            switch (before, after) {
            case (nil, .some):
                status = .added
                changes.append(ItemChange(key: key, kind: .added, title: title, moved: false, fields: []))
            case (.some, nil):
                status = .removed
                changes.append(ItemChange(key: key, kind: .removed, title: title, moved: false, fields: []))
            case (let before?, let after?):
                let sameRecord = before.canonical == after.canonical
                let fields = sameRecord ? [] : fieldChanges(key: key, before: before, after: after, old: old, new: new, library: library, playbook: playbook)
                // A clause's text also follows the library and the numbering, and a catalogue measure's text follows the
                // clause parameters it quotes, so a record whose own hash did not move can still read differently; a
                // record whose fields changed but compare equal as sets (re-ordered lists) has not changed.
                var textChanged = (kind == "clause" || sameRecord) && tokens.contains { $0.change != .same }
                // A clause printed in both versions whose words moved only because a purpose's role changed (a part's
                // definitions, its survival) is not a change of its own: the role is, once. Its words stay marked.
                let followsRole = kind == "clause" && sameRecord && roleConsequence && oldFacts.number(of: ClauseID(key.name)) != nil
                    && newFacts.number(of: ClauseID(key.name)) != nil
                if followsRole { textChanged = false }
                if fields.isEmpty, !textChanged, !followsRole, tokens.contains(where: { $0.change != .same }) {
                    tokens = []
                    reads = true
                }
                if !fields.isEmpty || textChanged {
                    status = .changed
                    changes.append(ItemChange(key: key, kind: .changed, title: title, moved: moved.contains(key), fields: fields))
                } else {
                    status = .same
                    if moved.contains(key) { changes.append(ItemChange(key: key, kind: .moved, title: title, moved: true, fields: [])) }
                }
            case (nil, nil):
                continue
            }
            let number = kind == "clause" ? (newFacts.number(of: ClauseID(key.name)) ?? oldFacts.number(of: ClauseID(key.name))) : nil
            if !reads {
                redline.append(ItemRedline(key: key, title: title, status: status, number: number, tokens: tokens, labels: newLabels[key]))
            } else if let lines = newTexts[key] {
                let text = NumberedText(lines: lines, labels: newLabels[key])
                redline.append(ItemRedline(key: key, title: title, status: status, number: number, unchanged: { text }))
            } else {
                let source = newSources[key]
                redline.append(
                    ItemRedline(key: key, title: title, status: status, number: number, unchanged: { source.map { printer.facts.numberedText(of: $0) } ?? NumberedText(lines: []) })
                )
            }
        }
        return AgreementDiff(
            from: .init(label: oldLabel, contentHash: oldHash),
            to: .init(label: newLabel, contentHash: newHash),
            changes: changes,
            renumbering: renumbering(old: oldFacts, new: newFacts),
            redline: redline
        )
    }

    /// The item's name as a reader knows it: the library's clause title, the catalogue's measure title, the
    /// subprocessor's name.
    static func title(of key: ItemKey, item: AgreementItem?, library: ClauseLibrary) -> String {
        switch key.kind {
        case "clause": library.clause(ClauseID(key.name)).map { "Clause: \($0.title)" } ?? key.rawValue
        case "measure": library.measure(key.name).map { "Annex III: \($0.title)" } ?? item?.title ?? key.rawValue
        default: item?.title ?? key.rawValue
        }
    }

    /// Items in the order the agreement prints them: terms, parties, clauses by number, then the annexes.
    /// Each key's kind is read once: splitting keys in every filter was a tenth of a diff.
    static func printedOrder(_ facts: AgreementFacts, items: [AgreementItem]) -> [ItemKey] {
        let clauses = facts.included.map { ItemKey(rawValue: "clause:\($0.clause.id)") }
        let clauseSet = Set(clauses)
        var unknownClauses: [ItemKey] = []
        // The joint allocation's rows follow the clause that prints them.
        var rows: [ItemKey] = []
        var head: [ItemKey] = []
        var tail: [ItemKey] = []
        for item in items {
            switch item.key.kind {
            case "clause": if !clauseSet.contains(item.key) { unknownClauses.append(item.key) }
            case "allocation": rows.append(item.key)
            case "agreement", "party": head.append(item.key)
            default: tail.append(item.key)
            }
        }
        var printed: [ItemKey] = []
        printed.reserveCapacity(clauses.count + rows.count)
        for (key, item) in zip(clauses, facts.included) {
            printed.append(key)
            if item.clause.id == JointAllocation.clause { printed += rows }
        }
        return head + printed + unknownClauses + tail
    }

    /// Keys present in both versions whose order relative to the others changed: those outside the longest common order.
    static func movedKeys(old: [ItemKey], new: [ItemKey]) -> Set<ItemKey> {
        let newSet = Set(new)
        let oldSet = Set(old)
        let commonOld = old.filter { newSet.contains($0) }
        let commonNew = new.filter { oldSet.contains($0) }
        var moved: Set<ItemKey> = []
        for change in commonNew.difference(from: commonOld) {
            if case .insert(_, let key, _) = change { moved.insert(key) }
        }
        return moved
    }

    /// The newer order, with removed keys placed after the item that preceded them in the older version.
    static func mergedOrder(old: [ItemKey], new: [ItemKey]) -> [ItemKey] {
        let newSet = Set(new)
        var result = new
        var lastKept: ItemKey?
        var pendingAtStart: [ItemKey] = []
        var insertions: [ItemKey: [ItemKey]] = [:]
        for key in old {
            if newSet.contains(key) {
                lastKept = key
            } else if let anchor = lastKept {
                insertions[anchor, default: []].append(key)
            } else {
                pendingAtStart.append(key)
            }
        }
        if !insertions.isEmpty {
            result = []
            for key in new {
                result.append(key)
                result += insertions[key] ?? []
            }
        }
        return pendingAtStart + result
    }

    static func fieldChanges(
        key: ItemKey, before: AgreementItem, after: AgreementItem, old: AgreementDocument, new: AgreementDocument, library: ClauseLibrary, playbook: Playbook?
    )
        -> [FieldChange]
    {
        if key.kind == "clause",
            let oldSelection = old.clauses.first(where: { "clause:\($0.clause)" == key.rawValue }),
            let newSelection = new.clauses.first(where: { "clause:\($0.clause)" == key.rawValue })
        {
            let clause = library.clause(newSelection.clause)
            var fields: [FieldChange] = []
            if oldSelection.variant != newSelection.variant {
                fields.append(FieldChange(
                    field: "variant", old: oldSelection.variant, new: newSelection.variant,
                    assessment: clause.flatMap { StanceAssessment.variant($0, from: oldSelection.variant, to: newSelection.variant, playbook: playbook) }
                ))
            }
            // Allocation rows split off as items of their own (`RoleItems`) are reported there, once.
            let split = newSelection.clause == JointAllocation.clause && RoleItems.usesRoles(new) && RoleItems.usesRoles(old)
            let names = Set(oldSelection.parameters.keys).union(newSelection.parameters.keys).filter { !split || !JointAllocation.parameters.contains($0) }.sorted()
            for name in names {
                let before = oldSelection.parameters[name] ?? clause?.parameter(name)?.defaultValue
                let after = newSelection.parameters[name] ?? clause?.parameter(name)?.defaultValue
                guard before.map(normalised) != after.map(normalised) else { continue }
                let spec = clause?.parameter(name)
                fields.append(FieldChange(
                    field: name, old: before.map { spec?.rendered($0) ?? $0.description }, new: after.map { spec?.rendered($0) ?? $0.description },
                    assessment: spec.flatMap { spec in after.map { StanceAssessment.parameter(spec, clause: newSelection.clause, from: before, to: $0, playbook: playbook) } }
                ))
            }
            return fields.map { $0.inWords(of: clause) } + FieldChange.wording(old: oldSelection, new: newSelection)
        }
        if key.kind == "allocation" { return allocationChanges(key: key, old: old, new: new, library: library, playbook: playbook) }
        let records = FieldDiffer(library: library)
        if key.kind == "role" {
            let fields = roleChanges(records.changes(old: try? JSONParser.parse(Array(before.canonical)), new: try? JSONParser.parse(Array(after.canonical))), playbook: playbook)
            return fields + stoppedClauses(purpose: key.name, old: old, new: new, library: library)
        }
        let root = rootFields[key.rawValue].map { [$0] } ?? []
        return records.changes(old: try? JSONParser.parse(Array(before.canonical)), new: try? JSONParser.parse(Array(after.canonical)), path: root)
    }

    /// Items that are one list of the document: the list's field, so its changes are labelled "data subjects", not "value".
    static let rootFields = [
        "annex2:purposes": "purposes", "annex2:data-subjects": "dataSubjects", "annex2:data-categories": "dataCategories",
        "annex2:special-categories": "specialCategories", "annex2:delivery-locations": "deliveryLocations", "annex3:assistance": "assistanceMeasures",
    ]

    /// Text compared word by word: runs of white space (non-breaking spaces included) count as one space.
    static func normalisedWhitespace(_ text: String) -> String {
        WordDiff.words(text).joined(separator: " ")
    }

    static func normalised(_ value: ParameterValue) -> ParameterValue {
        if case .string(let text) = value { return .string(normalisedWhitespace(text)) }
        return value
    }

    static func renumbering(old: AgreementFacts, new: AgreementFacts) -> [Renumbering] {
        var runs: [Renumbering] = []
        var current: (first: Int, last: Int, shift: Int, clauses: [ClauseID])?
        for item in old.included {
            guard let newNumber = new.number(of: item.clause.id), newNumber != item.number else {
                if let run = current { runs.append(Renumbering(firstOld: run.first, lastOld: run.last, shift: run.shift, clauses: run.clauses)) }
                current = nil
                continue
            }
            let shift = newNumber - item.number
            if var run = current, run.shift == shift, run.last == item.number - 1 {
                run.last = item.number
                run.clauses.append(item.clause.id)
                current = run
            } else {
                if let run = current { runs.append(Renumbering(firstOld: run.first, lastOld: run.last, shift: run.shift, clauses: run.clauses)) }
                current = (item.number, item.number, shift, [item.clause.id])
            }
        }
        if let run = current { runs.append(Renumbering(firstOld: run.first, lastOld: run.last, shift: run.shift, clauses: run.clauses)) }
        return runs
    }
}

/// The facts a diff's unchanged items print from, held once by reference: each item capturing its own copy was a
/// retain of every table of the facts per item.
private final class SharedFacts: Sendable {
    let facts: AgreementFacts
    init(_ facts: AgreementFacts) { self.facts = facts }
}
