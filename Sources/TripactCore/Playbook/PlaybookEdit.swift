/// Changes one clause's or one parameter's positions from values as typed (the CLI's `playbook set`, the web form),
/// checked against the library. Every problem names the position it concerns, so a form can show it at its field.
public enum PlaybookEdit {
    /// The longest text a position may hold (a governing law, a court), as for clause parameters in a document.
    public static let maximumTextLength = 2_000

    /// The positions as typed; nil keeps the current position.
    public struct Values: Sendable, Hashable {
        public var preferred: String?
        public var fallback: String?
        public var walkAway: String?

        public init(preferred: String? = nil, fallback: String? = nil, walkAway: String? = nil) {
            self.preferred = preferred
            self.fallback = fallback
            self.walkAway = walkAway
        }

        var named: [(field: String, raw: String?)] { [("preferred", preferred), ("fallback", fallback), ("walk-away", walkAway)] }
        /// Whether nothing was typed: the form or command leaves these positions as they are.
        public var isEmpty: Bool { preferred == nil && fallback == nil && walkAway == nil }
    }

    /// `playbook` with the variant positions of `clause` changed.
    public static func settingVariant(_ playbook: Playbook, clause id: ClauseID, _ values: Values, library: ClauseLibrary) throws(PlaybookEditError) -> Playbook {
        guard let clause = library.clause(id) else { throw PlaybookEditError([FieldProblem(field: "clause", message: "the library has no clause '\(id)'")]) }
        var problems: [FieldProblem] = []
        var chosen: [String] = []
        let current = playbook.variantPositions(id)
        for (offset, (field, raw)) in values.named.enumerated() {
            let trimmed = raw.map { String($0.trimmingWhitespace()) }
            if let trimmed, !trimmed.isEmpty {
                if let problem = unsafe(trimmed, field: field) {
                    problems.append(problem)
                } else if clause.variant(trimmed) == nil {
                    let options = clause.variants.map { "'\($0.key)' (\($0.label))" }.joined(separator: ", ")
                    problems.append(FieldProblem(field: field, message: "'\(trimmed)' is not a variant of \(clause.title); choose one of \(options)"))
                } else {
                    chosen.append(trimmed)
                }
            } else if let current {
                chosen.append([current.preferred, current.fallback, current.walkAway][offset])
            } else {
                problems.append(FieldProblem(field: field, message: "\(clause.title) has no positions yet: give the preferred, fallback and walk-away variants"))
            }
        }
        guard problems.isEmpty else { throw PlaybookEditError(problems) }
        var result = playbook
        result.setVariantPositions(PlaybookPositions(preferred: chosen[0], fallback: chosen[1], walkAway: chosen[2]), for: id)
        return result
    }

    /// `playbook` with the positions of one parameter of `clause` changed.
    public static func settingParameter(
        _ playbook: Playbook, clause id: ClauseID, parameter name: String, _ values: Values, library: ClauseLibrary
    ) throws(PlaybookEditError) -> Playbook {
        guard let clause = library.clause(id) else { throw PlaybookEditError([FieldProblem(field: "clause", message: "the library has no clause '\(id)'")]) }
        guard let spec = clause.parameter(name) else {
            let known = clause.parameters.map { "'\($0.name)'" }.joined(separator: ", ")
            throw PlaybookEditError([FieldProblem(field: "parameter", message: "\(clause.title) has no parameter '\(name)'\(known.isEmpty ? "" : "; it has \(known)")")])
        }
        var problems: [FieldProblem] = []
        var chosen: [ParameterValue] = []
        let current = playbook.parameterPositions(id, name)
        for (offset, (field, raw)) in values.named.enumerated() {
            let trimmed = raw.map { String($0.trimmingWhitespace()) }
            if let trimmed, !trimmed.isEmpty {
                if let problem = unsafe(trimmed, field: field) {
                    problems.append(problem)
                } else if TextLimit.exceeds(trimmed, maximumTextLength) {
                    problems.append(FieldProblem(field: field, message: "\(spec.label): at most \(maximumTextLength) characters"))
                } else if let value = parse(trimmed, as: spec) {
                    if let problem = spec.problem(with: value) {
                        problems.append(FieldProblem(field: field, message: "\(spec.label) \(problem)"))
                    } else {
                        chosen.append(value)
                    }
                } else {
                    problems.append(FieldProblem(field: field, message: "\(spec.label): enter \(expectation(spec)); found '\(trimmed)'"))
                }
            } else if let current {
                chosen.append([current.preferred, current.fallback, current.walkAway][offset])
            } else {
                problems.append(FieldProblem(field: field, message: "\(spec.label) has no positions yet: give the preferred, fallback and walk-away values"))
            }
        }
        guard problems.isEmpty else { throw PlaybookEditError(problems) }
        var result = playbook
        result.setParameterPositions(PlaybookPositions(preferred: chosen[0], fallback: chosen[1], walkAway: chosen[2]), for: id, name)
        return result
    }

