import Foundation

/// A change to a processor's subprocessor register, as proposed: it reaches every agreement it affects as a notice or
/// a request for approval, and changes an agreement's Annex IV only through one of those.
public struct RegisterChange: Codable, Sendable, Hashable {
    public enum Kind: String, Codable, Sendable, CaseIterable {
        /// A new entity.
        case addition
        /// A new entity in place of an existing one.
        case replacement
        /// The same entity with changed processing: new data, services or locations.
        case modification
        /// An entity the processor stops using.
        case removal
    }

    public var kind: Kind
    /// The entry as it will stand; nil for a removal.
    public var entry: SubprocessorRecord?
    /// The entry as it stood, for a replacement, a modification or a removal.
    public var previous: SubprocessorRecord?
    /// When the processor means the change to take effect; it never takes effect before every notice period has run.
    public var plannedStart: CalendarDay

    public init(kind: Kind, entry: SubprocessorRecord?, previous: SubprocessorRecord?, plannedStart: CalendarDay) {
        self.kind = kind
        self.entry = entry
        self.previous = previous
        self.plannedStart = plannedStart
    }

    /// "replace Nuvola Voice Platform B.V. by Sonora Cloud SAS", for lists and audit lines.
    public var summary: String {
        switch kind {
        case .addition: "add \(entry?.name ?? "?")"
        case .replacement: "replace \(previous?.name ?? "?") by \(entry?.name ?? "?")"
        case .modification: "change the processing of \(entry?.name ?? "?")"
        case .removal: "stop using \(previous?.name ?? "?")"
        }
    }

    /// Why the change concerns the agreement, or nil when it does not.
    ///
    /// An agreement is concerned when its Annex IV lists the entity being replaced, changed or removed, or when it uses
    /// what the new entry provides: one of its services, or, for an agreement whose Annex II names no services, one
    /// of its data categories (without services, the data is the only evidence of what reaches the entity).
    ///
    /// With the `library`, a data category is matched whatever key the agreement uses for it (an old key of an entry
    /// is that entry), so an agreement written before the catalogues followed Fides is still told.
    public func reason(affecting document: AgreementDocument, library: ClauseLibrary? = nil) -> String? {
        // An agreement whose Annex IV already says what the change would make it say has nothing to be told.
        guard applied(to: document, library: library).subprocessors != document.subprocessors else { return nil }
        if let previous, let listed = Self.listed(previous, in: document) {
            return "Annex IV lists \(listed.name)"
        }
        guard kind != .removal, let entry else { return nil }
        return Self.uses(entry, document, library: library)
    }

    /// Annex IV of `document` after the change: the old entry gives way to the new one in its place; a new entry
    /// that the agreement uses goes at the end.
    public func applied(to document: AgreementDocument, library: ClauseLibrary? = nil) -> AgreementDocument {
        var result = document
        var subprocessors = document.subprocessors
        var position: Int?
        var replaced: Subprocessor?
        if let previous {
            let listed = Self.listed(previous, in: document)
            if let index = subprocessors.firstIndex(where: { $0.id == listed?.id }) {
                position = index
                replaced = subprocessors.remove(at: index)
            }
        }
        if kind != .removal, let entry, position != nil || Self.uses(entry, document, library: library) != nil {
            if let listed = subprocessors.firstIndex(where: { $0.id == entry.id }) {
                subprocessors[listed] = Self.keepingAgreementChoices(of: subprocessors[listed], in: entry.annexEntry)
            } else {
                let annexEntry = replaced.map { Self.keepingAgreementChoices(of: $0, in: entry.annexEntry) } ?? entry.annexEntry
                subprocessors.insert(annexEntry, at: min(position ?? subprocessors.count, subprocessors.count))
            }
        }
        result.subprocessors = subprocessors
        return result
    }

    /// What the parties of one agreement decided about an entry, which the register does not hold: that it is an approved
    /// back-up for another entry, and that it falls within a partial adequacy decision. An update of the same entry keeps
    /// both; the confirmation only while the entry's countries stay the same, since it was given for them.
    static func keepingAgreementChoices(of old: Subprocessor, in new: Subprocessor) -> Subprocessor {
        guard old.id == new.id else { return new }
        var result = new
        result.backupFor = old.backupFor
        if Set(old.allCountries) == Set(new.allCountries) { result.adequacyConfirmed = old.adequacyConfirmed }
        return result
    }

    /// The Annex IV entry that stands for a register entry: same id, or, for agreements drafted by hand, same name.
    public static func listed(_ record: SubprocessorRecord, in document: AgreementDocument) -> Subprocessor? {
        document.subprocessors.first { $0.id == record.id }
            ?? document.subprocessors.first { $0.name.caseInsensitiveCompare(record.name) == .orderedSame }
    }

