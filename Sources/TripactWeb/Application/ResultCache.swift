import Synchronization

/// A small bounded cache for results that depend only on immutable inputs (a version's content hash): validation
/// findings and rendered exports. Emptied when full; cheap to refill.
final class ResultCache<Value: Sendable>: Sendable {
    private let entries = Mutex<[String: Value]>([:])
    private let capacity: Int

    init(capacity: Int) { self.capacity = capacity }

    func value(_ key: String, compute: () throws -> Value) rethrows -> Value {
        if let hit = entries.withLock({ $0[key] }) { return hit }
        let value = try compute()
        entries.withLock { entries in
            if entries.count >= capacity { entries.removeAll(keepingCapacity: true) }
            entries[key] = value
        }
        return value
    }
}
