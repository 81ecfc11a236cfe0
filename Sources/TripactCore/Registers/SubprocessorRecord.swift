/// An entry of a processor's subprocessor register: one legal entity and what it does for the processor.
///
/// The register is the processor's single source of truth; Annex IV of each agreement is a projection of it
/// (`annexEntry`), updated only through a notice or an approval.
public struct SubprocessorRecord: Codable, Sendable, Hashable {
    /// Stable key; it becomes the entry's id in Annex IV.
    public var id: String
    /// The legal entity.
    public var name: String
    public var address: String
    /// ISO code of the country of establishment.
    public var country: String
    /// Keys of the services catalogue that this entity provides.
    public var services: [String]
    /// What the entity does with the personal data, in words (Annex IV's "service").
    public var description: String
    /// Keys of the data-categories catalogue.
    public var dataCategories: [String]
    /// Every country where it processes the data (ISO codes).
    public var locations: [String]
    /// A key of the transfer-mechanism catalogue.
    public var transferMechanism: String
    /// Reference of the transfer impact assessment, where the mechanism needs one.
    public var tiaReference: String?
    public var contact: Contact?
    public var startDate: CalendarDay
    public var endDate: CalendarDay?
    public var onwardSubprocessors: [OnwardSubprocessor]?

    public init(
        id: String, name: String, address: String, country: String, services: [String], description: String, dataCategories: [String],
        locations: [String], transferMechanism: String, tiaReference: String? = nil, contact: Contact? = nil, startDate: CalendarDay,
        endDate: CalendarDay? = nil, onwardSubprocessors: [OnwardSubprocessor]? = nil
    ) {
        self.id = id
        self.name = name
        self.address = address
        self.country = country
        self.services = services
        self.description = description
        self.dataCategories = dataCategories
        self.locations = locations
        self.transferMechanism = transferMechanism
        self.tiaReference = tiaReference
        self.contact = contact
        self.startDate = startDate
        self.endDate = endDate
        self.onwardSubprocessors = onwardSubprocessors
    }

    /// The register entry for an entity an agreement's Annex IV already lists, so that loading a register from an
    /// agreement sends that agreement no notice.
    public init(annexEntry sub: Subprocessor, services: [String], startDate: CalendarDay) {
        self.init(
            id: sub.id, name: sub.name, address: sub.address, country: sub.country, services: services, description: sub.service,
            dataCategories: sub.dataCategories, locations: sub.locations, transferMechanism: sub.transferMechanism,
            tiaReference: sub.tiaReference, contact: sub.contact, startDate: startDate, onwardSubprocessors: sub.onwardSubprocessors
        )
    }

    /// The entry as Annex IV lists it.
    public var annexEntry: Subprocessor {
        Subprocessor(
            id: id, name: name, address: address, country: country, service: description, dataCategories: dataCategories, locations: locations,
            transferMechanism: transferMechanism, tiaReference: tiaReference, contact: contact,
            onwardSubprocessors: (onwardSubprocessors ?? []).isEmpty ? nil : onwardSubprocessors
        )
    }

    /// The establishment country first, then every other processing location.
    public var allCountries: [String] { annexEntry.allCountries }

    /// Whether the entity works for the processor on `day`: started, and not yet ended.
    public func isActive(on day: CalendarDay) -> Bool {
        startDate <= day && (endDate.map { day < $0 } ?? true)
    }

