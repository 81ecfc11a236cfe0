import Logging
import ServiceLifecycle
import TripactCore
import TripactStore

/// Applies the notices whose day has come, at start-up and then every `interval`, for as long as the server runs.
/// Deadlines are whole UTC days, so a few minutes' delay never changes which version an agreement ends up with.
struct NoticeSettlement: Service {
    let store: TripactStore
    let library: ClauseLibrary
    let interval: Duration
    let logger: Logger

    func run() async throws {
        do {
            try await cancelWhenGracefulShutdown {
                while true {
                    settleOnce()
                    try await Task.sleep(for: interval)
                }
            }
        } catch is CancellationError {
            return
        }
    }

    func settleOnce() {
        do {
            for notice in try store.settleDueNotices(library: library) {
                logger.info("register notice applied", metadata: ["notice": "\(notice.id)", "agreement": "\(notice.agreement)", "version": "\(notice.appliedVersion ?? 0)"])
            }
        } catch {
            logger.error("settling register notices failed", metadata: ["error": "\(error)"])
        }
    }
}
