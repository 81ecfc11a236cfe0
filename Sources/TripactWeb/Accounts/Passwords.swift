import HummingbirdBcrypt
import NIOPosix
public import TripactCore

/// Hashing passwords with bcrypt, after `PasswordPolicy` accepted them. Every path that sets a password comes here.
public enum Passwords {
    /// The bcrypt hash of an accepted password, or the policy's problem named after `field`. bcrypt blocks its thread for
    /// about 0.2 s at cost 12, so this runs it on NIO's thread pool, off the event loop.
    public static func hash(_ password: String, field: String = "password", cost: UInt8) async throws -> Result<String, FieldProblem> {
        if let problem = PasswordPolicy.problem(password, field: field) { return .failure(problem) }
        return .success(try await NIOThreadPool.singleton.runIfActive { Bcrypt.hash(password, cost: cost) })
    }

    /// The same, blocking the calling thread: for the command line and seeding, where no event loop waits.
    public static func hashBlocking(_ password: String, field: String = "password", cost: UInt8 = 12) -> Result<String, FieldProblem> {
        if let problem = PasswordPolicy.problem(password, field: field) { return .failure(problem) }
        return .success(Bcrypt.hash(password, cost: cost))
    }

    /// Whether `password` matches a stored bcrypt hash (blocking; for tools and tests).
    public static func verifyBlocking(_ password: String, hash: String) -> Bool { Bcrypt.verify(password, hash: hash) }
}
