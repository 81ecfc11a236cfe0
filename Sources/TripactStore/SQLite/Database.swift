import CSQLite
package import Foundation
import Synchronization
import TripactCore

/// Owns one SQLite connection: opening with our pragmas, prepared-statement cache, transactions, and the one helper
/// that checks every result code. Calls are serialised by a mutex, so one `Database` may be shared across tasks.
package final class Database: Sendable {
    private let state: Mutex<Connection>
    /// Connections for reading: WAL lets them read while the writer writes, so pages are not queued behind each other.
    /// Each is marked `query_only`; every write goes through `state`.
    private let readers: [Reader]
    private let nextReader = Atomic<Int>(0)
    package let path: String

    /// A reading connection behind its own lock (a class, because a `Mutex` cannot sit in an array).
    final class Reader: Sendable {
        let lock: Mutex<Connection>
        init(_ connection: Connection) { lock = Mutex(connection) }
    }

    /// The connection and its statement cache; only touched under the mutex.
    package final class Connection: @unchecked Sendable {
        let handle: OpaquePointer
        var statements: [String: OpaquePointer] = [:]
        var transactionDepth = 0

        init(handle: OpaquePointer) { self.handle = handle }

        deinit {
            for statement in statements.values { sqlite3_finalize(statement) }
            sqlite3_close_v2(handle)
        }
    }

    /// Opens (creating if needed) the database file and applies the pragmas every connection needs.
    package init(path: String, busyTimeoutMilliseconds: Int32 = 10_000) throws(StoreError) {
        var handle: OpaquePointer?
        let flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX
        let code = sqlite3_open_v2(path, &handle, flags, nil)
        guard code == SQLITE_OK, let handle else {
            let message = handle.map { String(cString: sqlite3_errmsg($0)) } ?? "out of memory"
            if let handle { sqlite3_close_v2(handle) }
            throw .database("cannot open '\(path)': \(message)")
        }
        self.path = path
        let connection = Connection(handle: handle)
        sqlite3_busy_timeout(handle, busyTimeoutMilliseconds)
        sqlite3_extended_result_codes(handle, 1)
        state = Mutex(connection)
        var readers: [Reader] = []
        var pending: [OpaquePointer] = []
        do throws(StoreError) {
            for pragma in ["PRAGMA journal_mode = WAL", "PRAGMA foreign_keys = ON", "PRAGMA synchronous = FULL"] {
                try Self.exec(handle, pragma)
            }
            for _ in 0..<Self.readerCount {
                var reader: OpaquePointer?
                guard sqlite3_open_v2(path, &reader, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX, nil) == SQLITE_OK, let reader else {
                    if let reader { sqlite3_close_v2(reader) }
                    throw StoreError.database("cannot open a reading connection to '\(path)'")
                }
                pending.append(reader)
                sqlite3_busy_timeout(reader, busyTimeoutMilliseconds)
                sqlite3_extended_result_codes(reader, 1)
                try Self.exec(reader, "PRAGMA query_only = ON")
                readers.append(Reader(Connection(handle: reader)))
                pending.removeLast()
            }
        } catch {
            for reader in pending { sqlite3_close_v2(reader) }
            throw error
        }
        self.readers = readers
    }

    static let readerCount = 4

    /// `sqlite3_exec` for statements without bindings or results, with its error as a `StoreError`.
    private static func exec(_ handle: OpaquePointer, _ sql: String) throws(StoreError) {
        var error: UnsafeMutablePointer<CChar>?
        let code = sqlite3_exec(handle, sql, nil, nil, &error)
        guard code != SQLITE_OK else { return }
        let message = error.map { String(cString: $0) } ?? String(cString: sqlite3_errmsg(handle))
        sqlite3_free(error)
        throw StoreError.database("\(message) (SQLite \(code)) in: \(sql.prefix(120))")
    }

    /// Runs `body` with exclusive use of the connection.
    package func withConnection<T>(_ body: (Connection) throws(StoreError) -> T) throws(StoreError) -> T {
        try state.withLock { connection throws(StoreError) -> T in try body(connection) }
    }

    /// Runs statements without results (several separated by `;` are allowed when there are no bindings).
    package func execute(_ sql: String, _ bindings: [SQLValue] = []) throws(StoreError) {
        try withConnection { connection throws(StoreError) in
            if bindings.isEmpty {
                try Self.exec(connection.handle, sql)
            } else {
                try Self.run(connection, sql, bindings) { _ in }
            }
        }
    }

    /// Runs `body` on a reading connection: a free one if there is, else the next in turn. For reads only.
    package func withReadConnection<T>(_ body: (Connection) throws(StoreError) -> T) throws(StoreError) -> T {
        let start = nextReader.wrappingAdd(1, ordering: .relaxed).oldValue
        for offset in 0..<readers.count {
            let result = readers[(start + offset) % readers.count].lock.withLockIfAvailable { connection -> Result<T, StoreError> in
                do throws(StoreError) {
                    return Result<T, StoreError>.success(try body(connection))
                } catch {
                    return Result<T, StoreError>.failure(error)
                }
            }
            if let result { return try result.get() }
        }
        return try readers[start % readers.count].lock.withLock { connection throws(StoreError) -> T in try body(connection) }
    }

    /// Runs a query on a reading connection and maps each row.
    package func query<T>(_ sql: String, _ bindings: [SQLValue] = [], _ row: (Row) throws(StoreError) -> T) throws(StoreError) -> [T] {
        try withReadConnection { connection throws(StoreError) in
            var result: [T] = []
            try Self.run(connection, sql, bindings) { statement throws(StoreError) in result.append(try row(Row(statement: statement))) }
            return result
        }
    }

    /// Runs `body` in one transaction (BEGIN IMMEDIATE, so writers queue on the busy timeout instead of failing late).
    /// Nested calls join the outer transaction. Any error rolls everything back.
    package func transaction<T>(_ body: (Connection) throws(StoreError) -> T) throws(StoreError) -> T {
        try withConnection { connection throws(StoreError) in
            if connection.transactionDepth > 0 { return try body(connection) }
            try Self.run(connection, "BEGIN IMMEDIATE", []) { _ in }
            connection.transactionDepth = 1
            defer { connection.transactionDepth = 0 }
            do throws(StoreError) {
                let value = try body(connection)
                try Self.run(connection, "COMMIT", []) { _ in }
                return value
            } catch {
                sqlite3_exec(connection.handle, "ROLLBACK", nil, nil, nil)
                throw error
            }
        }
    }

    /// Runs one statement on a connection already held (inside `transaction`).
    package static func run(_ connection: Connection, _ sql: String, _ bindings: [SQLValue], _ each: (OpaquePointer) throws(StoreError) -> Void) throws(StoreError) {
        let statement = try prepared(connection, sql)
        defer {
            sqlite3_reset(statement)
            sqlite3_clear_bindings(statement)
        }
        for (index, value) in bindings.enumerated() {
            let position = Int32(index + 1)
            let code: Int32
            switch value {
            case .null: code = sqlite3_bind_null(statement, position)
            case .integer(let number): code = sqlite3_bind_int64(statement, position, number)
            case .text(let text): code = sqlite3_bind_text(statement, position, text, -1, csqlite_transient())
            case .blob(let data):
                code = data.withUnsafeBytes { bytes in
                    sqlite3_bind_blob(statement, position, bytes.baseAddress, Int32(bytes.count), csqlite_transient())
                }
            }
            try check(code, connection, sql)
        }
        while true {
            let code = sqlite3_step(statement)
            if code == SQLITE_ROW {
                try each(statement)
            } else if code == SQLITE_DONE {
                return
            } else {
                try check(code, connection, sql)
            }
        }
    }

    /// Runs a query on a connection already held and maps each row.
    package static func query<T>(_ connection: Connection, _ sql: String, _ bindings: [SQLValue], _ row: (Row) throws(StoreError) -> T) throws(StoreError) -> [T] {
        var result: [T] = []
        try run(connection, sql, bindings) { statement throws(StoreError) in result.append(try row(Row(statement: statement))) }
        return result
    }

    private static func prepared(_ connection: Connection, _ sql: String) throws(StoreError) -> OpaquePointer {
        if let statement = connection.statements[sql] { return statement }
        var statement: OpaquePointer?
        try check(sqlite3_prepare_v3(connection.handle, sql, -1, UInt32(SQLITE_PREPARE_PERSISTENT), &statement, nil), connection, sql)
        guard let statement else { throw .database("empty statement: \(sql.prefix(120))") }
        connection.statements[sql] = statement
        return statement
    }

    /// The one place result codes are checked.
    private static func check(_ code: Int32, _ connection: Connection, _ sql: String) throws(StoreError) {
        guard code != SQLITE_OK, code != SQLITE_ROW, code != SQLITE_DONE else { return }
        let message = String(cString: sqlite3_errmsg(connection.handle))
        if code & 0xFF == SQLITE_CONSTRAINT { throw .constraint(message) }
        if code & 0xFF == SQLITE_BUSY { throw .busy(message) }
        throw .database("\(message) (SQLite \(code)) in: \(sql.prefix(120))")
    }

    /// `PRAGMA integrity_check`: "ok" when the file is sound.
    package func integrityCheck() throws(StoreError) -> String {
        try query("PRAGMA integrity_check") { row in row.text(0) ?? "" }.joined(separator: "\n")
    }

    /// Copies the whole database into `destination` with SQLite's online backup API, in one step: the copy is one read
    /// transaction, so writers (in WAL mode) go on writing and the copy never restarts because of them. The copy is
    /// then opened and checked with `PRAGMA integrity_check`.
    package func backup(to destination: String) throws(StoreError) {
        try withReadConnection { connection throws(StoreError) in
            var target: OpaquePointer?
            guard sqlite3_open_v2(destination, &target, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, nil) == SQLITE_OK, let target else {
                let message = target.map { String(cString: sqlite3_errmsg($0)) } ?? "out of memory"
                sqlite3_close_v2(target)
                throw StoreError.database("cannot open backup file '\(destination)': \(message)")
            }
            defer { sqlite3_close_v2(target) }
            guard let backup = sqlite3_backup_init(target, "main", connection.handle, "main") else {
                throw StoreError.database("cannot start backup: \(String(cString: sqlite3_errmsg(target)))")
            }
            var code: Int32
            repeat {
                code = sqlite3_backup_step(backup, -1)
                if code == SQLITE_BUSY || code == SQLITE_LOCKED { sqlite3_sleep(20) }
            } while code == SQLITE_BUSY || code == SQLITE_LOCKED
            sqlite3_backup_finish(backup)
            guard code == SQLITE_DONE else { throw StoreError.database("backup failed: \(String(cString: sqlite3_errmsg(target)))") }
            var check: OpaquePointer?
            guard sqlite3_prepare_v2(target, "PRAGMA integrity_check", -1, &check, nil) == SQLITE_OK, let check else {
                throw StoreError.database("the backup '\(destination)' cannot be read back")
            }
            defer { sqlite3_finalize(check) }
            let verdict = sqlite3_step(check) == SQLITE_ROW ? sqlite3_column_text(check, 0).map { String(cString: $0) } : nil
            guard verdict == "ok" else { throw StoreError.database("the backup '\(destination)' fails its integrity check: \(verdict ?? "unreadable")") }
        }
    }
}

