import TripactCore
import TripactStore

// The generated schema types of `openapi.yaml`, built field by field from the domain values the store gives the web
// pages. This replaced a JSONEncoder+JSONDecoder round trip that cost about half of every agreement request; a drift
// between the document and the domain types is now caught by `APISchemaMappingTests`, which compares the JSON of both.

// The domain types by names that the generated ones of the same name do not hide inside their extensions.
typealias DomainItemState = ItemState
typealias DomainProceduralUpdate = ProceduralUpdate
typealias DomainAgreementSummary = AgreementSummary
typealias DomainVersionEntry = VersionEntry
typealias DomainAgreementDiff = AgreementDiff
typealias DomainSubprocessorRecord = SubprocessorRecord
typealias DomainExportCheck = ExportCheck

/// A generated enumeration from a domain one with the same raw values; a value the document lacks is our bug (500).
func schemaCase<Domain: RawRepresentable, Schema: RawRepresentable>(_ value: Domain, as _: Schema.Type = Schema.self) throws -> Schema
where Domain.RawValue == String, Schema.RawValue == String {
    guard let found = Schema(rawValue: value.rawValue) else {
        throw APIProblem(status: 500, message: "'\(value.rawValue)' is missing from openapi.yaml's \(Schema.self)")
    }
    return found
}

extension Components.Schemas.Party {
    init(_ party: PartyRole) throws { self = try schemaCase(party) }

    /// The parties of a set in their fixed order (controller, processor), as the domain type encodes them.
    static func list(_ parties: some Collection<PartyRole>) throws -> [Self] {
        try PartyRole.allCases.filter(parties.contains).map(Self.init)
    }
}

extension Components.Schemas.ItemState {
    init(_ state: DomainItemState) throws {
        self.init(
            key: state.key.rawValue, hash: state.hash,
            acceptedBy: try Components.Schemas.Party.list(state.acceptedBy), disputedBy: try Components.Schemas.Party.list(state.disputedBy)
        )
    }
}

extension Components.Schemas.ProceduralUpdate {
    init(_ update: DomainProceduralUpdate) throws {
        self.init(
            version: update.version, base: update.base, contentHash: update.contentHash, kind: try schemaCase(update.kind), notice: update.notice,
            clause: update.clause, clauseNumber: update.clauseNumber, day: update.day, summary: update.summary
        )
    }
}

extension Components.Schemas.AgreementSummary {
    /// The summary with `standing` in words, as the dashboard and `tripact agreements` print it.
    init(_ summary: DomainAgreementSummary) throws {
        self.init(
            reference: summary.reference, title: summary.title, controller: summary.controller, processor: summary.processor, head: summary.head,
            status: try schemaCase(summary.status), updatedAt: summary.updatedAt, openForController: summary.openForController,
            openForProcessor: summary.openForProcessor, headUpdate: try summary.headUpdate.map(Components.Schemas.ProceduralUpdate.init),
            standing: summary.standing
        )
    }
}

extension Components.Schemas.VersionEntry {
    /// A log entry with, for a version made by the agreement's own procedures, what happened (`tripact log`'s note).
    init(_ entry: DomainVersionEntry, procedure: String?) throws {
        self.init(
            number: entry.number, parent: entry.parent, author: entry.author, party: try .init(entry.party), createdAt: entry.createdAt,
            message: entry.message, contentHash: entry.contentHash, signedBy: try entry.signedBy.map(Components.Schemas.Party.init), procedure: procedure
        )
    }
}

extension Components.Schemas.Comment {
    init(_ comment: CommentEntry) {
        self.init(
            item: comment.item, version: comment.version, author: comment.author, authorName: comment.authorName, createdAt: comment.createdAt,
            body: comment.body, isRejection: comment.isRejection, isInternal: comment.isInternal
        )
    }
}

extension Components.Schemas.AgreementDiff {
    /// The diff's shape only: the redline and any playbook assessment stay out, as `openapi.yaml` has them.
    init(_ diff: DomainAgreementDiff) throws {
        self.init(
            from: .init(label: diff.from.label, contentHash: diff.from.contentHash), to: .init(label: diff.to.label, contentHash: diff.to.contentHash),
            changes: try diff.changes.map { change in
                Components.Schemas.ItemChange(
                    key: change.key.rawValue, kind: try schemaCase(change.kind), title: change.title, moved: change.moved,
                    fields: change.fields.map { .init(field: $0.field, label: $0.label, old: $0.old, new: $0.new, oldKey: $0.oldKey, newKey: $0.newKey) }
                )
            },
            renumbering: diff.renumbering.map { .init(firstOld: $0.firstOld, lastOld: $0.lastOld, shift: $0.shift, clauses: $0.clauses.map(\.rawValue)) }
        )
    }
}

extension Components.Schemas.Notice {
    init(_ notice: NoticeEntry) throws {
        self.init(
            id: notice.id, changeID: notice.changeID, agreement: notice.agreement, agreementTitle: notice.agreementTitle, controller: notice.controller,
            processor: notice.processor, kind: try schemaCase(notice.kind), summary: notice.summary, reason: notice.reason, issued: notice.issued.iso,
            respondBy: notice.respondBy.iso, takesEffect: notice.takesEffect.iso, late: notice.late, status: try schemaCase(notice.status),
            objection: notice.objection, objectedBy: notice.objectedBy, objectedAt: notice.objectedAt, decidedBy: notice.decidedBy,
            decidedAt: notice.decidedAt, resolutionNote: notice.resolutionNote, appliedVersion: notice.appliedVersion, message: notice.message
        )
    }
}

extension Components.Schemas.SubprocessorRecord {
    /// The register's record as `openapi.yaml` lists it (contact and onward subprocessors are not part of the API).
    init(_ record: DomainSubprocessorRecord) {
        self.init(
            id: record.id, name: record.name, address: record.address, country: record.country, services: record.services,
            description: record.description, dataCategories: record.dataCategories, locations: record.locations,
            transferMechanism: record.transferMechanism, tiaReference: record.tiaReference, startDate: record.startDate.iso,
            endDate: record.endDate?.iso
        )
    }
}

extension Components.Schemas.ExportCheck {
    init(_ check: DomainExportCheck) {
        self.init(
            contentHash: check.contentHash,
            matches: check.matches.map { .init(agreement: $0.agreement, version: $0.version, standing: $0.standing, disagreements: $0.disagreements) },
            auditProblems: check.auditProblems
        )
    }
}