    /// `playbook` with its positions on who decides a purpose changed; each typed value is a role's key (`on-behalf`,
    /// `joint`, `independent`).
    public static func settingRoles(_ playbook: Playbook, _ values: Values) throws(PlaybookEditError) -> Playbook {
        var problems: [FieldProblem] = []
        var chosen: [PurposeRole] = []
        let current = playbook.rolePositions
        for (offset, (field, raw)) in values.named.enumerated() {
            let trimmed = raw.map { String($0.trimmingWhitespace()) }
            guard let trimmed, !trimmed.isEmpty else {
                chosen.append([current.preferred, current.fallback, current.walkAway][offset])
                continue
            }
            if let problem = unsafe(trimmed, field: field) {
                problems.append(problem)
            } else if let role = PurposeRole(rawValue: trimmed) {
                chosen.append(role)
            } else {
                let options = PurposeRole.allCases.map { "'\($0.rawValue)' (\($0.label))" }.joined(separator: ", ")
                problems.append(FieldProblem(field: field, message: "'\(trimmed)' is not a role of a purpose; choose one of \(options)"))
            }
        }
        guard problems.isEmpty else { throw PlaybookEditError(problems) }
        var result = playbook
        result.setRolePositions(PlaybookPositions(preferred: chosen[0], fallback: chosen[1], walkAway: chosen[2]))
        return result
    }

    /// A typed value as the parameter reads it: a whole number, yes/no (or true/false), an option's key, a date, text.
    public static func parse(_ raw: String, as spec: ParameterSpec) -> ParameterValue? {
        switch spec.kind {
        case .integer: Int(raw).map(ParameterValue.integer)
        case .boolean: ["yes", "true"].contains(raw) ? .boolean(true) : ["no", "false"].contains(raw) ? .boolean(false) : nil
        case .enumeration, .text, .date: .string(raw)
        }
    }

    static func expectation(_ spec: ParameterSpec) -> String {
        switch spec.kind {
        case .integer(let unit, let min, let max): "a whole number from \(unit.format(min)) to \(unit.format(max))"
        case .boolean: "yes or no"
        case .enumeration(let options): "one of " + options.map { "'\($0.key)'" }.joined(separator: ", ")
        case .text: "text"
        case .date: "a date YYYY-MM-DD"
        }
    }

    private static func unsafe(_ text: String, field: String) -> FieldProblem? {
        do {
            try TextSafety.check(text, field: field, lines: .singleLine)
            return nil
        } catch {
            return FieldProblem(field: field, message: error.problem)
        }
    }
}

/// Positions that could not be set, each at the field it concerns (`preferred`, `fallback`, `walk-away`, `parameter`).
public struct PlaybookEditError: Error, Sendable, Hashable, CustomStringConvertible {
    public let problems: [FieldProblem]

    public init(_ problems: [FieldProblem]) { self.problems = problems }

    public var description: String { problems.map(\.description).joined(separator: "; ") }
}
