/// What follows from a document read against the library: which conditions hold, which clauses are included
/// and with what numbers and parameter values. Validation and rendering share it, so they never disagree.
public struct AgreementFacts: Sendable {
    public let document: AgreementDocument
    public let library: ClauseLibrary
    /// The clauses to print, in library order, with their computed numbers.
    public let included: [IncludedClause]
    private let conditions: Set<Condition>
    private let numbers: [ClauseID: Int]
    /// Each included clause's parameter values, for catalogue texts that quote them.
    private let parameterValues: [ClauseID: [String: ParameterValue]]
    /// Problems in the parties' own wording of included clauses (an unknown placeholder, a blank rider…), for the validator.
    public let wordingProblems: [ClauseWording.Problem]

    /// A clause selection that names a known clause and variant.
    public struct IncludedClause: Sendable {
        public let number: Int
        public let clause: Clause
        public let variant: Variant
        /// The position of the selection in `document.clauses`, for paths.
        public let selectionIndex: Int
        /// The document's values over the parameters' defaults.
        public let parameters: [String: ParameterValue]
        /// The wording the agreement prints: the variant's text, or the parties' own wording instead, then any rider.
        /// Every output reads it through `AgreementFacts.printedParagraphs(of:)`; `variant.text` stays the library's.
        public let text: ClauseText
        /// Which parts of the wording are the parties' own; empty when the clause prints the library's text alone.
        public let customParts: [ClauseWording.Part]

        /// Whether the clause departs from the library's text (own wording, a rider, or both).
        public var hasCustomWording: Bool { !customParts.isEmpty }
    }

    public init(document: AgreementDocument, library: ClauseLibrary) {
        self.document = document
        self.library = library
        var conditions: Set<Condition> = [.always]
        let processing = document.processing
        let specialKeys = processing.dataCategories.map(\.category) + processing.specialCategories.map(\.category)
        if !processing.specialCategories.isEmpty || specialKeys.contains(where: { (library.dataCategory($0)?.special ?? .no) != .no }) {
            conditions.insert(.specialCategories)
        }
        let countries = document.subprocessors.flatMap(\.allCountries) + processing.deliveryLocations.map(\.country)
        if countries.contains(where: { library.country($0)?.status != .eea }) { conditions.insert(.transfers) }
        // A Processor established outside the EEA receives the data there itself, whether or not it lists a site there (Art. 44).
        let processorCountry = document.parties.processor.country
        if !processorCountry.isBlank, library.country(processorCountry)?.status != .eea { conditions.insert(.transfers) }
        if !document.subprocessors.isEmpty { conditions.insert(.subprocessors) }
        if processing.callRecording { conditions.insert(.callRecording) }
        if processing.cardPayments { conditions.insert(.cardPayments) }
        if !processing.deliveryLocations.isEmpty { conditions.insert(.deliveryLocations) }
        if processing.channels.contains(where: Condition.conversationChannelKeys.contains) { conditions.insert(.conversationChannels) }
        let mechanisms = document.subprocessors.map(\.transferMechanism) + processing.deliveryLocations.compactMap(\.transferMechanism)
        if mechanisms.contains(Condition.processorBCRMechanism) { conditions.insert(.bcrProcessor) }
        if processing.purposes.contains(where: { $0.effectiveRole == .joint }) { conditions.insert(.jointPurposes) }
        if processing.purposes.contains(where: { $0.effectiveRole == .independent }) { conditions.insert(.independentPurposes) }
        conditions.formUnion(Self.perPurposeConditions(document, library: library))
        if processing.operations.contains(where: Condition.aiOperationKeys.contains) || (processing.services ?? []).contains(where: Condition.aiServiceKeys.contains) {
            conditions.insert(.aiSystems)
        }
        self.conditions = conditions

        var candidates: [(clause: Clause, variant: Variant, index: Int, parameters: [String: ParameterValue])] = []
        var seen: Set<ClauseID> = []
        for (index, selection) in document.clauses.enumerated() {
            guard let (clause, variant, parameters) = Self.resolve(selection, library: library), seen.insert(clause.id).inserted else { continue }
            candidates.append((clause, variant, index, parameters))
        }
        candidates.sort { ($0.clause.order, $0.clause.id) < ($1.clause.order, $1.clause.id) }
        var wordingProblems: [ClauseWording.Problem] = []
        included = candidates.enumerated().map { offset, candidate in
            // The one place where a selection's wording is decided: the renderers, the diff and the validator read `text`.
            let selection = document.clauses[candidate.index]
            let printed = ClauseWording.printed(selection, selectionIndex: candidate.index, clause: candidate.clause, variant: candidate.variant, library: library)
            wordingProblems += printed.problems
            let parts = ClauseWording.Part.allCases.filter { ($0 == .ownWording ? selection.ownWording : selection.rider) != nil }
            return IncludedClause(
                number: offset + 1, clause: candidate.clause, variant: candidate.variant, selectionIndex: candidate.index, parameters: candidate.parameters,
                text: printed.text, customParts: parts
            )
        }
        self.wordingProblems = wordingProblems
        var numbers: [ClauseID: Int] = [:]
        var parameterValues: [ClauseID: [String: ParameterValue]] = [:]
        for item in included {
            numbers[item.clause.id] = item.number
            parameterValues[item.clause.id] = item.parameters
        }
        self.numbers = numbers
        self.parameterValues = parameterValues
    }

