/// Checks across library files that no single file can check alone.
enum LibraryLint {
    static func check(_ library: ClauseLibrary) -> [LibraryProblem] {
        var problems: [LibraryProblem] = []
        for (file, items) in [
            ("catalogues/data-categories.txt", library.dataCategories), ("catalogues/data-subjects.txt", library.dataSubjects),
            ("catalogues/purposes.txt", library.purposes),
        ] {
            problems += aliasProblems(file: file, items: items)
        }
        var seenIDs: [ClauseID: String] = [:]
        var seenOrders: [Int: ClauseID] = [:]
        for clause in library.clauses {
            if let other = seenIDs[clause.id] {
                problems.append(LibraryProblem(file: clause.file, line: nil, message: "clause id '\(clause.id)' is also used by \(other)"))
            }
            seenIDs[clause.id] = clause.file
            if let other = seenOrders[clause.order] {
                problems.append(LibraryProblem(file: clause.file, line: nil, message: "order \(clause.order) is also used by clause '\(other)'"))
            }
            seenOrders[clause.order] = clause.id
            for variant in clause.variants {
                for paragraph in variant.text.paragraphs {
                    for case .placeholder(.clauseReference(let target)) in paragraph.lines.joined() {
                        guard let referenced = library.clause(target) else {
                            problems.append(LibraryProblem(file: clause.file, line: nil, message: "variant '\(variant.key)' refers to clause '\(target)', which the library does not have"))
                            continue
                        }
                        // A paragraph printed only under the condition that brings a mandatory clause in may name that clause.
                        let guarded = paragraph.condition.map { !$0.negated && referenced.mandatory && $0.subject == .agreement(referenced.applies.first ?? .always) && referenced.applies.count == 1 } ?? false
                        if clause.mandatory, clause.applies == [.always], !guarded, !(referenced.mandatory && referenced.applies == [.always]) {
                            problems.append(
                                LibraryProblem(
                                    file: clause.file, line: nil,
                                    message: "variant '\(variant.key)' of a clause every agreement has refers to '\(target)', which an agreement may leave out; the reference would print unfilled"
                                )
                            )
                        }
                    }
                }
            }
            if clause.mandatory, clause.applies.contains(.selected) {
                problems.append(LibraryProblem(file: clause.file, line: nil, message: "a mandatory clause cannot apply only when 'selected'"))
            }
        }
        // Parts print in the order of `ClausePart`, so a clause may not sit, by its order, inside another part.
        var previous: Clause?
        for clause in library.clauses.sorted(by: { $0.order < $1.order }) {
            if let previous, ClausePart.allCases.firstIndex(of: clause.part)! < ClausePart.allCases.firstIndex(of: previous.part)! {
                problems.append(
                    LibraryProblem(
                        file: clause.file, line: nil,
                        message: "clause '\(clause.id)' is in part '\(clause.part.rawValue)' but its order \(clause.order) puts it after '\(previous.id)' of part '\(previous.part.rawValue)'; parts print in the order \(ClausePart.allCases.map(\.rawValue).joined(separator: ", "))"
                    )
                )
            }
            previous = clause
        }
        for element in Article28Element.allCases {
            let covered = library.clauses.contains { $0.mandatory && $0.applies == [.always] && $0.covers.contains(element) }
            if !covered {
                problems.append(
                    LibraryProblem(file: "", line: nil, message: "no mandatory clause that always applies covers \(element.rawValue) (\(element.requirement))")
                )
            }
        }
        for pair in library.incompatibilities {
            for reference in [pair.first, pair.second] {
                guard let clause = library.clause(reference.clause) else {
                    problems.append(LibraryProblem(file: "catalogues/incompatible-variants.txt", line: pair.line, message: "pair '\(pair.key)' names clause '\(reference.clause)', which the library does not have"))
                    continue
                }
                if clause.variant(reference.variant) == nil {
                    problems.append(
                        LibraryProblem(
                            file: "catalogues/incompatible-variants.txt", line: pair.line,
                            message: "pair '\(pair.key)' names variant '\(reference.variant)' of clause '\(clause.id)', which has none (known: \(clause.variants.map(\.key).joined(separator: ", ")))"
                        )
                    )
                }
            }
            if pair.first.clause == pair.second.clause {
                problems.append(LibraryProblem(file: "catalogues/incompatible-variants.txt", line: pair.line, message: "pair '\(pair.key)' names two variants of the same clause, which an agreement cannot select together anyway"))
            }
        }
        for number in 1...17 where library.headings[number] == nil {
            problems.append(LibraryProblem(file: "catalogues/headings.txt", line: nil, message: "heading \(number) is missing"))
        }
        for measure in library.measures {
            for reference in ClauseLibrary.parameterReferences(in: measure.description) {
                guard let clause = library.clause(reference.clause), let spec = clause.parameter(reference.parameter) else {
                    problems.append(
                        LibraryProblem(
                            file: "catalogues/measures.txt", line: nil,
                            message: "measure '\(measure.key)' refers to '{{\(reference.clause).\(reference.parameter)}}', which is not a parameter of a clause of the library"
                        )
                    )
                    continue
                }
                if spec.defaultValue == nil {
                    problems.append(LibraryProblem(file: "catalogues/measures.txt", line: nil, message: "measure '\(measure.key)' refers to parameter '\(spec.name)' of '\(clause.id)', which has no default to print"))
                }
            }
            let excluded = Set(GenericMeasureRule.bareWords(measure.title + " " + (library.headings[measure.heading] ?? "")))
            if GenericMeasureRule.concreteWords(measure.description, excluding: excluded) < GenericMeasureRule.minimumConcreteWords {
                problems.append(LibraryProblem(file: "catalogues/measures.txt", line: nil, message: "measure '\(measure.key)' has a generic description; say what is done, how and how often"))
            }
        }
        return problems
    }

    /// An old key names one entry and is nobody's current key: otherwise a stored document would change meaning.
    static func aliasProblems(file: String, items: [CatalogueItem]) -> [LibraryProblem] {
        var problems: [LibraryProblem] = []
        let current = Set(items.map(\.key))
        var owner: [String: String] = [:]
        for item in items {
            for alias in item.aliases {
                if current.contains(alias) {
                    problems.append(LibraryProblem(file: file, line: nil, message: "'\(item.key)' lists '\(alias)' as an old key, but '\(alias)' is a current key"))
                } else if let other = owner[alias], other != item.key {
                    problems.append(LibraryProblem(file: file, line: nil, message: "'\(alias)' is an old key of both '\(other)' and '\(item.key)'"))
                }
                owner[alias] = item.key
            }
        }
        return problems
    }
}