    /// What is wrong with the entry, each problem naming its field; empty when it may enter the register.
    public func problems(library: ClauseLibrary) -> [FieldProblem] {
        var problems: [FieldProblem] = []
        func blank(_ field: String, _ value: String, _ what: String) {
            if value.isBlank { problems.append(FieldProblem(field: field, message: "\(what) is required")) }
        }
        // First, so a terminal escape in a name is refused before any other message quotes it.
        var texts: [(String, String, TextSafety.Lines)] = [
            ("name", name, .singleLine), ("address", address, .multiline), ("description", description, .multiline),
            ("tiaReference", tiaReference ?? "", .singleLine),
        ]
        if let contact {
            texts += [("contact.name", contact.name, .singleLine), ("contact.position", contact.position ?? "", .singleLine),
                      ("contact.email", contact.email ?? "", .singleLine), ("contact.phone", contact.phone ?? "", .singleLine)]
        }
        for (index, onward) in (onwardSubprocessors ?? []).enumerated() {
            texts += [("onwardSubprocessors[\(index)].name", onward.name, .singleLine)]
        }
        for (field, value, lines) in texts {
            if let scalar = TextSafety.firstForbidden(in: value, lines: lines) {
                problems.append(FieldProblem(field: field, message: UnsafeTextError(field: field, scalar: scalar).problem))
            }
        }
        blank("id", id, "an id")
        if !id.isBlank, !id.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" || $0 == ".") }) {
            problems.append(FieldProblem(field: "id", message: "'\(id)' may hold only letters, digits, '-', '_' and '.'"))
        }
        blank("name", name, "the legal entity's name")
        blank("address", address, "an address")
        blank("description", description, "a description of what it does with the personal data")
        if library.country(country) == nil { problems.append(FieldProblem(field: "country", message: "unknown country code '\(country)'")) }
        if services.isEmpty { problems.append(FieldProblem(field: "services", message: "name at least one service it provides")) }
        for (index, key) in services.enumerated() where library.service(key) == nil {
            problems.append(FieldProblem(field: "services[\(index)]", message: "unknown service '\(key)'; see clauses/catalogues/services.txt"))
        }
        if dataCategories.isEmpty { problems.append(FieldProblem(field: "dataCategories", message: "name the personal data it processes")) }
        for (index, key) in dataCategories.enumerated() where library.dataCategory(key) == nil {
            problems.append(FieldProblem(field: "dataCategories[\(index)]", message: "unknown data category '\(key)'"))
        }
        for (index, code) in locations.enumerated() where library.country(code) == nil {
            problems.append(FieldProblem(field: "locations[\(index)]", message: "unknown country code '\(code)'"))
        }
        if let mechanism = library.transferMechanism(transferMechanism) {
            if mechanism.needsTIA, tiaReference.isBlank {
                problems.append(FieldProblem(field: "tiaReference", message: "\(mechanism.label) needs a transfer impact assessment; give its reference"))
            }
            if !mechanism.processorUse {
                problems.append(
                    FieldProblem(
                        field: "transferMechanism",
                        message: "\(mechanism.label) cannot carry a Processor's regular Transfers to a Subprocessor; use an adequacy decision, standard contractual clauses or processor binding corporate rules"
                    )
                )
            }
        } else {
            problems.append(FieldProblem(field: "transferMechanism", message: "unknown transfer mechanism '\(transferMechanism)'"))
        }
        if let endDate, endDate < startDate {
            problems.append(FieldProblem(field: "endDate", message: "the end date \(endDate) is before the start date \(startDate)"))
        }
        for (index, onward) in (onwardSubprocessors ?? []).enumerated() {
            blank("onwardSubprocessors[\(index)].name", onward.name, "a name")
            blank("onwardSubprocessors[\(index)].service", onward.service, "a service")
            if library.country(onward.country) == nil {
                problems.append(FieldProblem(field: "onwardSubprocessors[\(index)].country", message: "unknown country code '\(onward.country)'"))
            }
        }
        return problems
    }
}

/// A problem with one field of an input, for forms and command lines.
public struct FieldProblem: Sendable, Hashable, Codable, CustomStringConvertible {
    public let field: String
    public let message: String

    public init(field: String, message: String) {
        self.field = field
        self.message = message
    }

    public var description: String { "\(field): \(message)" }
}

/// Evidence that a measure the processor promises is in place: a certificate or an audit report, and until when it holds.
public struct MeasureEvidence: Codable, Sendable, Hashable {
    public enum Kind: String, Codable, Sendable, CaseIterable {
        case certificate, report, other
    }

    /// Stable key within the processor's register.
    public var id: String
    /// The measure it supports: a key of the measures catalogue, or the id of a custom measure in Annex III.
    public var measure: String
    public var kind: Kind
    /// "ISO/IEC 27001:2022 certificate", "SOC 2 Type II report", …
    public var title: String
    public var issuer: String
    public var issued: CalendarDay
    public var expires: CalendarDay?
    /// Where the document is kept, e.g. a certificate number or a document-management reference.
    public var reference: String

    public init(id: String, measure: String, kind: Kind, title: String, issuer: String, issued: CalendarDay, expires: CalendarDay?, reference: String) {
        self.id = id
        self.measure = measure
        self.kind = kind
        self.title = title
        self.issuer = issuer
        self.issued = issued
        self.expires = expires
        self.reference = reference
    }

    public func problems() -> [FieldProblem] {
        var problems: [FieldProblem] = []
        for (field, value) in [("id", id), ("measure", measure), ("title", title), ("issuer", issuer), ("reference", reference)] where value.isBlank {
            problems.append(FieldProblem(field: field, message: "\(field) is required"))
        }
        if let expires, expires < issued {
            problems.append(FieldProblem(field: "expires", message: "the expiry \(expires) is before the issue date \(issued)"))
        }
        return problems
    }
}