    public func holds(_ condition: Condition) -> Bool { conditions.contains(condition) }

    /// A selection of a known clause and variant, with the document's values over the parameters' defaults.
    static func resolve(_ selection: ClauseSelection, library: ClauseLibrary) -> (Clause, Variant, [String: ParameterValue])? {
        guard let clause = library.clause(selection.clause), let variant = clause.variant(selection.variant) else { return nil }
        var parameters: [String: ParameterValue] = [:]
        for spec in clause.parameters {
            if let value = selection.parameters[spec.name] ?? spec.defaultValue { parameters[spec.name] = value }
        }
        return (clause, variant, parameters)
    }

    /// The clause as the agreement includes it (its first selection of a known variant), without the rest of the
    /// facts: for a caller that needs one clause's terms of many agreements, such as a register change.
    public static func selection(of id: ClauseID, in document: AgreementDocument, library: ClauseLibrary) -> (variant: Variant, parameters: [String: ParameterValue])? {
        for selection in document.clauses where selection.clause == id {
            if let (_, variant, parameters) = resolve(selection, library: library) { return (variant, parameters) }
        }
        return nil
    }

    /// What changed around the clauses between this version and `newer`: a clause's words follow its record, the
    /// conditions its paragraphs test, the agreement fields it quotes and the numbers of the clauses it refers to (the
    /// same in a diff, which prints both with the newer numbers, unless one was removed); a catalogue measure's follow its
    /// record and the parameters of the clauses it quotes (`changedParameters`).
    func surroundingChanges(_ newer: AgreementFacts) -> SurroundingChanges {
        let old = document, new = newer.document
        // A clause selected twice prints its first selection, while its item is its last: compare those the long way.
        let unique = Set(old.clauses.map(\.clause)).count == old.clauses.count && Set(new.clauses.map(\.clause)).count == new.clauses.count
        var changed: Set<ClauseID> = []
        for (id, values) in parameterValues where newer.parameterValues[id] != values { changed.insert(id) }
        for id in newer.parameterValues.keys where parameterValues[id] == nil { changed.insert(id) }
        return SurroundingChanges(
            unique: unique, conditions: conditions.symmetricDifference(newer.conditions),
            fields: Set(AgreementField.allCases.filter { fieldText($0) != newer.fieldText($0) }),
            removedClauses: Set(numbers.keys.filter { newer.numbers[$0] == nil }), changedParameters: changed
        )
    }

    /// Whether the conditions of two versions differ, and only in those that follow the purposes' roles: the clauses
    /// whose conditional paragraphs then read differently did not change themselves; the role did (`AgreementDiffer`).
    func conditionsDifferOnlyByRoles(_ newer: AgreementFacts) -> Bool {
        let changed = conditions.symmetricDifference(newer.conditions)
        let roles: Set<Condition> = [.jointPurposes, .independentPurposes, .jointSpecialCategories, .sharedSpecialCategories, .jointTransfers, .sharedTransfers]
        return !changed.isEmpty && changed.isSubset(of: roles)
    }

    /// Whether a clause belongs in this agreement: all its conditions hold (`selected` holds when it is selected).
    public func applies(_ clause: Clause) -> Bool {
        clause.applies.allSatisfy { $0 == .selected ? number(of: clause.id) != nil : holds($0) }
    }

