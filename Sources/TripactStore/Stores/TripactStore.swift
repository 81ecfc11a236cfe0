import Foundation
import Synchronization
import TripactCore

/// Persistence for organisations, users, agreements, versions, item states, comments, signatures and the audit log,
/// on one SQLite file. Speaks in domain types; all SQL lives here and in `Migrations`.
public final class TripactStore: Sendable {
    let database: Database
    let clock: StoreClock
    /// Decoded versions by agreement row and number. Versions are immutable, so an entry never goes stale.
    let versionCache = VersionCache(capacity: 512)
    /// When this process last wrote each API token's last-used time (`authenticateAPIToken`).
    let tokenUses = TokenUseRecorder()

    /// Opens (creating if needed) the database and brings its schema up to date.
    public init(path: String, clock: StoreClock = .system) throws(StoreError) {
        database = try Database(path: path)
        self.clock = clock
        let before = try Migrations.run(on: database)
        for statement in AuditedTable.notingSQL { try database.execute(statement) }
        if before > 0, before < Migrations.factsVersion { try recordAuditBaseline() }
    }

    public var path: String { database.path }

    /// The schema version of the file (`PRAGMA user_version`).
    public func schemaVersion() throws(StoreError) -> Int {
        try database.query("PRAGMA user_version") { $0.integer(0) }.first ?? 0
    }

    public func integrityCheck() throws(StoreError) -> String { try database.integrityCheck() }

    /// For seeding benchmark databases only: commits without waiting for the disk. Never used for real agreements.
    package func disableDurabilityForBulkLoad() throws(StoreError) {
        try database.execute("PRAGMA synchronous = OFF")
    }

    /// A consistent copy of the whole database, taken with SQLite's online backup API.
    public func backup(to destination: String) throws(StoreError) {
        try database.backup(to: destination)
    }

    // MARK: organisations and users

    @discardableResult
    public func addOrganisation(name: String, actor: String = "cli") throws(StoreError) -> Organisation {
        let trimmed = name.trimmingCharacters(in: .whitespaces).precomposedStringWithCanonicalMapping
        guard !trimmed.isEmpty else { throw .invalid("an organisation needs a name") }
        guard !TextLimit.exceeds(trimmed, 200) else { throw .invalidFields([FieldProblem(field: "name", message: "an organisation's name has at most 200 characters")]) }
        return try database.transaction { connection throws(StoreError) in
            // "Société" typed composed or decomposed, or in another case, is the same organisation.
            if let existing = try Self.organisationID(connection, named: trimmed) {
                let name = try Database.query(connection, "SELECT name FROM organisations WHERE id = ?", [.int(existing)], { $0.text(0) ?? "" }).first ?? trimmed
                throw StoreError.duplicate("organisation '\(name)'")
            }
            return Organisation(id: try insertOrganisation(connection, name: trimmed, actor: actor), name: trimmed)
        }
    }

    /// Inserts an organisation (the caller checked the name is free) and audits it; returns its id.
    func insertOrganisation(_ connection: Database.Connection, name: String, actor: String) throws(StoreError) -> Int {
        try Database.run(connection, "INSERT INTO organisations (name, created_at) VALUES (?, ?)", [.text(name), .text(clock.timestamp())]) { _ in }
        let id = try Database.query(connection, "SELECT last_insert_rowid()", [], { $0.integer(0) })[0]
        try appendAudit(connection, actor: actor, agreement: nil, action: "org.add", detail: name)
        return id
    }

    /// The organisation of that name, compared after Unicode normalisation (NFC) and case folding.
    public func organisation(named name: String) throws(StoreError) -> Organisation {
        if let organisation = try database.query("SELECT id, name FROM organisations WHERE name = ?", [.text(name)], { row in
            Organisation(id: row.integer(0), name: row.text(1) ?? "")
        }).first { return organisation }
        let key = Self.nameKey(name.trimmingCharacters(in: .whitespaces))
        guard let organisation = try organisations().first(where: { Self.nameKey($0.name) == key }) else { throw .unknownOrganisation(name) }
        return organisation
    }

    /// What makes two organisation names the same name.
    static func nameKey(_ name: String) -> String { name.precomposedStringWithCanonicalMapping.lowercased() }

    public func organisations() throws(StoreError) -> [Organisation] {
        try database.query("SELECT id, name FROM organisations ORDER BY name") { Organisation(id: $0.integer(0), name: $0.text(1) ?? "") }
    }

