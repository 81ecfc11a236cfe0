import Foundation
import Testing
import TripactCore
import TripactTestSupport

/// A database prepared with the CLI: two organisations, a legal user on each side, the full example imported.
struct CLIWorkspace {
    let directory: URL
    let database: String
    let reference = Fixtures.example("full-scenario.json").id
    static let brand = "jeanne@lumen.example"
    static let bpo = "paul@atlantis.example"
    /// The signatories the full example names in Annex I; only they sign.
    static let brandSignatory = "sophie.laurent@lumen.example"
    static let bpoSignatory = "thomas.guerin@atlantis.example"

    init(importing: Bool = true) throws {
        directory = Fixtures.temporaryDirectory()
        database = directory.appendingPathComponent("tripact.sqlite").path
        for arguments in [
            ["org", "add", "Lumen Télécom SA"], ["org", "add", "Atlantis Relation Client SAS"],
            ["user", "add", Self.brand, "--name", "Jeanne Roux", "--org", "Lumen Télécom SA", "--role", "legal"],
            ["user", "add", Self.bpo, "--name", "Paul Martin", "--org", "Atlantis Relation Client SAS", "--role", "legal"],
            ["user", "add", Self.brandSignatory, "--name", "Sophie Laurent", "--org", "Lumen Télécom SA", "--role", "legal"],
            ["user", "add", Self.bpoSignatory, "--name", "Thomas Guérin", "--org", "Atlantis Relation Client SAS", "--role", "admin"],
        ] {
            let result = try run(arguments)
            #expect(result.status == 0, "\(arguments): \(result.stderr)")
        }
        if importing {
            let result = try run([
                "import", CLIRunner.example("full-scenario.json"), "--controller", "Lumen Télécom SA", "--processor", "Atlantis Relation Client SAS", "--as", Self.bpo,
            ])
            #expect(result.status == 0, "\(result.stderr)")
        }
    }

    /// Runs `tripact` against this database; `stdin`, when given, is what the person types (else input ends at once).
    func run(_ arguments: [String], environment: [String: String] = [:], stdin: String? = nil) throws -> CLIRunner.Result {
        try CLIRunner.run(arguments, in: directory, environment: ["TRIPACT_DB": database].merging(environment) { $1 }, stdin: stdin.map { Data($0.utf8) })
    }

    /// Writes a variant of the full example with the breach notice set to `hours`.
    func document(hours: Int, name: String) throws -> String {
        var document = Fixtures.example("full-scenario.json")
        Fixtures.set("breach-notification", "hours", .integer(hours), in: &document)
        let path = directory.appendingPathComponent(name).path
        try DocumentCodec.prettyJSON(document).write(to: URL(fileURLWithPath: path))
        return path
    }
}

