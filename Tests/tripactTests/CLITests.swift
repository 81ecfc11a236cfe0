import Foundation
import Testing
import TripactCore

@Suite struct CLITests {
    @Test func newWritesABalancedDraftThatValidatesWithErrorsStillToFill() throws {
        let directory = try CLIRunner.temporaryDirectory()
        let file = directory.appendingPathComponent("draft.json").path
        let created = try CLIRunner.run(["new", "--controller", "Lumen Télécom SA", "--processor", "Atlantis SAS", "-o", file], in: directory)
        #expect(created.status == 0, "\(created.stderr)")
        let document = try DocumentCodec.decode(Data(contentsOf: URL(fileURLWithPath: file)))
        #expect(document.parties.controller.name == "Lumen Télécom SA")
        #expect(document.id == "lumen-telecom-sa-atlantis-sas-dpa")
        #expect(document.clauses.contains { $0.clause == "breach-notification" && $0.variant == "balanced" && $0.parameters["hours"] == .integer(48) })
        let checked = try CLIRunner.run(["validate", file], in: directory)
        #expect(checked.status == 1)
        #expect(checked.stdout.contains("parties.controller.signatory: error: the controller has no signatory"))
    }

    @Test func theFullExampleValidatesWithoutErrors() throws {
        let result = try CLIRunner.run(["validate", CLIRunner.example("full-scenario.json")])
        #expect(result.status == 0, "\(result.stdout)\(result.stderr)")
        #expect(result.stdout.contains("0 errors, 0 warnings"))
        let minimal = try CLIRunner.run(["validate", CLIRunner.example("minimal.json")])
        #expect(minimal.status == 0, "\(minimal.stdout)\(minimal.stderr)")
    }

    @Test func malformedJSONExitsTwoWithLineAndColumn() throws {
        let directory = try CLIRunner.temporaryDirectory()
        let file = directory.appendingPathComponent("broken.json")
        try Data("{\n  \"format\": \"tripact/1\",\n  \"id\": \"x\",,\n}".utf8).write(to: file)
        let result = try CLIRunner.run(["validate", file.path])
        #expect(result.status == 2)
        #expect(result.stderr == "error: \(file.path):3:13: malformed JSON: expected a key in double quotes\n")
    }

    @Test func anUnknownKeyExitsTwoNamingItsPath() throws {
        let directory = try CLIRunner.temporaryDirectory()
        var text = try String(contentsOfFile: CLIRunner.example("minimal.json"), encoding: .utf8)
        text = text.replacingOccurrences(of: "\"subjectMatter\"", with: "\"subjectMater\" : \"typo\", \"subjectMatter\"")
        let file = directory.appendingPathComponent("typo.json")
        try Data(text.utf8).write(to: file)
        let result = try CLIRunner.run(["render", file.path])
        #expect(result.status == 2)
        #expect(result.stderr.contains("unknown key 'processing.subjectMater'"))
        #expect(result.stdout.isEmpty)
    }

    @Test func aParameterOutOfBoundsExitsOneNamingClauseParameterAndPath() throws {
        let directory = try CLIRunner.temporaryDirectory()
        var document = try DocumentCodec.decode(Data(contentsOf: URL(fileURLWithPath: CLIRunner.example("minimal.json"))))
        let index = try #require(document.clauses.firstIndex { $0.clause == "breach-notification" })
        document.clauses[index].parameters["hours"] = .integer(500)
        let file = directory.appendingPathComponent("late.json")
        try DocumentCodec.prettyJSON(document).write(to: file)
        let result = try CLIRunner.run(["validate", file.path])
        #expect(result.status == 1)
        #expect(result.stdout.contains("\(file.path): clauses[\(index)].parameters.hours: error: clause 'breach-notification' parameter 'hours' is 500 hours, above its maximum 48 hours"))
        let json = try CLIRunner.run(["validate", file.path, "--format", "json"])
        #expect(json.status == 1)
        let report = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        #expect((report["errors"] as? Int ?? 0) >= 1)
        let findings = try #require(report["findings"] as? [[String: Any]])
        #expect(findings.contains { $0["code"] as? String == "clause.parameter-out-of-bounds" && $0["path"] as? String == "clauses[\(index)].parameters.hours" })
    }