    @discardableResult
    public func addUser(email: String, name: String, organisation: String, role: Role, passwordHash: String? = nil, actor: String = "cli")
        throws(StoreError) -> User
    {
        let email = email.trimmingCharacters(in: .whitespaces)
        guard email.contains("@"), !TextLimit.exceeds(email, 254) else { throw .invalid("'\(email)' is not an e-mail address") }
        guard !name.trimmingCharacters(in: .whitespaces).isEmpty else { throw .invalid("a user needs a name") }
        let org = try self.organisation(named: organisation)
        return try database.transaction { connection throws(StoreError) in
            try insertUser(connection, organisationID: org.id, organisationName: org.name, email: email, name: name, role: role, passwordHash: passwordHash, actor: actor)
        }
    }

    /// Checks and inserts a user, and audits it; every way of creating a user goes through here.
    func insertUser(
        _ connection: Database.Connection, organisationID: Int, organisationName: String, email: String, name: String, role: Role, passwordHash: String?, actor: String
    ) throws(StoreError) -> User {
        let email = email.trimmingCharacters(in: .whitespaces)
        guard Self.isEmail(email) else { throw .invalid("'\(email)' is not an e-mail address") }
        guard !name.trimmingCharacters(in: .whitespaces).isEmpty else { throw .invalid("a user needs a name") }
        if try !Database.query(connection, "SELECT id FROM users WHERE email = ?", [.text(email)], { $0.integer(0) }).isEmpty {
            throw StoreError.duplicate("user '\(email)'")
        }
        try Database.run(
            connection, "INSERT INTO users (organisation_id, email, name, role, password_hash, created_at) VALUES (?, ?, ?, ?, ?, ?)",
            [.int(organisationID), .text(email), .text(name), .text(role.rawValue), .optionalText(passwordHash), .text(clock.timestamp())]
        ) { _ in }
        let id = try Database.query(connection, "SELECT last_insert_rowid()", [], { $0.integer(0) })[0]
        try appendAudit(connection, actor: actor, agreement: nil, action: "user.add", detail: "\(email) (\(role.rawValue)) in \(organisationName)")
        return User(id: id, organisationID: organisationID, email: email, name: name, role: role)
    }

    static func isEmail(_ text: String) -> Bool { text.contains("@") && !TextLimit.exceeds(text, 254) }

    /// An active user; a removed user is unknown here, so they can neither sign in nor act.
    public func user(email: String) throws(StoreError) -> User {
        guard let user = try database.query(
            "SELECT id, organisation_id, email, name, role, (SELECT agreement_id FROM signing_accounts WHERE user_id = users.id) FROM users WHERE email = ? AND removed_at IS NULL",
            [.text(email)], { row in
                var user = Self.userRow(row)
                user.signingOnly = row.isNull(5) ? nil : row.integer(5)
                return user
            }
        ).first else { throw .unknownUser(email) }
        return user
    }

    /// The stored password hash of a user, for log-in.
    public func passwordHash(email: String) throws(StoreError) -> String? {
        try database.query("SELECT password_hash FROM users WHERE email = ? AND removed_at IS NULL", [.text(email)]) { $0.text(0) }.first ?? nil
    }

    /// The active users of an organisation.
    public func users(in organisation: String) throws(StoreError) -> [User] {
        let org = try self.organisation(named: organisation)
        return try database.query("SELECT id, organisation_id, email, name, role FROM users WHERE organisation_id = ? AND removed_at IS NULL ORDER BY email", [.int(org.id)], Self.userRow)
    }

    static func userRow(_ row: Row) -> User {
        User(id: row.integer(0), organisationID: row.integer(1), email: row.text(2) ?? "", name: row.text(3) ?? "", role: Role(rawValue: row.text(4) ?? "") ?? .viewer)
    }
}

/// A bounded cache of decoded versions: decoding a stored document strictly costs milliseconds, and every page of an
/// agreement reads its head.
final class VersionCache: Sendable {
    private let entries = Mutex<[String: Version]>([:])
    let capacity: Int

    init(capacity: Int) { self.capacity = capacity }

    func version(agreementID: Int, number: Int) -> Version? {
        entries.withLock { $0["\(agreementID)#\(number)"] }
    }

    func store(_ version: Version, agreementID: Int) {
        entries.withLock { entries in
            if entries.count >= capacity { entries.removeAll(keepingCapacity: true) }
            entries["\(agreementID)#\(version.number)"] = version
        }
    }
}
