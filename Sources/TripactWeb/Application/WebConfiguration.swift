public import Foundation
public import TripactCore
public import TripactStore

/// Everything the web application needs, read once at start-up by the caller (flags, then environment, then defaults).
public struct WebConfiguration: Sendable {
    public var host: String
    public var port: Int
    public var databasePath: String
    public var library: ClauseLibrary
    /// Mark the session cookie `Secure`: set when the server is reached over HTTPS (directly or behind a proxy).
    public var secureCookies: Bool
    public var sessionLifetime: TimeInterval
    /// bcrypt cost for passwords set through the web; tests lower it.
    public var bcryptCost: UInt8
    /// How failed log-ins slow further attempts, per client address and per account.
    public var loginThrottle: LoginThrottle
    /// Seconds a connection may stay idle (or take to send its request head) before it is closed.
    public var idleTimeout: Double
    public var clock: StoreClock
    /// The certificate chain and private key (PEM files) to serve HTTPS with; nil serves plain HTTP.
    public var tls: TLSFiles?
    /// How many requests one API token may make (`/api/v1`).
    public var apiRateLimit: RequestRateLimit
    /// IP addresses of reverse proxies whose `X-Forwarded-For` names the client (see `ClientAddress`).
    public var trustedProxies: Set<String>

    /// PEM files for HTTPS, read once when the application is built.
    public struct TLSFiles: Sendable {
        public var certificatePath: String
        public var keyPath: String

        public init(certificatePath: String, keyPath: String) {
            self.certificatePath = certificatePath
            self.keyPath = keyPath
        }
    }

    /// Cookies are `Secure` when the server speaks HTTPS itself or is reached through an HTTPS proxy.
    public var marksCookiesSecure: Bool { secureCookies || tls != nil }

    public init(
        host: String = "127.0.0.1", port: Int = 8080, databasePath: String = "tripact.sqlite", library: ClauseLibrary, secureCookies: Bool = false,
        sessionLifetime: TimeInterval = 8 * 3_600, bcryptCost: UInt8 = 12, loginThrottle: LoginThrottle = LoginThrottle(), idleTimeout: Double = 30,
        clock: StoreClock = .system, tls: TLSFiles? = nil, apiRateLimit: RequestRateLimit = RequestRateLimit(), trustedProxies: Set<String> = []
    ) {
        self.host = host
        self.port = port
        self.databasePath = databasePath
        self.library = library
        self.secureCookies = secureCookies
        self.sessionLifetime = sessionLifetime
        self.bcryptCost = bcryptCost
        self.loginThrottle = loginThrottle
        self.idleTimeout = idleTimeout
        self.clock = clock
        self.tls = tls
        self.apiRateLimit = apiRateLimit
        self.trustedProxies = trustedProxies
    }
}
