/// When a log-in attempt may go ahead: limits per client address and account, per client address across accounts
/// (spraying), and a backoff per account that slows guessing from many addresses without locking the real user out.
public struct LoginThrottle: Sendable, Equatable {
    /// Failures one client address may make on one account within the window.
    public var perClientAndAccount: Int
    /// Failures one client address may make across all accounts within the window.
    public var perClient: Int
    /// Failures on one account, from any address, after which each further attempt waits for the backoff.
    public var perAccountBeforeBackoff: Int
    /// The first backoff, doubled with every further failure, up to `maximumBackoff`.
    public var firstBackoff: Int
    public var maximumBackoff: Int
    /// Seconds over which failures are counted.
    public var window: Int

    public init(perClientAndAccount: Int = 5, perClient: Int = 20, perAccountBeforeBackoff: Int = 10, firstBackoff: Int = 1, maximumBackoff: Int = 30, window: Int = 900) {
        self.perClientAndAccount = perClientAndAccount
        self.perClient = perClient
        self.perAccountBeforeBackoff = perAccountBeforeBackoff
        self.firstBackoff = firstBackoff
        self.maximumBackoff = maximumBackoff
        self.window = window
    }

    /// What the recent failures allow. Attempts in progress count as failures until they succeed.
    public struct Counts: Sendable, Equatable {
        public var clientOnAccount: Int
        public var client: Int
        public var account: Int
        /// Seconds since the newest failure on the account (nil when there is none).
        public var sinceLastAccountFailure: Int?

        public init(clientOnAccount: Int, client: Int, account: Int, sinceLastAccountFailure: Int?) {
            self.clientOnAccount = clientOnAccount
            self.client = client
            self.account = account
            self.sinceLastAccountFailure = sinceLastAccountFailure
        }
    }

    public enum Decision: Sendable, Equatable {
        case proceed
        /// Refused; try again after this many seconds.
        case wait(seconds: Int, reason: String)
    }

    public func decide(_ counts: Counts) -> Decision {
        if counts.clientOnAccount >= perClientAndAccount {
            return .wait(seconds: window, reason: "too many failed attempts for this address from your network")
        }
        if counts.client >= perClient {
            return .wait(seconds: window, reason: "too many failed log-ins from your network")
        }
        if counts.account >= perAccountBeforeBackoff {
            let doublings = min(counts.account - perAccountBeforeBackoff, 30)
            let backoff = min(maximumBackoff, firstBackoff << doublings)
            let waited = counts.sinceLastAccountFailure ?? backoff
            if waited < backoff { return .wait(seconds: backoff - waited, reason: "this account is being guessed at; log-ins to it are slowed down") }
        }
        return .proceed
    }
}
