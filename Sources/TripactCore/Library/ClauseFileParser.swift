/// Parses one `.clause` file (format in `clauses/README.md`), collecting every problem with its line.
struct ClauseFileParser {
    let file: String
    private(set) var problems: [LibraryProblem] = []

    init(file: String) { self.file = file }

    private enum SectionKind { case header, parameter(String), variant(String) }

    private struct Section {
        let kind: SectionKind
        let line: Int
        var fields: [KeyValueLine] = []
        var textLines: [(number: Int, text: Substring)] = []
        var sawText = false
    }

    mutating func parse(_ contents: String) -> Clause? {
        let sections = split(contents)
        guard let header = sections.first else { return nil }
        let problemsBefore = problems.count

        var fields = Fields(section: header.fields, file: file, sectionName: "header")
        let id = fields.required("id")
        let title = fields.required("title")
        let order = fields.integer("order")
        let articles = semicolonList(fields.required("articles") ?? "")
        let mandatory = fields.flag("mandatory")
        let covers: [Article28Element] = semicolonList(fields.optional("covers") ?? "").compactMap { code in
            if let element = Article28Element(rawValue: code) { return element }
            fields.problem("unknown Article 28 element '\(code)' in 'covers'", at: fields.line(of: "covers"))
            return nil
        }
        let applies: [Condition] = (fields.required("applies") ?? "always").split(separator: " ").filter { $0 != "and" }.compactMap { word in
            let name = String(word)
            if let condition = Condition(rawValue: name) { return condition }
            fields.problem("unknown condition '\(name)' in 'applies' (known: \(Condition.allCases.map(\.rawValue).joined(separator: ", ")))", at: fields.line(of: "applies"))
            return nil
        }
        let negotiable = fields.flag("negotiable")
        var part = ClausePart.processing
        if let raw = fields.optional("part") {
            if let known = ClausePart(rawValue: raw) {
                part = known
            } else {
                fields.problem("unknown part '\(raw)' in 'part' (known: \(ClausePart.allCases.map(\.rawValue).joined(separator: ", ")))", at: fields.line(of: "part"))
            }
        }
        let summary = fields.required("summary") ?? ""
        var playbook: [PartyRole: Positions] = [:]
        for role in PartyRole.allCases {
            if let raw = fields.optional("playbook-\(role.rawValue)") {
                if let positions = fields.positions(raw, key: "playbook-\(role.rawValue)") { playbook[role] = positions }
            } else if negotiable == true {
                fields.problem("a negotiable clause needs 'playbook-\(role.rawValue): preferred …; fallback …; walk-away …'", at: header.line)
            }
        }
        fields.rejectUnknown()
        problems += fields.problems

        var parameters: [ParameterSpec] = []
        var variants: [Variant] = []
        for section in sections.dropFirst() {
            switch section.kind {
            case .header: break
            case .parameter(let name):
                if let parameter = parseParameter(name: name, section: section) {
                    if parameters.contains(where: { $0.name == name }) {
                        report("parameter '\(name)' is defined twice", at: section.line)
                    }
                    parameters.append(parameter)
                }
            case .variant(let key):
                if let variant = parseVariant(key: key, section: section, parameters: parameters) {
                    if variants.contains(where: { $0.key == key }) { report("variant '\(key)' is defined twice", at: section.line) }
                    variants.append(variant)
                }
            }
        }
        if variants.isEmpty { report("a clause needs at least one 'variant:' section with 'text:'", at: nil) }
        if negotiable == true, variants.count < 2 { report("a negotiable clause needs at least two variants", at: header.line) }
        for (role, positions) in playbook {
            for key in [positions.preferred, positions.fallback, positions.walkAway] where !variants.contains(where: { $0.key == key }) {
                report("playbook-\(role.rawValue) names variant '\(key)', which this file does not define", at: fields.line(of: "playbook-\(role.rawValue)"))
            }
        }
        if let id, file.hasSuffix(".clause"), !file.hasSuffix("/\(id).clause"), file != "\(id).clause" {
            report("the file of clause '\(id)' must be named '\(id).clause'", at: fields.line(of: "id"))
        }

        guard problems.count == problemsBefore, let id, let title, let order, let mandatory, let negotiable else { return nil }
        return Clause(
            id: ClauseID(id), title: title, order: order, articles: articles, mandatory: mandatory, covers: covers,
            applies: applies, negotiable: negotiable, summary: summary, playbook: playbook, parameters: parameters,
            variants: variants, file: file, part: part
        )
    }