    /// The first condition of a clause that holds, for messages about why it is required.
    public func reason(for clause: Clause) -> String {
        clause.applies.first { $0 != .always }.map(\.reason) ?? Condition.always.reason
    }

    public func number(of clause: ClauseID) -> Int? { numbers[clause] }

    public func included(_ clause: ClauseID) -> IncludedClause? { numbers[clause].map { included[$0 - 1] } }

    /// The clause as it would print with another of its variants, at the same number and with the same values: for
    /// showing a reader what the alternatives say.
    public func included(_ clause: ClauseID, variant key: String) -> IncludedClause? {
        guard let item = included(clause), let variant = item.clause.variant(key) else { return nil }
        return IncludedClause(
            number: item.number, clause: item.clause, variant: variant, selectionIndex: item.selectionIndex, parameters: item.parameters, text: variant.text,
            customParts: []
        )
    }

    /// The same clause printing the library's text of its own variant, without the parties' wording: what the own
    /// wording is compared with on every page that shows it.
    public func libraryWording(of item: IncludedClause) -> IncludedClause {
        IncludedClause(
            number: item.number, clause: item.clause, variant: item.variant, selectionIndex: item.selectionIndex, parameters: item.parameters,
            text: item.variant.text, customParts: []
        )
    }

    /// The paragraphs of its wording that a clause prints, conditions applied, placeholders still as written: its own
    /// wording or its variant's, then any rider. `printedParagraphs(of:)` resolves them for every output (HTML, Word,
    /// the diff's plain text); the validator's placeholder check reads them as written.
    public func applyingParagraphs(of item: IncludedClause) -> [Paragraph] {
        item.text.paragraphs.filter { paragraphApplies($0, in: item) }
    }

    /// Whether a paragraph is printed.
    public func paragraphApplies(_ paragraph: Paragraph, in item: IncludedClause) -> Bool {
        guard let condition = paragraph.condition else { return true }
        let value: Bool
        switch condition.subject {
        case .agreement(let condition): value = holds(condition)
        case .parameter(let name, equals: let option?): value = item.parameters[name] == .string(option)
        case .parameter(let name, equals: nil): value = item.parameters[name] == .boolean(true)
        }
        return value != condition.negated
    }

    /// The text a placeholder stands for, or nil when the agreement leaves it unfilled.
    public func resolve(_ placeholder: Placeholder, in item: IncludedClause) -> String? {
        switch placeholder {
        case .parameter(let name):
            // A value of the wrong type is never printed: the placeholder stays unfilled and the validator names it.
            guard let value = item.parameters[name], let spec = item.clause.parameter(name), spec.accepts(type: value) else { return nil }
            if case .string(let text) = value, text.trimmingWhitespace().isEmpty { return nil }
            if case .date = spec.kind, case .string(let text) = value { return CalendarDate(text)?.longForm ?? text }
            return spec.rendered(value)
        case .field(let field):
            return fieldText(field)
        case .clauseReference(let id):
            return number(of: id).map { "Clause \($0)" }
        case .unknown:
            return nil
        }
    }

    /// The text an agreement field placeholder prints, or nil when the agreement leaves it unfilled.
    func fieldText(_ field: AgreementField) -> String? {
        let text: String?
        switch field {
        case .controllerName: text = document.parties.controller.name
        case .processorName: text = document.parties.processor.name
        case .title: text = printedTitle
        case .mainAgreement: text = document.mainAgreement
        case .effectiveDate: text = document.effectiveDate.map { CalendarDate($0)?.longForm ?? $0 }
        }
        guard let text, !text.trimmingWhitespace().isEmpty else { return nil }
        return text
    }

    /// What Annex III says a measure does: the agreement's own description, else the catalogue's, with every clause
    /// parameter it refers to printed at the value this agreement gives it.
    public func measureDescription(_ entry: MeasureEntry) -> String {
        if let own = entry.description { return own }
        guard let catalogue = library.measure(entry.id) else { return "" }
        return library.resolvingParameters(in: catalogue.description, values: parameterValues)
    }

    /// Whether the country is outside the EEA and not fully covered by an adequacy decision.
    public func needsSafeguards(_ countryCode: String) -> Bool {
        switch library.country(countryCode)?.status {
        case .eea, .adequate: false
        case .partial, .third, nil: true
        }
    }
}
