import Foundation
public import TripactCore

/// The processor's measure register (evidence behind Annex III) and its opt-in public subprocessor list.
extension TripactStore {
    /// Records or updates a piece of evidence in the user's organisation's measure register.
    public func saveEvidence(_ evidence: MeasureEvidence, by email: String) throws(StoreError) {
        let user = try self.user(email: email)
        try user.requireNegotiator("keep the measure register")
        let problems = evidence.problems()
        guard problems.isEmpty else { throw .invalidFields(problems) }
        try database.transaction { connection throws(StoreError) in
            try Database.run(
                connection,
                "INSERT INTO measure_evidence (organisation_id, key, evidence, updated_at) VALUES (?, ?, ?, ?) ON CONFLICT (organisation_id, key) DO UPDATE SET evidence = excluded.evidence, updated_at = excluded.updated_at",
                [.int(user.organisationID), .text(evidence.id), .blob(DocumentCodec.canonicalJSON(evidence)), .text(clock.timestamp())]
            ) { _ in }
            try appendAudit(
                connection, actor: email, agreement: nil, action: "evidence.save",
                detail: "\(evidence.id): \(evidence.title) for \(evidence.measure), expires \(evidence.expires?.iso ?? "never")"
            )
        }
    }

    public func removeEvidence(_ id: String, by email: String) throws(StoreError) {
        let user = try self.user(email: email)
        try user.requireNegotiator("keep the measure register")
        try database.transaction { connection throws(StoreError) in
            let found = try Database.query(connection, "SELECT 1 FROM measure_evidence WHERE organisation_id = ? AND key = ?", [.int(user.organisationID), .text(id)]) { $0.integer(0) }
            guard !found.isEmpty else { throw StoreError.invalidFields([FieldProblem(field: "id", message: "the measure register has no evidence '\(id)'")]) }
            try Database.run(connection, "DELETE FROM measure_evidence WHERE organisation_id = ? AND key = ?", [.int(user.organisationID), .text(id)]) { _ in }
            try appendAudit(connection, actor: email, agreement: nil, action: "evidence.remove", detail: id)
        }
    }

    /// The organisation's evidence, soonest expiry first.
    public func evidence(organisationID: Int) throws(StoreError) -> [MeasureEvidence] {
        try database.withReadConnection { connection throws(StoreError) in try Self.evidence(connection, organisationID: organisationID) }
    }

    static func evidence(_ connection: Database.Connection, organisationID: Int) throws(StoreError) -> [MeasureEvidence] {
        try Database.query(connection, "SELECT key, evidence FROM measure_evidence WHERE organisation_id = ?", [.int(organisationID)]) { row throws(StoreError) in
            do {
                return try JSONDecoder().decode(MeasureEvidence.self, from: row.blob(1))
            } catch {
                throw StoreError.database("evidence '\(row.text(0) ?? "")' is unreadable: \(error)")
            }
        }.sorted { ($0.expires?.daysSinceEpoch ?? Int.max, $0.id) < ($1.expires?.daysSinceEpoch ?? Int.max, $1.id) }
    }

    // MARK: public list

    /// Publishes (or, with nil, withdraws) the organisation's subprocessor list at `/public/SLUG/subprocessors`.
    public func publishRegister(slug: String?, by email: String) throws(StoreError) {
        let user = try self.user(email: email)
        guard user.role == .admin else { throw .notPermitted("'\(email)' is \(user.role.rawValue); only admins publish the subprocessor list") }
        if let slug, slug.isEmpty || slug.count > 60 || !slug.allSatisfy({ $0.isASCII && ($0.isLowercase || $0.isNumber || $0 == "-") }) {
            throw .invalidFields([FieldProblem(field: "slug", message: "use 1 to 60 lower-case letters, digits and '-'")])
        }
        try database.transaction { connection throws(StoreError) in
            // The address in use, if any, stays this organisation's: links to it must never lead to someone else's list.
            try Database.run(
                connection, "INSERT OR IGNORE INTO released_slugs (slug, organisation_id) SELECT slug, organisation_id FROM public_registers WHERE organisation_id = ?",
                [.int(user.organisationID)]
            ) { _ in }
            if let slug {
                let taken = try Database.query(
                    connection, "SELECT organisation_id FROM public_registers WHERE slug = ? UNION SELECT organisation_id FROM released_slugs WHERE slug = ?", [.text(slug), .text(slug)]
                ) { $0.integer(0) }
                if taken.contains(where: { $0 != user.organisationID }) { throw StoreError.duplicate("a public list at '\(slug)'") }
                try Database.run(
                    connection,
                    "INSERT INTO public_registers (organisation_id, slug, published_at) VALUES (?, ?, ?) ON CONFLICT (organisation_id) DO UPDATE SET slug = excluded.slug",
                    [.int(user.organisationID), .text(slug), .text(clock.timestamp())]
                ) { _ in }
            } else {
                try Database.run(connection, "DELETE FROM public_registers WHERE organisation_id = ?", [.int(user.organisationID)]) { _ in }
            }
            try appendAudit(connection, actor: email, agreement: nil, action: "register.publish", detail: slug.map { "published at \($0)" } ?? "unpublished")
        }
    }

    /// The slug under which the organisation publishes its list, if it does.
    public func publicSlug(organisationID: Int) throws(StoreError) -> String? {
        try database.query("SELECT slug FROM public_registers WHERE organisation_id = ?", [.int(organisationID)]) { $0.text(0) }.first ?? nil
    }

    /// A published list, readable without log-in; nil when nobody published under `slug`.
    public func publicRegister(slug: String) throws(StoreError) -> PublicRegister? {
        try database.withReadConnection { connection throws(StoreError) in
            guard let (id, publishedAt) = try Database.query(connection, "SELECT organisation_id, published_at FROM public_registers WHERE slug = ?", [.text(slug)], {
                ($0.integer(0), $0.text(1) ?? "")
            }).first else { return nil }
            let today = today()
            return PublicRegister(
                organisation: try Self.organisationName(connection, id), slug: slug, publishedAt: publishedAt,
                entries: try Self.registerEntries(connection, organisationID: id).filter { $0.isActive(on: today) },
                changes: try Self.changes(connection, organisationID: id)
            )
        }
    }
}
