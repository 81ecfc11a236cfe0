/// A selection names a clause the library has.
struct UnknownClauseRule: ValidationRule {
    let code = "clause.unknown"
    let article = "Art. 28(3)"

    func check(_ facts: AgreementFacts) -> [Finding] {
        facts.document.clauses.enumerated().compactMap { index, selection in
            guard facts.library.clause(selection.clause) == nil else { return nil }
            return error("clauses[\(index)].clause", "unknown clause '\(selection.clause)'; 'tripact clauses list' shows the library")
        }
    }
}

/// A selection names a variant of its clause.
struct UnknownVariantRule: ValidationRule {
    let code = "clause.unknown-variant"
    let article = "Art. 28(3)"

    func check(_ facts: AgreementFacts) -> [Finding] {
        facts.document.clauses.enumerated().compactMap { index, selection in
            guard let clause = facts.library.clause(selection.clause), clause.variant(selection.variant) == nil else { return nil }
            let known = clause.variants.map { "'\($0.key)'" }.joined(separator: ", ")
            return error("clauses[\(index)].variant", "clause '\(clause.id)' has no variant '\(selection.variant)' (known: \(known))")
        }
    }
}

/// A clause is selected once.
struct DuplicateClauseRule: ValidationRule {
    let code = "clause.duplicate"
    let article = "Art. 28(3)"

    func check(_ facts: AgreementFacts) -> [Finding] {
        var seen: [ClauseID: Int] = [:]
        var findings: [Finding] = []
        for (index, selection) in facts.document.clauses.enumerated() {
            if let first = seen[selection.clause] {
                findings.append(error("clauses[\(index)].clause", "clause '\(selection.clause)' is selected twice (first at clauses[\(first)])"))
            } else {
                seen[selection.clause] = index
            }
        }
        return findings
    }
}

/// Every parameter given belongs to the clause.
struct UnknownParameterRule: ValidationRule {
    let code = "clause.unknown-parameter"
    let article = "Art. 28(3)"

    func check(_ facts: AgreementFacts) -> [Finding] {
        facts.document.clauses.enumerated().flatMap { index, selection -> [Finding] in
            guard let clause = facts.library.clause(selection.clause) else { return [] }
            return selection.parameters.keys.sorted().compactMap { name in
                guard clause.parameter(name) == nil else { return nil }
                let known = clause.parameters.isEmpty ? "it has none" : "known: " + clause.parameters.map { "'\($0.name)'" }.joined(separator: ", ")
                return error("clauses[\(index)].parameters.\(name)", "clause '\(clause.id)' has no parameter '\(name)' (\(known))")
            }
        }
    }
}

/// Every parameter value has its type and lies within its bounds.
struct ParameterValueRule: ValidationRule {
    let code = "clause.parameter-out-of-bounds"
    let article = "Art. 28(3)"

    func check(_ facts: AgreementFacts) -> [Finding] {
        facts.document.clauses.enumerated().flatMap { index, selection -> [Finding] in
            guard let clause = facts.library.clause(selection.clause) else { return [] }
            return clause.parameters.compactMap { spec in
                guard let value = selection.parameters[spec.name], let problem = spec.problem(with: value) else { return nil }
                return error("clauses[\(index)].parameters.\(spec.name)", "clause '\(clause.id)' parameter '\(spec.name)' \(problem)")
            }
        }
    }
}

/// Every mandatory clause that applies to this agreement is selected.
struct MandatoryClauseRule: ValidationRule {
    let code = "clause.mandatory-missing"
    let article = "Art. 28(3)"

    func check(_ facts: AgreementFacts) -> [Finding] {
        facts.library.clauses.compactMap { clause in
            guard clause.mandatory, facts.applies(clause), facts.number(of: clause.id) == nil else { return nil }
            return Finding(
                severity: .error, code: code, article: clause.articleLine, path: "clauses",
                message: "clause '\(clause.id)' (\(clause.title)) is required because \(facts.reason(for: clause)); add it"
            )
        }
    }
}