    @Test func aDirectoryUTF16OrEmptyFileExitsTwoWithAPlainMessage() throws {
        let directory = try CLIRunner.temporaryDirectory()
        let folder = try CLIRunner.run(["validate", directory.path])
        #expect(folder.status == 2 && folder.stderr == "error: cannot read '\(directory.path)': it is a directory; give a file\n")
        let utf16 = directory.appendingPathComponent("utf16.json")
        try Data([0xFF, 0xFE] + Array("{}".utf16).flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }).write(to: utf16)
        #expect(try CLIRunner.run(["validate", utf16.path]).stderr.contains("the file is UTF-16 text; save it as UTF-8"))
        let empty = directory.appendingPathComponent("empty.json")
        try Data().write(to: empty)
        #expect(try CLIRunner.run(["validate", empty.path]).stderr.contains("the file is empty"))
        let intoFolder = try CLIRunner.run(["render", CLIRunner.example("minimal.json"), "-o", directory.path])
        #expect(intoFolder.status == 2 && intoFolder.stderr.contains("it is a directory"))
    }

    @Test func aMissingFileExitsTwo() throws {
        let result = try CLIRunner.run(["render", "/nonexistent/agreement.json"])
        #expect(result.status == 2)
        #expect(result.stderr == "error: cannot read '/nonexistent/agreement.json': no such file\n")
    }

    @Test func renderWritesTheAgreementAndTheConsumerSummary() throws {
        let directory = try CLIRunner.temporaryDirectory()
        let agreement = directory.appendingPathComponent("a.html").path
        let summary = directory.appendingPathComponent("s.html").path
        #expect(try CLIRunner.run(["render", CLIRunner.example("full-scenario.json"), "-o", agreement]).status == 0)
        #expect(try CLIRunner.run(["render", CLIRunner.example("full-scenario.json"), "--consumer-summary", "-o", summary]).status == 0)
        let html = try String(contentsOfFile: agreement, encoding: .utf8)
        #expect(html.hasPrefix("<!DOCTYPE html>"))
        #expect(html.contains("id=\"annex-5\""))
        #expect(try String(contentsOfFile: summary, encoding: .utf8).contains("id=\"agent-script\""))
        let piped = try CLIRunner.run(["render", "-"], stdin: try Data(contentsOf: URL(fileURLWithPath: CLIRunner.example("minimal.json"))))
        #expect(piped.status == 0 && piped.stdout.contains("</html>"))
    }

    @Test func theLibraryIsFoundFromAnyWorkingDirectory() throws {
        let elsewhere = try CLIRunner.temporaryDirectory()
        let list = try CLIRunner.run(["clauses", "list"], in: elsewhere)
        #expect(list.status == 0, "\(list.stderr)")
        #expect(list.stdout.contains("breach-notification"))
        let show = try CLIRunner.run(["clauses", "show", "breach-notification"], in: elsewhere)
        #expect(show.stdout.contains("parameter hours:"))
        #expect(show.stdout.contains("variant balanced (balanced)"))
        let lint = try CLIRunner.run(["clauses", "lint"], in: elsewhere)
        #expect(lint.status == 0 && lint.stdout.hasPrefix("ok: "))
    }

    @Test func lintPassesOnTheShippedLibraryAndFailsOnAStaleCountryEntry() throws {
        let shipped = try CLIRunner.run(["clauses", "lint", "--as-of", "2026-11-30"])
        #expect(shipped.status == 0 && shipped.stdout.hasPrefix("ok: "), "\(shipped.stderr)")
        let copy = try CLIRunner.temporaryDirectory().appendingPathComponent("clauses")
        try FileManager.default.copyItem(at: CLIRunner.repositoryRoot.appendingPathComponent("clauses"), to: copy)
        let countries = copy.appendingPathComponent("catalogues/countries.txt")
        let text = try String(contentsOf: countries, encoding: .utf8)
        let stale = text.replacingOccurrences(of: "verified: 2026-11-29\nsource: Commission Decision 2010/625/EU", with: "verified: 2025-06-01\nsource: Commission Decision 2010/625/EU")
        #expect(stale != text)
        try Data(stale.utf8).write(to: countries)
        let lint = try CLIRunner.run(["clauses", "lint", "--clauses", copy.path, "--as-of", "2026-11-30"])
        #expect(lint.status == 1)
        #expect(lint.stderr.contains("country 'AD' (Andorra) was last verified on 2025-06-01, more than 12 months ago"))
    }

    @Test func anUnknownClauseIdExitsTwo() throws {
        let result = try CLIRunner.run(["clauses", "show", "breach-notice"])
        #expect(result.status == 2)
        #expect(result.stderr == "error: unknown clause 'breach-notice'; 'tripact clauses list' shows the library\n")
    }

    @Test func aBrokenLibraryGivenByFlagOrEnvironmentIsReportedWithFileAndLine() throws {
        let copy = try CLIRunner.temporaryDirectory().appendingPathComponent("clauses")
        try FileManager.default.copyItem(at: CLIRunner.repositoryRoot.appendingPathComponent("clauses"), to: copy)
        let audits = copy.appendingPathComponent("audits.clause")
        let text = try String(contentsOf: audits, encoding: .utf8).replacingOccurrences(of: "negotiable: yes", with: "negotiable: perhaps")
        try Data(text.utf8).write(to: audits)
        let line = text.components(separatedBy: "\n").firstIndex { $0.hasPrefix("negotiable:") }! + 1
        let byFlag = try CLIRunner.run(["clauses", "lint", "--clauses", copy.path])
        #expect(byFlag.status == 2)
        #expect(byFlag.stderr.contains("\(copy.path)/audits.clause:\(line): 'negotiable' must be yes or no, found 'perhaps'"))
        let byEnvironment = try CLIRunner.run(["validate", CLIRunner.example("minimal.json")], environment: ["TRIPACT_CLAUSES": copy.path])
        #expect(byEnvironment.status == 2)
        #expect(byEnvironment.stderr.contains("audits.clause:\(line)"))
        let missing = try CLIRunner.run(["clauses", "list", "--clauses", "/nonexistent"])
        #expect(missing.status == 2 && missing.stderr.contains("'/nonexistent' (from --clauses) does not exist"))
    }

    @Test func helpDocumentsTheExitCodes() throws {
        let result = try CLIRunner.run(["validate", "--help"])
        #expect(result.status == 0)
        #expect(result.stdout.contains("1 errors found; 2 unusable input"))
        #expect(try CLIRunner.run(["frobnicate"]).status == 64)
    }

    @Test func serveTakesTheTLSCertificateAndKeyTogether() throws {
        let folder = try CLIRunner.temporaryDirectory()
        let certificate = folder.appendingPathComponent("cert.pem").path
        try Data("not a certificate".utf8).write(to: URL(fileURLWithPath: certificate))
        let alone = try CLIRunner.run(["serve", "--tls-certificate", certificate, "--db", folder.appendingPathComponent("t.sqlite").path])
        #expect(alone.status == 64 && alone.stderr.contains("--tls-certificate and --tls-key go together"))
        let missing = try CLIRunner.run(["serve", "--tls-certificate", certificate, "--tls-key", "/nonexistent/key.pem"])
        #expect(missing.status == 64 && missing.stderr.contains("--tls-key '/nonexistent/key.pem' is not a readable file"))
        let unreadable = try CLIRunner.run(["serve", "--tls-certificate", certificate, "--tls-key", certificate, "--db", folder.appendingPathComponent("t.sqlite").path])
        #expect(unreadable.status == 2 && unreadable.stderr.contains("cannot read the certificate '\(certificate)' as PEM"))
    }
}

