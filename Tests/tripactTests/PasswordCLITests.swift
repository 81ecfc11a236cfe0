import Foundation
import Testing
import TripactCore
import TripactStore
import TripactTestSupport
import TripactWeb

@Suite struct PasswordCLITests {
    static let password = "correct horse battery"

    func workspace() throws -> CLIWorkspace { try CLIWorkspace(importing: false) }

    func run(_ w: CLIWorkspace, _ arguments: [String], stdin: String?) throws -> CLIRunner.Result {
        try CLIRunner.run(arguments, in: w.directory, environment: ["TRIPACT_DB": w.database], stdin: stdin.map { Data($0.utf8) })
    }

    func hash(_ w: CLIWorkspace, _ email: String) throws -> String? { try TripactStore(path: w.database).passwordHash(email: email) }

    @Test func userAddReadsThePasswordFromStandardInput() throws {
        let w = try workspace()
        let added = try run(w, ["user", "add", "ada@lumen.example", "--name", "Ada", "--org", "Lumen Télécom SA", "--role", "admin"], stdin: Self.password + "\n")
        #expect(added.status == 0, "\(added.stderr)")
        #expect(added.stdout == "added admin user 'ada@lumen.example' to 'Lumen Télécom SA'\n")
        let stored = try #require(try hash(w, "ada@lumen.example"))
        #expect(stored.hasPrefix("$2") && Passwords.verifyBlocking(Self.password, hash: stored))
        #expect(!stored.contains(Self.password))
    }

    @Test func userAddWithNothingOnStandardInputAddsAUserWhoCannotLogIn() throws {
        let w = try workspace()
        let added = try run(w, ["user", "add", "cli@lumen.example", "--name", "Cli", "--org", "Lumen Télécom SA"], stdin: nil)
        #expect(added.status == 0 && added.stdout.contains("without a password: they cannot log in until 'tripact user password cli@lumen.example'"))
        #expect(try hash(w, "cli@lumen.example") == nil)
    }

    @Test func everyPasswordPathOfTheCLIAppliesThePolicyAndChangesNothing() throws {
        let w = try workspace()
        for (input, message) in [
            ("short\n", "password: use at least 12 characters (found 5)"),
            (String(repeating: "x", count: 73) + "\n", "password: use at most 72 bytes (found 73)"),
            ("correct horse\u{1B}battery\n", "password: a password cannot contain control characters"),
            ("\n", "password: use at least 12 characters (found 0)"),
        ] {
            let add = try run(w, ["user", "add", "new@lumen.example", "--name", "New", "--org", "Lumen Télécom SA"], stdin: input)
            #expect(add.status == 2 && add.stderr.contains(message), "\(input.debugDescription): \(add.stderr)")
            let change = try run(w, ["user", "password", CLIWorkspace.brand], stdin: input)
            #expect(change.status == 2 && change.stderr.contains(message), "\(input.debugDescription): \(change.stderr)")
        }
        #expect(throws: StoreError.unknownUser("new@lumen.example")) { try TripactStore(path: w.database).user(email: "new@lumen.example") }
        #expect(try hash(w, CLIWorkspace.brand) == nil)
    }

    @Test func userPasswordSetsThePasswordFromStandardInputOnly() throws {
        let w = try workspace()
        let set = try run(w, ["user", "password", CLIWorkspace.brand], stdin: Self.password + "\n")
        #expect(set.status == 0 && set.stdout == "set the password of '\(CLIWorkspace.brand)'; their sessions ended\n", "\(set.stderr)")
        #expect(Passwords.verifyBlocking(Self.password, hash: try #require(try hash(w, CLIWorkspace.brand))))
        #expect(try TripactStore(path: w.database).auditEvents().last?.action == "user.password")
        let none = try run(w, ["user", "password", CLIWorkspace.brand], stdin: nil)
        #expect(none.status == 2 && none.stderr.contains("none given on standard input"))
        let asArgument = try run(w, ["user", "password", CLIWorkspace.brand, Self.password], stdin: nil)
        #expect(asArgument.status == 64, "a password is never an argument")
        let unknown = try run(w, ["user", "password", "ghost@nowhere.example"], stdin: Self.password + "\n")
        #expect(unknown.status == 3 && unknown.stderr.contains("unknown user 'ghost@nowhere.example'"))
    }
}
