public import Foundation
public import TripactStore

/// The first run of a real installation: on a database without users, `tripact serve` prints a one-time setup link where
/// the first organisation and its admin are created.
public enum FirstRun {
    /// How long a setup link works.
    public static let setupLinkLifetime: TimeInterval = 24 * 3_600

    /// The path of a new setup link (`/setup/TOKEN`) when the database has no user yet, nil once one exists.
    /// Each call revokes the links issued before, so only the one printed last works.
    public static func setupPath(store: TripactStore, lifetime: TimeInterval = setupLinkLifetime) throws -> String? {
        try store.issueSetupLink(lifetime: lifetime).map { SiteRoute.setup.link($0) }
    }
}
