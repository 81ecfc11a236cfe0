/// A clause of the library: its metadata, parameters, playbook and variants, parsed from one `.clause` file.
public struct Clause: Sendable, Hashable {
    public let id: ClauseID
    public let title: String
    public let order: Int
    public let articles: [String]
    public let mandatory: Bool
    public let covers: [Article28Element]
    public let applies: [Condition]
    public let negotiable: Bool
    public let summary: String
    /// Each side's positions among the variant keys; empty for clauses that are not negotiated.
    public let playbook: [PartyRole: Positions]
    public let parameters: [ParameterSpec]
    public let variants: [Variant]
    /// The file the clause came from, for messages.
    public let file: String
    /// The part of the agreement it prints in; last so that the memberwise initialiser can default it.
    public internal(set) var part: ClausePart = .processing

    public func variant(_ key: String) -> Variant? { variants.first { $0.key == key } }
    public func parameter(_ name: String) -> ParameterSpec? { parameters.first { $0.name == name } }

    /// The variant a balanced first draft uses.
    public var defaultVariant: Variant { variants.first { $0.stance == .balanced } ?? variants[0] }

    /// The articles as printed: "Art. 28(3)(f); Art. 33(2)".
    public var articleLine: String { articles.joined(separator: "; ") }
}

/// A party's preferred, fallback and walk-away positions, as raw values (variant keys or parameter values).
public struct Positions: Sendable, Hashable {
    public let preferred: String
    public let fallback: String
    public let walkAway: String
}

/// One way of writing a clause.
public struct Variant: Sendable, Hashable {
    public let key: String
    public let stance: Stance
    public let label: String
    public let text: ClauseText
}

/// A typed, bounded clause parameter.
public struct ParameterSpec: Sendable, Hashable {
    public let name: String
    public let kind: Kind
    public let defaultValue: ParameterValue?
    public let label: String
    public let playbook: [PartyRole: Positions]

    public enum Kind: Sendable, Hashable {
        case integer(unit: Unit, min: Int, max: Int)
        case enumeration([EnumOption])
        case boolean
        case text
        case date

        public var typeName: String {
            switch self {
            case .integer: "integer"
            case .enumeration: "enum"
            case .boolean: "boolean"
            case .text: "text"
            case .date: "date"
            }
        }
    }

    /// The unit of an integer parameter; it is printed with the value.
    public enum Unit: String, Sendable, Hashable, CaseIterable {
        case hours, days, businessDays = "business-days", months, years, percent, times, none

        /// "24 hours", "1 month", "10 business days", "2 times", "15 %".
        public func format(_ value: Int) -> String {
            let one = value == 1
            switch self {
            case .hours: return one ? "1 hour" : "\(value) hours"
            case .days: return one ? "1 day" : "\(value) days"
            case .businessDays: return one ? "1 business day" : "\(value) business days"
            case .months: return one ? "1 month" : "\(value) months"
            case .years: return one ? "1 year" : "\(value) years"
            case .percent: return "\(value) %"
            case .times: return one ? "once" : (value == 2 ? "twice" : "\(value) times")
            case .none: return String(value)
            }
        }
    }

    /// An enum option's key and the words printed for it.
    public struct EnumOption: Sendable, Hashable {
        public let key: String
        public let text: String
    }

    /// The value printed in clause text for `value`.
    public func rendered(_ value: ParameterValue) -> String {
        switch (kind, value) {
        case (.integer(let unit, _, _), .integer(let number)): return unit.format(number)
        case (.enumeration(let options), .string(let key)): return options.first { $0.key == key }?.text ?? key
        default: return value.description
        }
    }

    /// Whether `value` has this parameter's type and lies within its bounds; nil when it does, else the problem.
    public func problem(with value: ParameterValue) -> String? {
        switch (kind, value) {
        case (.integer(let unit, let min, let max), .integer(let number)):
            if number < min { return "is \(unit.format(number)), below its minimum \(unit.format(min))" }
            if number > max { return "is \(unit.format(number)), above its maximum \(unit.format(max))" }
            return nil
        case (.enumeration(let options), .string(let key)):
            if options.contains(where: { $0.key == key }) { return nil }
            return "is '\(key)', not one of \(options.map { "'\($0.key)'" }.joined(separator: ", "))"
        case (.boolean, .boolean), (.text, .string):
            return nil
        case (.date, .string(let text)):
            return CalendarDate(text) == nil ? "is '\(text)', not a date written YYYY-MM-DD" : nil
        default:
            return "must be \(expectation), found \(value.kindName)"
        }
    }

    /// Whether `value` has this parameter's type, whatever its bounds.
    public func accepts(type value: ParameterValue) -> Bool {
        switch (kind, value) {
        case (.integer, .integer), (.enumeration, .string), (.boolean, .boolean), (.text, .string), (.date, .string): true
        default: false
        }
    }

    /// Parses a raw playbook or default value as written in a clause file.
    public func parse(_ raw: String) -> ParameterValue? {
        switch kind {
        case .integer: return Int(raw).map(ParameterValue.integer)
        case .boolean:
            switch raw {
            case "yes", "true": return .boolean(true)
            case "no", "false": return .boolean(false)
            default: return nil
            }
        case .enumeration, .text, .date: return .string(raw)
        }
    }

    var expectation: String {
        switch kind {
        case .integer: "a whole number"
        case .enumeration: "one of its options (a string)"
        case .boolean: "true or false"
        case .text: "a string"
        case .date: "a date string YYYY-MM-DD"
        }
    }
}

extension ParameterValue {
    var kindName: String {
        switch self {
        case .integer: "a number"
        case .boolean: "true/false"
        case .string: "a string"
        }
    }
}