/// A value bound to or read from SQL.
package enum SQLValue: Sendable {
    case null
    case integer(Int64)
    case text(String)
    case blob(Data)

    package static func int(_ value: Int) -> SQLValue { .integer(Int64(value)) }
    package static func optionalText(_ value: String?) -> SQLValue { value.map(SQLValue.text) ?? .null }
}

/// A result row; columns are read by index.
package struct Row {
    let statement: OpaquePointer

    package func integer(_ column: Int32) -> Int { Int(sqlite3_column_int64(statement, column)) }

    package func text(_ column: Int32) -> String? {
        guard sqlite3_column_type(statement, column) != SQLITE_NULL, let pointer = sqlite3_column_text(statement, column) else { return nil }
        let count = Int(sqlite3_column_bytes(statement, column))
        return String(decoding: UnsafeBufferPointer(start: pointer, count: count), as: UTF8.self)
    }

    package func blob(_ column: Int32) -> Data {
        guard let pointer = sqlite3_column_blob(statement, column) else { return Data() }
        return Data(bytes: pointer, count: Int(sqlite3_column_bytes(statement, column)))
    }

    package func isNull(_ column: Int32) -> Bool { sqlite3_column_type(statement, column) == SQLITE_NULL }

    /// The column as it was stored, for binding it again.
    package func value(_ column: Int32) -> SQLValue {
        switch sqlite3_column_type(statement, column) {
        case SQLITE_NULL: .null
        case SQLITE_INTEGER: .integer(sqlite3_column_int64(statement, column))
        case SQLITE_BLOB: .blob(blob(column))
        default: .text(text(column) ?? "")
        }
    }

    /// The column as the audit chain records it: integers and text as written, a blob as the SHA-256 of its bytes,
    /// NULL as nil.
    package func fact(_ column: Int32) -> String? {
        switch sqlite3_column_type(statement, column) {
        case SQLITE_NULL: nil
        case SQLITE_INTEGER: String(sqlite3_column_int64(statement, column))
        case SQLITE_BLOB: "sha256:" + DocumentCodec.sha256Hex(blob(column))
        default: text(column)
        }
    }
}
