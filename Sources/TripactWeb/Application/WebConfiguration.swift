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
    /// Failed log-ins for one address within `loginWindow` before further attempts are refused.
    public var loginAttempts: Int
    public var loginWindow: TimeInterval
    public var clock: StoreClock

    public init(
        host: String = "127.0.0.1", port: Int = 8080, databasePath: String = "tripact.sqlite", library: ClauseLibrary, secureCookies: Bool = false,
        sessionLifetime: TimeInterval = 8 * 3_600, bcryptCost: UInt8 = 12, loginAttempts: Int = 5, loginWindow: TimeInterval = 15 * 60,
        clock: StoreClock = .system
    ) {
        self.host = host
        self.port = port
        self.databasePath = databasePath
        self.library = library
        self.secureCookies = secureCookies
        self.sessionLifetime = sessionLifetime
        self.bcryptCost = bcryptCost
        self.loginAttempts = loginAttempts
        self.loginWindow = loginWindow
        self.clock = clock
    }
}
