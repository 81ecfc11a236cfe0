/// How many requests one API token may make: a bucket of `burst` requests that refills at `perSecond`. An integration
/// that pages through every agreement at once is served; one that loops without pause is slowed to the refill rate.
public struct RequestRateLimit: Sendable, Equatable {
    public var burst: Int
    public var perSecond: Double

    public init(burst: Int = 120, perSecond: Double = 10) {
        self.burst = burst
        self.perSecond = perSecond
    }

    /// What is left in one token's bucket, and when it was last filled up (seconds on any steady clock).
    public struct Bucket: Sendable, Equatable {
        public var available: Double
        public var at: Double

        public init(available: Double, at: Double) {
            self.available = available
            self.at = at
        }
    }

    /// Takes one request from the bucket (a full one when the token has none yet). Returns the bucket to keep and, when
    /// the request is refused, the whole seconds until one is available again.
    public func take(_ bucket: Bucket?, now: Double) -> (bucket: Bucket, retryAfter: Int?) {
        var bucket = bucket ?? Bucket(available: Double(burst), at: now)
        bucket.available = min(Double(burst), bucket.available + max(0, now - bucket.at) * perSecond)
        bucket.at = now
        guard bucket.available >= 1 else {
            let wait = (1 - bucket.available) / max(perSecond, 0.000_001)
            return (bucket, max(1, Int(wait.rounded(.up))))
        }
        bucket.available -= 1
        return (bucket, nil)
    }
}