/// The library cache: an unchanged library is neither parsed nor linted again on every command, a damaged archive is
/// made anew, and any change to the library is linted again.
@Suite struct LibraryCacheCLITests {
    @Test func aLibraryThatPassedIsKeptAndAChangedOneIsLintedAgain() throws {
        let root = try CLIRunner.temporaryDirectory()
        let cache = root.appendingPathComponent("cache")
        let copy = root.appendingPathComponent("clauses")
        try FileManager.default.copyItem(at: CLIRunner.repositoryRoot.appendingPathComponent("clauses"), to: copy)
        func archives() throws -> [String] {
            ((try? FileManager.default.contentsOfDirectory(atPath: cache.path)) ?? []).filter { $0.hasPrefix("library-") }
        }
        let arguments = ["validate", CLIRunner.example("minimal.json"), "--clauses", copy.path]
        let first = try CLIRunner.run(arguments, environment: ["TRIPACT_CACHE": cache.path])
        #expect(first.status == 0, "\(first.stderr)")
        #expect(try archives().count == 1)
        let archive = cache.appendingPathComponent(try archives()[0])
        let kept = try Data(contentsOf: archive)
        let second = try CLIRunner.run(arguments, environment: ["TRIPACT_CACHE": cache.path])
        #expect(second.status == 0 && second.stdout == first.stdout)
        #expect(try archives().count == 1)

        // A damaged archive is not read: the library is parsed again and the archive written anew.
        try Data("damaged".utf8).write(to: archive)
        let afterDamage = try CLIRunner.run(arguments, environment: ["TRIPACT_CACHE": cache.path])
        #expect(afterDamage.status == 0 && afterDamage.stdout == first.stdout, "\(afterDamage.stderr)")
        #expect(try Data(contentsOf: archive) == kept)

        // A problem only the checks across files find: two clauses with one order number.
        let audits = copy.appendingPathComponent("audits.clause")
        let order = try String(contentsOf: copy.appendingPathComponent("breach-notification.clause"), encoding: .utf8)
            .components(separatedBy: "\n").first { $0.hasPrefix("order:") }!
        let text = try String(contentsOf: audits, encoding: .utf8)
        let broken = text.components(separatedBy: "\n").map { $0.hasPrefix("order:") ? order : $0 }.joined(separator: "\n")
        #expect(broken != text)
        try Data(broken.utf8).write(to: audits)
        let refused = try CLIRunner.run(arguments, environment: ["TRIPACT_CACHE": cache.path])
        #expect(refused.status == 2)
        #expect(refused.stderr.contains("is also used by clause"), "\(refused.stderr)")
        #expect(try archives().count == 1)
    }
}