    private mutating func report(_ message: String, at line: Int?) {
        problems.append(LibraryProblem(file: file, line: line, message: message))
    }

    private mutating func split(_ contents: String) -> [Section] {
        var sections = [Section(kind: .header, line: 1)]
        var inText = false
        for (number, text) in numberedLines(contents) {
            if text.hasPrefix("variant:") {
                let key = String(text.dropFirst("variant:".count).trimmingWhitespace())
                if key.isEmpty { report("'variant:' needs a key", at: number) }
                sections.append(Section(kind: .variant(key), line: number))
                inText = false
                continue
            }
            if inText {
                sections[sections.count - 1].textLines.append((number, text))
                continue
            }
            let trimmed = text.trimmingWhitespace()
            if trimmed.isEmpty || trimmed.hasPrefix("#") { continue }
            guard let field = splitKeyValue(trimmed, line: number) else {
                report("expected 'key: value', found '\(trimmed)'", at: number)
                continue
            }
            switch field.key {
            case "parameter":
                if case .variant = sections[sections.count - 1].kind {
                    report("parameter sections come before the first variant", at: number)
                }
                if field.value.isEmpty { report("'parameter:' needs a name", at: number) }
                sections.append(Section(kind: .parameter(field.value), line: number))
            case "text":
                guard case .variant = sections[sections.count - 1].kind else {
                    report("'text:' belongs in a variant section", at: number)
                    continue
                }
                inText = true
                sections[sections.count - 1].sawText = true
                if !field.value.isEmpty { sections[sections.count - 1].textLines.append((number, Substring(field.value))) }
            default:
                sections[sections.count - 1].fields.append(field)
            }
        }
        return sections
    }

    private mutating func parseParameter(name: String, section: Section) -> ParameterSpec? {
        var fields = Fields(section: section.fields, file: file, sectionName: "parameter '\(name)'")
        let type = fields.required("type")
        let label = fields.required("label") ?? name
        let defaultRaw = fields.optional("default")
        var kind: ParameterSpec.Kind?
        switch type {
        case "integer":
            let unitName = fields.optional("unit") ?? "none"
            let unit = ParameterSpec.Unit(rawValue: unitName)
            if unit == nil {
                fields.problem("unknown unit '\(unitName)' (known: \(ParameterSpec.Unit.allCases.map(\.rawValue).joined(separator: ", ")))", at: fields.line(of: "unit"))
            }
            if let unit, let min = fields.integer("min"), let max = fields.integer("max") {
                if min > max { fields.problem("min \(min) is above max \(max)", at: fields.line(of: "min")) }
                kind = .integer(unit: unit, min: min, max: max)
            }
        case "enum":
            let options = fields.all("option").compactMap { field -> ParameterSpec.EnumOption? in
                guard let equals = field.value.firstIndex(of: "=") else {
                    fields.problem("an option is written 'option: key = text'", at: field.line)
                    return nil
                }
                let key = String(field.value[..<equals].trimmingWhitespace())
                let text = String(field.value[field.value.index(after: equals)...].trimmingWhitespace())
                if key.isEmpty || text.isEmpty { fields.problem("an option is written 'option: key = text'", at: field.line) }
                return ParameterSpec.EnumOption(key: key, text: text)
            }
            if options.count < 2 { fields.problem("an enum parameter needs at least two 'option:' lines", at: section.line) }
            kind = .enumeration(options)
        case "boolean": kind = .boolean
        case "text": kind = .text
        case "date": kind = .date
        case nil: break
        case let other?: fields.problem("unknown type '\(other)' (known: integer, enum, boolean, text, date)", at: fields.line(of: "type"))
        }
        guard let kind else {
            fields.rejectUnknown()
            problems += fields.problems
            return nil
        }
        var spec = ParameterSpec(name: name, kind: kind, defaultValue: nil, label: label, playbook: [:])
        var defaultValue: ParameterValue?
        if let defaultRaw {
            defaultValue = spec.parse(defaultRaw)
            if let value = defaultValue, let problem = spec.problem(with: value) {
                fields.problem("default \(problem)", at: fields.line(of: "default"))
            } else if defaultValue == nil {
                fields.problem("default '\(defaultRaw)' is not \(spec.expectation)", at: fields.line(of: "default"))
            }
        } else if case .text = kind {
        } else {
            fields.problem("a \(kind.typeName) parameter needs a default", at: section.line)
        }
        var playbook: [PartyRole: Positions] = [:]
        for role in PartyRole.allCases {
            let key = "playbook-\(role.rawValue)"
            guard let raw = fields.optional(key), let positions = fields.positions(raw, key: key) else { continue }
            for value in [positions.preferred, positions.fallback, positions.walkAway] {
                guard let parsed = spec.parse(value) else {
                    fields.problem("\(key) value '\(value)' is not \(spec.expectation)", at: fields.line(of: key))
                    continue
                }
                if let problem = spec.problem(with: parsed) { fields.problem("\(key) value \(problem)", at: fields.line(of: key)) }
            }
            playbook[role] = positions
        }
        fields.rejectUnknown()
        problems += fields.problems
        spec = ParameterSpec(name: name, kind: kind, defaultValue: defaultValue, label: label, playbook: playbook)
        return spec
    }

