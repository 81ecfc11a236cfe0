/// A processor breach notice of 72 hours or more leaves the controller no time for its own 72 hours (Art. 33(1), 33(2)), so it
/// is an error. The clause's bound (48 hours) already refuses such a value; the rule still speaks on it, whatever the bounds.
struct BreachNoticeHoursRule: ValidationRule {
    let code = "breach.notice-too-late"
    let article = "Art. 33(2)"

    func check(_ facts: AgreementFacts) -> [Finding] {
        guard let item = facts.included(LibraryKeys.breachNotification), let hours = item.parameters[LibraryKeys.breachHours]?.integerValue, hours >= 72 else {
            return []
        }
        return [
            error(
                "clauses[\(item.selectionIndex)].parameters.\(LibraryKeys.breachHours)",
                "the processor may take \(hours) hours to report a breach; the controller must notify the authority within 72 hours of becoming aware (Art. 33(1)), so this leaves it no time"
            )
        ]
    }
}

/// The processor forwards rights requests early enough to leave the controller two thirds of its month (Art. 12(3)).
struct ForwardingDeadlineRule: ValidationRule {
    let code = "rights.forwarding-too-slow"
    let article = "Art. 12(3)"

    /// The one-month clock, counted as 30 days.
    static let monthDays = 30
    /// The controller keeps at least two thirds of it.
    static let longestForwarding = monthDays / 3

    func check(_ facts: AgreementFacts) -> [Finding] {
        // A value out of bounds is already an error; the rule still speaks on it, so that it means something whatever the
        // library's bounds (with a maximum of 5 business days no value within them reaches 10 calendar days).
        guard let item = facts.included(LibraryKeys.rightsRequests), let value = item.parameters[LibraryKeys.forwardDays]?.integerValue,
            let spec = item.clause.parameter(LibraryKeys.forwardDays), case .integer(let unit, _, _) = spec.kind
        else { return [] }
        let calendarDays = Self.longestCalendarSpan(value, unit: unit)
        guard calendarDays > Self.longestForwarding else { return [] }
        return [
            warning(
                "clauses[\(item.selectionIndex)].parameters.\(LibraryKeys.forwardDays)",
                "forwarding within \(unit.format(value)) can take up to \(calendarDays) calendar days, leaving the controller less than two thirds of its one-month deadline (Art. 12(3)); keep it within \(Self.longestForwarding) calendar days"
            )
        ]
    }

    /// The most calendar days a deadline can take: business days may start on a Friday and straddle weekends.
    /// Saturates instead of overflowing, whatever the value.
    static func longestCalendarSpan(_ value: Int, unit: ParameterSpec.Unit) -> Int {
        let value = max(0, min(value, 1_000_000))
        switch unit {
        case .businessDays:
            let weeks = value / 5
            let rest = value % 5
            return weeks * 7 + rest + (rest > 0 ? 2 : 0)
        case .hours: return (value + 23) / 24
        case .months: return value * 31
        case .years: return value * 366
        default: return value
        }
    }
}

/// Forwarding a Rights Request and then supplying what the Controller asks for must leave the Controller at least a third of
/// its one month (Art. 12(3)): the two deadlines together, forwarding counted in calendar days, stay within 20 days.
struct RightsDeadlinesTotalRule: ValidationRule {
    let code = "rights.deadlines-too-long"
    let article = "Art. 12(3); Art. 28(3)(e)"
    static let longestTotal = 20

    func check(_ facts: AgreementFacts) -> [Finding] {
        guard let item = facts.included(LibraryKeys.rightsRequests),
            let forward = item.parameters[LibraryKeys.forwardDays]?.integerValue, let assist = item.parameters[LibraryKeys.assistDays]?.integerValue,
            case .integer(let forwardUnit, _, _)? = item.clause.parameter(LibraryKeys.forwardDays)?.kind,
            case .integer(let assistUnit, _, _)? = item.clause.parameter(LibraryKeys.assistDays)?.kind
        else { return [] }
        // Out-of-bounds values are errors of their own; this rule still adds them up, so that no library bounds let the total through.
        let forwardDays = ForwardingDeadlineRule.longestCalendarSpan(forward, unit: forwardUnit)
        let assistDays = ForwardingDeadlineRule.longestCalendarSpan(assist, unit: assistUnit)
        guard forwardDays + assistDays > Self.longestTotal else { return [] }
        return [
            error(
                "clauses[\(item.selectionIndex)].parameters.\(LibraryKeys.assistDays)",
                "forwarding a request (\(forwardUnit.format(forward)), up to \(forwardDays) calendar days) and supplying what the Controller asks for "
                    + "(\(assistUnit.format(assist))) can take \(forwardDays + assistDays) days together; keep the total within \(Self.longestTotal) days, "
                    + "so that the Controller keeps a third of its one-month deadline (Art. 12(3))"
            )
        ]
    }
}

/// The telecom preset of the breach clause gives the Processor at most 12 hours, so that a provider of electronic
/// communications can report within 24 hours (Regulation (EU) No 611/2013, Art. 2; Directive (EU) 2022/2555, Art. 23(4)).
struct TelecomBreachHoursRule: ValidationRule {
    let code = "breach.telecom-too-slow"
    let article = "Art. 33(2); Regulation (EU) No 611/2013, Art. 2"
    static let variant = "telecom"
    static let longest = 12

    func check(_ facts: AgreementFacts) -> [Finding] {
        guard let item = facts.included(LibraryKeys.breachNotification), item.variant.key == Self.variant,
            let hours = item.parameters[LibraryKeys.breachHours]?.integerValue, hours > Self.longest
        else { return [] }
        return [
            error(
                "clauses[\(item.selectionIndex)].parameters.\(LibraryKeys.breachHours)",
                "the telecom variant of 'breach-notification' allows at most \(Self.longest) hours for the Processor's notice, found \(hours); "
                    + "the Controller must report within 24 hours"
            )
        ]
    }
}