/// Every element of Art. 28(3), 28(2) and 28(4) is covered by a selected clause.
struct Article28CoverageRule: ValidationRule {
    let code = "art28.element-missing"
    let article = "Art. 28(3)"

    func check(_ facts: AgreementFacts) -> [Finding] {
        let covered = Set(facts.included.flatMap(\.clause.covers))
        return Article28Element.allCases.compactMap { element in
            guard !covered.contains(element) else { return nil }
            return Finding(
                severity: .error, code: code, article: element.article, path: "clauses",
                message: "no selected clause provides \(element.requirement) (\(element.article))"
            )
        }
    }
}

/// A selected clause whose condition does not hold is probably left over.
struct InapplicableClauseRule: ValidationRule {
    let code = "clause.not-applicable"
    let article = "Art. 28(3)"

    func check(_ facts: AgreementFacts) -> [Finding] {
        facts.included.compactMap { item in
            guard !facts.applies(item.clause) else { return nil }
            let unmet = item.clause.applies.filter { $0 != .selected && !facts.holds($0) }.map(\.rawValue).joined(separator: ", ")
            return warning("clauses[\(item.selectionIndex)]", "clause '\(item.clause.id)' is selected but its condition (\(unmet)) does not hold for this agreement")
        }
    }
}

/// Every placeholder in the printed text has a value.
struct UnfilledPlaceholderRule: ValidationRule {
    let code = "text.unfilled-placeholder"
    let article = "Art. 28(9)"

    func check(_ facts: AgreementFacts) -> [Finding] {
        var findings: [Finding] = []
        for item in facts.included {
            var reported: Set<Placeholder> = []
            for paragraph in facts.applyingParagraphs(of: item) {
                for line in paragraph.lines {
                    // An unknown placeholder can only be in the parties' own wording (the lint refuses it in the library's),
                    // where `clause.custom-wording-invalid` names it once.
                    for case .placeholder(let placeholder) in line where !placeholder.isUnknown && facts.resolve(placeholder, in: item) == nil && reported.insert(placeholder).inserted {
                        findings.append(error(path(of: placeholder, in: item), message(placeholder, in: item)))
                    }
                }
            }
        }
        return findings
    }

    private func path(of placeholder: Placeholder, in item: AgreementFacts.IncludedClause) -> String {
        switch placeholder {
        case .parameter(let name): "clauses[\(item.selectionIndex)].parameters.\(name)"
        case .field(.controllerName): "parties.controller.name"
        case .field(.processorName): "parties.processor.name"
        case .field(.title): "title"
        case .field(.mainAgreement): "mainAgreement"
        case .field(.effectiveDate): "effectiveDate"
        case .clauseReference, .unknown: "clauses[\(item.selectionIndex)]"
        }
    }

    private func message(_ placeholder: Placeholder, in item: AgreementFacts.IncludedClause) -> String {
        switch placeholder {
        case .clauseReference(let target):
            "clause '\(item.clause.id)' refers to clause '\(target)', which this agreement does not include; the text would show \(placeholder.written)"
        default:
            "clause '\(item.clause.id)' would print \(placeholder.written) unfilled; give it a value"
        }
    }
}

/// No two selected variants that the library declares contradictory (`catalogues/incompatible-variants.txt`).
struct IncompatibleVariantsRule: ValidationRule {
    let code = "clause.incompatible-variants"
    let article = "Art. 28(3)"

    func check(_ facts: AgreementFacts) -> [Finding] {
        facts.library.incompatibilities.compactMap { pair in
            guard let first = facts.included(pair.first.clause), first.variant.key == pair.first.variant,
                let second = facts.included(pair.second.clause), second.variant.key == pair.second.variant
            else { return nil }
            return error(
                "clauses[\(second.selectionIndex)].variant",
                "clause '\(pair.first.clause)' (variant '\(pair.first.variant)', clauses[\(first.selectionIndex)]) contradicts clause '\(pair.second.clause)' "
                    + "(variant '\(pair.second.variant)'): \(pair.reason); choose another variant of either clause"
            )
        }
    }
}