    private mutating func parseVariant(key: String, section: Section, parameters: [ParameterSpec]) -> Variant? {
        var fields = Fields(section: section.fields, file: file, sectionName: "variant '\(key)'")
        let stanceName = fields.required("stance")
        let label = fields.required("label") ?? key
        let stance = stanceName.flatMap(Stance.init(rawValue:))
        if let stanceName, stance == nil {
            fields.problem("unknown stance '\(stanceName)' (known: controller, balanced, processor)", at: fields.line(of: "stance"))
        }
        fields.rejectUnknown()
        problems += fields.problems
        guard section.sawText else {
            report("variant '\(key)' has no 'text:'", at: section.line)
            return nil
        }
        var textParser = ClauseTextParser(file: file, parameters: parameters)
        let text = textParser.parse(section.textLines)
        problems += textParser.problems
        if text.paragraphs.isEmpty { report("variant '\(key)' has an empty text", at: section.line) }
        guard let stance else { return nil }
        return Variant(key: key, stance: stance, label: label, text: text)
    }
}

/// The `key: value` fields of one section, read once each; unread keys are reported as unknown.
struct Fields {
    private let fields: [KeyValueLine]
    private let file: String
    private let sectionName: String
    private var read: Set<String> = []
    private(set) var problems: [LibraryProblem] = []

    init(section fields: [KeyValueLine], file: String, sectionName: String) {
        self.fields = fields
        self.file = file
        self.sectionName = sectionName
    }

    mutating func problem(_ message: String, at line: Int?) {
        problems.append(LibraryProblem(file: file, line: line, message: message))
    }

    func line(of key: String) -> Int? { fields.first { $0.key == key }?.line }

    mutating func optional(_ key: String) -> String? {
        read.insert(key)
        let matches = fields.filter { $0.key == key }
        if matches.count > 1 { problem("'\(key)' appears \(matches.count) times in the \(sectionName)", at: matches[1].line) }
        return matches.first?.value
    }

    mutating func all(_ key: String) -> [KeyValueLine] {
        read.insert(key)
        return fields.filter { $0.key == key }
    }

    mutating func required(_ key: String) -> String? {
        guard let value = optional(key), !value.isEmpty else {
            problem("the \(sectionName) needs '\(key): …'", at: fields.first?.line)
            return nil
        }
        return value
    }

    mutating func integer(_ key: String) -> Int? {
        guard let raw = required(key) else { return nil }
        guard let value = Int(raw) else {
            problem("'\(key)' must be a whole number, found '\(raw)'", at: line(of: key))
            return nil
        }
        return value
    }

    mutating func flag(_ key: String) -> Bool? {
        guard let raw = required(key) else { return nil }
        switch raw {
        case "yes": return true
        case "no": return false
        default:
            problem("'\(key)' must be yes or no, found '\(raw)'", at: line(of: key))
            return nil
        }
    }

    mutating func positions(_ raw: String, key: String) -> Positions? {
        var found: [String: String] = [:]
        for part in semicolonList(raw) {
            guard let space = part.firstIndex(of: " ") else {
                problem("'\(key)' is written 'preferred X; fallback Y; walk-away Z'", at: line(of: key))
                return nil
            }
            found[String(part[..<space])] = String(part[part.index(after: space)...].trimmingWhitespace())
        }
        guard let preferred = found["preferred"], let fallback = found["fallback"], let walkAway = found["walk-away"], found.count == 3 else {
            problem("'\(key)' is written 'preferred X; fallback Y; walk-away Z'", at: line(of: key))
            return nil
        }
        return Positions(preferred: preferred, fallback: fallback, walkAway: walkAway)
    }

    mutating func rejectUnknown(allowing extra: Set<String> = []) {
        for field in fields where !read.contains(field.key) && !extra.contains(field.key) {
            problem("unknown key '\(field.key)' in the \(sectionName)", at: field.line)
        }
    }
}
