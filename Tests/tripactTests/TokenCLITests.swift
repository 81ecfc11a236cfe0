import Foundation
import Testing
import TripactCore
import TripactStore
import TripactTestSupport

/// `tripact token create`, `list` and `revoke`: the token printed alone on standard output (for CI), its hash stored,
/// bad options refused with exit 2, an unknown user with exit 3, nothing stored then.
@Suite struct TokenCLITests {
    func run(_ w: CLIWorkspace, _ arguments: [String]) throws -> CLIRunner.Result {
        try CLIRunner.run(arguments, in: w.directory, environment: ["TRIPACT_DB": w.database])
    }

    @Test func createPrintsTheTokenOnceAndRevokeEndsIt() throws {
        let w = try CLIWorkspace()
        let made = try run(w, ["token", "create", "--as", CLIWorkspace.brand, "--scope", "negotiate", "--days", "7"])
        #expect(made.status == 0, "\(made.stderr)")
        let token = made.stdout.trimmingCharacters(in: .newlines)
        #expect(token.hasPrefix("tripact_") && token.count == 72 && made.stdout == token + "\n")
        let store = try TripactStore(path: w.database)
        guard case .success(let found) = try store.authenticateAPIToken(token) else {
            Issue.record("the printed token is not accepted")
            return
        }
        #expect(found.user.email == CLIWorkspace.brand && found.token.scope == .negotiate)
        let listed = try run(w, ["token", "list", "--as", CLIWorkspace.brand])
        #expect(listed.status == 0 && listed.stdout.hasPrefix("\(found.token.id)  command line  negotiate  expires ") && listed.stdout.hasSuffix("active\n"), "\(listed.stdout)")
        let revoked = try run(w, ["token", "revoke", String(found.token.id)])
        #expect(revoked.status == 0 && revoked.stdout == "revoked API token \(found.token.id)\n", "\(revoked.stderr)")
        let after = try store.authenticateAPIToken(token)
        #expect({ if case .failure(.revoked) = after { true } else { false } }())
        let twice = try run(w, ["token", "revoke", String(found.token.id)])
        #expect(twice.status != 0 && twice.stderr.contains("already revoked"))
    }

    @Test func badOptionsAndUnknownUsersAreRefusedAndStoreNothing() throws {
        let w = try CLIWorkspace()
        let scope = try run(w, ["token", "create", "--as", CLIWorkspace.brand, "--scope", "write"])
        #expect(scope.status == 64 || scope.status == 2, "\(scope.status)")
        #expect(scope.stderr.contains("--scope must be read or negotiate"))
        let days = try run(w, ["token", "create", "--as", CLIWorkspace.brand, "--scope", "read", "--days", "0"])
        #expect(days.status != 0 && days.stderr.contains("--days must be from 1 to 365"))
        let unknown = try run(w, ["token", "create", "--as", "nobody@example.org", "--scope", "read"])
        #expect(unknown.status == 3, "\(unknown.stderr)")
        #expect(try TripactStore(path: w.database).auditEvents().allSatisfy { $0.action != "token.create" })
    }
}
