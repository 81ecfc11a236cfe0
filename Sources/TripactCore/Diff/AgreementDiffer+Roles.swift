/// The changes of the items a document with roles splits off (`RoleItems`): a purpose's role and an allocation row, each
/// assessed against the reader's own playbook like a clause's parameter.
extension AgreementDiffer {
    /// A role item's changes in words, the role itself carrying its stance.
    static func roleChanges(_ fields: [FieldChange], playbook: Playbook?) -> [FieldChange] {
        fields.map { field in
            guard field.field == "role", let before = field.oldKey.flatMap(PurposeRole.init(rawValue:)), let after = field.newKey.flatMap(PurposeRole.init(rawValue:))
            else { return field }
            return FieldChange(
                field: field.field, label: "Who decides the purpose", old: before.label, new: after.label, oldKey: field.oldKey, newKey: field.newKey,
                assessment: StanceAssessment.role(from: before, to: after, playbook: playbook)
            )
        }
    }

    /// When this purpose was the last joint (or the last independent) one and no longer is, the clauses that applied
    /// only because of such purposes stop applying: the change names them, so that a reader of the changes list knows
    /// the joint arrangement (Art. 26) or the data-sharing terms leave the printed agreement with it.
    static func stoppedClauses(purpose: String, old: AgreementDocument, new: AgreementDocument, library: ClauseLibrary) -> [FieldChange] {
        guard let before = old.processing.purposes.first(where: { $0.purpose == purpose })?.effectiveRole, before != .onBehalf else { return [] }
        let after = new.processing.purposes.first { $0.purpose == purpose }?.effectiveRole
        guard after != before, !new.processing.purposes.contains(where: { $0.effectiveRole == before }) else { return [] }
        let condition: Condition = before == .joint ? .jointPurposes : .independentPurposes
        return library.clauses.filter { clause in clause.applies.contains(condition) && old.clauses.contains { $0.clause == clause.id } }.map { clause in
            FieldChange(field: "stops-applying", label: "Clause that stops applying", old: clause.title, new: nil, assessment: nil)
        }
    }

    /// An allocation row's change: the Party responsible before and after, as the clause's parameter is assessed.
    static func allocationChanges(key: ItemKey, old: AgreementDocument, new: AgreementDocument, library: ClauseLibrary, playbook: Playbook?) -> [FieldChange] {
        let name = key.name
        let clause = library.clause(JointAllocation.clause)
        let spec = clause?.parameter(name)
        func value(_ document: AgreementDocument) -> ParameterValue? {
            document.clauses.last { $0.clause == JointAllocation.clause }?.parameters[name] ?? spec?.defaultValue
        }
        let before = value(old)
        let after = value(new)
        var changes: [FieldChange] = []
        if before.map(normalised) != after.map(normalised) {
            let change = FieldChange(
                field: name, old: before.map { spec?.rendered($0) ?? $0.description }, new: after.map { spec?.rendered($0) ?? $0.description },
                oldKey: before?.description, newKey: after?.description,
                assessment: spec.flatMap { spec in after.map { StanceAssessment.parameter(spec, clause: JointAllocation.clause, from: before, to: $0, playbook: playbook) } }
            )
            changes.append(change.inWords(of: clause))
        }
        // The parties' note on the row is plain text: a change with its label, judged by no playbook.
        func note(_ document: AgreementDocument) -> String? { document.clauses.last { $0.clause == JointAllocation.clause }?.handoverNotes?[name] }
        if note(old) != note(new) {
            changes.append(FieldChange(field: "note", label: "Hand-over note", old: note(old), new: note(new), oldKey: nil, newKey: nil, assessment: nil))
        }
        return changes
    }
}

extension StanceAssessment {
    /// Who decides a purpose, from the Controller's point of view: on its behalf it keeps the decisions, jointly it
    /// shares them, and an independent recipient decides alone (for the Processor, its own use of the data).
    static func roleRank(_ role: PurposeRole) -> Int {
        switch role {
        case .onBehalf: 0
        case .joint: 1
        case .independent: 2
        }
    }

    static func role(from old: PurposeRole, to new: PurposeRole, playbook: Playbook?) -> StanceAssessment {
        let favours: PartyRole? = roleRank(new) < roleRank(old) ? .controller : roleRank(new) > roleRank(old) ? .processor : nil
        var outside: [PartyRole] = []
        var beyond: [PartyRole] = []
        if let playbook {
            let positions = playbook.rolePositions
            func goodness(_ role: PurposeRole) -> Int { playbook.side == .controller ? -roleRank(role) : roleRank(role) }
            if goodness(new) < goodness(positions.fallback) { outside.append(playbook.side) }
            if goodness(new) < goodness(positions.walkAway) { beyond.append(playbook.side) }
        }
        return StanceAssessment(favours: favours, outsideFallback: outside, beyondWalkAway: beyond)
    }
}
