/// A clause as plain text for the terminal: metadata, parameters with bounds and playbooks, every variant.
public enum ClauseDescription {
    public static func text(_ clause: Clause) -> String {
        var out = "\(clause.id) — \(clause.title)\n"
        out += "articles: \(clause.articleLine)\n"
        out += "mandatory: \(clause.mandatory ? "yes" : "no"); negotiable: \(clause.negotiable ? "yes" : "no"); applies: \(clause.applies.map(\.rawValue).joined(separator: " and "))\n"
        if !clause.covers.isEmpty { out += "covers: \(clause.covers.map(\.rawValue).joined(separator: "; "))\n" }
        out += "summary: \(clause.summary)\n"
        for role in PartyRole.allCases {
            if let positions = clause.playbook[role] { out += "playbook (\(role.rawValue)): \(describe(positions))\n" }
        }
        for parameter in clause.parameters {
            out += "\nparameter \(parameter.name): \(parameter.label)\n  type: "
            switch parameter.kind {
            case .integer(let unit, let min, let max): out += "integer, \(unit.format(min)) to \(unit.format(max))"
            case .enumeration(let options): out += "one of " + options.map { "\($0.key) (\($0.text))" }.joined(separator: ", ")
            default: out += parameter.kind.typeName
            }
            if let value = parameter.defaultValue { out += "; default \(parameter.rendered(value))" }
            out += "\n"
            for role in PartyRole.allCases {
                if let positions = parameter.playbook[role] { out += "  playbook (\(role.rawValue)): \(describe(positions))\n" }
            }
        }
        for variant in clause.variants {
            out += "\nvariant \(variant.key) (\(variant.stance.rawValue)): \(variant.label)\n"
            for (index, paragraph) in variant.text.paragraphs.enumerated() {
                var prefix = "  \(index + 1). "
                if let condition = paragraph.condition { prefix += "[\(condition.negated ? "unless" : "if") \(describe(condition.subject))] " }
                let lines = paragraph.isTable
                    ? paragraph.rows.map { row in row.map { $0.map(plain).joined() }.joined(separator: " | ") }
                    : paragraph.lines.map { line in line.map(plain).joined() }
                out += prefix + (paragraph.isList || paragraph.isTable ? lines.map { "\n     - " + $0 }.joined() : lines[0]) + "\n"
            }
        }
        return out
    }

    private static func describe(_ positions: Positions) -> String {
        "preferred \(positions.preferred), fallback \(positions.fallback), walk-away \(positions.walkAway)"
    }

    private static func describe(_ subject: ParagraphCondition.Subject) -> String {
        switch subject {
        case .parameter(let name, let option?): "\(name)=\(option)"
        case .parameter(let name, nil): name
        case .agreement(let condition): condition.rawValue
        }
    }

    private static func plain(_ segment: Segment) -> String {
        switch segment {
        case .literal(let text, _): text
        case .placeholder(let placeholder): placeholder.written
        }
    }
}