    static func uses(_ record: SubprocessorRecord, _ document: AgreementDocument, library: ClauseLibrary?) -> String? {
        let current = { (key: String) in library?.currentCategoryKey(key) ?? key }
        let processing = document.processing
        if let services = processing.services, !services.isEmpty {
            let shared = record.services.filter(services.contains)
            return shared.isEmpty ? nil : "Annex II uses \(shared.joined(separator: ", "))"
        }
        let categories = Set((processing.dataCategories.map(\.category) + processing.specialCategories.map(\.category)).map(current))
        let shared = record.dataCategories.filter { categories.contains(current($0)) }
        return shared.isEmpty ? nil : "Annex II names no services and processes \(shared.prefix(3).joined(separator: ", "))\(shared.count > 3 ? ", …" : "")"
    }
}

/// What an agreement's subprocessor clause says about changes: who must agree, and the periods.
public struct SubprocessorTerms: Sendable, Hashable, Codable {
    public enum Authorisation: String, Sendable, Hashable, Codable {
        /// Each change needs the controller's approval (Art. 28(2), prior specific authorisation).
        case specific
        /// Each change is notified; the controller may object (Art. 28(2), general written authorisation).
        case general
    }

    public let authorisation: Authorisation
    public let noticeDays: Int
    public let objectionDays: Int
    public let requestDays: Int
    public let dayCount: DayCount

    public init(authorisation: Authorisation, noticeDays: Int, objectionDays: Int, requestDays: Int, dayCount: DayCount) {
        self.authorisation = authorisation
        self.noticeDays = noticeDays
        self.objectionDays = objectionDays
        self.requestDays = requestDays
        self.dayCount = dayCount
    }

    /// The terms of the agreement's subprocessor clause, its parameters over the library's defaults. An agreement
    /// without a readable subprocessor clause is treated as requiring specific authorisation: asking is never wrong.
    public init(document: AgreementDocument, library: ClauseLibrary) {
        guard let item = AgreementFacts.selection(of: LibraryKeys.subprocessors, in: document, library: library) else {
            self.init(authorisation: .specific, noticeDays: 0, objectionDays: 0, requestDays: 0, dayCount: .calendar)
            return
        }
        let parameters = item.parameters
        self.init(
            authorisation: item.variant.key == LibraryKeys.specificAuthorisation ? .specific : .general,
            noticeDays: parameters[LibraryKeys.noticeDays]?.integerValue ?? 0,
            objectionDays: parameters[LibraryKeys.objectionDays]?.integerValue ?? 0,
            requestDays: parameters[LibraryKeys.requestDays]?.integerValue ?? 0,
            dayCount: parameters[LibraryKeys.dayCount]?.stringValue.flatMap(DayCount.init(rawValue:)) ?? .calendar
        )
    }

    /// The dates of a notice or request issued on `issued` for a change planned for `plannedStart`.
    ///
    /// Under general authorisation the controller may object up to and including `respondBy` (the objection period
    /// counted from the notice), and the change takes effect on the later of the planned start, the first day after
    /// the objection period and the end of the notice period. Under specific authorisation the controller's decision is
    /// needed before the planned start, and `late` says the request came later than the request period allows.
    /// A removal needs no consent: the controller is informed and Annex IV follows at once.
    public func schedule(kind: RegisterChange.Kind, issued: CalendarDay, plannedStart: CalendarDay) -> NoticeSchedule {
        if kind == .removal {
            return NoticeSchedule(kind: .information, issued: issued, respondBy: issued, takesEffect: max(issued, plannedStart), late: false)
        }
        switch authorisation {
        case .general:
            let respondBy = issued.adding(objectionDays, dayCount)
            let noticeEnds = issued.adding(noticeDays, dayCount)
            return NoticeSchedule(kind: .notice, issued: issued, respondBy: respondBy, takesEffect: max(plannedStart, respondBy.adding(days: 1), noticeEnds), late: false)
        case .specific:
            let late = issued.adding(requestDays, dayCount) > plannedStart
            return NoticeSchedule(kind: .approvalRequest, issued: issued, respondBy: max(issued, plannedStart.adding(days: -1)), takesEffect: max(issued, plannedStart), late: late)
        }
    }
}

/// When a controller must answer a register change, and when the change reaches its Annex IV.
public struct NoticeSchedule: Sendable, Hashable, Codable {
    public enum Kind: String, Sendable, Hashable, Codable {
        /// General authorisation: the controller may object until `respondBy`.
        case notice
        /// Specific authorisation: nothing changes until the controller approves.
        case approvalRequest = "approval-request"
        /// A removal: the controller is told; there is nothing to object to.
        case information
    }

    public let kind: Kind
    public let issued: CalendarDay
    /// The last day for an objection (notice), or the day before the planned start (approval request).
    public let respondBy: CalendarDay
    /// The first day on which the change may apply to the agreement.
    public let takesEffect: CalendarDay
    /// An approval request issued later than the agreement's request period allows.
    public let late: Bool
}
