import Foundation

/// What the processor's registers say on a given day: the subprocessor entries (with ended ones) and the evidence
/// behind its measures.
public struct RegisterSnapshot: Sendable, Hashable {
    public let subprocessors: [SubprocessorRecord]
    public let evidence: [MeasureEvidence]
    public let today: CalendarDay

    public init(subprocessors: [SubprocessorRecord], evidence: [MeasureEvidence], today: CalendarDay) {
        self.subprocessors = subprocessors
        self.evidence = evidence
        self.today = today
    }

    /// Evidence this close to its expiry, or past it, is reported.
    public static let expiryWarningDays = 60
}

/// Warnings that need the registers besides the document: drift between Annex II or IV and the subprocessor register,
/// and evidence behind Annex III that expires within 60 days or has expired.
public enum RegisterFindings {
    public static func check(_ document: AgreementDocument, library: ClauseLibrary, registers: RegisterSnapshot) -> [Finding] {
        drift(document, library: library, registers: registers) + evidence(document, registers: registers)
    }

    static func drift(_ document: AgreementDocument, library: ClauseLibrary, registers: RegisterSnapshot) -> [Finding] {
        // A processor that keeps no register yet has nothing to drift from; warning on every line would be noise.
        guard !registers.subprocessors.isEmpty else { return [] }
        let active = registers.subprocessors.filter { $0.isActive(on: registers.today) }
        var findings: [Finding] = []
        let coveredServices = Set(active.flatMap(\.services))
        for (index, key) in (document.processing.services ?? []).enumerated() where !coveredServices.contains(key) {
            findings.append(Finding(
                severity: .warning, code: "register.service-not-covered", article: "Art. 28(2), 28(4)", path: "processing.services[\(index)]",
                message: "Annex II uses '\(library.service(key)?.label ?? key)', but no entry of the processor's subprocessor register provides it; "
                    + "add the provider to the register, or note that the processor does this itself"
            ))
        }
        let coveredCategories = Set(active.flatMap(\.dataCategories))
        let usesServices = !(document.processing.services ?? []).isEmpty
        if !usesServices {
            let named = document.processing.dataCategories.map(\.category).enumerated().map { ("processing.dataCategories[\($0)]", $1) }
                + document.processing.specialCategories.map(\.category).enumerated().map { ("processing.specialCategories[\($0)]", $1) }
            for (path, category) in named where !coveredCategories.contains(category) {
                findings.append(Finding(
                    severity: .warning, code: "register.category-not-covered", article: "Art. 28(2), 28(4)", path: path,
                    message: "Annex II names '\(library.dataCategory(category)?.label ?? category)', which no entry of the processor's "
                        + "subprocessor register processes; name the services the processing uses, or complete the register"
                ))
            }
        }
        for (index, sub) in document.subprocessors.enumerated() {
            let record = registers.subprocessors.first { $0.id == sub.id } ?? registers.subprocessors.first { $0.name.caseInsensitiveCompare(sub.name) == .orderedSame }
            guard let record else {
                findings.append(Finding(
                    severity: .warning, code: "register.unknown-subprocessor", article: "Art. 28(2)", path: "subprocessors[\(index)]",
                    message: "Annex IV lists \(sub.name), which the processor's subprocessor register does not hold"
                ))
                continue
            }
            if let end = record.endDate, end <= registers.today {
                findings.append(Finding(
                    severity: .warning, code: "register.ended-subprocessor", article: "Art. 28(2)", path: "subprocessors[\(index)]",
                    message: "Annex IV lists \(sub.name), which the processor's subprocessor register ended on \(end); until this agreement follows "
                        + "(its notice still running, objected to, or not sent), Annex IV and the register disagree"
                ))
            }
        }
        return findings
    }

    /// A piece of evidence behind a measure of the agreement that has expired or expires within the warning period.
    public struct EvidenceDue: Sendable {
        /// The measure's position in `document.measures`.
        public let measureIndex: Int
        public let measure: String
        public let evidence: MeasureEvidence
        public let expires: CalendarDay
        /// Days until it expires; negative once it has.
        public let daysLeft: Int
    }

    /// The evidence to renew: one rule for the validator's warnings and for the pages that list what needs a user.
    public static func evidenceDue(_ document: AgreementDocument, registers: RegisterSnapshot) -> [EvidenceDue] {
        var due: [EvidenceDue] = []
        for (index, measure) in document.measures.enumerated() {
            for evidence in registers.evidence where evidence.measure == measure.id {
                guard let expires = evidence.expires else { continue }
                let left = registers.today.days(until: expires)
                guard left <= RegisterSnapshot.expiryWarningDays else { continue }
                due.append(EvidenceDue(measureIndex: index, measure: measure.id, evidence: evidence, expires: expires, daysLeft: left))
            }
        }
        return due
    }

    public static func evidence(_ document: AgreementDocument, registers: RegisterSnapshot) -> [Finding] {
        evidenceDue(document, registers: registers).map { due in
            let evidence = due.evidence
            let about = "the \(evidence.title) behind measure '\(due.measure)' (\(evidence.reference), \(evidence.issuer))"
            let message = due.daysLeft < 0
                ? "\(about) expired on \(due.expires)"
                : "\(about) expires on \(due.expires), " + (due.daysLeft == 0 ? "today" : "in \(due.daysLeft) day\(due.daysLeft == 1 ? "" : "s")")
            return Finding(
                severity: .warning, code: due.daysLeft < 0 ? "evidence.expired" : "evidence.expiring", article: "Art. 28(3)(c), 32", path: "measures[\(due.measureIndex)]",
                message: message
            )
        }
    }
}

extension Validator {
    /// Every finding of the document, with the register warnings when the processor's registers are known.
    public static func validate(_ document: AgreementDocument, library: ClauseLibrary, registers: RegisterSnapshot?) -> [Finding] {
        let findings = validate(document, library: library)
        guard let registers else { return findings }
        return findings + RegisterFindings.check(document, library: library, registers: registers)
    }
}