@Suite struct NegotiationCLITests {
    @Test func proposeAcceptSignAndReadTheLogFromTheTerminal() throws {
        let w = try CLIWorkspace()
        let v2 = try w.document(hours: 24, name: "v2.json")
        #expect(try w.run(["propose", w.reference, v2, "--base", "1", "-m", "24 hours", "--as", CLIWorkspace.brand]).stdout.contains("proposed version 2"))
        let stale = try w.run(["propose", w.reference, try w.document(hours: 30, name: "late.json"), "--base", "1", "-m", "30", "--as", CLIWorkspace.bpo])
        #expect(stale.status == 4)
        #expect(stale.stderr.contains("conflict: your proposal is based on version 1") && stale.stderr.contains("the head is now version 2"))

        let items = try w.run(["show", w.reference, "--items"])
        #expect(items.stdout.contains("clause:breach-notification") && items.stdout.contains("accepted by controller only"))
        #expect(try w.run(["accept", w.reference, "--all", "--as", CLIWorkspace.bpo]).status == 0)
        #expect(try w.run(["accept", w.reference, "clause:nope", "--as", CLIWorkspace.brand]).status == 3)
        let accepted = try w.run(["accept", w.reference, "--all", "--as", CLIWorkspace.brand])
        #expect(accepted.stdout.contains("every item is agreed by both parties"))
        #expect(try w.run(["agreements", "--status", "agreed"]).stdout.contains(w.reference))

        #expect(try w.run(["sign", w.reference, "--version", "1", "--as", CLIWorkspace.brandSignatory]).status == 4, "version 1 is no longer the head")
        #expect(try w.run(["sign", w.reference, "--version", "2", "--as", CLIWorkspace.brandSignatory]).stdout.contains("waiting for the other party"))
        #expect(try w.run(["sign", w.reference, "--as", CLIWorkspace.bpoSignatory]).stdout.contains("both parties have now signed"))
        let log = try w.run(["log", w.reference])
        #expect(log.stdout.hasPrefix("version 2 (on 1)"))
        #expect(log.stdout.contains("[signed by controller and processor]"))
        let json = try w.run(["log", w.reference, "--format", "json"])
        let entries = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [[String: Any]])
        #expect(entries.map { $0["number"] as? Int } == [2, 1])
        #expect(try w.run(["agreements", "--format", "json"]).stdout.contains("\"status\" : \"signed\""))
    }

    @Test func unknownNamesExitThreeAndNameWhatWasNotFound() throws {
        let w = try CLIWorkspace()
        let unknownAgreement = try w.run(["log", "nope"])
        #expect(unknownAgreement.status == 3 && unknownAgreement.stderr == "error: unknown agreement 'nope'; 'tripact agreements' lists them\n")
        #expect(try w.run(["show", w.reference, "--version", "7"]).stderr.contains("has no version 7"))
        #expect(try w.run(["accept", w.reference, "--all", "--as", "ghost@nowhere.example"]).status == 3)
        let noOrg = try w.run(["user", "add", "x@y.example", "--name", "X", "--org", "Nobody"])
        #expect(noOrg.status == 3 && noOrg.stderr.contains("unknown organisation 'Nobody'"))
        #expect(try w.run(["org", "add", "Lumen Télécom SA"]).status == 4)
    }

    @Test func diffOfTwoFilesNeedsNoDatabaseAndHonoursNoColor() throws {
        let w = try CLIWorkspace(importing: false)
        let old = CLIRunner.example("full-scenario.json")
        let new = try w.document(hours: 24, name: "new.json")
        let text = try CLIRunner.run(["diff", old, new], in: w.directory, environment: ["NO_COLOR": "1"])
        #expect(text.status == 0, "\(text.stderr)")
        #expect(text.stdout.contains("hours: 36 hours → 24 hours (favours controller)\n"), "without --side no playbook is consulted")
        let processor = try CLIRunner.run(["diff", old, new, "--side", "processor"], in: w.directory, environment: ["NO_COLOR": "1"])
        #expect(processor.stdout.contains("hours: 36 hours → 24 hours (favours controller; outside your fallback)"))
        #expect(try CLIRunner.run(["diff", old, new, "--side", "brand"], in: w.directory).status == 64)
        #expect(!text.stdout.contains("\u{1B}["))
        let elsewhere = try CLIRunner.temporaryDirectory()
        #expect(try CLIRunner.run(["diff", old, new], in: elsewhere).status == 0)
        #expect(!FileManager.default.fileExists(atPath: elsewhere.appendingPathComponent("tripact.sqlite").path), "a file diff created a database")
        let json = try CLIRunner.run(["diff", old, new, "--format", "json"], in: w.directory)
        let parsed = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        #expect((parsed["changes"] as? [[String: Any]])?.count == 1)
        let html = try CLIRunner.run(["diff", old, new, "--format", "html"], in: w.directory)
        #expect(html.stdout.contains("<del>36</del> <ins>24</ins>"))
        #expect(try CLIRunner.run(["diff", old], in: w.directory).status == 64)
    }

    @Test func anExportVerifiesAndAnEditedExportDoesNot() throws {
        let w = try CLIWorkspace()
        try #require(try w.run(["accept", w.reference, "--all", "--as", CLIWorkspace.brand]).status == 0)
        #expect(try w.run(["sign", w.reference, "--as", CLIWorkspace.brandSignatory]).status == 0)
        #expect(try w.run(["sign", w.reference, "--as", CLIWorkspace.bpoSignatory]).status == 0)
        let html = w.directory.appendingPathComponent("signed.html").path
        let json = w.directory.appendingPathComponent("signed.json").path
        let exported = try w.run(["export", w.reference, "--format", "html", "-o", html])
        #expect(exported.status == 0 && exported.stderr.hasPrefix("exported version 1 of '\(w.reference)'"))
        #expect(try w.run(["export", w.reference, "--version", "1", "--format", "json", "-o", json]).status == 0)
        let verified = try w.run(["verify", html])
        #expect(verified.status == 0, "\(verified.stderr)\(verified.stdout)")
        #expect(verified.stdout.contains("printed text matches the embedded document"))
        #expect(verified.stdout.contains("it is version 1 of '\(w.reference)': SIGNED"))
        #expect(try w.run(["verify", json]).status == 0)

        let page = try String(contentsOfFile: html, encoding: .utf8)
        #expect(page.contains("SIGNED") && !page.contains("<div class=\"draft-mark\""))
        try Data(page.replacingOccurrences(of: "within <span class=\"value\">36 hours</span>", with: "within <span class=\"value\">96 hours</span>").utf8)
            .write(to: URL(fileURLWithPath: html))
        let tampered = try w.run(["verify", html])
        #expect(tampered.status == 1)
        #expect(tampered.stderr.contains("ALTERED: the printed text differs"))
        let unknown = try CLIRunner.run(["verify", try w.document(hours: 24, name: "other.json")], in: w.directory, environment: ["TRIPACT_DB": w.database])
        #expect(unknown.status == 1 && unknown.stderr.contains("no version in"))
    }

    @Test func acceptingAVersionYouDidNotReviewIsRefused() throws {
        let w = try CLIWorkspace()
        #expect(try w.run(["propose", w.reference, try w.document(hours: 30, name: "v2.json"), "--base", "1", "-m", "30", "--as", CLIWorkspace.bpo]).status == 0)
        let stale = try w.run(["accept", w.reference, "--all", "--version", "1", "--as", CLIWorkspace.brand])
        #expect(stale.status == 4 && stale.stderr.contains("the head is now version 2"))
        #expect(try w.run(["show", w.reference, "--items"]).stdout.contains("accepted by controller") == false)
        let fresh = try w.run(["accept", w.reference, "--all", "--version", "2", "--as", CLIWorkspace.brand])
        #expect(fresh.status == 0 && fresh.stdout.hasPrefix("accepted 131 items"))
        #expect(try w.run(["accept", w.reference, "--all", "--as", CLIWorkspace.brand]).stdout.hasPrefix("accepted 0 items"))
    }

    @Test func proposalsNameWhatIsWrong() throws {
        let w = try CLIWorkspace()
        let v2 = try w.document(hours: 30, name: "v2.json")
        let unknown = try w.run(["propose", "nope", v2, "--base", "1", "-m", "x", "--as", CLIWorkspace.bpo])
        #expect(unknown.status == 3 && unknown.stderr.contains("unknown agreement 'nope'"))
        let future = try w.run(["propose", w.reference, v2, "--base", "9", "-m", "x", "--as", CLIWorkspace.bpo])
        #expect(future.status == 3 && future.stderr.contains("has no version 9"))
        var twice = Fixtures.example("full-scenario.json")
        twice.subprocessors.append(twice.subprocessors[0])
        let duplicate = w.directory.appendingPathComponent("twice.json")
        try DocumentCodec.prettyJSON(twice).write(to: duplicate)
        let refused = try w.run(["propose", w.reference, duplicate.path, "--base", "1", "-m", "x", "--as", CLIWorkspace.bpo])
        #expect(refused.status == 2 && refused.stderr.contains("lists 'subprocessor:\(twice.subprocessors[0].id)' twice"))
        #expect(try w.run(["log", w.reference]).stdout.components(separatedBy: "version ").count == 2, "nothing was written")
    }

    @Test func readingCommandsNeverCreateADatabase() throws {
        let directory = try CLIRunner.temporaryDirectory()
        let missing = directory.appendingPathComponent("typo.sqlite").path
        for arguments in [["agreements"], ["log", "x"], ["show", "x"], ["diff", "x", "1", "2"], ["audit", "verify"], ["export", "x", "--format", "json", "-o", "/tmp/x.json"]] {
            let result = try CLIRunner.run(arguments + ["--db", missing], in: directory)
            #expect(result.status == 2 && result.stderr.contains("database '\(missing)' does not exist"), "\(arguments)")
        }
        #expect(!FileManager.default.fileExists(atPath: missing))
    }

    @Test func manyProcessesOpeningANewDatabaseAtOnceAllSucceed() throws {
        let directory = try CLIRunner.temporaryDirectory()
        let database = directory.appendingPathComponent("new.sqlite").path
        let processes = try (0..<6).map { index -> Process in
            let process = Process()
            process.executableURL = CLIRunner.executable
            process.arguments = ["org", "add", "Organisation \(index)", "--db", database]
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            try process.run()
            return process
        }
        for process in processes { process.waitUntilExit() }
        #expect(processes.allSatisfy { $0.terminationStatus == 0 })
        #expect(try SQLiteShell.query(database, "SELECT count(*) FROM organisations;") == "6")
    }

    @Test func backupWritesACopyThatOpens() throws {
        let w = try CLIWorkspace()
        let copy = w.directory.appendingPathComponent("copy.sqlite").path
        #expect(try w.run(["backup", "--to", copy]).status == 0)
        #expect(try CLIRunner.run(["log", w.reference, "--db", copy], in: w.directory).stdout.contains("version 1"))
        #expect(try w.run(["backup", "--to", copy]).status == 64)
    }

    @Test func deletingTheLastAuditRowIsDetected() throws {
        let w = try CLIWorkspace()
        let shell = try SQLiteShell.run(w.database, "DROP TRIGGER audit_is_append_only_delete; DELETE FROM audit_events WHERE id = (SELECT max(id) FROM audit_events);")
        #expect(shell.status == 0)
        let broken = try w.run(["audit", "verify"])
        #expect(broken.status == 1)
        #expect(broken.stderr.contains("versions(agreement_id=1, number=1) is not in the audit chain"), "\(broken.stderr)")
    }

    @Test(arguments: ["edit", "delete", "insert"])
    func auditVerifyNamesTheTamperedRow(_ tampering: String) throws {
        let w = try CLIWorkspace()
        _ = try w.run(["propose", w.reference, try w.document(hours: 24, name: "v2.json"), "--base", "1", "-m", "24", "--as", CLIWorkspace.brand])
        let intact = try w.run(["audit", "verify"])
        #expect(intact.status == 0 && intact.stdout.hasPrefix("ok: 8 audit events"))
        let drop = "DROP TRIGGER audit_is_append_only_update; DROP TRIGGER audit_is_append_only_delete;"
        let sql: String
        let expected: String
        switch tampering {
        case "edit":
            sql = drop + "UPDATE audit_events SET detail = 'nothing happened' WHERE id = 6;"
            expected = "row 6 was altered"
        case "delete":
            sql = drop + "DELETE FROM audit_events WHERE id = 3;"
            expected = "rows 3–3 are missing before row 4"
        default:
            sql = drop + "INSERT INTO audit_events (id, at, actor, agreement, action, detail, previous_hash, hash) VALUES (9, '2026-01-01', 'eve', NULL, 'user.add', 'x', 'f00', 'ba5');"
            expected = "row 9 does not follow the row before it"
        }
        let shell = try SQLiteShell.run(w.database, sql)
        #expect(shell.status == 0, "\(shell.stderr)")
        let broken = try w.run(["audit", "verify"])
        #expect(broken.status == 1)
        #expect(broken.stderr.contains(expected), "\(broken.stderr)")
    }
}
